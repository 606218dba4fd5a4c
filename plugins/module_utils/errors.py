# -*- coding: utf-8 -*-
# Copyright (c) 2026, otc.dms contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The two ways a run ends early, shared by every layer (no Ansible, no SDK).

``Refusal``: the input or the cloud's state rules the task out; one readable line.
``ApiError``: the cloud answered an error; the line names the step that failed, and
``error`` carries ``status_code``, ``code``, ``message`` and ``request_id``.

Both carry ``results``: what the module reports beside the failure (say, the topics
already created when the fourth creation failed). The module base turns either into
Ansible's failure result.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import contextlib

# The gateway's answer once T Cloud Public retired the v1 queue API (2022).
RETIRED_QUEUE_SERVICE_CODE = "APIGW.0201"
# DMS answers flow control with a 404 of its own ("the request is too frequent").
THROTTLED_CODES = ("DMS.10240407",)


class DmsError(Exception):
    """A run that cannot go on; ``results`` are reported with the failure."""

    def __init__(self, msg, **results):
        super(DmsError, self).__init__(msg)
        self.results = results

    @property
    def msg(self):
        return str(self)


class Refusal(DmsError):
    """Refused before (or instead of) a write: bad input, a limit, a state that rules it out."""


class ApiError(DmsError):
    """An error answer of the cloud (or no answer at all), for the step named by ``step``."""

    def __init__(self, status_code=None, code=None, message=None, request_id=None, step=None):
        self.status_code = status_code
        self.code = code
        self.message = message
        self.request_id = request_id
        self.step = step
        super(ApiError, self).__init__('', error=self.error)

    @property
    def error(self):
        return dict(status_code=self.status_code, code=self.code, message=self.message,
                    request_id=self.request_id)

    @property
    def missing(self):
        """The resource does not exist (a 404 that is not DMS's flow control)."""
        return self.status_code == 404 and self.code not in THROTTLED_CODES

    def __str__(self):
        step = self.step or 'talk to the cloud'
        if self.code == RETIRED_QUEUE_SERVICE_CODE:
            return ('Failed to %s: the DMS queue service is not available in this cloud: T Cloud '
                    'Public retired the v1 queue API in 2022 (the gateway answered %s). Kafka '
                    'instances (otc.dms.dms_instance) are the supported replacement.'
                    % (step, self.code))
        text = ' '.join(part for part in (self.code, self.message) if part)
        if self.status_code:
            text += ' (HTTP %s)' % self.status_code
        return 'Failed to %s: %s' % (step, text or 'no answer')


class MissingLibrary(DmsError):
    """A Python library the modules need is not installed (or too old) where they run."""

    def __init__(self, msg, library=None, traceback=None):
        super(MissingLibrary, self).__init__(msg)
        self.library = library
        self.traceback = traceback


@contextlib.contextmanager
def step(what):
    """Name the step of every API error raised inside (an inner, more precise name wins)."""
    try:
        yield
    except ApiError as exc:
        if exc.step is None:
            exc.step = what
        raise


def one_line(text):
    """A message as one line: a line break inside a value is shown as \\n."""
    return text.replace('\r', '\\r').replace('\n', '\\n')

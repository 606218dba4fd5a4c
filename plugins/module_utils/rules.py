# -*- coding: utf-8 -*-
# Copyright (c) 2026, otc.dms contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Validation rules as data (patterns, ranges, pairs), checked before any request.

Each check returns a list of problems, one readable line each; ``where`` is the path of
the entry in the task (``topics[1].``, ``queue_setup_queues[0].``) so a problem in a list
names its entry. The kinds hold their rules beside their fields; modules, set mode and the
roles' checks all read the same ones.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import re

from ansible_collections.otc.dms.plugins.module_utils.errors import Refusal


class Pattern(object):
    """A name rule: a regular expression and how to say it in a message."""

    def __init__(self, regex, says):
        self.regex = re.compile(regex)
        self.says = says

    def matches(self, value):
        return isinstance(value, str) and bool(self.regex.match(value))

    def problems(self, value, where='', option='name'):
        if self.matches(value):
            return []
        return ["%s%s '%s' is invalid: %s." % (where, option, value, self.says)]


def range_problems(settings, ranges, where='', about=''):
    """A problem for each setting outside its (low, high) range; unset settings pass."""
    found = []
    for option in sorted(ranges):
        low, high = ranges[option]
        value = settings.get(option)
        if value is not None and not low <= value <= high:
            found.append('%s%s%s must be %d to %d, got %s.' % (where, option, about, low, high, value))
    return found


def repeat_problems(names, where_of, kind):
    """A problem for each name listed twice; ``where_of(index)`` is the entry's path."""
    first, found = {}, []
    for index, name in enumerate(names):
        if name in first:
            found.append("%s '%s' repeats %s: list each %s once."
                         % (where_of(index), name, where_of(first[name]), kind))
        else:
            first[name] = index
    return found


def text_problems(value, option, where='', max_length=None, forbidden=''):
    """Too long, or holding characters the API refuses."""
    if value is None:
        return []
    if max_length is not None and len(value) > max_length:
        return ['%s%s is too long: at most %d characters, got %d.'
                % (where, option, max_length, len(value))]
    bad = [c for c in forbidden if c in value]
    if bad:
        return ["%s%s '%s' must not contain %s." % (where, option, value, ' or '.join(forbidden))]
    return []


def purge_problems(params, key):
    """``purge`` goes with the set option ``key`` (None: any mode) and state present only."""
    if not params.get('purge'):
        return []
    if key is not None and params.get(key) is None:
        return ['purge is only valid with %s.' % key]
    if params.get('state') == 'absent':
        return ['purge is only valid with state: present.']
    return []


def refuse(problems):
    """Raise one Refusal naming every problem, if there is any."""
    if problems:
        raise Refusal(' '.join(problems))

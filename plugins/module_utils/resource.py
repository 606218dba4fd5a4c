# -*- coding: utf-8 -*-
# Copyright (c) 2026, otc.dms contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The converge engine: find -> compare -> create/update/delete, and waits.

Check mode and diff mode come from the same plan as the real run: the plan
is computed from what exists and what is wanted, then either only reported
(check mode) or carried out.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import time


class Resource(object):
    """What the engine needs to know about one kind of resource.

    Subclasses set ``kind`` (for messages), ``label`` (the resource's name as
    the user wrote it), ``immutable`` (fields that cannot change in place) and
    ``immutable_hint`` (what the user can do instead), and implement the
    callables. Views are plain dicts of the result's whitelisted fields.
    """

    kind = 'resource'
    immutable = ()
    immutable_hint = ''

    def __init__(self, module, label):
        self.module = module
        self.label = label

    def find(self):
        """The current view, or None when it does not exist."""
        raise NotImplementedError

    def predict(self, current, changes):
        """The view that creating (current is None) or updating would produce."""
        view = dict(current or {})
        view.update(changes)
        return view

    def create(self, wanted):
        raise NotImplementedError

    def update(self, current, changes):
        raise NotImplementedError('%s cannot be updated' % self.kind)

    def compare(self, current, wanted):
        """The wanted changes to ``current`` (override to compare fields specially)."""
        return differences(current, wanted)

    def check_create(self, wanted):
        """Refuse a creation before anything is written (for example a limit)."""

    def check_delete(self, current):
        """Refuse a deletion before anything is written (for example data loss)."""

    def delete(self, current):
        raise NotImplementedError


def differences(current, wanted):
    """Fields set in ``wanted`` (not None) whose value differs from ``current``."""
    return dict((field, value) for field, value in wanted.items()
                if value is not None and current.get(field) != value)


def _show(value):
    if isinstance(value, bool):
        return 'true' if value else 'false'
    if isinstance(value, str):
        return "'%s'" % value
    return 'unset' if value is None else str(value)


def immutable_message(resource, current, refused, hint=True):
    """The refusal naming each field with its current and wanted value (and the hint)."""
    details = ', '.join('%s is %s (wanted %s)' % (field, _show(current.get(field)), _show(value))
                        for field, value in sorted(refused.items()))
    text = "Cannot change %s '%s' in place: %s." % (resource.kind, resource.label, details)
    if hint and resource.immutable_hint:
        text += ' ' + resource.immutable_hint
    return text


class Plan(object):
    """What converging would do: ``action`` is none, create, update or delete."""

    def __init__(self, action, before, after, changes=None):
        self.action = action
        self.before = before
        self.after = after
        self.changes = changes or {}

    @property
    def changed(self):
        return self.action != 'none'


def plan(resource, state, wanted):
    """Compare what exists with what is wanted; fail on immutable differences."""
    current = resource.find()
    if state == 'absent':
        if current is None:
            return Plan('none', None, None)
        resource.check_delete(current)
        return Plan('delete', current, None)
    if current is None:
        changes = dict((k, v) for k, v in wanted.items() if v is not None)
        resource.check_create(changes)
        return Plan('create', None, resource.predict(None, changes), changes)
    changes = resource.compare(current, wanted)
    refused = dict((k, v) for k, v in changes.items() if k in resource.immutable)
    if refused:
        resource.module.fail(immutable_message(resource, current, refused),
                             **{'diff': dict(before=current, after=resource.predict(current, changes))})
    if not changes:
        return Plan('none', current, current)
    return Plan('update', current, resource.predict(current, changes), changes)


def converge(resource, state, wanted, result_key):
    """Plan, then carry the plan out unless in check mode; fill the module's results."""
    module = resource.module
    the_plan = plan(resource, state, wanted)
    after = the_plan.after
    if not module.check_mode:
        if the_plan.action == 'create':
            after = resource.create(the_plan.changes)
        elif the_plan.action == 'update':
            after = resource.update(the_plan.before, the_plan.changes)
        elif the_plan.action == 'delete':
            resource.delete(the_plan.before)
    module.results['changed'] = the_plan.changed
    module.results[result_key] = the_plan.before if state == 'absent' else after
    if module.ansible._diff:
        module.results['diff'] = dict(before=the_plan.before or {}, after=after or {})
    return the_plan


def wait_for(module, what, fetch, status_of, done, failed=(), timeout=180,
             first_delay=1.0, max_delay=15.0, sleep=time.sleep, clock=time.monotonic):
    """Poll ``fetch()`` with backoff until ``status_of(item)`` is in ``done``.

    ``done`` may contain None to mean "gone" (``fetch`` returned None). Fails
    the module on a status in ``failed`` or when ``timeout`` seconds pass,
    naming the last status seen.
    """
    deadline = clock() + timeout
    delay = first_delay
    last = None
    while True:
        item = fetch()
        last = None if item is None else status_of(item)
        if last in done:
            return item
        if last in failed:
            module.fail('%s failed: status %s.' % (what, last))
        remaining = deadline - clock()
        if remaining <= 0:
            module.fail('Timed out after %d seconds waiting for %s; last status seen: %s.'
                        % (timeout, what, last if last is not None else 'gone'))
        sleep(min(delay, remaining))
        delay = min(delay * 1.5, max_delay)

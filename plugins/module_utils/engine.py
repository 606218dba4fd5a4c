# -*- coding: utf-8 -*-
# Copyright (c) 2026, otc.dms contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The converge engine: plan, plan a set, execute; and waits. It imports nothing from Ansible.

A plan is computed from what exists and what is wanted, then either only reported
(check mode) or carried out, so check mode, diff mode and the immutable-field refusal
all come from the same plan as the real run.

- One resource (``Resource``, ``converge``): find -> compare -> create, update or delete.
- A declared set of the members of one parent (``ResourceSet``, ``converge_set``): one
  listing, every entry planned (and every refusal found) before the first write, optional
  purge of the members the set does not declare; one entry without purge is the single
  mode of the same modules.

What a task asks (check mode, wait, timeout) comes in as a ``Run``; what happened comes out
as an ``Outcome``. Refusals and API errors are raised (``errors``), never reported here.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import time

from ansible_collections.otc.dms.plugins.module_utils.errors import ApiError, DmsError, Refusal, step
from ansible_collections.otc.dms.plugins.module_utils.values import UUID_RE, show


class Run(object):
    """What one task asks of the engine: check mode, waiting, and where warnings go."""

    def __init__(self, check_mode=False, wait=True, timeout=180):
        self.check_mode = check_mode
        self.wait = wait
        self.timeout = timeout
        self.warnings = []

    def warn(self, text):
        self.warnings.append(text)


def differences(current, wanted):
    """Fields set in ``wanted`` (not None) whose value differs from ``current``."""
    return dict((field, value) for field, value in wanted.items()
                if value is not None and current.get(field) != value)


def settings_of(wanted):
    """The fields a creation sends: those the user set."""
    return dict((k, v) for k, v in wanted.items() if v is not None)


def immutable_message(kind, label, current, refused, hint=''):
    """The refusal naming each field with its current and wanted value (and the hint)."""
    details = ', '.join('%s is %s (wanted %s)' % (field, show(current.get(field)), show(value))
                        for field, value in sorted(refused.items()))
    text = "Cannot change %s '%s' in place: %s." % (kind, label, details)
    return text + ' ' + hint if hint else text


def warn_lost_answer(run, action, what, exc, now):
    """Warn that the cloud answered the ``action`` of ``what`` with ``exc`` (an ApiError; None
    for a refusal) although ``now`` shows it done: the answer was lost after the cloud acted."""
    answer = ('a refusal' if exc is None
              else 'an error (%s)' % (exc.code or 'HTTP %s' % exc.status_code))
    run.warn('The cloud answered the %s of %s with %s, but %s now: the answer was lost after the '
             'cloud acted.' % (action, what, answer, now))


def create_once(run, what, create, find_again):
    """Run ``create()``; when it fails, look again before giving up.

    The answer to a create can be lost after the cloud acted (a time-out, or a 5xx that
    keystoneauth then retried into "already exists"). If ``find_again()`` now finds the
    resource, that is the result (with a warning), so a retry never fails or leaves a
    duplicate.
    """
    try:
        return create()
    except ApiError as exc:
        with step('look for %s after its creation failed' % what):
            found = find_again()
        if found is None:
            if exc.step is None:
                exc.step = 'create %s' % what
            raise
        warn_lost_answer(run, 'creation', what, exc, 'it exists')
        return found


class Outcome(object):
    """What converging did (or, in check mode, would do)."""

    def __init__(self, changed, before, after):
        self.changed = changed
        self.before = before
        self.after = after

    def result(self, key, absent=False):
        """The module result: ``changed``, the resource under ``key``, and the diff."""
        return {'changed': self.changed, key: self.before if absent else self.after,
                'diff': dict(before=self.before or {}, after=self.after or {})}


# -- parents ----------------------------------------------------------------------------------

class ParentRef(object):
    """A parent resource (a queue, a Kafka instance) as the user named it.

    ``id`` is known at once when the user gave an id; ``view`` is the parent's result
    view once it has been read (a name costs that read, an id does not).
    """

    def __init__(self, label, parent_id, view=None):
        self.label = label
        self.id = parent_id
        self.view = view

    @property
    def name(self):
        return self.view['name'] if self.view is not None else None


def parent_ref(name_or_id, find, make=ParentRef):
    """Resolve a parent given by name or id; None when no parent has that name.

    An id is taken as it is, with no request (the child call answers 404 when it is
    unknown); a name costs ``find(name)``, which returns the view or None.
    """
    if UUID_RE.match(name_or_id):
        return make(name_or_id, name_or_id.lower())
    found = find(name_or_id)
    return None if found is None else make(name_or_id, found['id'], found)


# -- one resource -----------------------------------------------------------------------------

class Resource(object):
    """What the engine needs to know about one resource of a kind.

    Subclasses set ``kind`` (for messages), ``immutable`` (fields that cannot change in
    place) and ``immutable_hint`` (what the user can do instead), and implement the
    callables. Views are plain dicts of the result's whitelisted fields.
    """

    kind = 'resource'
    immutable = ()
    immutable_hint = ''

    def __init__(self, client, run, label):
        self.client = client
        self.run = run
        self.label = label

    def find(self):
        """The current view, or None when it does not exist."""
        raise NotImplementedError

    def predict(self, current, changes):
        """The view that creating (current is None) or updating would produce."""
        view = dict(current or {})
        view.update(changes)
        return view

    def compare(self, current, wanted):
        """The wanted changes to ``current`` (override to compare fields specially)."""
        return differences(current, wanted)

    def check_create(self, wanted):
        """Refuse a creation before anything is written (for example a limit)."""

    def check_delete(self, current):
        """Refuse a deletion before anything is written (for example data loss)."""

    def create(self, wanted):
        raise NotImplementedError

    def update(self, current, changes):
        raise NotImplementedError('%s cannot be updated' % self.kind)

    def delete(self, current):
        raise NotImplementedError


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


def refuse_immutable(resource, current, changes):
    refused = dict((k, v) for k, v in changes.items() if k in resource.immutable)
    if refused:
        raise Refusal(immutable_message(resource.kind, resource.label, current, refused,
                                        resource.immutable_hint),
                      diff=dict(before=current, after=resource.predict(current, changes)))


def plan(resource, state, wanted):
    """Compare what exists with what is wanted; refuse immutable differences."""
    current = resource.find()
    if state == 'absent':
        if current is None:
            return Plan('none', None, None)
        resource.check_delete(current)
        return Plan('delete', current, None)
    if current is None:
        changes = settings_of(wanted)
        resource.check_create(changes)
        return Plan('create', None, resource.predict(None, changes), changes)
    changes = resource.compare(current, wanted)
    refuse_immutable(resource, current, changes)
    if not changes:
        return Plan('none', current, current)
    return Plan('update', current, resource.predict(current, changes), changes)


def execute(resource, the_plan):
    """Carry the plan out (not in check mode); returns the view after."""
    if resource.run.check_mode:
        return the_plan.after
    if the_plan.action == 'create':
        return resource.create(the_plan.changes)
    if the_plan.action == 'update':
        return resource.update(the_plan.before, the_plan.changes)
    if the_plan.action == 'delete':
        resource.delete(the_plan.before)
    return the_plan.after


def converge(resource, state, wanted):
    """Plan, then carry the plan out unless in check mode."""
    the_plan = plan(resource, state, wanted)
    return Outcome(the_plan.changed, the_plan.before, execute(resource, the_plan))


# -- a declared set of members of one parent ---------------------------------------------------

class ResourceSet(object):
    """The members of one parent (the topics of an instance, the groups of a queue...).

    Subclasses set ``kind``, ``immutable`` and ``immutable_hint`` as for ``Resource`` and
    implement ``list`` and the writes. Members are matched by ``find`` (name, or id where
    the kind allows it); views are plain dicts.
    """

    kind = 'resource'
    key = 'resources'  # the result key of the whole set (topics, groups, queues)
    immutable = ()
    immutable_hint = ''
    reports_updates = False  # the set result lists the members changed in place (``updated``)

    def __init__(self, client, run):
        self.client = client
        self.run = run

    def list(self):
        """Every member's view, or None when the parent does not exist."""
        raise NotImplementedError

    def missing_parent(self, state):
        """The members to plan against when the parent is missing (None: nothing to do).

        A missing parent is nothing to do for state=absent. Check mode plans state=present
        against a parent an earlier task of the play would create: it has no members yet. A real
        run refuses it.
        """
        if state == 'absent':
            return None
        if self.run.check_mode:
            return []
        raise Refusal('%s does not exist.' % self.describe_parent())

    def describe_parent(self):
        raise NotImplementedError

    @staticmethod
    def find(members, name):
        matches = [m for m in members if m.get('name') == name]
        return matches[0] if matches else None

    def predict(self, name, settings):
        """The view of a member created with ``settings``."""
        return dict(settings, name=name)

    def updated(self, current, changes):
        view = dict(current)
        view.update(changes)
        return view

    def compare(self, current, wanted):
        return differences(current, wanted)

    def purgeable(self, member):
        """Whether ``purge`` may delete this member (by default every member may go)."""
        return True

    def refused(self, current, changes):
        """The changes that cannot be made in place (by default: those of ``immutable``)."""
        return dict((k, v) for k, v in changes.items() if k in self.immutable)

    def check(self, set_plan):
        """Refuse the plan before any write (a limit, a budget, the parent's state)."""

    def create(self, name, settings):
        raise NotImplementedError

    def update(self, current, changes):
        raise NotImplementedError('a %s cannot be updated' % self.kind)

    def update_all(self, updates):
        """Carry out ``updates`` ([(current, changes)]); override where one request serves all.

        Returns the names updated (those before a failure, when one is raised)."""
        for current, changes in updates:
            self.update(current, changes)
            yield current.get('name')

    def delete(self, members):
        """Delete ``members`` (views), in as few requests as the API allows."""
        raise NotImplementedError

    def sort_key(self, view):
        return view.get('name') or ''


class SetPlan(object):
    """What converging a set would do, member by member."""

    def __init__(self, before, creates=(), updates=(), deletes=(), after=None):
        self.before = before
        self.creates = list(creates)   # (name, settings)
        self.updates = list(updates)   # (current view, changes)
        self.deletes = list(deletes)   # current views
        self.after = after

    @property
    def changed(self):
        return bool(self.creates or self.updates or self.deletes)


def plan_set(members_set, state, entries, purge=False):
    """Plan ``entries`` ({name, ...settings}) against the members that exist.

    state=absent deletes the listed members that exist; state=present creates the
    missing ones, updates what may change in place and refuses (all at once, before
    anything is written) what may not; ``purge`` also deletes the members not listed.
    Returns None when there is nothing to plan against (an absent parent, state=absent).
    """
    members = members_set.list()
    if members is None:
        members = members_set.missing_parent(state)
        if members is None:
            return None
    names = [entry['name'] for entry in entries]
    if state == 'absent':
        deletes = [m for m in (members_set.find(members, name) for name in names) if m is not None]
        the_plan = SetPlan(members, deletes=_unique(deletes))
    else:
        creates, updates, refusals = [], [], []
        for entry in entries:
            wanted = dict((k, v) for k, v in entry.items() if k != 'name')
            current = members_set.find(members, entry['name'])
            if current is None:
                creates.append((entry['name'], settings_of(wanted)))
                continue
            changes = members_set.compare(current, wanted)
            refused = members_set.refused(current, changes)
            if refused:
                refusals.append((current, refused, changes))
            elif changes:
                updates.append((current, changes))
        kept = [members_set.find(members, name) for name in names]
        deletes = sorted_views(members_set, [m for m in members
                                             if purge and not any(m is k for k in kept)
                                             and members_set.purgeable(m)])
        the_plan = SetPlan(members, creates, updates, deletes)
        if refusals:
            _refuse_set(members_set, the_plan, refusals)
    the_plan.after = predicted_after(members_set, the_plan)
    members_set.check(the_plan)
    return the_plan


def _unique(views):
    seen, unique = [], []
    for view in views:
        if not any(view is s for s in seen):
            seen.append(view)
            unique.append(view)
    return unique


def predicted_after(members_set, the_plan):
    changes = dict((id(current), changes) for current, changes in the_plan.updates)
    after = [members_set.updated(m, changes[id(m)]) if id(m) in changes else m
             for m in the_plan.before if not any(m is d for d in the_plan.deletes)]
    after += [members_set.predict(name, settings) for name, settings in the_plan.creates]
    return after


def _refuse_set(members_set, the_plan, refusals):
    text = ' '.join(immutable_message(members_set.kind, current.get('name'), current, refused)
                    for current, refused, _changes in refusals)
    if members_set.immutable_hint:
        text += ' ' + members_set.immutable_hint
    the_plan.updates += [(current, changes) for current, _refused, changes in refusals]
    after = predicted_after(members_set, the_plan)
    raise Refusal(text, diff={'before': {members_set.key: sorted_views(members_set, the_plan.before)},
                              'after': {members_set.key: sorted_views(members_set, after)}})


def sorted_views(members_set, views):
    return sorted(views, key=members_set.sort_key)


class SetOutcome(object):
    """What converging a set did: the members before and after, and the names touched."""

    def __init__(self, changed=False, before=(), after=(), created=(), updated=(), deleted=()):
        self.changed = changed
        self.before = list(before)
        self.after = list(after)
        self.created = list(created)
        self.updated = list(updated)
        self.deleted = list(deleted)

    def result(self, members_set):
        key = members_set.key
        result = {'changed': self.changed, key: self.after, 'created': self.created,
                  'deleted': self.deleted,
                  'diff': {'before': {key: sorted_views(members_set, self.before)},
                           'after': {key: sorted_views(members_set, self.after)}}}
        if members_set.reports_updates:
            result['updated'] = self.updated
        return result


def execute_set(members_set, the_plan):
    """Carry a set plan out: deletions first (they free what creations may need), then
    updates and creations. A failure half way reports what was done."""
    done = SetOutcome(the_plan.changed, the_plan.before, the_plan.after)
    if members_set.run.check_mode or not the_plan.changed:
        done.created = [name for name, _settings in the_plan.creates]
        done.updated = [current.get('name') for current, _changes in the_plan.updates]
        done.deleted = [view.get('name') for view in the_plan.deletes]
        return done
    written = False
    try:
        if the_plan.deletes:
            members_set.delete(the_plan.deletes)
            written = True
            done.deleted = [view.get('name') for view in the_plan.deletes]
        for name in members_set.update_all(the_plan.updates):
            written = True
            done.updated.append(name)
        for name, settings in the_plan.creates:
            members_set.create(name, settings)
            written = True
            done.created.append(name)
    except DmsError as exc:
        exc.results.setdefault('changed', written)
        exc.results['changed'] = exc.results['changed'] or written
        exc.results.update(created=done.created, updated=done.updated, deleted=done.deleted)
        raise
    if the_plan.creates or the_plan.updates:  # after deletions alone, the prediction is exact
        fresh = members_set.list()
        if fresh is not None:
            done.after = fresh
    return done


def converge_set(members_set, state, entries, purge=False):
    """Plan the set, then carry it out unless in check mode; None: nothing to plan against."""
    the_plan = plan_set(members_set, state, entries, purge)
    if the_plan is None:
        return SetOutcome()
    return execute_set(members_set, the_plan)


def converge_member(members_set, state, entry):
    """One member of a set (the single mode of a set module): an ``Outcome``.

    What the set engine reports about the whole set is narrowed to this member.
    """
    name = entry['name']
    try:
        the_plan = plan_set(members_set, state, [entry])
        if the_plan is None:
            return Outcome(False, None, None)
        before = members_set.find(the_plan.before, name)
        done = execute_set(members_set, the_plan)
    except DmsError as exc:
        for key in ('created', 'updated', 'deleted'):
            exc.results.pop(key, None)
        diff = exc.results.get('diff')
        if diff is not None:
            exc.results['diff'] = dict(
                (side, members_set.find(diff[side][members_set.key], name) or {})
                for side in ('before', 'after'))
        raise
    if state == 'absent':
        return Outcome(done.changed, before, None)
    if before is not None:
        name = before['name']
    return Outcome(done.changed, before, members_set.find(done.after, name)
                   or members_set.find(the_plan.after, name))


# -- waits ------------------------------------------------------------------------------------

def wait_for(what, fetch, status_of, done, failed=(), timeout=180,
             first_delay=1.0, max_delay=15.0, sleep=time.sleep, clock=time.monotonic):
    """Poll ``fetch()`` with backoff until ``status_of(item)`` is in ``done``.

    ``done`` may contain None to mean "gone" (``fetch`` returned None). Refuses on a
    status in ``failed`` or when ``timeout`` seconds pass, naming the last status seen.
    """
    deadline = clock() + timeout
    delay = first_delay
    while True:
        item = fetch()
        last = None if item is None else status_of(item)
        if last in done:
            return item
        if last in failed:
            raise Refusal('%s failed: status %s.' % (what, last))
        remaining = deadline - clock()
        if remaining <= 0:
            raise Refusal('Timed out after %d seconds waiting for %s; last status seen: %s.'
                          % (timeout, what, last if last is not None else 'gone'))
        sleep(min(delay, remaining))
        delay = min(delay * 1.5, max_delay)

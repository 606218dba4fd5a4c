# -*- coding: utf-8 -*-
# Copyright (c) 2026, otc.dms contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Topic permissions of a Kafka instance (who may publish to and subscribe to which topic).

API reference: "API V2 (recommended)" > User Management: granting user permissions, querying
user permissions (served on ``/v1/{project_id}``). A grant replaces the whole policy list of
each topic it names, so every write is computed from a fresh read: the topic's list as it is,
changed by what the task declares, written once for all topics of the task.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.otc.dms.plugins.module_utils import parent, rules, topic, user
from ansible_collections.otc.dms.plugins.module_utils.engine import warn_lost_answer
from ansible_collections.otc.dms.plugins.module_utils.errors import ApiError, Refusal, step
from ansible_collections.otc.dms.plugins.module_utils.values import as_bool, plural, quoted

ACCESS = ('all', 'pub', 'sub')
UNKNOWN_TOPIC = 'DMS.00400975'


def entry_options():
    """The argument spec of one permission ({user, access})."""
    return dict(user=dict(type='str', required=True),
                access=dict(type='str', choices=list(ACCESS)))


def entry_problems(entries, state, where):
    found = []
    for index, entry in enumerate(entries):
        path = '%s[%d].' % (where, index)
        found += user.NAME.problems(entry['user'], path, 'user')
        if state == 'present' and entry.get('access') is None:
            found.append('%saccess is required with state: present (one of %s).'
                         % (path, ', '.join(ACCESS)))
    return found + rules.repeat_problems([e['user'] for e in entries],
                                         lambda i: '%s[%d].user' % (where, i), 'user')


def problems(declared, state, single):
    """What is wrong with the declared topics ([{topic, permissions}]), before any request."""
    found = []
    for index, item in enumerate(declared):
        where = 'permissions' if single else 'topics[%d].permissions' % index
        prefix = '' if single else 'topics[%d].' % index
        found += topic.NAME.problems(item['topic'], prefix, 'topic')
        found += entry_problems(item['permissions'], state, where)
    if not single:
        found += rules.repeat_problems([i['topic'] for i in declared],
                                       lambda i: 'topics[%d].topic' % i, 'topic')
    return found


def view(policy, initial_user):
    name = policy.get('user_name')
    return dict(user=name, access=policy.get('access_policy'),
                owner=as_bool(policy.get('owner', False)), initial_user=name == initial_user)


def access_map(views):
    return dict((v['user'], v['access']) for v in views)


def wanted_access(current, entries, state, purge):
    """The user -> access map a topic should grant after the task."""
    declared = dict((e['user'], e.get('access')) for e in entries)
    if state == 'absent':
        return dict((u, a) for u, a in current.items() if u not in declared)
    if purge:
        return declared
    merged = dict(current)
    merged.update(declared)
    return merged


class TopicPermissions(object):
    """The permissions of the declared topics of one instance (``ref``: an InstanceRef)."""

    def __init__(self, client, run, ref, label, state, purge):
        self.client = client
        self.run = run
        self.ref = ref
        self.label = label
        self.state = state
        self.purge = purge
        # Check mode only: the declared topics and users that do not exist (yet).
        self.missing_topics = []
        self.missing_users = []

    def can_hold_any(self):
        """Whether the instance can hold permissions at all; refused where the task grants."""
        ref, present = self.ref, self.state == 'present'
        if ref is None:
            if present:
                raise Refusal("Kafka instance '%s' does not exist." % self.label)
            return False
        if ref.sasl is False:
            if present:
                raise Refusal('%s has no SASL (ssl_enable is false), so it has no topic '
                              'permissions: SASL is chosen when an instance is created.'
                              % ref.describe())
            return False
        if ref.single_node:
            if present:
                raise Refusal('%s is a single-node instance: single-node flavours have no topic '
                              'permissions.' % ref.describe())
            return False
        parent.await_creation(self.client, self.run, ref, self.state, 'topic permissions')
        # An instance the API cannot show permissions of has none to remove.
        return present or ref.readable

    def read(self, name):
        with step("read the permissions of topic '%s' of %s" % (name, self.ref.describe())):
            policies = self.client.v2_topic_policies(self.ref.id, name)
        return sorted((view(p, self.ref.initial_user) for p in policies),
                      key=lambda v: v['user'] or '')

    def read_all(self, names):
        """{topic: views}; topics the instance does not have are refused by name, together; in
        check mode they are taken as topics an earlier task would create (no permissions yet)
        and listed in ``self.missing_topics``."""
        found, unknown = {}, []
        for name in names:
            try:
                found[name] = self.read(name)
            except ApiError as exc:
                if exc.code != UNKNOWN_TOPIC:
                    raise
                unknown.append((name, exc))
        if unknown:
            listing = topic.list_topics(self.client, self.ref)
            existing = set(t['name'] for t in listing.topics) if listing else set()
            missing = [name for name, _exc in unknown if name not in existing]
            if not missing:
                raise unknown[0][1]
            if not self.run.check_mode:
                raise Refusal('%s has no %s %s.' % (self.ref.describe(),
                                                    plural(len(missing), 'topic'), quoted(missing)))
            self.missing_topics = missing
            found.update((name, []) for name in missing)
        return found

    def shown(self, access):
        """The views a topic would show once it grants ``access`` (user -> access)."""
        return [dict(user=u, access=a, owner=False, initial_user=u == self.ref.initial_user)
                for u, a in sorted(access.items())]

    def converge(self, declared):
        """Plan, check and (unless in check mode) write; returns (changed topics, before, after)
        with before and after as {topic: views}."""
        if not self.can_hold_any():
            return [], {}, {}
        names = [item['topic'] for item in declared]
        predicting = not self.ref.readable
        if self.ref.planned:
            # Check mode, no instance yet: nothing it will have exists yet.
            before = dict((name, []) for name in names)
            self.missing_topics = list(names)
        elif predicting:
            # The API shows nothing below an instance being created: its topics have no
            # permissions yet, and what they will grant is what the task declares.
            self.run.warn('%s is %s: its topics and permissions cannot be read yet, so the '
                          'result is predicted from the task.' % (self.ref.describe(),
                                                                  self.ref.status))
            before = dict((name, []) for name in names)
        else:
            before = self.read_all(names)
        after, changed = {}, []
        for item in declared:
            name = item['topic']
            old = access_map(before[name])
            new = wanted_access(old, item['permissions'], self.state, self.purge)
            if new == old:
                after[name] = before[name]
                continue
            changed.append(name)
            owners = dict((v['user'], v['owner']) for v in before[name])
            after[name] = [dict(v, owner=owners.get(v['user'], False))
                           for v in self.shown(new)]
        if not changed:
            return [], before, after
        self.check_users(declared, changed, predicting)
        parent.require_running(self.client, self.run, self.ref, 'changing topic permissions')
        if self.run.check_mode:
            return changed, before, after
        body = [dict(name=name, policies=[dict(user_name=v['user'], access_policy=v['access'])
                                          for v in after[name]]) for name in changed]
        self.write(body, changed, after)
        after.update(self.read_all(changed))
        return changed, before, after

    def check_users(self, declared, changed, predicting):
        """Every user a changed topic is to grant to exists (one read of the users); in check
        mode the missing ones are taken as users an earlier task would create and listed in
        ``self.missing_users``."""
        if self.state == 'absent' or (predicting and not self.ref.planned):
            return
        wanted = []
        for item in declared:
            if item['topic'] in changed:
                wanted += [e['user'] for e in item['permissions'] if e['user'] not in wanted]
        existing = (set() if self.ref.planned  # no instance yet: no users yet
                    else set(u['name'] for u in user.list_users(self.client, self.ref)))
        missing = [name for name in wanted if name not in existing]
        if missing and self.run.check_mode:
            self.missing_users = missing
        elif missing:
            raise Refusal('%s has no SASL %s %s: create %s first (otc.dms.dms_instance_user).'
                          % (self.ref.describe(), plural(len(missing), 'user'), quoted(missing),
                             'them' if len(missing) > 1 else 'it'))

    def write(self, body, changed, after):
        """One grant for every changed topic. When its answer is lost after the cloud acted (a
        repeated grant is harmless: it replaces the same lists), a fresh read shows it."""
        what = 'the permissions of %s %s of %s' % (plural(len(changed), 'topic'), quoted(changed),
                                                   self.ref.describe())
        try:
            with step('write ' + what):
                self.client.v2_grant(self.ref.id, body)
        except ApiError as exc:
            with step('read %s after writing them failed' % what):
                now = self.read_all(changed)
            if any(access_map(now[name]) != access_map(after[name]) for name in changed):
                raise
            warn_lost_answer(self.run, 'change', what, exc, 'it shows the change')

# -*- coding: utf-8 -*-
# Copyright (c) 2026, otc.dms contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The Kafka consumer group kind (DMS for Kafka v2): fields, views, rules, the groups of an
instance as a set.

API reference: "API V2 (recommended)" > Instance Management: creating a consumer group,
querying all consumer groups, querying consumer group details, deleting consumer groups in
batches. The API has no group update; deleting a group drops its committed offsets.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.otc.dms.plugins.module_utils import rules
from ansible_collections.otc.dms.plugins.module_utils.engine import create_once, warn_lost_answer
from ansible_collections.otc.dms.plugins.module_utils.errors import ApiError, Refusal, step
from ansible_collections.otc.dms.plugins.module_utils.parent import InstanceMembers
from ansible_collections.otc.dms.plugins.module_utils.values import (
    as_int, ms_to_iso, plural, quoted, whitelist)

FIELDS = ('name', 'description', 'state', 'coordinator_id', 'lag', 'created', 'instance_id')
NAME = rules.Pattern(r'^[A-Za-z_][A-Za-z0-9._-]{2,63}\Z',
                     "use 3 to 64 letters, digits, '.', '_' or '-', starting with a letter or '_'")
DESCRIPTION_MAX = 200
EMPTY = 'EMPTY'
HINT = ("The API cannot change a consumer group's description: it is set when the group is "
        "created. Deleting and creating the group again would drop its committed offsets, so the "
        "module does not do it; delete the group yourself (state=absent) if that is what you want.")


def options():
    return dict(description=dict(type='str'))


def problems(name, settings, where=''):
    found = NAME.problems(name, where)
    about = " (group '%s')" % name if where else ''
    return found + rules.text_problems(settings.get('description'), 'description' + about,
                                       where, DESCRIPTION_MAX)


def set_problems(entries, where='groups'):
    found = []
    for index, entry in enumerate(entries):
        found += problems(entry['name'], entry, '%s[%d].' % (where, index))
    return found + rules.repeat_problems([e['name'] for e in entries],
                                         lambda index: '%s[%d].name' % (where, index),
                                         'consumer group')


def normal_state(value):
    """The API spells states EMPTY, PreparingRebalance or PREPARING_REBALANCE: one spelling."""
    if not value:
        return None
    text = str(value)
    if '_' not in text and not text.isupper():
        text = ''.join('_' + c if c.isupper() and i else c for i, c in enumerate(text))
    return text.upper()


def view(raw, instance_id):
    return whitelist(dict(
        name=raw.get('group_id'), description=raw.get('group_desc') or '',
        state=normal_state(raw.get('state')), coordinator_id=as_int(raw.get('coordinator_id')),
        lag=as_int(raw.get('lag')), created=ms_to_iso(raw.get('createdAt') or raw.get('created_at')),
        instance_id=instance_id), FIELDS)


def detail_view(raw):
    """Members (with their assignment) and, per topic-partition, the committed offset, the log
    end offset and the lag."""
    offsets = sorted((dict(topic=o.get('topic'), partition=as_int(o.get('partition')),
                           offset=as_int(o.get('message_current_offset')),
                           end_offset=as_int(o.get('message_log_end_offset')),
                           lag=as_int(o.get('lag')))
                      for o in raw.get('group_message_offsets') or []),
                     key=lambda o: (o['topic'] or '', o['partition'] or 0))
    members = [dict(member_id=m.get('member_id'), client_id=m.get('client_id'),
                    host=(m.get('host') or '').lstrip('/') or None,
                    assignment=[dict(topic=a.get('topic'),
                                     partitions=sorted(as_int(p) for p in a.get('partitions') or []))
                                for a in m.get('assignment') or []])
               for m in raw.get('members') or []]
    return dict(members=members, offsets=offsets,
                assignment_strategy=raw.get('assignment_strategy') or None)


def list_groups(client, ref):
    """The consumer groups of the instance, by name; none where the API cannot show them now."""
    if not ref.readable:
        return []
    with step('list the consumer groups of %s' % ref.describe()):
        raws = client.v2_list_groups(ref.id)
    return sorted((view(raw, ref.id) for raw in raws), key=lambda g: g['name'] or '')


def group_details(client, ref, name):
    with step("read consumer group '%s' of %s" % (name, ref.describe())):
        raw = client.v2_group_details(ref.id, name)
    if raw is None or normal_state(raw.get('state')) == 'DEAD':
        return None
    return detail_view(raw)


class GroupSet(InstanceMembers):
    """The consumer groups of one Kafka instance."""

    kind = 'consumer group'
    key = 'groups'
    immutable = ('description',)
    immutable_hint = HINT

    def list_members(self):
        return list_groups(self.client, self.ref)

    def predict(self, name, settings):
        return whitelist(dict(name=name, description=settings.get('description') or '',
                              state=EMPTY, coordinator_id=None, lag=0, created=None,
                              instance_id=self.ref.id), FIELDS)

    def check(self, set_plan):
        busy = [g for g in set_plan.deletes if g['state'] not in (EMPTY, None, 'DEAD')]
        if busy:
            raise Refusal('Cannot delete %s %s of %s: %s active members (%s); stop the '
                          'consumers first.' % (
                              plural(len(busy), 'consumer group'), quoted(g['name'] for g in busy),
                              self.ref.describe(), 'they have' if len(busy) > 1 else 'it has',
                              ', '.join('%s %s' % (g['name'], g['state']) for g in busy)))
        if set_plan.changed:
            self.require_running('changing its consumer groups' if not self.single else
                                 'creating a consumer group' if set_plan.creates else
                                 'deleting a consumer group')

    def create(self, name, settings):
        body = dict(group_name=name)
        if settings.get('description'):
            body['group_desc'] = settings['description']

        def find_again():
            return self.find(list_groups(self.client, self.ref), name)

        create_once(self.run, "consumer group '%s' on %s" % (name, self.ref.describe()),
                    lambda: self.client.v2_create_group(self.ref.id, body), find_again)

    def delete(self, members):
        """One batch request; a group the API did not delete fails the task with its reason
        (one that is gone already, its first answer lost, is no failure)."""
        names = [m['name'] for m in members]
        what = '%s %s of %s' % (plural(len(names), 'consumer group'), quoted(names),
                                self.ref.describe())
        try:
            with step('delete ' + what):
                failed = self.client.v2_delete_groups(self.ref.id, names)
        except ApiError as exc:
            if self.still_there(names):
                raise
            warn_lost_answer(self.run, 'deletion', what, exc, 'they are gone')
            return
        failed = dict((n, e) for n, e in failed.items()
                      if n in names and (e != 'GROUP_ID_NOT_FOUND' or n in self.still_there([n])))
        if failed:
            raise Refusal('Failed to delete %s of %s: %s.' % (
                plural(len(failed), 'consumer group'), self.ref.describe(),
                ', '.join("'%s' (%s)" % (n, failed[n]) for n in names if n in failed)),
                changed=len(failed) < len(names))

    def still_there(self, names):
        with step('look for the consumer groups after their deletion'):
            remaining = set(g['name'] for g in list_groups(self.client, self.ref))
        return [n for n in names if n in remaining]

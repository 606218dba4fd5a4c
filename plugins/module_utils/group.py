# -*- coding: utf-8 -*-
# Copyright (c) 2026, otc.dms contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The consumer-group kind (v1 queues): fields, result view, rules, the groups of a queue as a set."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import re

from ansible_collections.otc.dms.plugins.module_utils import rules
from ansible_collections.otc.dms.plugins.module_utils.engine import ResourceSet, create_once
from ansible_collections.otc.dms.plugins.module_utils.errors import Refusal, step
from ansible_collections.otc.dms.plugins.module_utils.values import quoted, select, whitelist

FIELDS = ('id', 'name', 'queue_id', 'queue_name', 'produced_messages', 'consumed_messages',
          'available_messages', 'produced_deadletters', 'available_deadletters')
NAME = rules.Pattern(r'^[A-Za-z0-9_-]{1,32}\Z', 'use 1 to 32 letters, digits, hyphens or underscores')
ID_RE = re.compile(r'^g-[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\Z')
MAX_PER_QUEUE = 3


def name_problems(name):
    """The single mode names a group by name or id: an id (g-...) is not checked here."""
    if isinstance(name, str) and name.startswith('g-'):
        return []
    return NAME.problems(name)


def set_problems(names, where=''):
    """Every problem of a declared list of group names (``where`` prefixes ``groups``)."""
    found = []
    for index, name in enumerate(names):
        found += NAME.problems(name, option='%sgroups[%d]' % (where, index))
    found += rules.repeat_problems(names, lambda index: '%sgroups[%d]' % (where, index), 'group')
    if len(names) > MAX_PER_QUEUE:
        found.append('%sgroups lists %d groups (%s); a queue has at most %d (the limit of the API).'
                     % (where, len(names), ', '.join(str(n) for n in names), MAX_PER_QUEUE))
    return found


def view(raw, listing):
    shaped = dict(raw)
    shaped.update(queue_id=listing.get('queue_id'), queue_name=listing.get('queue_name'))
    return whitelist(shaped, FIELDS)


def list_groups(client, queue, include_deadletter=True):
    """The groups of a queue (a ParentRef): one request; None when the queue does not exist."""
    with step("list the consumer groups of queue '%s'" % queue.label):
        listing = client.list_groups(queue.id, include_deadletter)
    if listing is None:
        return None
    views = [view(raw, listing) for raw in listing.get('groups') or []]
    if not include_deadletter:
        for found in views:
            found['produced_deadletters'] = found['available_deadletters'] = None
    return views


def find(client, queue, name_or_id):
    """The group of the queue with this id or name, or None; refuses a missing queue."""
    groups = list_groups(client, queue)
    if groups is None:
        raise Refusal("Queue '%s' does not exist." % queue.label)
    matches = select(groups, name_or_id)
    return matches[0] if matches else None


def group_id(client, queue, name_or_id):
    """The id of a group given by name or id: an id costs no request, a name one list."""
    if ID_RE.match(name_or_id):
        return name_or_id
    group = find(client, queue, name_or_id)
    if group is None:
        raise Refusal("Consumer group '%s' of queue '%s' does not exist." % (name_or_id, queue.label))
    return group['id']


class GroupSet(ResourceSet):
    """The consumer groups of one queue (``queue``: a ParentRef, None when it does not exist)."""

    kind = 'consumer group'
    key = 'groups'

    def __init__(self, client, run, queue, queue_label):
        super(GroupSet, self).__init__(client, run)
        self.queue = queue
        self.queue_label = queue_label

    def describe_parent(self):
        return "Queue '%s'" % self.queue_label

    def list(self):
        if self.queue is None:
            return None
        return list_groups(self.client, self.queue)

    def find(self, members, name):
        matches = select(members, name)
        return matches[0] if matches else None

    def predict(self, name, settings):
        predicted = dict((field, None) for field in FIELDS)
        predicted.update(name=name, queue_id=self.queue.id if self.queue else None,
                         queue_name=self.queue.name if self.queue else None)
        return predicted

    def check(self, set_plan):
        # A name that looks like an id (g-...) but is no group's is a name to create.
        rules.refuse([p for name, _settings in set_plan.creates for p in NAME.problems(name)])
        if not set_plan.creates:
            return
        staying = [g for g in set_plan.before if not any(g is d for d in set_plan.deletes)]
        if len(staying) + len(set_plan.creates) <= MAX_PER_QUEUE:
            return
        new = [name for name, _settings in set_plan.creates]
        existing = ', '.join(sorted(g['name'] for g in staying))
        if len(new) == 1:
            raise Refusal("Cannot create consumer group '%s': queue '%s' already has %d consumer "
                          "groups (%s), and DMS allows at most %d per queue."
                          % (new[0], self.queue_label, len(staying), existing, MAX_PER_QUEUE))
        raise Refusal("Cannot create consumer groups %s: queue '%s' has %d consumer groups (%s) "
                      "and would have %d, and DMS allows at most %d per queue."
                      % (quoted(new), self.queue_label, len(staying), existing or 'none',
                         len(staying) + len(new), MAX_PER_QUEUE))

    def create(self, name, settings):
        def find_again():
            found = self.find(self.list() or [], name)
            return found['id'] if found else None

        create_once(self.run, "consumer group '%s' of queue '%s'" % (name, self.queue_label),
                    lambda: self.client.create_group(self.queue.id, name), find_again)

    def delete(self, members):
        for current in members:
            with step("delete consumer group '%s' of queue '%s'" % (current['name'], self.queue_label)):
                self.client.delete_group(self.queue.id, current['id'])

#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026, otc.dms contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: dms_queue_group
short_description: Create or delete a consumer group of a DMS queue
version_added: 0.1.0
description:
  - Creates or deletes a consumer group of a T Cloud Public (Open Telekom Cloud) Distributed
    Message Service queue.
  - Each group consumes every message of its queue once, independently of the other groups, and
    keeps its own progress and dead letters.
  - A queue has at most 3 consumer groups. Asking for a fourth fails before anything is written and
    names the groups that exist.
  - Deleting a group drops its progress and its dead letters; messages it has not consumed stay in
    the queue for the other groups.
author:
  - otc.dms contributors (@otc-dms)
extends_documentation_fragment:
  - otc.dms.dms
attributes:
  check_mode:
    support: full
    description: Reports what would be created or deleted; no write request is sent.
  diff_mode:
    support: full
    description: Shows the group before and after.
options:
  name:
    description:
      - Name of the group (1 to 32 letters, digits, hyphens or underscores), or the id of an
        existing group.
    type: str
    required: true
  queue:
    description:
      - Name or id of the queue the group belongs to.
      - For O(state=present) the queue must exist; for O(state=absent) a missing queue means there
        is nothing to delete.
    type: str
    required: true
  state:
    description:
      - V(present) creates the group when it does not exist; V(absent) deletes it.
    type: str
    choices: [present, absent]
    default: present
seealso:
  - module: otc.dms.dms_queue_group_info
  - module: otc.dms.dms_message
  - module: otc.dms.dms_queue
'''

EXAMPLES = r'''
- name: A consumer group for the billing service
  otc.dms.dms_queue_group:
    cloud: prod
    queue: orders
    name: billing

- name: Drop a group with its progress and dead letters
  otc.dms.dms_queue_group:
    cloud: prod
    queue: orders
    name: legacy-reader
    state: absent
'''

RETURN = r'''
group:
  description:
    - The group after the task; for O(state=absent), the group that was deleted.
    - In check mode, the group as it would be created (V(null) for what only the cloud knows).
    - V(null) when O(state=absent) and the group did not exist.
  returned: always
  type: dict
  contains:
    available_deadletters:
      description: Dead letters of this group not yet consumed.
      type: int
      sample: 1
    available_messages:
      description: Messages this group can still consume.
      type: int
      sample: 7
    consumed_messages:
      description: Messages this group has consumed and acknowledged.
      type: int
      sample: 5
    id:
      description: Id of the group.
      type: str
      sample: g-5ec247fd-d4a2-4d4f-9876-e4ff3280c461
    name:
      description: Name of the group.
      type: str
      sample: billing
    produced_deadletters:
      description: Messages that became dead letters of this group so far.
      type: int
      sample: 1
    produced_messages:
      description: Messages in the queue (sent and not yet past retention).
      type: int
      sample: 12
    queue_id:
      description: Id of the queue.
      type: str
      sample: 9bf46390-38a2-462d-b392-4d5b2d519c55
    queue_name:
      description: Name of the queue.
      type: str
      sample: orders
'''

from ansible_collections.otc.dms.plugins.module_utils.dms import DmsModule, raise_for_status, select
from ansible_collections.otc.dms.plugins.module_utils.groups import (
    GROUP_FIELDS, GROUP_NAME_RE, MAX_GROUPS_PER_QUEUE, find_group, list_groups)
from ansible_collections.otc.dms.plugins.module_utils.queues import queue_ref
from ansible_collections.otc.dms.plugins.module_utils.resource import Resource, converge


class Group(Resource):
    kind = 'consumer group'

    def __init__(self, module, label, queue):
        super(Group, self).__init__(module, label)
        self.queue = queue
        self.groups = []

    def find(self):
        if self.queue is None:  # state=absent and the queue does not exist
            return None
        group, self.groups = find_group(self.module, self.queue, self.label,
                                        missing_queue_ok=self.module.params['state'] == 'absent')
        return group

    def predict(self, current, changes):
        view = dict((field, None) for field in GROUP_FIELDS)
        view.update(name=self.label, queue_id=self.queue.id, queue_name=self.queue.name)
        return view

    def check_create(self, wanted):
        if not GROUP_NAME_RE.match(self.label):
            self.module.fail("name '%s' is invalid: use 1 to 32 letters, digits, hyphens or "
                             "underscores." % self.label)
        if len(self.groups) >= MAX_GROUPS_PER_QUEUE:
            self.module.fail(
                "Cannot create consumer group '%s': queue '%s' already has %d consumer groups (%s), "
                "and DMS allows at most %d per queue." % (
                    self.label, self.queue.label, len(self.groups),
                    ', '.join(sorted(g['name'] for g in self.groups)), MAX_GROUPS_PER_QUEUE))

    def create(self, wanted):
        def post():
            # A raw call: the SDK's create_group does not report errors (contract 2.2).
            response = self.module.dms.post('/queues/%s/groups' % self.queue.id,
                                            json={'groups': [{'name': self.label}]})
            raise_for_status(response)
            return response.json()['groups'][0]['id']

        group_id = self.module.create_once(
            "consumer group '%s' of queue '%s'" % (self.label, self.queue.label), post,
            lambda: (find_group(self.module, self.queue, self.label)[0] or {}).get('id'))
        return select(list_groups(self.module, self.queue), group_id)[0]

    def delete(self, current):
        with self.module.doing("delete consumer group '%s' of queue '%s'"
                               % (self.label, self.queue.label)):
            self.module.dms.delete_group(self.queue.id, current['id'], ignore_missing=True)


class DmsQueueGroupModule(DmsModule):
    argument_spec = dict(
        name=dict(type='str', required=True),
        queue=dict(type='str', required=True),
        state=dict(type='str', choices=['present', 'absent'], default='present'),
    )

    def run(self):
        p = self.params
        if not GROUP_NAME_RE.match(p['name']) and not p['name'].startswith('g-'):
            self.fail("name '%s' is invalid: use 1 to 32 letters, digits, hyphens or underscores."
                      % p['name'])
        queue = queue_ref(self, p['queue'], required=p['state'] == 'present')
        converge(Group(self, p['name'], queue), p['state'], {}, 'group')


def main():
    DmsQueueGroupModule()()


if __name__ == '__main__':
    main()

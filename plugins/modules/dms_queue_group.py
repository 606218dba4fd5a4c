#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026, otc.dms contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: dms_queue_group
short_description: Create or delete consumer groups of a DMS queue, one or a declared set
version_added: 0.1.0
description:
  - Creates or deletes a consumer group of a T Cloud Public (Open Telekom Cloud) Distributed
    Message Service queue, or a whole set of them (O(groups)), optionally deleting the groups of
    the queue that the set does not list (O(purge)).
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
    description:
      - Reports what would be created or deleted; no write request is sent.
      - A queue that does not exist yet (an earlier task of the play would create it) is no
        failure in check mode; the groups are reported as they would be created.
  diff_mode:
    support: full
    description: Shows the group (or the groups of the queue) before and after.
options:
  groups:
    description:
      - The set of groups the queue should have, by name (1 to 32 letters, digits, hyphens or
        underscores each), at most 3.
      - With O(state=present) every listed group is created when missing; with O(state=absent)
        every listed group is deleted.
      - Exactly one of O(name) and O(groups) is required.
    type: list
    elements: str
    version_added: 1.0.0
  name:
    description:
      - Name of the one group to manage (1 to 32 letters, digits, hyphens or underscores), or the
        id of an existing group.
      - Exactly one of O(name) and O(groups) is required.
    type: str
  purge:
    description:
      - Delete the groups of the queue that O(groups) does not list, with their progress and dead
        letters. Deletions come first, so a replaced group frees its place for a new one.
      - Only with O(groups) and O(state=present).
    type: bool
    default: false
    version_added: 1.0.0
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

- name: Exactly these groups on the queue, and no others
  otc.dms.dms_queue_group:
    cloud: prod
    queue: orders
    groups: [billing, shipping]
    purge: true

- name: Drop a group with its progress and dead letters
  otc.dms.dms_queue_group:
    cloud: prod
    queue: orders
    name: legacy-reader
    state: absent
'''

RETURN = r'''
created:
  description: With O(groups), the names of the groups created (or that would be created).
  returned: when O(groups) is given
  type: list
  elements: str
  sample: [shipping]
deleted:
  description: With O(groups), the names of the groups deleted (or that would be deleted).
  returned: when O(groups) is given
  type: list
  elements: str
  sample: [legacy-reader]
group:
  description:
    - With O(name), the group after the task; for O(state=absent), the group that was deleted.
    - In check mode, the group as it would be created (V(null) for what only the cloud knows).
    - V(null) when O(state=absent) and the group did not exist.
  returned: when O(name) is given
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
groups:
  description:
    - With O(groups), every group of the queue after the task (in check mode, as it would be).
    - Empty when O(state=absent) and the queue does not exist.
  returned: when O(groups) is given
  type: list
  elements: dict
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

from ansible_collections.otc.dms.plugins.module_utils import group, queue, rules
from ansible_collections.otc.dms.plugins.module_utils.base import DmsModule
from ansible_collections.otc.dms.plugins.module_utils.engine import converge_member, converge_set

ARGUMENT_SPEC = dict(
    groups=dict(type='list', elements='str'),
    name=dict(type='str'),
    purge=dict(type='bool', default=False),
    queue=dict(type='str', required=True),
    state=dict(type='str', choices=['present', 'absent'], default='present'),
)
MODULE_KWARGS = dict(
    required_one_of=[('name', 'groups')],
    mutually_exclusive=[('name', 'groups')],
)


def task(module):
    p = module.params
    if p['groups'] is None:
        rules.refuse(['purge is only valid with groups.'] if p['purge'] else [])
        rules.refuse(group.name_problems(p['name']))
    else:
        rules.refuse(['purge is only valid with state: present.']
                     if p['purge'] and p['state'] == 'absent' else [])
        rules.refuse(group.set_problems(p['groups']))
    # A missing queue: nothing to delete; in check mode, a queue an earlier task would create.
    parent = queue.ref(module.client, p['queue'],
                       required=p['state'] == 'present' and not module.check_mode)
    groups = group.GroupSet(module.client, module.run_settings, parent, p['queue'])
    if p['groups'] is None:
        return converge_member(groups, p['state'], dict(name=p['name'])).result(
            'group', absent=p['state'] == 'absent')
    entries = [dict(name=name) for name in p['groups']]
    return converge_set(groups, p['state'], entries, p['purge']).result(groups)


def main():
    DmsModule(ARGUMENT_SPEC, **MODULE_KWARGS).run(task)


if __name__ == '__main__':
    main()

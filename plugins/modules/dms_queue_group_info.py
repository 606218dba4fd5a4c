#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026, otc.dms contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: dms_queue_group_info
short_description: List the consumer groups of a DMS queue
version_added: 0.1.0
description:
  - Lists the consumer groups of a T Cloud Public (Open Telekom Cloud) Distributed Message Service
    queue, or the one group with a given name or id, with their message counters.
  - Returns an empty list, not an error, when the queue or the group does not exist.
author:
  - otc.dms contributors (@otc-dms)
extends_documentation_fragment:
  - otc.dms.dms
attributes:
  check_mode:
    support: full
    description: Reads only; runs the same in check mode.
  diff_mode:
    support: none
    description: Nothing is changed, so there is nothing to show.
options:
  include_deadletter:
    description:
      - Also return the dead-letter counters of each group.
      - Without it, RV(groups[].produced_deadletters) and RV(groups[].available_deadletters) are
        V(null).
    type: bool
    default: false
  name:
    description:
      - Name or id of the group to return. All groups of the queue when unset.
    type: str
  queue:
    description:
      - Name or id of the queue.
    type: str
    required: true
seealso:
  - module: otc.dms.dms_queue_group
'''

EXAMPLES = r'''
- name: The groups of a queue with their dead-letter counters
  otc.dms.dms_queue_group_info:
    cloud: prod
    queue: orders
    include_deadletter: true
  register: orders_groups

- name: Warn about dead letters
  ansible.builtin.debug:
    msg: "{{ item.name }} has {{ item.available_deadletters }} dead letters"
  loop: "{{ orders_groups.groups }}"
  when: item.available_deadletters > 0
'''

RETURN = r'''
groups:
  description: The matching groups; empty when the queue or the group does not exist.
  returned: always
  type: list
  elements: dict
  contains:
    available_deadletters:
      description: Dead letters of this group not yet consumed; V(null) without O(include_deadletter).
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
      description: Messages that became dead letters of this group so far; V(null) without O(include_deadletter).
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

from ansible_collections.otc.dms.plugins.module_utils import group, queue
from ansible_collections.otc.dms.plugins.module_utils.base import DmsModule
from ansible_collections.otc.dms.plugins.module_utils.values import select

ARGUMENT_SPEC = dict(
    include_deadletter=dict(type='bool', default=False),
    name=dict(type='str'),
    queue=dict(type='str', required=True),
)


def task(module):
    p = module.params
    parent = queue.ref(module.client, p['queue'], required=False)
    found = []
    if parent is not None:
        found = group.list_groups(module.client, parent, p['include_deadletter']) or []
    if p['name'] is not None:
        found = select(found, p['name'])
    return dict(groups=found)


def main():
    DmsModule(ARGUMENT_SPEC).run(task)


if __name__ == '__main__':
    main()

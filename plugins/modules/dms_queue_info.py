#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026, otc.dms contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: dms_queue_info
short_description: List DMS message queues
version_added: 0.1.0
description:
  - Lists the queues of the T Cloud Public (Open Telekom Cloud) Distributed Message Service in
    the project, or the one queue with a given name or id, with dead-letter settings and message
    counts.
  - Returns an empty list, not an error, when no queue matches.
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
  name:
    description:
      - Name or id of the queue to return. All queues when unset.
    type: str
seealso:
  - module: otc.dms.dms_queue
'''

EXAMPLES = r'''
- name: All queues of the project
  otc.dms.dms_queue_info:
    cloud: prod
  register: all_queues

- name: One queue by name
  otc.dms.dms_queue_info:
    cloud: prod
    name: orders
  register: orders

- name: Show how many messages it holds
  ansible.builtin.debug:
    msg: "{{ orders.queues[0].produced_messages if orders.queues else 'no such queue' }}"
'''

RETURN = r'''
queues:
  description: The matching queues; empty when none matches.
  returned: always
  type: list
  elements: dict
  contains:
    created:
      description: When the queue was created (ISO 8601, UTC).
      type: str
      sample: '2026-11-27T05:30:00.000Z'
    dead_letter:
      description: Whether failed messages move to dead letters.
      type: bool
      sample: true
    description:
      description: Description of the queue.
      type: str
      sample: Orders from the web shop
    group_count:
      description: Number of consumer groups.
      type: int
      sample: 2
    id:
      description: Id of the queue.
      type: str
      sample: 9bf46390-38a2-462d-b392-4d5b2d519c55
    max_consume_count:
      description: Failed consumptions before a message becomes a dead letter; V(null) without dead letters.
      type: int
      sample: 3
    name:
      description: Name of the queue.
      type: str
      sample: orders
    produced_messages:
      description: Messages the queue holds (sent and not yet past retention).
      type: int
      sample: 12
    queue_mode:
      description: V(normal), V(fifo), V(kafka_ha) or V(kafka_ht).
      type: str
      sample: fifo
    retention_hours:
      description: How long a Kafka queue keeps messages; V(null) for other queues.
      type: int
      sample: 72
'''

from ansible_collections.otc.dms.plugins.module_utils import queue
from ansible_collections.otc.dms.plugins.module_utils.base import DmsModule
from ansible_collections.otc.dms.plugins.module_utils.values import select

ARGUMENT_SPEC = dict(
    name=dict(type='str'),
)


def task(module):
    found = queue.list_queues(module.client)
    if module.params['name'] is not None:
        found = select(found, module.params['name'])
    return dict(queues=found)


def main():
    DmsModule(ARGUMENT_SPEC).run(task)


if __name__ == '__main__':
    main()

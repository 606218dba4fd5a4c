#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026, otc.dms contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: dms_instance_consumer_group_offset
short_description: Reset a consumer group's offsets on a topic of a DMS Kafka instance
version_added: 1.0.0
description:
  - Moves the committed offsets of a Kafka consumer group on one topic of a T Cloud Public (Open
    Telekom Cloud) Distributed Message Service Kafka instance, through the DMS for Kafka v2 API,
    for one partition (O(partition)) or all of them - to an O(offset), to the first message at
    or after a O(timestamp), or to a O(position) (V(earliest) is each partition's first kept
    message, V(latest) its end, read from the topic's partition list).
  - The API cannot reset a group while consumers are attached. The module checks the group
    first and fails in one line saying how many members it has; stop them, and the group's
    state becomes C(EMPTY) once their session has timed out.
  - A reset to where the group already is reports no change and writes nothing. A O(timestamp)
    reset always writes (only the cloud knows which offsets a time means) and reports a change
    only if the offsets read afterwards moved.
  - An O(offset) beyond what a partition keeps is clamped to its start or end, as the API does.
author:
  - otc.dms contributors (@otc-dms)
extends_documentation_fragment:
  - otc.dms.dms
attributes:
  check_mode:
    support: full
    description: Reports the offsets it would set (for a O(timestamp), V(null)); writes nothing.
  diff_mode:
    support: none
    description: RV(offsets) shows each partition's offset before and after.
options:
  group:
    description:
      - Name of the consumer group.
    type: str
    required: true
  instance:
    description:
      - Name or id of the Kafka instance.
    type: str
    required: true
  offset:
    description:
      - The offset to move to (the same on every partition reset).
      - Exactly one of O(offset), O(timestamp) and O(position) is required.
    type: int
  partition:
    description:
      - The one partition to reset. All partitions of the topic when unset.
    type: int
  position:
    description:
      - V(earliest) moves to each partition's first kept message (consume everything again),
        V(latest) to its end (skip everything so far).
    type: str
    choices: [earliest, latest]
  timestamp:
    description:
      - A time, as epoch milliseconds or ISO 8601 (V(2026-07-01T08:30:00Z)); each partition moves
        to its first message at or after it.
    type: raw
  topic:
    description:
      - Name of the topic.
    type: str
    required: true
notes:
  - A run that changes nothing costs one identity exchange, one read of the instance, one of the
    group and one per 50 partitions of the topic. O(position) over all partitions is one reset
    per partition that moves; O(offset) and O(timestamp) over all partitions are one reset.
seealso:
  - module: otc.dms.dms_instance_consumer_group_info
'''

EXAMPLES = r'''
- name: Consume orders again from the start, after a bad deploy (consumers stopped)
  otc.dms.dms_instance_consumer_group_offset:
    cloud: prod
    instance: kafka-1
    group: billing
    topic: orders
    position: earliest

- name: Everything since yesterday morning again
  otc.dms.dms_instance_consumer_group_offset:
    cloud: prod
    instance: kafka-1
    group: billing
    topic: orders
    timestamp: "2026-07-01T06:00:00Z"

- name: Partition 0 to offset 1000
  otc.dms.dms_instance_consumer_group_offset:
    cloud: prod
    instance: kafka-1
    group: billing
    topic: orders
    partition: 0
    offset: 1000
'''

RETURN = r'''
offsets:
  description: Each partition reset (or that would be), with its committed offset before and after.
  returned: always
  type: list
  elements: dict
  contains:
    after:
      description: The committed offset after the task; V(null) in check mode for a O(timestamp).
      type: int
      sample: 0
    before:
      description: The committed offset before the task; V(null) when the group had none.
      type: int
      sample: 1200
    partition:
      description: Number of the partition.
      type: int
      sample: 0
    topic:
      description: Name of the topic.
      type: str
      sample: orders
'''

from ansible_collections.otc.dms.plugins.module_utils import kafka_group, offset, rules, topic
from ansible_collections.otc.dms.plugins.module_utils.base import DmsModule
from ansible_collections.otc.dms.plugins.module_utils.parent import instance_ref

ARGUMENT_SPEC = dict(
    group=dict(type='str', required=True),
    instance=dict(type='str', required=True),
    offset=dict(type='int'),
    partition=dict(type='int'),
    position=dict(type='str', choices=list(offset.POSITIONS)),
    timestamp=dict(type='raw'),
    topic=dict(type='str', required=True),
)


def task(module):
    p = module.params
    rules.refuse(kafka_group.NAME.problems(p['group'], option='group')
                 + topic.NAME.problems(p['topic'], option='topic') + offset.problems(p))
    ref = instance_ref(module.client, p['instance'])
    reset = offset.OffsetReset(module.client, module.run_settings, ref, p['instance'], p['group'],
                               p['topic'])
    stamp = offset.timestamp_ms(p['timestamp']) if p['timestamp'] is not None else None
    return reset.converge(p['partition'], p['offset'], stamp, p['position'])


def main():
    DmsModule(ARGUMENT_SPEC).run(task)


if __name__ == '__main__':
    main()

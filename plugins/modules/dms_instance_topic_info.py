#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026, otc.dms contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: dms_instance_topic_info
short_description: List the topics of a DMS Kafka instance
version_added: 0.1.0
description:
  - Lists the topics of a T Cloud Public (Open Telekom Cloud) Distributed Message Service Kafka
    instance (every page of them) through the DMS for Kafka v2 API, or the one topic with a given
    name with its details (each partition's leader, replicas and offsets, and the consumer groups
    that subscribe to it), and how many of the instance's partitions are used and remain.
  - Returns an empty list and V(null) partitions, not an error, when the instance does not exist;
    an empty list when the topic does not exist.
  - Works in every status in which the API shows topics (also while an instance restarts, is
    being extended or is faulty). An instance that is being created, has failed to be created or
    is being deleted has no topics to show, so the list is empty.
  - Kafka's own topics (such as V(__consumer_offsets)) are not listed.
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
  instance:
    description:
      - Name or id of the Kafka instance.
    type: str
    required: true
  name:
    description:
      - Name of the topic to return, with its details. All topics of the instance when unset.
    type: str
notes:
  - Costs one read of the instance and one read per 50 topics; with O(name), one more for the
    topic's details.
seealso:
  - module: otc.dms.dms_instance_topic
'''

EXAMPLES = r'''
- name: The topics of an instance
  otc.dms.dms_instance_topic_info:
    cloud: prod
    instance: kafka-1
  register: kafka_topics

- name: One topic with its partitions and the groups that read it
  otc.dms.dms_instance_topic_info:
    cloud: prod
    instance: kafka-1
    name: orders
  register: orders_topic

- name: Warn when few partitions remain
  ansible.builtin.debug:
    msg: "Only {{ kafka_topics.partitions.remaining }} of {{ kafka_topics.partitions.max }} partitions remain"
  when: kafka_topics.partitions.remaining < 30
'''

RETURN = r'''
partitions:
  description:
    - The partition budget of the whole instance (also when O(name) is given).
    - V(null) when the instance does not exist.
  returned: always
  type: dict
  contains:
    max:
      description: Partitions the instance can hold in all its topics.
      type: int
      sample: 300
    remaining:
      description: Partitions left for new topics.
      type: int
      sample: 291
    used:
      description: Partitions of the existing topics.
      type: int
      sample: 9
topics:
  description: The matching topics; empty when the instance or the topic does not exist.
  returned: always
  type: list
  elements: dict
  contains:
    configs:
      description: The topic parameters and their values (integers for numeric parameters).
      type: dict
      sample: {max.message.bytes: 10485760, message.timestamp.type: CreateTime}
    consumer_groups:
      description: Names of the consumer groups that subscribe to the topic (or hold offsets on it).
      returned: when O(name) is given
      type: list
      elements: str
      sample: [billing]
    created:
      description: When the topic was created (ISO 8601, UTC).
      type: str
      sample: '2026-07-01T08:30:00.000Z'
    description:
      description: Description of the topic.
      type: str
      sample: Orders of the web shop
    instance_id:
      description: Id of the Kafka instance.
      type: str
      sample: 8354dde6-8229-4ff4-844d-ab7121be9745
    name:
      description: Name of the topic.
      type: str
      sample: clicks
    partition_details:
      description: Each partition of the topic, by number.
      returned: when O(name) is given
      type: list
      elements: dict
      contains:
        end_offset:
          description: The offset the next message gets (the log end offset).
          type: int
          sample: 120
        high_watermark:
          description: The offset up to which every in-sync replica has the messages.
          type: int
          sample: 120
        last_update:
          description: When a message was last written (ISO 8601, UTC).
          type: str
          sample: '2026-07-01T09:00:00.000Z'
        leader:
          description: Id of the broker that leads the partition.
          type: int
          sample: 0
        messages:
          description: Messages the partition holds (end offset minus start offset).
          type: int
          sample: 120
        partition:
          description: Number of the partition.
          type: int
          sample: 0
        replicas:
          description: The partition's replicas.
          type: list
          elements: dict
          contains:
            broker:
              description: Id of the broker that holds the replica.
              type: int
              sample: 1
            in_sync:
              description: Whether the replica is in sync with the leader.
              type: bool
              sample: true
            lag:
              description: Messages the replica is behind the leader.
              type: int
              sample: 0
            leader:
              description: Whether this replica is the leader.
              type: bool
              sample: false
            size:
              description: Bytes the replica holds.
              type: int
              sample: 122880
        start_offset:
          description: The offset of the oldest message the partition keeps (the log start offset).
          type: int
          sample: 0
    partitions:
      description: Number of partitions.
      type: int
      sample: 6
    replication:
      description: Number of replicas.
      type: int
      sample: 3
    retention_time:
      description: Retention in hours.
      type: int
      sample: 24
    sync_message_flush:
      description: Whether messages are flushed to disk synchronously.
      type: bool
      sample: false
    sync_replication:
      description: Whether replication is synchronous.
      type: bool
      sample: false
'''

from ansible_collections.otc.dms.plugins.module_utils import topic
from ansible_collections.otc.dms.plugins.module_utils.base import DmsModule
from ansible_collections.otc.dms.plugins.module_utils.parent import instance_ref

ARGUMENT_SPEC = dict(
    instance=dict(type='str', required=True),
    name=dict(type='str'),
)


def task(module):
    p = module.params
    ref = instance_ref(module.client, p['instance'])
    listing = topic.list_topics(module.client, ref) if ref is not None else None
    if listing is None:
        return dict(topics=[], partitions=None)
    topics = listing.topics
    if p['name'] is not None:
        topics = [dict(t, **topic.topic_details(module.client, ref, t['name']))
                  for t in topics if t['name'] == p['name']]
    return dict(topics=topics, partitions=listing.partitions)


def main():
    DmsModule(ARGUMENT_SPEC).run(task)


if __name__ == '__main__':
    main()

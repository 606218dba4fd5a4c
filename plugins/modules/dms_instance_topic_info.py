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
    instance, or the one topic with a given name, with their settings, and how many of the
    instance's partitions are used and remain.
  - Returns an empty list and V(null) partitions, not an error, when the instance does not exist;
    an empty list when the topic does not exist.
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
      - Name of the topic to return. All topics of the instance when unset.
    type: str
notes:
  - Costs one DMS request when the instance is given by id, two when it is given by name.
seealso:
  - module: otc.dms.dms_instance_topic
'''

EXAMPLES = r'''
- name: The topics of an instance
  otc.dms.dms_instance_topic_info:
    cloud: prod
    instance: kafka-1
  register: kafka_topics

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
    instance_id:
      description: Id of the Kafka instance.
      type: str
      sample: 8354dde6-8229-4ff4-844d-ab7121be9745
    name:
      description: Name of the topic.
      type: str
      sample: clicks
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

ARGUMENT_SPEC = dict(
    instance=dict(type='str', required=True),
    name=dict(type='str'),
)


def task(module):
    p = module.params
    ref = topic.instance_ref(module.client, p['instance'])
    listing = topic.list_topics(module.client, ref) if ref is not None else None
    if listing is None:
        return dict(topics=[], partitions=None)
    topics = listing.topics
    if p['name'] is not None:
        topics = [t for t in topics if t['name'] == p['name']]
    return dict(topics=topics, partitions=listing.partitions)


def main():
    DmsModule(ARGUMENT_SPEC).run(task)


if __name__ == '__main__':
    main()

#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026, otc.dms contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: dms_instance_consumer_group_info
short_description: List the consumer groups of a DMS Kafka instance
version_added: 1.0.0
description:
  - Lists the consumer groups of a T Cloud Public (Open Telekom Cloud) Distributed Message
    Service Kafka instance (every page of them) through the DMS for Kafka v2 API, with state,
    coordinator and lag; or the one group with a given name, with its members (and what each is
    assigned) and, per topic-partition, the committed offset, the log end offset and the lag.
  - Returns an empty list, not an error, when the instance or the group does not exist, and while
    the instance is being created, has failed to be created or is being deleted.
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
      - Name of the group to return, with its members and offsets. All groups when unset.
    type: str
notes:
  - Costs one read of the instance and one read per 50 groups; with O(name), one more for the
    group's members and offsets.
seealso:
  - module: otc.dms.dms_instance_consumer_group
'''

EXAMPLES = r'''
- name: The consumer groups of an instance
  otc.dms.dms_instance_consumer_group_info:
    cloud: prod
    instance: kafka-1
  register: kafka_groups

- name: The groups that lag behind
  ansible.builtin.debug:
    msg: "{{ kafka_groups.groups | selectattr('lag', 'gt', 1000) | map(attribute='name') | list }}"

- name: One group with its members and offsets
  otc.dms.dms_instance_consumer_group_info:
    cloud: prod
    instance: kafka-1
    name: billing
  register: billing_group
'''

RETURN = r'''
groups:
  description: The matching groups, by name; empty when there are none to show.
  returned: always
  type: list
  elements: dict
  contains:
    assignment_strategy:
      description: The partition assignment strategy of the members; V(null) without members.
      returned: when O(name) is given
      type: str
      sample: range
    coordinator_id:
      description: Id of the broker that coordinates the group.
      type: int
      sample: 1
    created:
      description: When the group was created (ISO 8601, UTC).
      type: str
      sample: '2026-07-01T08:30:00.000Z'
    description:
      description: Description of the group.
      type: str
      sample: billing consumers
    instance_id:
      description: Id of the Kafka instance.
      type: str
      sample: 8354dde6-8229-4ff4-844d-ab7121be9745
    lag:
      description: Messages the group has not consumed yet, over all its partitions.
      type: int
      sample: 17
    members:
      description: The consumers in the group.
      returned: when O(name) is given
      type: list
      elements: dict
      contains:
        assignment:
          description: The partitions the member reads, by topic.
          type: list
          elements: dict
          contains:
            partitions:
              description: Partition numbers.
              type: list
              elements: int
              sample: [0, 1, 2]
            topic:
              description: Name of the topic.
              type: str
              sample: orders
        client_id:
          description: The consumer's client id.
          type: str
          sample: consumer-1
        host:
          description: Address the consumer connects from.
          type: str
          sample: 192.168.0.215
        member_id:
          description: The member id Kafka gave the consumer.
          type: str
          sample: consumer-1-6b8ee551-d499-47d4-9beb-ba1527496785
    name:
      description: Name of the group.
      type: str
      sample: billing
    offsets:
      description: Per topic-partition the group has committed an offset for.
      returned: when O(name) is given
      type: list
      elements: dict
      contains:
        end_offset:
          description: The partition's log end offset.
          type: int
          sample: 120
        lag:
          description: Messages of the partition the group has not consumed yet.
          type: int
          sample: 20
        offset:
          description: The committed offset.
          type: int
          sample: 100
        partition:
          description: Number of the partition.
          type: int
          sample: 0
        topic:
          description: Name of the topic.
          type: str
          sample: orders
    state:
      description: State of the group (V(EMPTY), V(STABLE), V(PREPARING_REBALANCE), ...).
      type: str
      sample: STABLE
'''

from ansible_collections.otc.dms.plugins.module_utils import kafka_group
from ansible_collections.otc.dms.plugins.module_utils.base import DmsModule
from ansible_collections.otc.dms.plugins.module_utils.parent import instance_ref

ARGUMENT_SPEC = dict(
    instance=dict(type='str', required=True),
    name=dict(type='str'),
)


def task(module):
    p = module.params
    ref = instance_ref(module.client, p['instance'])
    groups = kafka_group.list_groups(module.client, ref) if ref is not None else []
    if p['name'] is not None:
        found = []
        for group in groups:
            if group['name'] == p['name']:
                details = kafka_group.group_details(module.client, ref, group['name'])
                if details is not None:
                    found.append(dict(group, **details))
        groups = found
    return dict(groups=groups)


def main():
    DmsModule(ARGUMENT_SPEC).run(task)


if __name__ == '__main__':
    main()

#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026, otc.dms contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: dms_instance_info
short_description: List DMS Kafka premium instances
version_added: 0.1.0
description:
  - Lists the Kafka premium instances of the T Cloud Public (Open Telekom Cloud) Distributed
    Message Service in the project, or the one instance with a given name or id.
  - Returns an empty list, not an error, when no instance matches.
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
  engine:
    description:
      - Message engine of the instances; DMS premium instances are Kafka.
    type: str
    choices: [kafka]
    default: kafka
  exact_match:
    description:
      - Whether O(name) must match whole names; otherwise every instance whose name contains it
        matches. An id always matches exactly.
    type: bool
    default: true
  include_failed:
    description:
      - Also list instances whose creation failed (status C(CREATEFAILED)).
    type: bool
    default: false
  name:
    description:
      - Name or id of the instance(s) to return. All instances when unset.
    type: str
  status:
    description:
      - Only instances in this status, for example V(RUNNING) or V(CREATING).
    type: str
seealso:
  - module: otc.dms.dms_instance
'''

EXAMPLES = r'''
- name: Every running Kafka instance
  otc.dms.dms_instance_info:
    cloud: prod
    status: RUNNING
  register: running

- name: Instances whose names contain "orders", failed ones included
  otc.dms.dms_instance_info:
    cloud: prod
    name: orders
    exact_match: false
    include_failed: true

- name: Connection address of one instance
  otc.dms.dms_instance_info:
    cloud: prod
    name: kafka-orders
  register: kafka

- name: Show it
  ansible.builtin.debug:
    msg: "{{ kafka.instances[0].connect_address }}:{{ kafka.instances[0].port }}"
  when: kafka.instances | length == 1
'''

RETURN = r'''
instances:
  description: The matching instances; empty when none matches.
  returned: always
  type: list
  elements: dict
  contains:
    access_user:
      description: SASL_SSL user, V(null) without SSL.
      type: str
      sample: kafka-admin
    availability_zones:
      description: Ids of the availability zones.
      type: list
      elements: str
      sample: [bf84aba586ce4e948da0b97d9a7d62fb]
    bandwidth:
      description: Bandwidth specification.
      type: str
      sample: 100MB
    connect_address:
      description: Private addresses of the brokers, comma-separated.
      type: str
      sample: 192.168.0.11,192.168.0.12,192.168.0.13
    created:
      description: When the instance was created (ISO 8601, UTC).
      type: str
      sample: '2026-11-27T05:30:00.000Z'
    description:
      description: Description.
      type: str
      sample: Order events
    enable_publicip:
      description: Whether public access is on.
      type: bool
      sample: false
    engine:
      description: Always V(kafka).
      type: str
      sample: kafka
    engine_version:
      description: Kafka version.
      type: str
      sample: '2.7'
    id:
      description: Id of the instance.
      type: str
      sample: 8354dde6-8229-4ff4-844d-ab7121be9745
    maintain_begin:
      description: Start of the maintenance window.
      type: str
      sample: '22:00:00'
    maintain_end:
      description: End of the maintenance window.
      type: str
      sample: '02:00:00'
    name:
      description: Name of the instance.
      type: str
      sample: kafka-orders
    partition_num:
      description: Maximum number of partitions.
      type: int
      sample: 300
    port:
      description: Port clients connect to (9092 plain, 9093 SASL_SSL).
      type: int
      sample: 9093
    product_id:
      description: Id of the product.
      type: str
      sample: 00300-30308-0--0
    public_bandwidth:
      description: Public bandwidth in Mbit/s (0 without public access).
      type: int
      sample: 0
    public_connect_address:
      description: Public addresses of the brokers, when public access is on.
      type: str
      sample: null
    resource_spec_code:
      description: Resource specification of the product.
      type: str
      sample: dms.instance.kafka.cluster.c3.mini
    retention_policy:
      description: V(time_base) or V(produce_reject).
      type: str
      sample: time_base
    security_group_id:
      description: Id of the security group.
      type: str
      sample: 3283b880-2256-498c-aa70-154f08f65331
    security_group_name:
      description: Name of the security group.
      type: str
      sample: sg-kafka
    ssl_enable:
      description: Whether SASL_SSL is on.
      type: bool
      sample: true
    status:
      description: Status, for example C(CREATING), C(RUNNING), C(RESTARTING), C(CREATEFAILED).
      type: str
      sample: RUNNING
    storage_space:
      description: Total storage in GB, as requested.
      type: int
      sample: 600
    storage_spec_code:
      description: Storage I/O class.
      type: str
      sample: dms.physical.storage.ultra
    subnet_id:
      description: Id of the subnet.
      type: str
      sample: 598d6280-a437-4c2f-9870-a4fc80e7ba66
    usable_storage_space:
      description: Storage in GB usable for messages (less than the total).
      type: int
      sample: 492
    used_storage_space:
      description: Storage in GB in use.
      type: int
      sample: 25
    vpc_id:
      description: Id of the VPC.
      type: str
      sample: aaa5c155-7a9a-4d92-a804-e19cadcbca63
    vpc_name:
      description: Name of the VPC.
      type: str
      sample: vpc-kafka
'''

from ansible_collections.otc.dms.plugins.module_utils import instance
from ansible_collections.otc.dms.plugins.module_utils.base import DmsModule
from ansible_collections.otc.dms.plugins.module_utils.values import UUID_RE

ARGUMENT_SPEC = dict(
    engine=dict(type='str', choices=['kafka'], default='kafka'),
    exact_match=dict(type='bool', default=True),
    include_failed=dict(type='bool', default=False),
    name=dict(type='str'),
    status=dict(type='str'),
)


def task(module):
    p = module.params
    if p['name'] is not None and UUID_RE.match(p['name']):
        found = instance.get(module.client, p['name'].lower())
        instances = [found] if found else []
        if not p['include_failed']:
            instances = [i for i in instances if i['status'] != 'CREATEFAILED']
        if p['status'] is not None:
            instances = [i for i in instances if i['status'] == p['status']]
    else:
        instances = instance.list_instances(module.client, name=p['name'], exact=p['exact_match'],
                                            status=p['status'], include_failed=p['include_failed'],
                                            engine=p['engine'])
        if p['name'] is not None and p['exact_match']:
            instances = [i for i in instances if i['name'] == p['name']]
    return dict(instances=instances)


def main():
    DmsModule(ARGUMENT_SPEC).run(task)


if __name__ == '__main__':
    main()

#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026, otc.dms contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: dms_instance_info
short_description: List DMS for Kafka instances
version_added: 0.1.0
description:
  - Lists the Kafka instances of the T Cloud Public (Open Telekom Cloud) Distributed Message
    Service in the project (DMS for Kafka API v2), or the one instance with a given name or id,
    with the same fields M(otc.dms.dms_instance) returns. Every page of the list is read.
  - Instances created through the old v1 API or the console are listed like the others.
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
    aliases: [include_failure]
  name:
    description:
      - Name or id of the instance(s) to return. All instances when unset.
    type: str
  status:
    description:
      - Only instances in this status, for example V(RUNNING), V(CREATING) or V(EXTENDING).
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

- name: The bootstrap servers of one instance
  otc.dms.dms_instance_info:
    cloud: prod
    name: kafka-orders
  register: kafka

- name: Show them
  ansible.builtin.debug:
    msg: "{{ kafka.instances[0].private_addresses | join(',') }}"
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
      description: The initial SASL user, V(null) without SASL.
      type: str
      sample: kafka-admin
    availability_zone_names:
      description: Names of the availability zones.
      type: list
      elements: str
      sample: [eu-de-01]
    availability_zones:
      description: Ids of the availability zones.
      type: list
      elements: str
      sample: [bf84aba586ce4e948da0b97d9a7d62fb]
    broker_num:
      description: Number of brokers.
      type: int
      sample: 3
    brokers:
      description: The brokers' listeners for cross-VPC access, by private address.
      type: list
      elements: dict
      contains:
        advertised_ip:
          description: Address (or host name) the broker advertises to cross-VPC clients.
          type: str
          sample: 192.168.0.21
        listener_ip:
          description: Private address of the broker.
          type: str
          sample: 192.168.0.21
        port:
          description: Port of the cross-VPC listener.
          type: int
          sample: 9011
        port_id:
          description: Id of the broker's network port.
          type: str
          sample: 5d2c9e1a-3b7f-4c36-9a51-0c1e7f3a2b10
    connect_address:
      description: Private addresses of the brokers, comma-separated.
      type: str
      sample: 192.168.0.21,192.168.0.22,192.168.0.23
    created:
      description: When the instance was created (ISO 8601, UTC).
      type: str
      sample: '2026-11-27T05:30:00.000Z'
    description:
      description: Description.
      type: str
      sample: Order events
    disk_encrypted:
      description: Whether the disks are encrypted.
      type: bool
      sample: false
    disk_encryption_key:
      description: Id of the KMS key of the disks, V(null) without encryption.
      type: str
      sample: null
    enable_auto_topic:
      description: Whether automatic topic creation is on.
      type: bool
      sample: false
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
      sample: 3.x
    enterprise_project_id:
      description: Id of the enterprise project.
      type: str
      sample: '0'
    flavor:
      description: The flavour (the API's product id).
      type: str
      sample: c6.2u4g.cluster
    id:
      description: Id of the instance.
      type: str
      sample: 8354dde6-8229-4ff4-844d-ab7121be9745
    ipv6_enable:
      description: Whether the brokers have IPv6 addresses.
      type: bool
      sample: false
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
      description: Maximum number of partitions of all topics (partitions per broker times brokers).
      type: int
      sample: 750
    port:
      description: Port clients connect to (9092 plain text, 9093 SASL).
      type: int
      sample: 9093
    private_addresses:
      description: Private C(address:port) of each broker, the bootstrap servers of a client.
      type: list
      elements: str
      sample: ['192.168.0.21:9093', '192.168.0.22:9093', '192.168.0.23:9093']
    public_connect_address:
      description: Public addresses of the brokers, when public access is on.
      type: str
      sample: null
    retention_policy:
      description: V(time_base) or V(produce_reject).
      type: str
      sample: time_base
    sasl_mechanisms:
      description: SASL mechanisms, V(null) without SASL.
      type: list
      elements: str
      sample: [SCRAM-SHA-512]
    security_group_id:
      description: Id of the security group.
      type: str
      sample: 3283b880-2256-498c-aa70-154f08f65331
    security_group_name:
      description: Name of the security group.
      type: str
      sample: sg-kafka
    security_protocol:
      description: V(SASL_SSL) or V(SASL_PLAINTEXT), V(null) without SASL.
      type: str
      sample: SASL_SSL
    specification:
      description: The flavour's alias and the broker count, as the console shows them.
      type: str
      sample: kafka.2u4g.cluster*3
    ssl_enable:
      description: Whether SASL is on.
      type: bool
      sample: true
    status:
      description: Status, for example C(CREATING), C(RUNNING), C(EXTENDING), C(RESTARTING),
        C(CREATEFAILED), C(EXTENDEDFAILED).
      type: str
      sample: RUNNING
    storage_space:
      description: Total storage in GB, as requested.
      type: int
      sample: 300
    storage_spec_code:
      description: Storage I/O class.
      type: str
      sample: dms.physical.storage.ultra.v2
    subnet_id:
      description: Id of the subnet.
      type: str
      sample: 598d6280-a437-4c2f-9870-a4fc80e7ba66
    subnet_name:
      description: Name of the subnet.
      type: str
      sample: subnet-kafka
    tags:
      description: Tags, key to value.
      type: dict
      sample: {team: orders}
    type:
      description: V(cluster) or V(single).
      type: str
      sample: cluster
    usable_storage_space:
      description: Storage in GB usable for messages (less than the total).
      type: int
      sample: 246
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
    exact_match=dict(type='bool', default=True),
    include_failed=dict(type='bool', default=False, aliases=['include_failure']),
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
                                            status=p['status'], include_failed=p['include_failed'])
        if p['name'] is not None and p['exact_match']:
            instances = [i for i in instances if i['name'] == p['name']]
    return dict(instances=instances)


def main():
    DmsModule(ARGUMENT_SPEC).run(task)


if __name__ == '__main__':
    main()

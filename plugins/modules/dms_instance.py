#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026, otc.dms contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: dms_instance
short_description: Create, update, restart or delete a DMS Kafka premium instance
version_added: 0.1.0
description:
  - Creates, updates in place, restarts or deletes a Kafka premium instance of the T Cloud Public
    (Open Telekom Cloud) Distributed Message Service.
  - The product is given as O(product_id) or resolved from O(bandwidth) through the products API;
    availability zones are given as codes (V(eu-de-01)) or ids and resolved to ids through the AZ
    API.
  - What the API can change on an existing instance is updated in place (O(description), the
    maintenance window, O(security_group_id), O(retention_policy), and the name through
    O(new_name) or id addressing). Any other setting that differs from the instance fails before
    anything is changed, naming each field with its current and wanted value. Settings the task
    leaves unset are neither sent nor compared.
  - Creating takes the cloud several minutes; with O(wait=true) (the default) the module waits for
    C(RUNNING), and fails with the status and the instance id when creation fails.
author:
  - otc.dms contributors (@otc-dms)
extends_documentation_fragment:
  - otc.dms.dms
attributes:
  check_mode:
    support: full
    description: Reports what would be created, changed, restarted or deleted; no write request is sent.
  diff_mode:
    support: full
    description: Shows the instance's managed fields before and after.
options:
  access_user:
    description:
      - User name for SASL_SSL access (4 to 64 letters, digits or hyphens), with O(password).
      - Only with O(ssl_enable=true); set at creation, it cannot change later.
    type: str
  availability_zones:
    description:
      - Availability zones of the brokers, as codes (V(eu-de-01)) or ids; one AZ, or three or more.
      - Required to create an instance.
    type: list
    elements: str
  bandwidth:
    description:
      - The bandwidth specification; the product is looked up for it and O(engine_version).
      - Mutually exclusive with O(product_id); one of them is required to create an instance.
    type: str
    choices: ['100MB', '300MB', '600MB', '1200MB']
  description:
    description:
      - Description of the instance, at most 1024 characters. V('') clears it.
    type: str
  enable_publicip:
    description:
      - Whether the brokers are reachable from the internet; needs O(public_bandwidth) and
        O(publicip_id). Set at creation.
    type: bool
  engine_version:
    description:
      - Kafka version. Required to create an instance.
    type: str
    choices: ['1.1.0', '2.3.0', '2.7']
  id:
    description:
      - Id of an existing instance to manage. With it, O(name) is the name the instance should
        have (it is renamed when it differs).
      - One of O(name) and O(id) is required.
    type: str
  maintain_begin:
    description:
      - Start of the weekly maintenance window, C(HH:mm) or C(HH:mm:ss); one of the slots that
        M(otc.dms.dms_maintenance_window_info) lists. Given together with O(maintain_end).
    type: str
  maintain_end:
    description:
      - End of the maintenance window (the end of the slot that O(maintain_begin) starts).
    type: str
  name:
    description:
      - Name of the instance (4 to 64 characters, starting with a letter; letters, digits,
        hyphens and underscores). Without O(id), the instance is found by this name.
    type: str
  new_name:
    description:
      - Rename the instance found by O(name) to this name.
    type: str
  partition_num:
    description:
      - Maximum number of partitions; it must be what the product offers, which is also the
        default.
    type: int
  password:
    description:
      - Password of O(access_user) (8 to 32 characters with at least three of lower case, upper
        case, digits and special characters). Only used when the instance is created; it is never
        returned or compared.
    type: str
  product_id:
    description:
      - Id of the product (as M(otc.dms.dms_product_info) returns it). Mutually exclusive with
        O(bandwidth).
    type: str
  public_bandwidth:
    description:
      - Public bandwidth in Mbit/s, a multiple of the broker count, with O(enable_publicip=true).
    type: int
  publicip_id:
    description:
      - Comma-separated ids of the elastic IPs the brokers use, with O(enable_publicip=true).
    type: str
  retention_policy:
    description:
      - What the brokers do when the disk is full. V(time_base) deletes the oldest messages;
        V(produce_reject) refuses new ones.
    type: str
    choices: [time_base, produce_reject]
  security_group_id:
    description:
      - Id of the security group of the brokers. Required to create an instance; can be changed.
    type: str
  ssl_enable:
    description:
      - Whether clients connect with SASL_SSL (port 9093) instead of plain text (port 9092). Set
        at creation.
    type: bool
  state:
    description:
      - V(present) creates the instance or updates it in place; V(absent) deletes it;
        V(restarted) restarts an existing instance (always a change).
    type: str
    choices: [present, absent, restarted]
    default: present
  storage_space:
    description:
      - Total storage in GB, as requested (the instance reports a smaller usable figure, see
        RV(instance.usable_storage_space)). At least the product's minimum (600, 1200, 2400 or
        4800 GB for 100MB to 1200MB), at most 90000. Required to create an instance.
    type: int
  storage_spec_code:
    description:
      - Storage I/O class, one the product offers (V(dms.physical.storage.high) or
        V(dms.physical.storage.ultra) for 100MB and 300MB, only V(dms.physical.storage.ultra) for
        600MB and 1200MB). When unset and the product offers one class, that one is used.
    type: str
  subnet_id:
    description:
      - Id of the subnet (network) of the brokers, in O(vpc_id). Required to create an instance.
    type: str
  timeout:
    description:
      - How long, in seconds, to wait for the instance (creating a Kafka instance takes the cloud
        several minutes).
    type: int
    default: 1800
  vpc_id:
    description:
      - Id of the VPC (router) of the brokers. Required to create an instance.
    type: str
notes:
  - A re-run that changes nothing costs one identity exchange and one DMS request.
seealso:
  - module: otc.dms.dms_instance_info
  - module: otc.dms.dms_instance_topic
  - module: otc.dms.dms_product_info
  - module: otc.dms.dms_az_info
  - module: otc.dms.dms_maintenance_window_info
'''

EXAMPLES = r'''
- name: A 100MB Kafka instance in one AZ, waited for until it runs
  otc.dms.dms_instance:
    cloud: prod
    name: kafka-orders
    engine_version: '2.7'
    bandwidth: 100MB
    storage_space: 600
    storage_spec_code: dms.physical.storage.ultra
    availability_zones: [eu-de-01]
    vpc_id: "{{ vpc_id }}"
    subnet_id: "{{ subnet_id }}"
    security_group_id: "{{ security_group_id }}"
    ssl_enable: true
    access_user: kafka-admin
    password: "{{ vault_kafka_password }}"
    maintain_begin: '22:00'
    maintain_end: '02:00'
  register: kafka

- name: Connect to it
  ansible.builtin.debug:
    msg: "{{ kafka.instance.connect_address }} port {{ kafka.instance.port }}"

- name: Change the description and the retention policy in place
  otc.dms.dms_instance:
    cloud: prod
    name: kafka-orders
    description: Order events
    retention_policy: produce_reject

- name: Rename it
  otc.dms.dms_instance:
    cloud: prod
    name: kafka-orders
    new_name: kafka-orders-eu

- name: Restart it and wait until it runs again
  otc.dms.dms_instance:
    cloud: prod
    name: kafka-orders-eu
    state: restarted

- name: Delete it and wait until it is gone
  otc.dms.dms_instance:
    cloud: prod
    name: kafka-orders-eu
    state: absent
'''

RETURN = r'''
instance:
  description:
    - The instance after the task; for O(state=absent), the instance that was deleted.
    - In check mode, the instance as it would be (V(null) for what only the cloud knows).
    - V(null) when O(state=absent) and the instance did not exist.
  returned: always
  type: dict
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

from ansible_collections.otc.dms.plugins.module_utils import instance, reference, rules
from ansible_collections.otc.dms.plugins.module_utils.base import DmsModule
from ansible_collections.otc.dms.plugins.module_utils.engine import converge
from ansible_collections.otc.dms.plugins.module_utils.errors import Refusal

ARGUMENT_SPEC = dict(
    access_user=dict(type='str'),
    availability_zones=dict(type='list', elements='str'),
    bandwidth=dict(type='str', choices=list(reference.BANDWIDTHS)),
    description=dict(type='str'),
    enable_publicip=dict(type='bool'),
    engine_version=dict(type='str', choices=list(reference.ENGINE_VERSIONS)),
    id=dict(type='str'),
    maintain_begin=dict(type='str'),
    maintain_end=dict(type='str'),
    name=dict(type='str'),
    new_name=dict(type='str'),
    partition_num=dict(type='int'),
    password=dict(type='str', no_log=True),
    product_id=dict(type='str'),
    public_bandwidth=dict(type='int'),
    publicip_id=dict(type='str'),
    retention_policy=dict(type='str', choices=['time_base', 'produce_reject']),
    security_group_id=dict(type='str'),
    ssl_enable=dict(type='bool'),
    state=dict(type='str', choices=['present', 'absent', 'restarted'], default='present'),
    storage_space=dict(type='int'),
    storage_spec_code=dict(type='str'),
    subnet_id=dict(type='str'),
    timeout=dict(type='int', default=1800),
    vpc_id=dict(type='str'),
)
MODULE_KWARGS = dict(
    required_one_of=[('name', 'id')],
    mutually_exclusive=[('product_id', 'bandwidth'), ('new_name', 'id')],
    required_together=[('access_user', 'password'), ('maintain_begin', 'maintain_end')],
    required_if=[('enable_publicip', True, ['public_bandwidth', 'publicip_id']),
                 ('ssl_enable', True, ['access_user', 'password'])],
)


def task(module):
    p = module.params
    declared = dict((option, p[option]) for option in ARGUMENT_SPEC if option != 'state')
    rules.refuse(instance.problems(declared))
    client, run = module.client, module.run_settings
    if p['state'] == 'restarted':
        current = instance.find(client, p['id'] or p['name'])
        if current is None:
            raise Refusal("Cannot restart Kafka instance '%s': it does not exist."
                          % (p['name'] or p['id']))
        return dict(changed=True, instance=instance.restart(client, run, current))
    resource = instance.Instance(client, run, declared, p['state'])
    return converge(resource, p['state'], instance.wanted(declared)).result(
        'instance', absent=p['state'] == 'absent')


def main():
    DmsModule(ARGUMENT_SPEC, **MODULE_KWARGS).run(task)


if __name__ == '__main__':
    main()

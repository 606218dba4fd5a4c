#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026, otc.dms contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: dms_instance
short_description: Create, grow, update, restart or delete a DMS for Kafka instance
version_added: 0.1.0
description:
  - Creates, grows, updates in place, restarts or deletes a Kafka instance of the T Cloud Public
    (Open Telekom Cloud) Distributed Message Service, through the current DMS for Kafka API (v2),
    the C(c6.*) cluster flavours, the single-node flavours and the small C(s6) ones, with a
    broker count, Kafka 3.x, SASL, tags and disk encryption.
  - Every choice is checked against what the cloud offers before anything is written (the
    flavours API, see M(otc.dms.dms_product_info)). That is the flavour in the chosen availability
    zones with the chosen storage class, the engine version, the broker count within the flavour's
    range, and the total storage within the broker count times the flavour's storage per broker.
    Each refusal names the option, the value and what is allowed.
  - In place, the module changes the name (O(new_name), or addressed by O(id)),
    O(description), the maintenance window, O(security_group_id), O(retention_policy),
    O(enterprise_project_id), O(tags) (only the difference is sent), automatic topic creation
    and the initial user's password (O(update_password=always)).
  - It grows an instance with more brokers (O(broker_num)), more storage (O(storage_space)) and a
    larger flavour (O(flavor), one the cloud offers this instance). The extensions run one after
    another (brokers, storage, flavour), each waited for until the instance is C(RUNNING) and
    shows the new figures. Adding brokers keeps the storage per broker, so the total grows with
    them; when O(storage_space) asks for more, a storage extension follows.
  - Shrinking anything, and every setting the API fixes at creation (engine version, storage
    class, network, availability zones, SASL settings, access user, public access, IPv6, disk
    encryption), fails before any write, naming each field with its current and wanted value.
    Settings the task leaves unset are neither sent nor compared.
  - An instance created through the old v1 API or the console is found and managed like any
    other; failed instances are found too, so O(state=absent) deletes a C(CREATEFAILED) one.
  - Creating takes the cloud 3 to 15 minutes; with O(wait=true) (the default) the module waits for
    C(RUNNING), and fails with the status and the instance id when creation fails.
author:
  - otc.dms contributors (@otc-dms)
extends_documentation_fragment:
  - otc.dms.dms
attributes:
  check_mode:
    support: full
    description: Reports what would be created, changed, grown, restarted or deleted; no write
      request is sent.
  diff_mode:
    support: full
    description: Shows the instance's fields before and after.
options:
  access_user:
    description:
      - Name of the initial SASL user (4 to 64 characters, starting with a letter; letters,
        digits, hyphens and underscores), with O(password).
      - Only with O(ssl_enable=true); set at creation, it cannot change later.
    type: str
  availability_zones:
    description:
      - Availability zones of the brokers, as codes (V(eu-de-01)) or ids; one AZ, or three or more
        (a single-node flavour takes exactly one).
      - Required to create an instance.
    type: list
    elements: str
  broker_num:
    description:
      - Number of brokers, within the flavour's range (3 to 30 or 50 for clusters, 1 for
        single-node flavours); the flavour's smallest count when unset at creation.
      - A larger count adds brokers (each with the same storage as the others); it never shrinks.
    type: int
  description:
    description:
      - Description of the instance, at most 1024 characters. V('') clears it.
    type: str
  disk_encryption_key:
    description:
      - Id of the KMS key that encrypts the brokers' disks. Set at creation.
    type: str
  enable_auto_topic:
    description:
      - Whether producing to (or consuming from) a topic that does not exist creates it, with the
        instance's C(num.partitions), C(default.replication.factor) and C(log.retention.hours).
      - Changed in place; the cloud applies it in a background task (and may restart the
        instance), which the module waits for with O(wait=true).
    type: bool
  enable_publicip:
    description:
      - Whether the brokers are reachable from the internet, through the elastic IPs in
        O(publicip_ids). Set at creation.
    type: bool
  engine_version:
    description:
      - Kafka version, one the flavour offers (see RV(otc.dms.dms_product_info#module:products[].engine_versions);
        for example V(3.x) or V(2.7)). Required to create an instance; it cannot change later.
    type: str
  enterprise_project_id:
    description:
      - Id of the enterprise project the instance belongs to (V(0) is the default project).
    type: str
  flavor:
    description:
      - The flavour, as M(otc.dms.dms_product_info) lists it, for example V(c6.2u4g.cluster),
        V(c6.4u8g.cluster), V(s6.2u4g.cluster.small) or V(c6.2u4g.single). Required to create an
        instance.
      - A different flavour on an existing instance grows it to that flavour, if the cloud offers
        it to this instance (a larger cluster flavour); anything else is refused.
    type: str
    aliases: [product_id]
  id:
    description:
      - Id of an existing instance to manage. With it, O(name) is the name the instance should
        have (it is renamed when it differs).
      - One of O(name) and O(id) is required.
    type: str
  ipv6_enable:
    description:
      - Whether the brokers get IPv6 addresses (the subnet must have IPv6; not with
        O(security_protocol=SASL_SSL)). Set at creation.
    type: bool
  maintain_begin:
    description:
      - Start of the weekly maintenance window, C(HH), C(HH:mm) or C(HH:mm:ss); one of the slots
        that M(otc.dms.dms_maintenance_window_info) lists. Given together with O(maintain_end).
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
  password:
    description:
      - Password of O(access_user) (8 to 32 characters with at least three of lower case, upper
        case, digits and special characters; not starting with a hyphen; not the user name or the
        user name backwards). It is never returned and cannot be compared; see O(update_password).
    type: str
  publicip_ids:
    description:
      - Ids of the elastic IPs of the brokers, one per broker, with O(enable_publicip=true). Sent
        at creation only, never compared.
    type: list
    elements: str
  purge_tags:
    description:
      - Whether tags of the instance that O(tags) does not list are removed. Without O(tags),
        tags are left alone.
    type: bool
    default: true
  retention_policy:
    description:
      - What the brokers do when the disk is full. V(time_base) deletes the oldest messages;
        V(produce_reject) refuses new ones.
    type: str
    choices: [time_base, produce_reject]
  sasl_mechanisms:
    description:
      - SASL mechanisms clients may use, with O(ssl_enable=true); V(PLAIN) when unset. Set at
        creation.
    type: list
    elements: str
    choices: [PLAIN, SCRAM-SHA-512]
    aliases: [sasl_enabled_mechanisms]
  security_group_id:
    description:
      - Id of the security group of the brokers. Required to create an instance; can be changed.
    type: str
  security_protocol:
    description:
      - How SASL clients connect, with O(ssl_enable=true); V(SASL_SSL) when unset. Set at creation.
    type: str
    choices: [SASL_SSL, SASL_PLAINTEXT]
    aliases: [kafka_security_protocol]
  ssl_enable:
    description:
      - Whether clients authenticate with SASL (port 9093) instead of connecting in plain text
        (port 9092). Needs O(access_user) and O(password). Set at creation.
    type: bool
  state:
    description:
      - V(present) creates the instance, grows it or updates it in place; V(absent) deletes it
        (with its topics, users and consumer groups); V(restarted) restarts an existing instance
        (always a change; Kafka clients are disconnected meanwhile).
    type: str
    choices: [present, absent, restarted]
    default: present
  storage_space:
    description:
      - Total storage of all brokers in GB, as requested (the instance reports a smaller usable
        figure, see RV(instance.usable_storage_space)), the broker count times 100 to 10000 GB
        (20000 or 30000 GB for the larger flavours). Required to create an instance.
      - A larger figure grows the storage; it never shrinks.
    type: int
  storage_spec_code:
    description:
      - Storage I/O class, one the flavour offers, for example V(dms.physical.storage.high.v2) or
        V(dms.physical.storage.ultra.v2). Required to create an instance when the flavour offers
        more than one. Set at creation.
    type: str
  subnet_id:
    description:
      - Id of the subnet (network) of the brokers, in O(vpc_id). Required to create an instance.
    type: str
  tags:
    description:
      - Tags of the instance, key to value (at most 20; keys and values of letters, digits,
        spaces and C(_.:=+-@)). See O(purge_tags).
    type: dict
  timeout:
    description:
      - How long, in seconds, to wait for the instance. Creating takes the cloud 3 to 15 minutes,
        a flavour change 5 to 10 minutes per broker.
    type: int
    default: 3000
  update_password:
    description:
      - V(on_create) sends O(password) only when the instance is created. V(always) also resets
        the initial user's password on an existing instance, on every run (the API cannot compare
        passwords, so this always reports a change). Single-node instances cannot reset it.
    type: str
    choices: [always, on_create]
    default: on_create
  vpc_id:
    description:
      - Id of the VPC (router) of the brokers. Required to create an instance.
    type: str
notes:
  - A re-run that changes nothing costs one identity exchange and one DMS request.
  - The extensions before the last are always waited for (the API takes one at a time); the last
    one only with O(wait=true).
  - This module uses DMS for Kafka API v2 (the C(dmsv2) service of the catalog). Where a region's
    catalog lacks it, set C(dmsv2_endpoint_override) for the cloud in C(clouds.yaml).
seealso:
  - module: otc.dms.dms_instance_info
  - module: otc.dms.dms_instance_topic
  - module: otc.dms.dms_product_info
  - module: otc.dms.dms_az_info
  - module: otc.dms.dms_maintenance_window_info
'''

EXAMPLES = r'''
- name: A three-broker Kafka 3.x cluster with SASL, waited for until it runs
  otc.dms.dms_instance:
    cloud: prod
    name: kafka-orders
    flavor: c6.2u4g.cluster
    broker_num: 3
    engine_version: 3.x
    storage_space: 300
    storage_spec_code: dms.physical.storage.ultra.v2
    availability_zones: [eu-de-01, eu-de-02, eu-de-03]
    vpc_id: "{{ vpc_id }}"
    subnet_id: "{{ subnet_id }}"
    security_group_id: "{{ security_group_id }}"
    ssl_enable: true
    security_protocol: SASL_SSL
    sasl_mechanisms: [SCRAM-SHA-512]
    access_user: kafka-admin
    password: "{{ vault_kafka_password }}"
    maintain_begin: '22:00'
    maintain_end: '02:00'
    tags:
      team: orders
  register: kafka

- name: Connect to it
  ansible.builtin.debug:
    msg: "{{ kafka.instance.private_addresses | join(',') }}"

- name: Grow it to six brokers and 1200 GB (two extensions, one after the other)
  otc.dms.dms_instance:
    cloud: prod
    name: kafka-orders
    broker_num: 6
    storage_space: 1200

- name: Move it to the next flavour
  otc.dms.dms_instance:
    cloud: prod
    name: kafka-orders
    flavor: c6.4u8g.cluster

- name: Change the description, the retention policy and one tag, keeping the other tags
  otc.dms.dms_instance:
    cloud: prod
    name: kafka-orders
    description: Order events
    retention_policy: produce_reject
    tags:
      cost-center: '4711'
    purge_tags: false

- name: Turn automatic topic creation on
  otc.dms.dms_instance:
    cloud: prod
    name: kafka-orders
    enable_auto_topic: true

- name: Rotate the initial user's password
  otc.dms.dms_instance:
    cloud: prod
    name: kafka-orders
    ssl_enable: true
    access_user: kafka-admin
    password: "{{ vault_new_kafka_password }}"
    update_password: always

- name: A single-node instance for a test environment
  otc.dms.dms_instance:
    cloud: prod
    name: kafka-test
    flavor: c6.2u4g.single
    engine_version: '2.7'
    storage_space: 100
    storage_spec_code: dms.physical.storage.high.v2
    availability_zones: [eu-de-01]
    vpc_id: "{{ vpc_id }}"
    subnet_id: "{{ subnet_id }}"
    security_group_id: "{{ security_group_id }}"

- name: Restart it and wait until it runs again
  otc.dms.dms_instance:
    cloud: prod
    name: kafka-orders
    state: restarted

- name: Delete it and wait until it is gone
  otc.dms.dms_instance:
    cloud: prod
    name: kafka-orders
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

from ansible_collections.otc.dms.plugins.module_utils import instance, rules
from ansible_collections.otc.dms.plugins.module_utils.base import DmsModule
from ansible_collections.otc.dms.plugins.module_utils.engine import converge
from ansible_collections.otc.dms.plugins.module_utils.errors import Refusal

ARGUMENT_SPEC = dict(
    access_user=dict(type='str'),
    availability_zones=dict(type='list', elements='str'),
    broker_num=dict(type='int'),
    description=dict(type='str'),
    disk_encryption_key=dict(type='str', no_log=False),
    enable_auto_topic=dict(type='bool'),
    enable_publicip=dict(type='bool'),
    engine_version=dict(type='str'),
    enterprise_project_id=dict(type='str'),
    flavor=dict(type='str', aliases=['product_id']),
    id=dict(type='str'),
    ipv6_enable=dict(type='bool'),
    maintain_begin=dict(type='str'),
    maintain_end=dict(type='str'),
    name=dict(type='str'),
    new_name=dict(type='str'),
    password=dict(type='str', no_log=True),
    publicip_ids=dict(type='list', elements='str'),
    purge_tags=dict(type='bool', default=True),
    retention_policy=dict(type='str', choices=['time_base', 'produce_reject']),
    sasl_mechanisms=dict(type='list', elements='str', choices=list(instance.SASL_MECHANISMS),
                         aliases=['sasl_enabled_mechanisms']),
    security_group_id=dict(type='str'),
    security_protocol=dict(type='str', choices=list(instance.SECURITY_PROTOCOLS),
                           aliases=['kafka_security_protocol']),
    ssl_enable=dict(type='bool'),
    state=dict(type='str', choices=['present', 'absent', 'restarted'], default='present'),
    storage_space=dict(type='int'),
    storage_spec_code=dict(type='str'),
    subnet_id=dict(type='str'),
    tags=dict(type='dict'),
    timeout=dict(type='int', default=3000),
    update_password=dict(type='str', choices=['always', 'on_create'], default='on_create',
                         no_log=False),
    vpc_id=dict(type='str'),
)
MODULE_KWARGS = dict(
    required_one_of=[('name', 'id')],
    mutually_exclusive=[('new_name', 'id')],
    required_together=[('access_user', 'password'), ('maintain_begin', 'maintain_end')],
    required_if=[('enable_publicip', True, ['publicip_ids']),
                 ('ssl_enable', True, ['access_user', 'password']),
                 ('update_password', 'always', ['password'])],
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

#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026, otc.dms contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: dms_product_info
short_description: List the DMS for Kafka flavours (instance sizes)
version_added: 0.1.0
description:
  - Lists the Kafka flavours of the T Cloud Public (Open Telekom Cloud) Distributed Message
    Service (the products of DMS for Kafka API v2) - their type, broker count range, storage per
    broker, partitions per broker, throughput per broker, the storage I/O classes with the zones
    that offer them, and the Kafka versions.
  - Size an instance with it (see the Kafka instances guide). An instance holds its partitions
    per broker times its brokers in partitions, and its total storage lies between its brokers
    times the smallest and the largest storage per broker.
  - M(otc.dms.dms_instance) takes a flavour as O(otc.dms.dms_instance#module:flavor) and checks
    its settings against this list.
  - Returns an empty list, not an error, when no flavour matches.
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
  availability_zone:
    description:
      - Only flavours offered in this availability zone (code, for example V(eu-de-01)).
    type: str
  engine_version:
    description:
      - Only flavours that offer this Kafka version, for example V(3.x) or V(2.7).
    type: str
  flavor:
    description:
      - Only this flavour, for example V(c6.2u4g.cluster).
    type: str
    aliases: [product_id]
  storage_spec_code:
    description:
      - Only flavours that offer this storage I/O class, for example
        V(dms.physical.storage.ultra.v2).
    type: str
  type:
    description:
      - Only flavours of this type.
    type: str
    choices: [cluster, cluster.small, single]
seealso:
  - module: otc.dms.dms_instance
'''

EXAMPLES = r'''
- name: The cluster flavours that offer Kafka 3.x in eu-de-01
  otc.dms.dms_product_info:
    cloud: prod
    type: cluster
    engine_version: 3.x
    availability_zone: eu-de-01
  register: sizes

- name: What each can hold with three brokers
  ansible.builtin.debug:
    msg: >-
      {{ item.flavor }}: {{ item.partitions_per_broker * 3 }} partitions,
      {{ item.storage_per_broker_min * 3 }} to {{ item.storage_per_broker_max * 3 }} GB
  loop: "{{ sizes.products }}"
  loop_control:
    label: "{{ item.flavor }}"
'''

RETURN = r'''
products:
  description: The matching flavours; empty when none matches.
  returned: always
  type: list
  elements: dict
  contains:
    alias:
      description: The flavour's alias, as the console names it.
      type: str
      sample: kafka.2u4g.cluster
    arch_types:
      description: CPU architectures of the brokers.
      type: list
      elements: str
      sample: [X86]
    availability_zones:
      description: Codes of the zones where at least one storage class is offered.
      type: list
      elements: str
      sample: [eu-de-01, eu-de-02, eu-de-03]
    bandwidth_per_broker:
      description: Traffic per broker in MB/s.
      type: int
      sample: 100
    broker_num_max:
      description: Largest broker count.
      type: int
      sample: 30
    broker_num_min:
      description: Smallest broker count.
      type: int
      sample: 3
    consumers_per_broker:
      description: Consumers per broker.
      type: int
      sample: 4000
    ecs_flavor_id:
      description: Flavour of the broker servers.
      type: str
      sample: c6.large.2
    engine_versions:
      description: Kafka versions the flavour offers.
      type: list
      elements: str
      sample: ['2.7', 3.x]
    flavor:
      description: Id of the flavour, for O(otc.dms.dms_instance#module:flavor).
      type: str
      sample: c6.2u4g.cluster
    io:
      description: Storage I/O classes offered.
      type: list
      elements: dict
      contains:
        availability_zones:
          description: Codes of the zones where the class is offered.
          type: list
          elements: str
          sample: [eu-de-01]
        storage_spec_code:
          description: Code to create an instance with.
          type: str
          sample: dms.physical.storage.ultra.v2
        type:
          description: Disk kind.
          type: str
          sample: evs
        unavailable_zones:
          description: Codes of the zones where the class is sold out.
          type: list
          elements: str
          sample: []
    partitions_per_broker:
      description: Partitions per broker (an instance holds this times its brokers).
      type: int
      sample: 250
    storage_per_broker_max:
      description: Largest storage per broker in GB.
      type: int
      sample: 10000
    storage_per_broker_min:
      description: Smallest storage per broker in GB.
      type: int
      sample: 100
    tps_per_broker:
      description: Messages per second per broker.
      type: int
      sample: 30000
    type:
      description: V(cluster), V(cluster.small) or V(single).
      type: str
      sample: cluster
'''

from ansible_collections.otc.dms.plugins.module_utils import reference
from ansible_collections.otc.dms.plugins.module_utils.base import DmsModule

ARGUMENT_SPEC = dict(
    availability_zone=dict(type='str'),
    engine_version=dict(type='str'),
    flavor=dict(type='str', aliases=['product_id']),
    storage_spec_code=dict(type='str'),
    type=dict(type='str', choices=['cluster', 'cluster.small', 'single']),
)


def task(module):
    p = module.params
    found = reference.flavors(module.client, p['flavor'])
    if p['flavor'] is not None:
        found = [x for x in found if x['flavor'] == p['flavor']]
    if p['type'] is not None:
        found = [x for x in found if x['type'] == p['type']]
    if p['engine_version'] is not None:
        found = [x for x in found if p['engine_version'] in x['engine_versions']]
    if p['storage_spec_code'] is not None:
        found = [x for x in found
                 if p['storage_spec_code'] in [io['storage_spec_code'] for io in x['io']]]
    if p['availability_zone'] is not None:
        found = [x for x in found if p['availability_zone'] in x['availability_zones']]
    return dict(products=found)


def main():
    DmsModule(ARGUMENT_SPEC).run(task)


if __name__ == '__main__':
    main()

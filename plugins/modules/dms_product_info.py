#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026, otc.dms contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: dms_product_info
short_description: List the DMS Kafka products (instance sizes)
version_added: 0.1.0
description:
  - Lists the Kafka products of the T Cloud Public (Open Telekom Cloud) Distributed Message
    Service, one per engine version and bandwidth, with the product id, specification, partitions,
    minimum storage and the storage I/O classes offered.
  - M(otc.dms.dms_instance) takes a product as O(otc.dms.dms_instance#module:product_id), or looks
    it up itself from O(otc.dms.dms_instance#module:bandwidth).
  - Returns an empty list, not an error, when no product matches.
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
      - Only products offered in this availability zone (code, for example V(eu-de-01)).
    type: str
  bandwidth:
    description:
      - Only products of this bandwidth specification.
    type: str
    choices: ['100MB', '300MB', '600MB', '1200MB']
  engine_version:
    description:
      - Only products of this Kafka version.
    type: str
    choices: ['1.1.0', '2.3.0', '2.7']
  storage_spec_code:
    description:
      - Only products that offer this storage I/O class, for example V(dms.physical.storage.ultra).
    type: str
seealso:
  - module: otc.dms.dms_instance
'''

EXAMPLES = r'''
- name: The 300MB product of Kafka 2.7
  otc.dms.dms_product_info:
    cloud: prod
    engine_version: '2.7'
    bandwidth: 300MB
  register: sizes

- name: Its id, partitions and minimum storage
  ansible.builtin.debug:
    msg: "{{ sizes.products[0].product_id }}: {{ sizes.products[0].partition_num }} partitions, from {{ sizes.products[0].storage_space }} GB"
'''

RETURN = r'''
products:
  description: The matching products; empty when none matches.
  returned: always
  type: list
  elements: dict
  contains:
    arch_type:
      description: CPU architecture of the brokers.
      type: str
      sample: X86
    availability_zones:
      description: Codes of the zones where the product is offered.
      type: list
      elements: str
      sample: [eu-de-01, eu-de-02]
    bandwidth:
      description: Bandwidth specification.
      type: str
      sample: 100MB
    engine:
      description: Always V(kafka).
      type: str
      sample: kafka
    engine_version:
      description: Kafka version.
      type: str
      sample: '2.7'
    flavor_id:
      description: Flavor of the broker servers.
      type: str
      sample: c4.large.2
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
        io_type:
          description: V(high) or V(ultra).
          type: str
          sample: ultra
        storage_spec_code:
          description: Code to create an instance with.
          type: str
          sample: dms.physical.storage.ultra
        unavailable_zones:
          description: Codes of the zones where the class is not offered.
          type: list
          elements: str
          sample: []
        volume_type:
          description: Disk type.
          type: str
          sample: SSD
    partition_num:
      description: Maximum number of partitions of an instance.
      type: int
      sample: 300
    product_id:
      description: Id of the product.
      type: str
      sample: 00300-30308-0--0
    spec_code:
      description: Resource specification code.
      type: str
      sample: dms.instance.kafka.cluster.c3.mini
    storage_space:
      description: Minimum storage in GB.
      type: int
      sample: 600
    tps:
      description: Messages per second the product is sized for.
      type: int
      sample: 50000
    unavailable_zones:
      description: Codes of the zones where the product is not offered.
      type: list
      elements: str
      sample: []
'''

from ansible_collections.otc.dms.plugins.module_utils import reference
from ansible_collections.otc.dms.plugins.module_utils.base import DmsModule

ARGUMENT_SPEC = dict(
    availability_zone=dict(type='str'),
    bandwidth=dict(type='str', choices=list(reference.BANDWIDTHS)),
    engine_version=dict(type='str', choices=list(reference.ENGINE_VERSIONS)),
    storage_spec_code=dict(type='str'),
)


def task(module):
    p = module.params
    found = reference.products(module.client)
    if p['engine_version'] is not None:
        found = [x for x in found if x['engine_version'] == p['engine_version']]
    if p['bandwidth'] is not None:
        found = [x for x in found if x['bandwidth'] == p['bandwidth']]
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

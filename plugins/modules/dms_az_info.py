#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026, otc.dms contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: dms_az_info
short_description: List the availability zones DMS offers
version_added: 0.1.0
description:
  - Lists the availability zones of the region in which the T Cloud Public (Open Telekom Cloud)
    Distributed Message Service can place Kafka instances, with their codes and ids.
  - Kafka instances are created with AZ ids; M(otc.dms.dms_instance) also takes the codes and looks
    the ids up itself.
  - Returns an empty list, not an error, when no zone matches.
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
  name:
    description:
      - Code (V(eu-de-01)), name or id of the zone to return. All zones when unset.
    type: str
seealso:
  - module: otc.dms.dms_instance
'''

EXAMPLES = r'''
- name: The zones of the region
  otc.dms.dms_az_info:
    cloud: prod
  register: zones

- name: Ids of the zones that have resources left
  ansible.builtin.debug:
    msg: "{{ zones.availability_zones | selectattr('available') | map(attribute='id') | list }}"
'''

RETURN = r'''
availability_zones:
  description: The matching zones; empty when none matches.
  returned: always
  type: list
  elements: dict
  contains:
    available:
      description: Whether the zone has resources for new instances (a real boolean; the API sends a string).
      type: bool
      sample: true
    code:
      description: Code of the zone.
      type: str
      sample: eu-de-01
    id:
      description: Id of the zone, as instances are created with it.
      type: str
      sample: bf84aba586ce4e948da0b97d9a7d62fb
    name:
      description: Name of the zone.
      type: str
      sample: eu-de-01
    port:
      description: Port the API reports for the zone.
      type: str
      sample: '8002'
    region:
      description: Region of the zone.
      type: str
      sample: eu-de
    sold_out:
      description: Whether the zone is sold out.
      type: bool
      sample: false
'''

from ansible_collections.otc.dms.plugins.module_utils import reference
from ansible_collections.otc.dms.plugins.module_utils.base import DmsModule

ARGUMENT_SPEC = dict(
    name=dict(type='str'),
)


def task(module):
    zones = reference.availability_zones(module.client)
    wanted = module.params['name']
    if wanted is not None:
        zones = [z for z in zones if wanted in (z['code'], z['name'], z['id'])]
    return dict(availability_zones=zones)


def main():
    DmsModule(ARGUMENT_SPEC).run(task)


if __name__ == '__main__':
    main()

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
'''

from ansible_collections.otc.dms.plugins.module_utils.dms import DmsModule
from ansible_collections.otc.dms.plugins.module_utils.instances import get_instance, list_instances
from ansible_collections.otc.dms.plugins.module_utils.queues import UUID_RE


class DmsInstanceInfoModule(DmsModule):
    argument_spec = dict(
        engine=dict(type='str', choices=['kafka'], default='kafka'),
        exact_match=dict(type='bool', default=True),
        include_failed=dict(type='bool', default=False),
        name=dict(type='str'),
        status=dict(type='str'),
    )

    def run(self):
        p = self.params
        if p['name'] is not None and UUID_RE.match(p['name']):
            found = get_instance(self, p['name'].lower())
            instances = [found] if found else []
            if not p['include_failed']:
                instances = [i for i in instances if i['status'] != 'CREATEFAILED']
            if p['status'] is not None:
                instances = [i for i in instances if i['status'] == p['status']]
        else:
            instances = list_instances(self, name=p['name'], exact=p['exact_match'],
                                       status=p['status'], include_failed=p['include_failed'],
                                       engine=p['engine'])
            if p['name'] is not None and p['exact_match']:
                instances = [i for i in instances if i['name'] == p['name']]
        self.results['instances'] = instances


def main():
    DmsInstanceInfoModule()()


if __name__ == '__main__':
    main()

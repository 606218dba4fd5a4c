#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026, otc.dms contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: dms_instance_user_info
short_description: List the SASL users of a DMS Kafka instance
version_added: 1.0.0
description:
  - Lists the SASL users of a T Cloud Public (Open Telekom Cloud) Distributed Message Service
    Kafka instance through the DMS for Kafka v2 API, its initial user included, or the one user
    with a given name, with role, description and when it was created. Never a password.
  - Returns an empty list, not an error, when the instance or the user does not exist, when the
    instance has no SASL (C(ssl_enable) false), and while the instance is being created, has
    failed to be created or is being deleted (the API shows no users then).
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
      - Name of the user to return. All users of the instance when unset.
    type: str
notes:
  - Costs one read of the instance and one read of its users.
seealso:
  - module: otc.dms.dms_instance_user
'''

EXAMPLES = r'''
- name: The SASL users of an instance
  otc.dms.dms_instance_user_info:
    cloud: prod
    instance: kafka-1
  register: kafka_users

- name: Their names, the initial user left out
  ansible.builtin.debug:
    msg: "{{ kafka_users.users | rejectattr('initial_user') | map(attribute='name') | list }}"
'''

RETURN = r'''
users:
  description: The matching users, by name; empty when there are none to show.
  returned: always
  type: list
  elements: dict
  contains:
    created:
      description: When the user was created (ISO 8601, UTC).
      type: str
      sample: '2026-07-01T08:30:00.000Z'
    description:
      description: Description of the user.
      type: str
      sample: billing producer
    initial_user:
      description: Whether this is the instance's initial user (its C(access_user)).
      type: bool
      sample: false
    instance_id:
      description: Id of the Kafka instance.
      type: str
      sample: 8354dde6-8229-4ff4-844d-ab7121be9745
    name:
      description: Name of the user.
      type: str
      sample: billing
    role:
      description: Role of the user as the API reports it.
      type: str
      sample: guest
'''

from ansible_collections.otc.dms.plugins.module_utils import user
from ansible_collections.otc.dms.plugins.module_utils.base import DmsModule
from ansible_collections.otc.dms.plugins.module_utils.parent import instance_ref

ARGUMENT_SPEC = dict(
    instance=dict(type='str', required=True),
    name=dict(type='str'),
)


def task(module):
    p = module.params
    ref = instance_ref(module.client, p['instance'])
    users = user.list_users(module.client, ref) if ref is not None else []
    if p['name'] is not None:
        users = [u for u in users if u['name'] == p['name']]
    return dict(users=users)


def main():
    DmsModule(ARGUMENT_SPEC).run(task)


if __name__ == '__main__':
    main()

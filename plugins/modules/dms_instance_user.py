#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026, otc.dms contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: dms_instance_user
short_description: Create and delete SASL users of a DMS Kafka instance
version_added: 1.0.0
description:
  - Creates and deletes the SASL users of a T Cloud Public (Open Telekom Cloud) Distributed
    Message Service Kafka instance through the DMS for Kafka v2 API, one user (O(name)) or a
    whole set (O(users)), optionally deleting the users that the set does not list (O(purge)),
    and resets their passwords with O(update_password=always).
  - Users exist only on an instance created with SASL (C(ssl_enable)); single-node flavours have
    no user management. The module refuses both before any write, naming the instance.
  - The API cannot compare passwords. With O(update_password=on_create) (the default) a password
    is only sent to create a user; with O(update_password=always) it is reset on every run, which
    is always reported as a change.
  - The API has no user update, so a O(description) is set when a user is created. An existing
    user with another description fails before any change, naming the field; the module never
    deletes and creates a user again, because that would drop the user's topic permissions.
  - The instance's initial user (its C(access_user)) is listed like the others, is never purged,
    and deleting it fails with a message that says why. Its password can be reset here.
  - Deleting a user also removes its topic permissions.
  - Changes need a RUNNING instance. With O(wait=true) the module waits up to O(timeout) seconds
    for an instance that is being created, restarted or extended; with O(wait=false) it fails
    naming the status.
author:
  - otc.dms contributors (@otc-dms)
extends_documentation_fragment:
  - otc.dms.dms
attributes:
  check_mode:
    support: full
    description: Reports what would be created, reset or deleted; no write request is sent.
  diff_mode:
    support: full
    description: Shows the user (or the users of the instance) before and after; never a password.
options:
  description:
    description:
      - Description of the user, at most 200 characters. Set when the user is created.
    type: str
  instance:
    description:
      - Name or id of the Kafka instance.
      - For O(state=present) the instance must exist; for O(state=absent) a missing instance means
        there is nothing to delete.
      - In check mode an instance that does not exist yet is accepted, as an earlier task of the
        play (M(otc.dms.dms_instance)) may create it. It has no users yet, so every declared one
        would be created; what depends on the instance itself (SASL, the flavour type) is checked by the real run.
    type: str
    required: true
  name:
    description:
      - Name of the one user to manage, 4 to 64 letters, digits, hyphens or underscores, starting
        with a letter.
      - Exactly one of O(name) and O(users) is required.
    type: str
  password:
    description:
      - Password of the user, 8 to 32 characters with at least three of lower case, upper case,
        digits and special characters, not starting with V(-), and neither the user name nor the
        user name backwards.
      - Needed to create a user; sent to an existing user only with O(update_password=always).
    type: str
  purge:
    description:
      - Delete the users of the instance that O(users) does not list (never the initial user),
        with their topic permissions.
      - Only with O(users) and O(state=present).
    type: bool
    default: false
  state:
    description:
      - V(present) creates the users that do not exist; V(absent) deletes them.
    type: str
    choices: [present, absent]
    default: present
  update_password:
    description:
      - V(on_create) sends a password only to create a user; V(always) also resets the password
        of every existing user the task gives one for (reported as a change each time).
    type: str
    choices: [always, on_create]
    default: on_create
  users:
    description:
      - The set of users to manage, each with the same settings as the top-level options.
      - With O(state=absent) every listed user is deleted (in one request).
      - Exactly one of O(name) and O(users) is required.
    type: list
    elements: dict
    suboptions:
      description:
        description: Description of the user, set when it is created.
        type: str
      name:
        description: Name of the user.
        type: str
        required: true
      password:
        description: Password of the user, as the top-level O(password).
        type: str
notes:
  - A re-run that changes nothing costs one identity exchange, one read of the instance and one
    read of its users.
  - Users are created one request each and their passwords reset one request each (the API has
    no batch for either); all deletions of a task are one request.
seealso:
  - module: otc.dms.dms_instance_user_info
  - module: otc.dms.dms_instance_topic_permission
'''

EXAMPLES = r'''
- name: A user for the billing service
  otc.dms.dms_instance_user:
    cloud: prod
    instance: kafka-1
    name: billing
    password: "{{ vault_billing_password }}"
    description: billing producer

- name: Rotate its password
  otc.dms.dms_instance_user:
    cloud: prod
    instance: kafka-1
    name: billing
    password: "{{ vault_new_billing_password }}"
    update_password: always

- name: Exactly these users (and the initial user), no others
  otc.dms.dms_instance_user:
    cloud: prod
    instance: kafka-1
    users:
      - name: billing
        password: "{{ vault_billing_password }}"
      - name: reporting
        password: "{{ vault_reporting_password }}"
    purge: true

- name: Delete a user and its topic permissions
  otc.dms.dms_instance_user:
    cloud: prod
    instance: kafka-1
    name: reporting
    state: absent
'''

RETURN = r'''
created:
  description: With O(users), the names of the users created (or that would be created).
  returned: when O(users) is given
  type: list
  elements: str
  sample: [billing]
deleted:
  description: With O(users), the names of the users deleted (or that would be deleted).
  returned: when O(users) is given
  type: list
  elements: str
  sample: [legacy-app]
updated:
  description: With O(users), the names of the users whose password was (or would be) reset.
  returned: when O(users) is given
  type: list
  elements: str
  sample: [billing]
user:
  description:
    - With O(name), the user after the task; for O(state=absent), the user that was deleted.
    - In check mode, the user as it would be. V(null) when O(state=absent) and the user did not
      exist. Never a password.
  returned: when O(name) is given
  type: dict
  contains: &user
    created:
      description: When the user was created (ISO 8601, UTC); V(null) in a prediction.
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
users:
  description:
    - With O(users), every user of the instance after the task (in check mode, as it would be).
    - Empty when O(state=absent) and the instance does not exist.
  returned: when O(users) is given
  type: list
  elements: dict
  contains: *user
'''

from ansible_collections.otc.dms.plugins.module_utils import rules, user
from ansible_collections.otc.dms.plugins.module_utils.base import DmsModule
from ansible_collections.otc.dms.plugins.module_utils.engine import converge_member, converge_set
from ansible_collections.otc.dms.plugins.module_utils.parent import instance_ref

ARGUMENT_SPEC = dict(
    instance=dict(type='str', required=True),
    name=dict(type='str'),
    purge=dict(type='bool', default=False),
    state=dict(type='str', choices=['present', 'absent'], default='present'),
    update_password=dict(type='str', choices=list(user.UPDATE_PASSWORD), default='on_create',
                         no_log=False),
    users=dict(type='list', elements='dict', options=dict(
        name=dict(type='str', required=True), **user.options())),
    **user.options()
)
MODULE_KWARGS = dict(
    mutually_exclusive=[('name', 'users'), ('users', 'description'), ('users', 'password')],
    required_one_of=[('name', 'users')],
)


def task(module):
    p = module.params
    rules.refuse(rules.purge_problems(p, 'users'))
    single = p['users'] is None
    if single:
        entries = [dict(name=p['name'], description=p['description'], password=p['password'])]
        rules.refuse(user.problems(p['name'], entries[0]))
    else:
        entries = p['users']
        rules.refuse(user.set_problems(entries))
    ref = instance_ref(module.client, p['instance'], module.run_settings, p['state'])
    users = user.UserSet(module.client, module.run_settings, ref, p['instance'], single,
                         p['state'], p['update_password'])
    if single:
        return converge_member(users, p['state'], entries[0]).result(
            'user', absent=p['state'] == 'absent')
    return converge_set(users, p['state'], entries, p['purge']).result(users)


def main():
    DmsModule(ARGUMENT_SPEC, **MODULE_KWARGS).run(task)


if __name__ == '__main__':
    main()

#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026, otc.dms contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: dms_instance_consumer_group
short_description: Create and delete consumer groups of a DMS Kafka instance
version_added: 1.0.0
description:
  - Creates and deletes the consumer groups of a T Cloud Public (Open Telekom Cloud) Distributed
    Message Service Kafka instance through the DMS for Kafka v2 API, one group (O(name)) or a
    whole set (O(groups)), optionally deleting the groups that the set does not list (O(purge)),
    all deletions in one request.
  - The API has no group update, so a O(description) is set when a group is created. An
    existing group with another description fails before any change, naming the field; the
    module never deletes and creates a group again, because that would drop its committed
    offsets.
  - Only a group without members can be deleted. A group with active consumers fails before any
    write, naming its state; stop its consumers first. Deleting a group drops its committed
    offsets, so its consumers start again from their reset policy; O(state=absent) and O(purge)
    are the consent to that.
  - The cloud deletes some groups by itself. With the instance parameter
    C(auto.create.groups.enable) at V(true) (the default) a group that stays empty and has never
    committed an offset is deleted about 10 minutes after it was created, and a restart deletes
    every group that never committed an offset. A declared group then shows up as created again
    on the next run. Commit an offset (start the consumers) or set the parameter to V(false) to
    keep such groups.
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
    description: Reports what would be created or deleted; no write request is sent.
  diff_mode:
    support: full
    description: Shows the group (or the groups of the instance) before and after.
options:
  description:
    description:
      - Description of the group, at most 200 characters. Set when the group is created.
    type: str
  groups:
    description:
      - The set of groups to manage, each with the same settings as the top-level options.
      - With O(state=absent) every listed group is deleted (in one request).
      - Exactly one of O(name) and O(groups) is required.
    type: list
    elements: dict
    suboptions:
      description:
        description: Description of the group, set when it is created.
        type: str
      name:
        description: Name of the group.
        type: str
        required: true
  instance:
    description:
      - Name or id of the Kafka instance.
      - For O(state=present) the instance must exist; for O(state=absent) a missing instance means
        there is nothing to delete.
      - In check mode an instance that does not exist yet is accepted, as an earlier task of the
        play (M(otc.dms.dms_instance)) may create it. It has no consumer groups yet, so every declared one
        would be created; what depends on the instance itself (its status) is checked by the real run.
    type: str
    required: true
  name:
    description:
      - Name of the one group to manage, 3 to 64 letters, digits, V(.), V(_) or V(-), starting
        with a letter or V(_).
      - Exactly one of O(name) and O(groups) is required.
    type: str
  purge:
    description:
      - Delete the groups of the instance that O(groups) does not list, with their committed
        offsets.
      - Only with O(groups) and O(state=present).
    type: bool
    default: false
  state:
    description:
      - V(present) creates the groups that do not exist; V(absent) deletes them.
    type: str
    choices: [present, absent]
    default: present
notes:
  - A re-run that changes nothing costs one identity exchange, one read of the instance and one
    read per 50 groups.
  - Groups are created one request each (the API has no batch create); all deletions of a task
    are one request.
seealso:
  - module: otc.dms.dms_instance_consumer_group_info
'''

EXAMPLES = r'''
- name: A consumer group for the billing service
  otc.dms.dms_instance_consumer_group:
    cloud: prod
    instance: kafka-1
    name: billing
    description: billing consumers

- name: Exactly these groups on the instance, and no others
  otc.dms.dms_instance_consumer_group:
    cloud: prod
    instance: kafka-1
    groups:
      - name: billing
      - name: reporting
    purge: true

- name: Delete a group (its consumers are stopped) and its offsets
  otc.dms.dms_instance_consumer_group:
    cloud: prod
    instance: kafka-1
    name: reporting
    state: absent
'''

RETURN = r'''
created:
  description: With O(groups), the names of the groups created (or that would be created).
  returned: when O(groups) is given
  type: list
  elements: str
  sample: [billing]
deleted:
  description: With O(groups), the names of the groups deleted (or that would be deleted).
  returned: when O(groups) is given
  type: list
  elements: str
  sample: [legacy-readers]
group:
  description:
    - With O(name), the group after the task; for O(state=absent), the group that was deleted.
    - In check mode, the group as it would be. V(null) when O(state=absent) and the group did not
      exist.
  returned: when O(name) is given
  type: dict
  contains: &group
    coordinator_id:
      description: Id of the broker that coordinates the group; V(null) in a prediction.
      type: int
      sample: 1
    created:
      description: When the group was created (ISO 8601, UTC); V(null) in a prediction.
      type: str
      sample: '2026-07-01T08:30:00.000Z'
    description:
      description: Description of the group.
      type: str
      sample: billing consumers
    instance_id:
      description: Id of the Kafka instance.
      type: str
      sample: 8354dde6-8229-4ff4-844d-ab7121be9745
    lag:
      description: Messages the group has not consumed yet, over all its partitions.
      type: int
      sample: 17
    name:
      description: Name of the group.
      type: str
      sample: billing
    state:
      description:
        - State of the group, V(EMPTY) (no members), V(STABLE), V(PREPARING_REBALANCE),
          V(COMPLETING_REBALANCE) or V(DEAD).
      type: str
      sample: EMPTY
groups:
  description:
    - With O(groups), every group of the instance after the task (in check mode, as it would be).
    - Empty when O(state=absent) and the instance does not exist.
  returned: when O(groups) is given
  type: list
  elements: dict
  contains: *group
'''

from ansible_collections.otc.dms.plugins.module_utils import kafka_group, rules
from ansible_collections.otc.dms.plugins.module_utils.base import DmsModule
from ansible_collections.otc.dms.plugins.module_utils.engine import converge_member, converge_set
from ansible_collections.otc.dms.plugins.module_utils.parent import instance_ref

ARGUMENT_SPEC = dict(
    groups=dict(type='list', elements='dict', options=dict(
        name=dict(type='str', required=True), **kafka_group.options())),
    instance=dict(type='str', required=True),
    name=dict(type='str'),
    purge=dict(type='bool', default=False),
    state=dict(type='str', choices=['present', 'absent'], default='present'),
    **kafka_group.options()
)
MODULE_KWARGS = dict(
    mutually_exclusive=[('name', 'groups'), ('groups', 'description')],
    required_one_of=[('name', 'groups')],
)


def task(module):
    p = module.params
    rules.refuse(rules.purge_problems(p, 'groups'))
    single = p['groups'] is None
    if single:
        entries = [dict(name=p['name'], description=p['description'])]
        rules.refuse(kafka_group.problems(p['name'], entries[0]))
    else:
        entries = p['groups']
        rules.refuse(kafka_group.set_problems(entries))
    ref = instance_ref(module.client, p['instance'], module.run_settings, p['state'])
    groups = kafka_group.GroupSet(module.client, module.run_settings, ref, p['instance'], single,
                                  p['state'])
    if single:
        return converge_member(groups, p['state'], entries[0]).result(
            'group', absent=p['state'] == 'absent')
    return converge_set(groups, p['state'], entries, p['purge']).result(groups)


def main():
    DmsModule(ARGUMENT_SPEC, **MODULE_KWARGS).run(task)


if __name__ == '__main__':
    main()

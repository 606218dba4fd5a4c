#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026, otc.dms contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: dms_instance_task_info
short_description: List the background tasks of a DMS Kafka instance
version_added: 1.0.0
description:
  - Lists what the cloud did or is still doing for a T Cloud Public (Open Telekom Cloud)
    Distributed Message Service Kafka instance - its background tasks (creation, restarts,
    extensions, parameter and permission changes, ...) - through the DMS for Kafka v2 API, every
    page of them, newest first, optionally within a time span; or one task by its id.
  - Returns an empty list, not an error, when the instance or the task does not exist.
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
  id:
    description:
      - Id of the one task to return (32 hexadecimal characters, such as the C(job_id) an
        extension or a parameter change answers with). All tasks when unset.
    type: str
  instance:
    description:
      - Name or id of the Kafka instance.
    type: str
    required: true
  since:
    description:
      - Only tasks created at or after this time, in ISO 8601 (V(2026-07-01), V(2026-07-01T08:30:00Z),
        V(2026-07-01T10:30:00+02:00)); UTC when no zone is given.
    type: str
  until:
    description:
      - Only tasks created at or before this time, in ISO 8601 as O(since).
    type: str
notes:
  - Costs one read of the instance and one read per 50 tasks (with O(id), one read of the task).
seealso:
  - module: otc.dms.dms_instance
'''

EXAMPLES = r'''
- name: What the cloud did for an instance today
  otc.dms.dms_instance_task_info:
    cloud: prod
    instance: kafka-1
    since: "{{ now(utc=true).strftime('%Y-%m-%d') }}"
  register: kafka_tasks

- name: The tasks still running
  ansible.builtin.debug:
    msg: "{{ kafka_tasks.tasks | selectattr('status', 'equalto', 'EXECUTING') | map(attribute='name') | list }}"
'''

RETURN = r'''
tasks:
  description: The matching tasks, newest first; empty when there are none.
  returned: always
  type: list
  elements: dict
  contains:
    created:
      description: When the task was created (ISO 8601, UTC).
      type: str
      sample: '2026-07-01T08:30:00.046Z'
    id:
      description: Id of the task.
      type: str
      sample: 8abfa7b372160bfd0172165864064079
    instance_id:
      description: Id of the Kafka instance.
      type: str
      sample: 8354dde6-8229-4ff4-844d-ab7121be9745
    name:
      description: What the task does, such as V(extendInstance), V(modifyConfig), V(restartInstance).
      type: str
      sample: modifyAutoTopic
    params:
      description: The task's parameters (the API sends them as a JSON string; here parsed).
      type: dict
      sample: {old_auto_status: false, new_auto_status: true}
    status:
      description: V(EXECUTING), V(SUCCESS) or V(FAILED).
      type: str
      sample: SUCCESS
    updated:
      description: When the task last changed (ISO 8601, UTC).
      type: str
      sample: '2026-07-01T08:30:05.065Z'
    user_name:
      description: The user who started the task.
      type: str
      sample: ops-user
'''

from ansible_collections.otc.dms.plugins.module_utils import rules, task as tasks_kind
from ansible_collections.otc.dms.plugins.module_utils.base import DmsModule
from ansible_collections.otc.dms.plugins.module_utils.parent import instance_ref

ARGUMENT_SPEC = dict(
    id=dict(type='str'),
    instance=dict(type='str', required=True),
    since=dict(type='str'),
    until=dict(type='str'),
)
MODULE_KWARGS = dict(mutually_exclusive=[('id', 'since'), ('id', 'until')])


def task(module):
    p = module.params
    rules.refuse(tasks_kind.problems(p['id'], p['since'], p['until']))
    ref = instance_ref(module.client, p['instance'])
    if ref is None:
        return dict(tasks=[])
    if p['id'] is not None:
        found = tasks_kind.get_task(module.client, ref.id, p['id'], ref.describe())
        return dict(tasks=[found] if found else [])
    return dict(tasks=tasks_kind.list_tasks(module.client, ref, p['since'], p['until']))


def main():
    DmsModule(ARGUMENT_SPEC, **MODULE_KWARGS).run(task)


if __name__ == '__main__':
    main()

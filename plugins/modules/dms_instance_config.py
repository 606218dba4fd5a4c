#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026, otc.dms contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: dms_instance_config
short_description: Set the Kafka parameters of a DMS Kafka instance
version_added: 1.0.0
description:
  - Sets Kafka parameters (such as C(message.max.bytes), C(auto.create.groups.enable),
    C(log.retention.hours)) of a T Cloud Public (Open Telekom Cloud) Distributed Message Service
    Kafka instance through the DMS for Kafka v2 API.
  - Reads the instance's parameters with their valid values and types first. An unknown name or
    a value outside the valid values fails before any write, naming it and what is allowed. Only
    the parameters that differ are written, in one request, and the module waits for the
    cloud's task.
  - Dynamic parameters take effect at once. Static ones take effect after a restart - the result
    then says O(restart) is needed (RV(restart_required)) and lists them in RV(pending). With
    O(restart=true) the module restarts the instance and waits for it, in the same run.
  - The API shows no pending state. A later run finds a static change that has not taken effect
    in the background tasks (a parameter change newer than the last restart), reports it as
    pending, and restarts for it with O(restart=true); with nothing pending it does not restart.
  - Single-node flavours cannot change their parameters; the module fails before any write.
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
    description: Reports the values the parameters would get and whether a restart would follow.
      An instance that does not exist yet, or is still being created, is accepted; see
      O(instance).
  diff_mode:
    support: full
    description: Shows every parameter's value before and after.
options:
  instance:
    description:
      - Name or id of the Kafka instance.
      - In check mode an instance that does not exist yet (an earlier task of the play may
        create it), or that is being created, is accepted. Its parameters cannot be read then, so
        every declared parameter is reported as changed, without valid values, types or a restart
        prediction; the real run checks the values against the instance's own list before any
        write.
    type: str
    required: true
  parameters:
    description:
      - Kafka parameter names and the values to set. Values may be strings, numbers or booleans.
      - Parameters not listed keep their values. An empty dict only reads (and reports what is
        pending).
    type: dict
    default: {}
  restart:
    description:
      - Restart the instance (and wait for it with O(wait)) when static parameters are pending,
        including those this run changes. The restart interrupts the clients for some minutes.
    type: bool
    default: false
notes:
  - A run that changes nothing costs one identity exchange, one read of the instance, one read of
    its parameters and, when it has static parameters, one read per 50 background tasks since
    the last restart.
seealso:
  - module: otc.dms.dms_instance
  - module: otc.dms.dms_instance_task_info
'''

EXAMPLES = r'''
- name: Allow messages of up to 5 MiB (dynamic, at once)
  otc.dms.dms_instance_config:
    cloud: prod
    instance: kafka-1
    parameters:
      message.max.bytes: 5242880

- name: Keep messages of auto-created topics a week, restarting for it
  otc.dms.dms_instance_config:
    cloud: prod
    instance: kafka-1
    parameters:
      log.retention.hours: 168
      auto.create.groups.enable: false
    restart: true

- name: What is pending
  otc.dms.dms_instance_config:
    cloud: prod
    instance: kafka-1
  register: kafka_parameters
'''

RETURN = r'''
parameters:
  description:
    - Every parameter of the instance after the task (in check mode, as it would be).
    - In check mode on an instance that does not exist yet or is being created, only the declared
      parameters, with null for what cannot be read (C(default), C(static), C(type),
      C(valid_values)).
  returned: always
  type: list
  elements: dict
  contains:
    default:
      description: The default value.
      type: str
      sample: '10485760'
    name:
      description: Name of the parameter.
      type: str
      sample: message.max.bytes
    static:
      description: Whether the parameter takes effect only after a restart.
      type: bool
      sample: false
    type:
      description: V(integer) or V(enum), as the API says.
      type: str
      sample: integer
    valid_values:
      description: The valid values, as the API writes them (V(0~10485760), V(true,false)).
      type: str
      sample: 0~10485760
    value:
      description: The current value, as text.
      type: str
      sample: '5242880'
updated:
  description:
    - The parameters whose values the task changed (in check mode, would change), by name.
  returned: always
  type: list
  elements: str
  sample: [log.retention.hours, message.max.bytes]
pending:
  description: The static parameters changed since the last restart that have not taken effect.
  returned: always
  type: list
  elements: str
  sample: [log.retention.hours]
restart_required:
  description: Whether static parameters wait for a restart.
  returned: always
  type: bool
  sample: true
restarted:
  description: Whether the task restarted (or in check mode would restart) the instance.
  returned: always
  type: bool
  sample: false
'''

from ansible_collections.otc.dms.plugins.module_utils import config, rules
from ansible_collections.otc.dms.plugins.module_utils.base import DmsModule
from ansible_collections.otc.dms.plugins.module_utils.parent import instance_ref

ARGUMENT_SPEC = dict(
    instance=dict(type='str', required=True),
    parameters=dict(type='dict', default={}),
    restart=dict(type='bool', default=False),
)


def task(module):
    p = module.params
    rules.refuse(config.problems(p['parameters']))
    ref = instance_ref(module.client, p['instance'], module.run_settings, 'present')
    kind = config.Parameters(module.client, module.run_settings, ref, p['instance'], p['restart'])
    return kind.converge(p['parameters'])


def main():
    DmsModule(ARGUMENT_SPEC).run(task)


if __name__ == '__main__':
    main()

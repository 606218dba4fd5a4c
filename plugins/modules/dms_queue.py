#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026, otc.dms contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: dms_queue
short_description: Create or delete DMS message queues, one or a declared set
version_added: 0.1.0
description:
  - Creates or deletes a queue of the T Cloud Public (Open Telekom Cloud) Distributed Message
    Service, with its mode, description, dead-letter and retention settings; or a whole set of
    queues (O(queues)), optionally deleting the queues of the project that the set does not list
    (O(purge)).
  - Queues cannot be modified after creation. When an existing queue differs from a setting the
    task gives, the module fails before changing anything and names every differing field with
    its current and wanted value. Settings the task leaves unset are neither sent nor compared.
  - Deleting a queue deletes its consumer groups and every message it holds. A queue that still
    holds unconsumed messages is only deleted with O(force=true).
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
    description: Shows the queue (or the queues of the project) before and after.
options:
  dead_letter:
    description:
      - Whether messages that fail consumption O(max_consume_count) times move to the
        dead-letter store of their consumer group.
      - Only for V(normal) and V(fifo) queues.
      - Created without dead letters when unset.
    type: bool
    aliases: [redrive_policy]
  description:
    description:
      - Description of the queue, at most 160 characters, without C(<) or C(>).
    type: str
  force:
    description:
      - Delete a queue even though it still holds unconsumed messages; they are lost.
      - Without it, O(state=absent) (or O(purge)) on such a queue fails before anything is
        deleted and says how many messages wait.
    type: bool
    default: false
  max_consume_count:
    description:
      - How many failed consumptions move a message to the dead letters, 1 to 100.
      - Required when O(dead_letter=true); only valid with it.
    type: int
  name:
    description:
      - Name of the one queue to manage (1 to 64 letters, digits, hyphens or underscores), or the
        id of an existing queue.
      - Exactly one of O(name) and O(queues) is required.
    type: str
  purge:
    description:
      - Delete the queues of the project that O(queues) does not list, with their consumer groups.
      - A purged queue that still holds unconsumed messages is only deleted with O(force=true).
      - Only with O(queues) and O(state=present).
    type: bool
    default: false
    version_added: 1.0.0
  queue_mode:
    description:
      - V(normal) queues deliver with high concurrency and no order guarantee; V(fifo) queues
        deliver in the order messages were sent.
      - V(kafka_ha) (all replicas flushed to disk synchronously) and V(kafka_ht) (high
        throughput, asynchronous flush) queues keep messages O(retention_hours) and have no
        dead letters.
      - Created as V(normal) when unset.
    type: str
    choices: [normal, fifo, kafka_ha, kafka_ht]
  queues:
    description:
      - The set of queues to manage, each with the same settings as the top-level options.
      - With O(state=present) every listed queue is created when missing and compared when it
        exists; with O(state=absent) every listed queue is deleted.
      - Every entry is checked, and every differing existing queue refused, before the first
        write.
      - Exactly one of O(name) and O(queues) is required.
    type: list
    elements: dict
    suboptions:
      dead_letter:
        description: Whether failed messages move to dead letters (off when unset).
        type: bool
        aliases: [redrive_policy]
      description:
        description: Description, at most 160 characters, without C(<) or C(>).
        type: str
      max_consume_count:
        description: Failed consumptions before a message becomes a dead letter, 1 to 100; with O(queues[].dead_letter=true).
        type: int
      name:
        description: Name of the queue.
        type: str
        required: true
      queue_mode:
        description: V(normal) (when unset), V(fifo), V(kafka_ha) or V(kafka_ht).
        type: str
        choices: [normal, fifo, kafka_ha, kafka_ht]
      retention_hours:
        description: How long a Kafka queue keeps messages, 1 to 72 hours.
        type: int
    version_added: 1.0.0
  retention_hours:
    description:
      - How long a Kafka queue keeps messages, 1 to 72 hours.
      - Only valid with O(queue_mode=kafka_ha) or O(queue_mode=kafka_ht).
    type: int
  state:
    description:
      - V(present) creates the queues that do not exist; V(absent) deletes them.
    type: str
    choices: [present, absent]
    default: present
notes:
  - The v1 queue API answers on T Cloud Public only where the queue service is still offered; where
    it has been retired the module fails saying so (the API gateway answers C(APIGW.0201)).
  - A re-run that changes nothing costs one identity exchange and one DMS request, for one queue
    or a whole set.
seealso:
  - module: otc.dms.dms_queue_info
  - module: otc.dms.dms_queue_group
'''

EXAMPLES = r'''
- name: A FIFO queue whose messages move to dead letters after 3 failed consumptions
  otc.dms.dms_queue:
    cloud: prod
    name: orders
    queue_mode: fifo
    description: Orders from the web shop
    dead_letter: true
    max_consume_count: 3

- name: A Kafka queue that keeps messages one day
  otc.dms.dms_queue:
    cloud: prod
    name: clicks
    queue_mode: kafka_ha
    retention_hours: 24

- name: Exactly these queues in the project, and no others
  otc.dms.dms_queue:
    cloud: prod
    queues:
      - name: orders
        queue_mode: fifo
        dead_letter: true
        max_consume_count: 3
      - name: clicks
        queue_mode: kafka_ha
        retention_hours: 24
    purge: true

- name: Delete a queue, even with messages still waiting in it
  otc.dms.dms_queue:
    cloud: prod
    name: orders
    state: absent
    force: true
'''

RETURN = r'''
created:
  description: With O(queues), the names of the queues created (or that would be created).
  returned: when O(queues) is given
  type: list
  elements: str
  sample: [orders]
deleted:
  description: With O(queues), the names of the queues deleted (or that would be deleted).
  returned: when O(queues) is given
  type: list
  elements: str
  sample: [legacy]
queue:
  description:
    - With O(name), the queue after the task; for O(state=absent), the queue that was deleted.
    - In check mode, the queue as it would be created (V(null) for what only the cloud knows).
    - V(null) when O(state=absent) and the queue did not exist.
  returned: when O(name) is given
  type: dict
  contains:
    created:
      description: When the queue was created (ISO 8601, UTC).
      type: str
      sample: '2026-11-27T05:30:00.000Z'
    dead_letter:
      description: Whether failed messages move to dead letters.
      type: bool
      sample: true
    description:
      description: Description of the queue.
      type: str
      sample: Orders from the web shop
    group_count:
      description: Number of consumer groups.
      type: int
      sample: 2
    id:
      description: Id of the queue.
      type: str
      sample: 9bf46390-38a2-462d-b392-4d5b2d519c55
    max_consume_count:
      description: Failed consumptions before a message becomes a dead letter; V(null) without dead letters.
      type: int
      sample: 3
    name:
      description: Name of the queue.
      type: str
      sample: orders
    produced_messages:
      description: Messages the queue holds (sent and not yet past retention).
      type: int
      sample: 12
    queue_mode:
      description: V(normal), V(fifo), V(kafka_ha) or V(kafka_ht).
      type: str
      sample: fifo
    retention_hours:
      description: How long a Kafka queue keeps messages; V(null) for other queues.
      type: int
      sample: 72
queues:
  description:
    - With O(queues), every queue of the project after the task (in check mode, as it would be).
  returned: when O(queues) is given
  type: list
  elements: dict
  contains:
    created:
      description: When the queue was created (ISO 8601, UTC).
      type: str
      sample: '2026-11-27T05:30:00.000Z'
    dead_letter:
      description: Whether failed messages move to dead letters.
      type: bool
      sample: true
    description:
      description: Description of the queue.
      type: str
      sample: Orders from the web shop
    group_count:
      description: Number of consumer groups.
      type: int
      sample: 2
    id:
      description: Id of the queue.
      type: str
      sample: 9bf46390-38a2-462d-b392-4d5b2d519c55
    max_consume_count:
      description: Failed consumptions before a message becomes a dead letter; V(null) without dead letters.
      type: int
      sample: 3
    name:
      description: Name of the queue.
      type: str
      sample: orders
    produced_messages:
      description: Messages the queue holds (sent and not yet past retention).
      type: int
      sample: 12
    queue_mode:
      description: V(normal), V(fifo), V(kafka_ha) or V(kafka_ht).
      type: str
      sample: fifo
    retention_hours:
      description: How long a Kafka queue keeps messages; V(null) for other queues.
      type: int
      sample: 72
'''

from ansible_collections.otc.dms.plugins.module_utils import queue, rules
from ansible_collections.otc.dms.plugins.module_utils.base import DmsModule
from ansible_collections.otc.dms.plugins.module_utils.engine import converge_member, converge_set


def settings_spec():
    return dict(
        dead_letter=dict(type='bool', aliases=['redrive_policy']),
        description=dict(type='str'),
        max_consume_count=dict(type='int'),
        queue_mode=dict(type='str', choices=list(queue.MODES)),
        retention_hours=dict(type='int'),
    )


ARGUMENT_SPEC = dict(
    force=dict(type='bool', default=False),
    name=dict(type='str'),
    purge=dict(type='bool', default=False),
    queues=dict(type='list', elements='dict',
                options=dict(name=dict(type='str', required=True), **settings_spec())),
    state=dict(type='str', choices=['present', 'absent'], default='present'),
    **settings_spec()
)
MODULE_KWARGS = dict(
    required_one_of=[('name', 'queues')],
    mutually_exclusive=[('name', 'queues')] + [('queues', s) for s in queue.SETTINGS],
    required_if=[('dead_letter', True, ['max_consume_count'])],
    required_by=dict(retention_hours='queue_mode'),
)


def task(module):
    p = module.params
    queues = queue.QueueSet(module.client, module.run_settings, force=p['force'])
    if p['queues'] is None:
        rules.refuse(['purge is only valid with queues.'] if p['purge'] else [])
        entry = dict(((s, p[s]) for s in queue.SETTINGS), name=p['name'])
        rules.refuse(queue.problems(entry))
        return converge_member(queues, p['state'], entry).result(
            'queue', absent=p['state'] == 'absent')
    rules.refuse(['purge is only valid with state: present.']
                 if p['purge'] and p['state'] == 'absent' else [])
    rules.refuse(queue.set_problems(p['queues']))
    return converge_set(queues, p['state'], p['queues'], p['purge']).result(queues)


def main():
    DmsModule(ARGUMENT_SPEC, **MODULE_KWARGS).run(task)


if __name__ == '__main__':
    main()

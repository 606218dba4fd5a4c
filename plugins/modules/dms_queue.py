#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026, otc.dms contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: dms_queue
short_description: Create or delete a DMS message queue
version_added: 0.1.0
description:
  - Creates or deletes a queue of the T Cloud Public (Open Telekom Cloud) Distributed Message
    Service, with its mode, description, dead-letter and retention settings.
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
    description: Shows the queue before and after.
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
      - Delete the queue even though it still holds unconsumed messages; they are lost.
      - Without it, O(state=absent) on such a queue fails and says how many messages wait.
    type: bool
    default: false
  max_consume_count:
    description:
      - How many failed consumptions move a message to the dead letters, 1 to 100.
      - Required when O(dead_letter=true); only valid with it.
    type: int
  name:
    description:
      - Name of the queue (1 to 64 letters, digits, hyphens or underscores), or the id of an
        existing queue.
    type: str
    required: true
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
  retention_hours:
    description:
      - How long a Kafka queue keeps messages, 1 to 72 hours.
      - Only valid with O(queue_mode=kafka_ha) or O(queue_mode=kafka_ht).
    type: int
  state:
    description:
      - V(present) creates the queue when it does not exist; V(absent) deletes it.
    type: str
    choices: [present, absent]
    default: present
notes:
  - The v1 queue API answers on T Cloud Public only where the queue service is still offered; where
    it has been retired the module fails saying so (the API gateway answers C(APIGW.0201)).
  - A re-run that changes nothing costs one identity exchange and one DMS request.
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

- name: Delete a queue, even with messages still waiting in it
  otc.dms.dms_queue:
    cloud: prod
    name: orders
    state: absent
    force: true
'''

RETURN = r'''
queue:
  description:
    - The queue after the task; for O(state=absent), the queue that was deleted.
    - In check mode, the queue as it would be created (V(null) for what only the cloud knows).
    - V(null) when O(state=absent) and the queue did not exist.
  returned: always
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
'''

from ansible_collections.otc.dms.plugins.module_utils.dms import DmsModule, get_json
from ansible_collections.otc.dms.plugins.module_utils.queues import (
    KAFKA_MODES, QUEUE_FIELDS, QUEUE_MODES, QUEUE_NAME_RE, find_queue, queue_view)
from ansible_collections.otc.dms.plugins.module_utils.resource import Resource, converge


class Queue(Resource):
    kind = 'queue'
    immutable = ('queue_mode', 'description', 'dead_letter', 'max_consume_count',
                 'retention_hours')
    immutable_hint = ('Queues cannot be modified: delete it (state=absent) and create it again, '
                      'or use another name.')

    def find(self):
        return find_queue(self.module, self.label)

    def predict(self, current, changes):
        view = dict((field, None) for field in QUEUE_FIELDS)
        view.update(name=self.label, description='', queue_mode='normal', dead_letter=False,
                    group_count=0, produced_messages=0)
        view.update(changes)
        return view

    def create(self, wanted):
        attrs = dict(name=self.label)
        if wanted.get('queue_mode'):
            attrs['queue_mode'] = wanted['queue_mode'].upper()
        if wanted.get('description') is not None:
            attrs['description'] = wanted['description']
        if wanted.get('dead_letter') is not None:
            attrs['redrive_policy'] = 'enable' if wanted['dead_letter'] else 'disable'
        for field in ('max_consume_count', 'retention_hours'):
            if wanted.get(field) is not None:
                attrs[field] = wanted[field]
        queue_id = self.module.create_once(
            "queue '%s'" % self.label, lambda: self.module.dms.create_queue(**attrs).id,
            lambda: (find_queue(self.module, self.label) or {}).get('id'))
        with self.module.doing("read queue '%s'" % self.label):
            raw = get_json(self.module, '/queues/%s' % queue_id,
                           params={'include_deadletter': 'true'})
        return queue_view(raw)

    def check_delete(self, current):
        if self.module.params['force'] or not current.get('produced_messages'):
            return
        with self.module.doing("list the consumer groups of queue '%s'" % self.label):
            groups = list(self.module.dms.groups(current['id'], include_deadletter=True))
        if groups:
            waiting = dict((g.name, (g.available_messages or 0) + (g.available_deadletters or 0))
                           for g in groups)
            count = max(waiting.values())
            detail = ', '.join("group '%s': %d" % item for item in sorted(waiting.items()))
        else:
            count = current['produced_messages']
            detail = 'no consumer group has read them'
        if count:
            self.module.fail("Queue '%s' still holds %d unconsumed message(s) (%s). Set force: true "
                             "to delete it with its messages." % (current['name'], count, detail),
                             queue=current)

    def delete(self, current):
        with self.module.doing("delete queue '%s'" % self.label):
            self.module.dms.delete_queue(current['id'], ignore_missing=True)


class DmsQueueModule(DmsModule):
    argument_spec = dict(
        dead_letter=dict(type='bool', aliases=['redrive_policy']),
        description=dict(type='str'),
        force=dict(type='bool', default=False),
        max_consume_count=dict(type='int'),
        name=dict(type='str', required=True),
        queue_mode=dict(type='str', choices=list(QUEUE_MODES)),
        retention_hours=dict(type='int'),
        state=dict(type='str', choices=['present', 'absent'], default='present'),
    )
    module_kwargs = dict(
        required_if=[('dead_letter', True, ['max_consume_count'])],
        required_by=dict(retention_hours='queue_mode'),
    )

    def validate(self):
        p = self.params
        if not QUEUE_NAME_RE.match(p['name']):
            self.fail("name '%s' is invalid: use 1 to 64 letters, digits, hyphens or underscores."
                      % p['name'])
        description = p['description']
        if description is not None and len(description) > 160:
            self.fail('description is too long: at most 160 characters, got %d.' % len(description))
        if description is not None and set('<>') & set(description):
            self.fail("description '%s' must not contain < or >." % description)
        kafka = p['queue_mode'] in KAFKA_MODES
        if p['max_consume_count'] is not None:
            if p['dead_letter'] is not True:
                self.fail('max_consume_count is only valid with dead_letter: true.')
            if not 1 <= p['max_consume_count'] <= 100:
                self.fail('max_consume_count must be 1 to 100, got %d.' % p['max_consume_count'])
        if p['dead_letter'] and kafka:
            self.fail('dead_letter is not available for queue_mode %s: Kafka queues have no '
                      'dead letters.' % p['queue_mode'])
        if p['retention_hours'] is not None:
            if not kafka:
                self.fail('retention_hours is only valid with queue_mode kafka_ha or kafka_ht, '
                          'not %s.' % p['queue_mode'])
            if not 1 <= p['retention_hours'] <= 72:
                self.fail('retention_hours must be 1 to 72, got %d.' % p['retention_hours'])

    def run(self):
        self.validate()
        wanted = dict((field, self.params[field]) for field in Queue.immutable)
        converge(Queue(self, self.params['name']), self.params['state'], wanted, 'queue')


def main():
    DmsQueueModule()()


if __name__ == '__main__':
    main()

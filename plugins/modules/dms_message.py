#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026, otc.dms contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: dms_message
short_description: Send, consume and acknowledge messages of a DMS queue
version_added: 0.1.0
description:
  - Sends messages to a T Cloud Public (Open Telekom Cloud) Distributed Message Service queue,
    consumes messages as a consumer group, or acknowledges (confirms) consumed messages.
  - One module serves the three actions because they share how the queue and the group are
    addressed and what comes back; O(action) says which one a task does. Each task does exactly
    one action, so a playbook reads as the message flow it implements.
  - B(Delivery is at least once.) Consuming hides the returned messages from that consumer group
    for O(ack_wait) seconds and hands out a handler per message. Acknowledging a handler with
    V(success) consumes the message for that group for good. A message that is acknowledged with
    V(fail), or not acknowledged within O(ack_wait), becomes visible to the group again and is
    delivered again. So a message can reach a group more than once, but never again after its
    successful acknowledgement.
  - With dead letters enabled on the queue (M(otc.dms.dms_queue) O(otc.dms.dms_queue#module:dead_letter)),
    a message whose consumption failed C(max_consume_count) times moves to the dead letters of that
    group; O(dead_letter=true) consumes and acknowledges those.
author:
  - otc.dms contributors (@otc-dms)
extends_documentation_fragment:
  - otc.dms.dms
attributes:
  check_mode:
    support: full
    description:
      - Sends, consumes and acknowledges nothing. Reports what would happen; for O(action=consume)
        the group's counters tell how many messages would be handed out (consuming is a change;
        it hides messages from the group).
      - The queue (and for O(action=consume) the group) is looked up as for the real run, so a
        missing one fails in check mode too.
  diff_mode:
    support: none
    description: Messages are not a state to compare.
options:
  ack:
    description:
      - With O(action=consume), acknowledge with V(success) exactly the messages returned, after
        they were received.
      - Only for consumers that can afford to lose a message if the play fails after this task.
    type: bool
    default: false
  ack_wait:
    description:
      - With O(action=consume), how long, in seconds (15 to 300), the returned messages stay hidden
        from the group waiting for their acknowledgement. The service uses 30 when unset.
    type: int
  action:
    description:
      - V(send) sends O(messages) to O(queue).
      - V(consume) takes up to O(max_msgs) messages for O(group).
      - V(ack) acknowledges O(handlers) of messages O(group) consumed.
    type: str
    required: true
    choices: [send, consume, ack]
  dead_letter:
    description:
      - With O(action=consume) or O(action=ack), work on the dead letters of O(group) instead of
        its messages. Only for V(normal) and V(fifo) queues.
    type: bool
    default: false
  group:
    description:
      - Name or id of the consumer group; required for O(action=consume) and O(action=ack).
    type: str
  handlers:
    description:
      - With O(action=ack), the handlers of the messages to acknowledge, as returned by
        O(action=consume) in RV(messages[].handler).
      - An empty list is nothing to acknowledge (V(changed=false), no request), so the handlers
        of a consume that found nothing can be passed on as they are.
    type: list
    elements: str
  max_msgs:
    description:
      - With O(action=consume), the most messages to take, 1 to 10. Fewer come back when fewer are
        visible; never more.
    type: int
    default: 10
  messages:
    description:
      - With O(action=send), the messages to send, in order. Any number; they are sent in batches
        of at most 10 messages and 512 KB, the API's limits, keeping their order.
      - A message of more than 512 KB (its body and attributes as compact JSON) is refused before
        anything is sent.
    type: list
    elements: dict
    suboptions:
      attributes:
        description: Attributes of the message, a dict of names to values.
        type: dict
      body:
        description: The message body; a string or any JSON value (dict, list, number, boolean).
        type: raw
        required: true
  queue:
    description:
      - Name or id of the queue.
    type: str
    required: true
  status:
    description:
      - With O(action=ack), V(success) consumes the messages for the group for good; V(fail) makes
        them visible to the group again (and counts a failed consumption towards dead letters).
    type: str
    choices: [success, fail]
    default: success
  time_wait:
    description:
      - With O(action=consume), how long, in seconds (1 to 60), to wait for a message when none is
        visible. The service waits 3 seconds when unset. An empty queue returns an empty list, not
        an error.
    type: int
notes:
  - Sending is not idempotent; every run sends the messages again.
seealso:
  - module: otc.dms.dms_queue
  - module: otc.dms.dms_queue_group
'''

EXAMPLES = r'''
- name: Send three messages (bodies may be strings or any JSON value)
  otc.dms.dms_message:
    cloud: prod
    action: send
    queue: orders
    messages:
      - body: order 1 created
        attributes:
          source: web
      - body: {id: 2, total: 19.99}
      - body: [3, 4, 5]
  register: sent

- name: Take up to five messages for the billing group
  otc.dms.dms_message:
    cloud: prod
    action: consume
    queue: orders
    group: billing
    max_msgs: 5
    ack_wait: 60
  register: batch

- name: Confirm them once they are processed
  otc.dms.dms_message:
    cloud: prod
    action: ack
    queue: orders
    group: billing
    handlers: "{{ batch.messages | map(attribute='handler') | list }}"

- name: Or, instead of confirming, hand them back (they are delivered again)
  otc.dms.dms_message:
    cloud: prod
    action: ack
    queue: orders
    group: billing
    handlers: "{{ batch.messages | map(attribute='handler') | list }}"
    status: fail
  when: batch.messages | length > 0

- name: Read and confirm dead letters in one task
  otc.dms.dms_message:
    cloud: prod
    action: consume
    queue: orders
    group: billing
    dead_letter: true
    ack: true
'''

RETURN = r'''
acked:
  description: With O(action=consume) and O(ack=true), how many of the returned messages were acknowledged.
  returned: when O(action=consume) and O(ack=true)
  type: dict
  contains:
    fail:
      description: Messages that could not be acknowledged (they will be delivered again).
      type: int
      sample: 0
    success:
      description: Messages acknowledged.
      type: int
      sample: 5
batches:
  description: With O(action=send), how many send requests were (or, in check mode, would be) made.
  returned: when O(action=send)
  type: int
  sample: 1
fail:
  description:
    - With O(action=ack), how many handlers could not be acknowledged.
    - With O(status=fail) every handler counts here; handing a message back is a failed consumption.
  returned: when O(action=ack)
  type: int
  sample: 0
failed_handlers:
  description:
    - With O(action=ack) and O(status=success), the handlers that could not be acknowledged,
      because they were unknown, had expired (O(ack_wait) passed) or were already acknowledged, or
      came after such a handler in the list. Their messages will be delivered again.
  returned: when O(action=ack)
  type: list
  elements: str
  sample: []
message_ids:
  description: With O(action=send), the ids of the sent messages, in order (empty in check mode).
  returned: when O(action=send)
  type: list
  elements: str
  sample: [d9d2a2a4-4d9e-4f41-9b63-f0a58a3b1c6e]
messages:
  description: With O(action=consume), the messages handed out; empty when none was visible (and in check mode).
  returned: when O(action=consume)
  type: list
  elements: dict
  contains:
    attributes:
      description: Attributes of the message (an empty dict when it has none).
      type: dict
      sample: {source: web}
    body:
      description: The message body as it was sent.
      type: raw
      sample: order 1 created
    handler:
      description: The handler to acknowledge the message with (O(handlers)).
      type: str
      sample: NCMxMDAjMTgjMA==
sent:
  description: With O(action=send), how many messages were (or, in check mode, would be) sent.
  returned: when O(action=send)
  type: int
  sample: 3
success:
  description: With O(action=ack), how many handlers were acknowledged.
  returned: when O(action=ack)
  type: int
  sample: 5
would_consume:
  description: In check mode with O(action=consume), how many messages the group would be handed.
  returned: in check mode, when O(action=consume)
  type: int
  sample: 5
'''

from ansible_collections.otc.dms.plugins.module_utils import message, rules
from ansible_collections.otc.dms.plugins.module_utils.base import DmsModule

ARGUMENT_SPEC = dict(
    ack=dict(type='bool', default=False),
    ack_wait=dict(type='int'),
    action=dict(type='str', required=True, choices=list(message.ACTIONS)),
    dead_letter=dict(type='bool', default=False),
    group=dict(type='str'),
    handlers=dict(type='list', elements='str', no_log=False),
    max_msgs=dict(type='int', default=10),
    messages=dict(type='list', elements='dict', options=dict(
        attributes=dict(type='dict'),
        body=dict(type='raw', required=True),
    )),
    queue=dict(type='str', required=True),
    status=dict(type='str', choices=['success', 'fail'], default='success'),
    time_wait=dict(type='int'),
)
MODULE_KWARGS = dict(
    required_if=[
        ('action', 'send', ['messages']),
        ('action', 'consume', ['group']),
        ('action', 'ack', ['group', 'handlers']),
    ],
)


def task(module):
    p = module.params
    rules.refuse(message.problems(p))
    client, run = module.client, module.run_settings
    if p['action'] == 'send':
        return message.send(client, run, p['queue'], p['messages'])
    if p['action'] == 'consume':
        return message.consume(client, run, p['queue'], p['group'], p['max_msgs'],
                               dead_letter=p['dead_letter'], ack=p['ack'],
                               time_wait=p['time_wait'], ack_wait=p['ack_wait'])
    return message.ack(client, run, p['queue'], p['group'], p['handlers'], p['status'],
                       p['dead_letter'])


def main():
    DmsModule(ARGUMENT_SPEC, **MODULE_KWARGS).run(task)


if __name__ == '__main__':
    main()

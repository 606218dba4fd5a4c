# -*- coding: utf-8 -*-
# Copyright (c) 2026, otc.dms contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Messages of v1 queues: the API's limits, batching, and the send / consume / ack actions.

Messages are not a state to converge: each action is carried out (or, in check mode,
predicted) and reports what it did. Delivery is at least once.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json

from ansible_collections.otc.dms.plugins.module_utils import group as groups
from ansible_collections.otc.dms.plugins.module_utils import queue as queues
from ansible_collections.otc.dms.plugins.module_utils import rules
from ansible_collections.otc.dms.plugins.module_utils.errors import ApiError, Refusal, step

MAX_BATCH_MESSAGES = 10
MAX_BATCH_BYTES = 524288
ACTIONS = ('send', 'consume', 'ack')
OPTIONS_BY_ACTION = dict(
    send=('messages',),
    consume=('group', 'max_msgs', 'time_wait', 'ack_wait', 'ack', 'dead_letter'),
    ack=('group', 'handlers', 'status', 'dead_letter'),
)
DEFAULTS = dict(max_msgs=10, ack=False, dead_letter=False, status='success')
RANGES = dict(max_msgs=(1, 10), time_wait=(1, 60), ack_wait=(15, 300))


def message_size(message):
    """Bytes a message counts against the limits: compact JSON of body and attributes."""
    size = len(json.dumps(message['body'], separators=(',', ':'), ensure_ascii=False).encode('utf-8'))
    if message.get('attributes') is not None:
        size += len(json.dumps(message['attributes'], separators=(',', ':'),
                               ensure_ascii=False).encode('utf-8'))
    return size


def batches(messages, max_messages=MAX_BATCH_MESSAGES, max_bytes=MAX_BATCH_BYTES):
    """Split ``messages`` into consecutive batches within both limits, keeping order."""
    batch, batch_bytes = [], 0
    for message in messages:
        size = message_size(message)
        if batch and (len(batch) == max_messages or batch_bytes + size > max_bytes):
            yield batch
            batch, batch_bytes = [], 0
        batch.append(message)
        batch_bytes += size
    if batch:
        yield batch


def problems(request):
    """What is wrong with a message task ({action, options...}), before any request."""
    action = request['action']
    found = []
    for option in sorted(set(o for opts in OPTIONS_BY_ACTION.values() for o in opts)):
        if option in OPTIONS_BY_ACTION[action] or request.get(option) is None:
            continue
        if option in DEFAULTS and request[option] == DEFAULTS[option]:
            continue
        found.append('%s is not used with action=%s.' % (option, action))
    found += rules.range_problems(request, RANGES)
    if action == 'send':
        if not request['messages']:
            found.append('messages is empty: list at least one message.')
        for index, message in enumerate(request['messages'] or []):
            size = message_size(message)
            if size > MAX_BATCH_BYTES:
                found.append('messages[%d] is %d bytes; a message may be at most %d bytes (body '
                             'and attributes as compact JSON). Nothing was sent.'
                             % (index, size, MAX_BATCH_BYTES))
    if action == 'ack' and request['handlers'] and not all(request['handlers']):
        found.append('handlers[%d] is an empty string: give the handlers that consuming returned.'
                     % request['handlers'].index(''))
    return found


def send(client, run, queue_name, messages):
    """Send ``messages`` in order, in batches within the API's limits."""
    messages = [dict((k, v) for k, v in m.items() if v is not None) for m in messages]
    planned = list(batches(messages))
    result = dict(changed=False, sent=len(messages), batches=len(planned), message_ids=[])
    # The queue is looked up in check mode too, so a missing queue fails as the real run would.
    queue = queues.ref(client, queue_name)
    if run.check_mode:
        result['changed'] = True
        return result
    sent = 0
    for number, batch in enumerate(planned, 1):
        result['sent'] = sent
        try:
            with step("send messages %d-%d of %d to queue '%s' (batch %d of %d; %d sent before)"
                      % (sent + 1, sent + len(batch), len(messages), queue.label, number,
                         len(planned), sent)):
                answers = client.send_messages(queue.id, batch)
        except ApiError as exc:
            exc.results.update(result)
            raise
        failed = [index for index, item in enumerate(answers) if item['state']]
        if failed:
            result['sent'] = sent + failed[0]
            raise Refusal("Queue '%s' refused message %d of this task (%s)."
                          % (queue.label, sent + failed[0],
                             answers[failed[0]]['error'] or 'no reason given'), **result)
        result['message_ids'].extend(item['id'] for item in answers)
        result['changed'] = True
        sent += len(batch)
    result['sent'] = sent
    return result


def consume(client, run, queue_name, group_name, max_msgs, dead_letter=False, ack=False,
            time_wait=None, ack_wait=None):
    """Take up to ``max_msgs`` messages (or dead letters) for the group; ``ack`` confirms them."""
    queue = queues.ref(client, queue_name)
    what = 'dead letters' if dead_letter else 'messages'
    result = dict(changed=False, messages=[])
    if run.check_mode:
        group = groups.find(client, queue, group_name)
        if group is None:
            raise Refusal("Consumer group '%s' of queue '%s' does not exist." % (group_name, queue.label))
        visible = group['available_deadletters' if dead_letter else 'available_messages'] or 0
        result['would_consume'] = min(visible, max_msgs)
        result['changed'] = result['would_consume'] > 0
        return result
    group_id = groups.group_id(client, queue, group_name)
    params = dict(max_msgs=max_msgs)
    for option, value in (('time_wait', time_wait), ('ack_wait', ack_wait)):
        if value is not None:
            params[option] = value
    with step("consume %s of queue '%s' for group '%s'" % (what, queue.label, group_name)):
        answer = client.consume(queue.id, group_id, params, dead_letter)
    consumed = []
    for item in answer[:max_msgs]:
        message = item.get('message') or {}
        consumed.append(dict(body=message.get('body'), attributes=message.get('attributes') or {},
                             handler=item.get('handler')))
    result.update(messages=consumed, changed=bool(consumed))
    if ack and consumed:
        result['acked'] = acknowledge(client, run, queue, group_id, group_name,
                                      [m['handler'] for m in consumed], 'success', dead_letter)
    return result


def acknowledge(client, run, queue, group_id, group_name, handlers, status, dead_letter):
    what = 'dead letters' if dead_letter else 'messages'
    with step("acknowledge %d %s of queue '%s' for group '%s'"
              % (len(handlers), what, queue.label, group_name)):
        counts = client.ack(queue.id, group_id, handlers, status, dead_letter)
    success = int(counts.get('success', 0))
    fail = int(counts.get('fail', len(handlers) - success))
    if fail and status == 'success':
        run.warn('%d of %d handlers could not be acknowledged; those messages will be delivered '
                 'again.' % (fail, len(handlers)))
    return dict(success=success, fail=fail)


def ack(client, run, queue_name, group_name, handlers, status='success', dead_letter=False):
    """Acknowledge ``handlers``; none at all is nothing to do (consume may return none)."""
    result = dict(changed=False, success=0, fail=0, failed_handlers=[])
    if not handlers:
        return result
    if run.check_mode:
        result['changed'] = True
        return result
    queue = queues.ref(client, queue_name)
    group_id = groups.group_id(client, queue, group_name)
    counts = acknowledge(client, run, queue, group_id, group_name, handlers, status, dead_letter)
    result.update(counts, changed=True)
    if status == 'success' and counts['fail']:
        # The service confirms in order: the failed ones are the last ones.
        result['failed_handlers'] = handlers[len(handlers) - counts['fail']:]
    return result

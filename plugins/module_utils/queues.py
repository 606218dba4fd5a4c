# -*- coding: utf-8 -*-
# Copyright (c) 2026, otc.dms contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Queue look-ups and the queue result shape, shared by dms_queue and dms_queue_info."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import re

from ansible_collections.otc.dms.plugins.module_utils.dms import (
    get_json, ms_to_iso, parent_ref, select, whitelist)

QUEUE_FIELDS = ('id', 'name', 'description', 'queue_mode', 'dead_letter', 'max_consume_count',
                'retention_hours', 'group_count', 'produced_messages', 'created')
QUEUE_MODES = ('normal', 'fifo', 'kafka_ha', 'kafka_ht')
KAFKA_MODES = ('kafka_ha', 'kafka_ht')
QUEUE_NAME_RE = re.compile(r'^[A-Za-z0-9_-]{1,64}\Z')


def queue_view(raw):
    """The whitelisted, snake_case result of one queue as the API lists it."""
    mode = (raw.get('queue_mode') or 'NORMAL').lower()
    kafka = mode in KAFKA_MODES
    hours = raw.get('retention_hours')
    if kafka and hours is None and raw.get('reservation') is not None:
        hours = int(raw['reservation']) // 60
    view = dict(raw)
    view.update(
        queue_mode=mode,
        description=raw.get('description') or '',
        dead_letter=(not kafka and raw.get('redrive_policy') == 'enable'),
        max_consume_count=raw.get('max_consume_count') if raw.get('redrive_policy') == 'enable' else None,
        retention_hours=hours if kafka else None,
        created=ms_to_iso(raw.get('created')),
    )
    return whitelist(view, QUEUE_FIELDS)


def list_queues(module):
    """Every queue of the project, with dead-letter settings and counts: one request."""
    with module.doing('list queues'):
        body = get_json(module, '/queues',
                        params={'include_deadletter': 'true', 'include_messages_num': 'true'})
    return [queue_view(raw) for raw in body.get('queues') or []]


def find_queue(module, name_or_id):
    """The queue with this id or name, or None; fails when a name is ambiguous."""
    matches = select(list_queues(module), name_or_id)
    if len(matches) > 1:
        module.fail("More than one queue is named '%s'; address it by id." % name_or_id)
    return matches[0] if matches else None


def queue_ref(module, name_or_id, required=True):
    """The parent queue (a ParentRef) given by name (one list request) or id (none).

    Returns None for a missing queue unless ``required``, which fails the module.
    """
    ref = parent_ref(name_or_id, lambda name: find_queue(module, name))
    if ref is None and required:
        module.fail("Queue '%s' does not exist." % name_or_id)
    return ref

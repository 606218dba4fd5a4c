# -*- coding: utf-8 -*-
# Copyright (c) 2026, otc.dms contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Queue look-ups and the queue result shape, shared by dms_queue and dms_queue_info."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import re

from ansible_collections.otc.dms.plugins.module_utils.dms import ms_to_iso, whitelist

try:
    from openstack import exceptions as sdk_exceptions
    NotFound = sdk_exceptions.NotFoundException
except ImportError:
    sdk_exceptions = None

    class NotFound(Exception):
        """Stands in when openstacksdk is missing (the module then fails at connect)."""

QUEUE_FIELDS = ('id', 'name', 'description', 'queue_mode', 'dead_letter', 'max_consume_count',
                'retention_hours', 'group_count', 'produced_messages', 'created')
QUEUE_MODES = ('normal', 'fifo', 'kafka_ha', 'kafka_ht')
KAFKA_MODES = ('kafka_ha', 'kafka_ht')
QUEUE_NAME_RE = re.compile(r'^[A-Za-z0-9_-]{1,64}\Z')


def raise_for_status(response):
    """Raise the SDK's exception for an error answer of a raw proxy call."""
    sdk_exceptions.raise_from_response(response)


def get_json(module, path, params=None):
    """GET ``path`` (relative to the DMS endpoint) and return the JSON body.

    Used where the SDK's resources drop fields the results need (message and
    group counts of queues).
    """
    response = module.dms.get(path, params=params)
    raise_for_status(response)
    return response.json()


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


def select(items, name_or_id):
    """Items whose id or name is ``name_or_id`` (an id match wins)."""
    by_id = [item for item in items if item.get('id') == name_or_id]
    return by_id or [item for item in items if item.get('name') == name_or_id]


def find_queue(module, name_or_id):
    """The queue with this id or name, or None; fails when a name is ambiguous."""
    matches = select(list_queues(module), name_or_id)
    if len(matches) > 1:
        module.fail("More than one queue is named '%s'; address it by id." % name_or_id)
    return matches[0] if matches else None


UUID_RE = re.compile(r'^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\Z')


class QueueRef(object):
    """A parent queue as the user named it: ``id`` is known at once for an id."""

    def __init__(self, label, queue_id, name=None):
        self.label = label
        self.id = queue_id
        self.name = name


def queue_ref(module, name_or_id, required=True):
    """Resolve a parent queue given by name or id.

    An id is taken as it is (no request: the child call answers 404 when it is
    unknown); a name costs one list request. Returns None for a missing queue
    unless ``required``, which fails the module.
    """
    if UUID_RE.match(name_or_id):
        return QueueRef(name_or_id, name_or_id.lower())
    queue = find_queue(module, name_or_id)
    if queue is None:
        if required:
            module.fail("Queue '%s' does not exist." % name_or_id)
        return None
    return QueueRef(name_or_id, queue['id'], queue['name'])

# -*- coding: utf-8 -*-
# Copyright (c) 2026, otc.dms contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The background tasks of a Kafka instance (DMS for Kafka v2): what the cloud did or is still
doing for it (creation, restarts, extensions, parameter changes, permissions...).

API reference: "API V2 (recommended)" > Background Task Management: listing background tasks,
querying a background task.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import datetime
import json
import re

from ansible_collections.otc.dms.plugins.module_utils.errors import step
from ansible_collections.otc.dms.plugins.module_utils.values import whitelist

FIELDS = ('id', 'name', 'status', 'params', 'user_name', 'created', 'updated', 'instance_id')
ID_RE = re.compile(r'^[0-9a-fA-F]{32}\Z')
ISO_RE = re.compile(r'^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?'
                    r'(Z|[+-]\d{2}:?\d{2})?\Z')


def parse_time(text):
    """An ISO 8601 time (a date alone, or with a time; UTC unless it says otherwise) as an aware
    datetime, or None when it is not one."""
    match = ISO_RE.match(text.strip()) if isinstance(text, str) else None
    if not match:
        return None
    year, month, day, hour, minute, second, zone = match.groups()
    offset = datetime.timedelta(0)
    if zone and zone != 'Z':
        digits = zone[1:].replace(':', '')
        offset = datetime.timedelta(hours=int(digits[:2]), minutes=int(digits[2:]))
        if zone[0] == '-':
            offset = -offset
    try:
        stamp = datetime.datetime(int(year), int(month), int(day), int(hour or 0),
                                  int(minute or 0), int(second or 0),
                                  tzinfo=datetime.timezone(offset))
    except ValueError:
        return None
    return stamp.astimezone(datetime.timezone.utc)


def api_time(stamp):
    """The list's time filter format: YYYYMMDDHHmmss, UTC."""
    return stamp.strftime('%Y%m%d%H%M%S')


def problems(task_id=None, since=None, until=None):
    found = []
    if task_id is not None and not ID_RE.match(task_id):
        found.append("id '%s' is not a background task id (32 hexadecimal characters)." % task_id)
    times = {}
    for option, value in (('since', since), ('until', until)):
        if value is not None:
            times[option] = parse_time(value)
            if times[option] is None:
                found.append("%s '%s' is not an ISO 8601 time (such as 2026-07-01T08:30:00Z)."
                             % (option, value))
    if times.get('since') and times.get('until') and times['since'] > times['until']:
        found.append('since (%s) is later than until (%s).' % (since, until))
    return found


def parsed_params(text):
    """The task's parameters: the API sends them as a JSON string."""
    if isinstance(text, dict):
        return text
    try:
        value = json.loads(text) if text else {}
    except ValueError:
        return {'raw': text}
    return value if isinstance(value, dict) else {'value': value}


def view(raw, instance_id):
    return whitelist(dict(
        id=raw.get('id'), name=raw.get('name'), status=raw.get('status'),
        params=parsed_params(raw.get('params')), user_name=raw.get('user_name'),
        created=raw.get('created_at'), updated=raw.get('updated_at'),
        instance_id=instance_id), FIELDS)


def list_tasks(client, ref, since=None, until=None):
    """Every background task of the instance (newest first), within ``since``/``until``."""
    params = {}
    if since is not None:
        params['begin_time'] = api_time(parse_time(since))
    if until is not None:
        params['end_time'] = api_time(parse_time(until))
    with step('list the background tasks of %s' % ref.describe()):
        raws = client.v2_all_tasks(ref.id, params)
    return [view(raw, ref.id) for raw in raws]


def get_task(client, instance_id, task_id, what=None):
    """One task, or None when the API does not know it."""
    with step('read background task %s of %s' % (task_id, what or "Kafka instance '%s'" % instance_id)):
        raw = client.v2_task(instance_id, task_id.lower())
    return None if raw is None else view(raw, instance_id)

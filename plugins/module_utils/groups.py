# -*- coding: utf-8 -*-
# Copyright (c) 2026, otc.dms contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Consumer-group look-ups and the group result shape (dms_queue_group, its info, dms_message)."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import re

from ansible_collections.otc.dms.plugins.module_utils.dms import NotFound, get_json, select, whitelist

GROUP_FIELDS = ('id', 'name', 'queue_id', 'queue_name', 'produced_messages', 'consumed_messages',
                'available_messages', 'produced_deadletters', 'available_deadletters')
GROUP_NAME_RE = re.compile(r'^[A-Za-z0-9_-]{1,32}\Z')
MAX_GROUPS_PER_QUEUE = 3


def group_view(raw, listing):
    view = dict(raw)
    view.update(queue_id=listing.get('queue_id'), queue_name=listing.get('queue_name'))
    return whitelist(view, GROUP_FIELDS)


def list_groups(module, queue, include_deadletter=True, missing_ok=False):
    """The groups of a queue (a ParentRef): one request.

    Returns None when the queue does not exist and ``missing_ok``; otherwise a
    missing queue fails the module.
    """
    params = {'include_deadletter': 'true'} if include_deadletter else None
    with module.doing("list the consumer groups of queue '%s'" % queue.label):
        try:
            listing = get_json(module, '/queues/%s/groups' % queue.id, params=params)
        except NotFound:
            if missing_ok:
                return None
            module.fail("Queue '%s' does not exist." % queue.label)
    views = [group_view(raw, listing) for raw in listing.get('groups') or []]
    if not include_deadletter:
        for view in views:
            view['produced_deadletters'] = view['available_deadletters'] = None
    return views


def find_group(module, queue, name_or_id, missing_queue_ok=False):
    """(group view or None, all groups of the queue); (None, None) for a missing queue."""
    groups = list_groups(module, queue, missing_ok=missing_queue_ok)
    if groups is None:
        return None, None
    matches = select(groups, name_or_id)
    return (matches[0] if matches else None), groups


GROUP_ID_RE = re.compile(r'^g-[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\Z')


def group_id(module, queue, name_or_id):
    """The id of a group given by name or id: an id costs no request, a name one list."""
    if GROUP_ID_RE.match(name_or_id):
        return name_or_id
    group, _groups = find_group(module, queue, name_or_id)
    if group is None:
        module.fail("Consumer group '%s' of queue '%s' does not exist." % (name_or_id, queue.label))
    return group['id']

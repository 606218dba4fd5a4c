# -*- coding: utf-8 -*-
# Copyright (c) 2026, otc.dms contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Kafka instance look-ups, the instance result shape and waits (dms_instance*, topics)."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.otc.dms.plugins.module_utils.dms import (
    UUID_RE, NotFound, as_int, get_json, ms_to_iso, whitelist)
from ansible_collections.otc.dms.plugins.module_utils.resource import wait_for

INSTANCE_FIELDS = (
    'id', 'name', 'description', 'status', 'engine', 'engine_version', 'bandwidth', 'product_id',
    'resource_spec_code', 'storage_space', 'usable_storage_space', 'used_storage_space',
    'storage_spec_code', 'partition_num', 'availability_zones', 'vpc_id', 'vpc_name', 'subnet_id',
    'security_group_id', 'security_group_name', 'connect_address', 'port', 'public_connect_address',
    'ssl_enable', 'access_user', 'enable_publicip', 'public_bandwidth', 'retention_policy',
    'maintain_begin', 'maintain_end', 'created')
FAILED_STATUSES = ('CREATEFAILED', 'ERROR')
# States from which an instance moves on by itself.
TRANSIENT_STATUSES = ('CREATING', 'RESTARTING', 'STARTING', 'STOPPING', 'EXTENDING')


def instance_view(raw):
    """The whitelisted, snake_case result of one instance (never a password)."""
    view = dict(raw)
    view.update(
        id=raw.get('instance_id') or raw.get('id'),
        bandwidth=raw.get('specification'),
        # Ansible users give the size they ask for; the API's storage_space is the usable part.
        storage_space=as_int(raw.get('total_storage_space')),
        usable_storage_space=as_int(raw.get('storage_space')),
        used_storage_space=as_int(raw.get('used_storage_space')),
        partition_num=as_int(raw.get('partition_num')),
        port=as_int(raw.get('port')),
        public_bandwidth=as_int(raw.get('public_bandwidth')),
        availability_zones=list(raw.get('available_zones') or []),
        access_user=raw.get('access_user') or None,
        description=raw.get('description') or '',
        created=ms_to_iso(raw.get('created_at')),
    )
    return whitelist(view, INSTANCE_FIELDS)


def get_instance(module, instance_id):
    """The instance with this id, or None when it does not exist."""
    with module.doing("read Kafka instance '%s'" % instance_id):
        try:
            return instance_view(get_json(module, '/instances/%s' % instance_id))
        except NotFound:
            return None


def list_instances(module, name=None, exact=False, status=None, include_failed=True,
                   engine='kafka'):
    """Instances of the project (one request), filtered by the API."""
    params = {'engine': engine, 'includeFailure': 'true' if include_failed else 'false'}
    if name is not None:
        params.update(name=name, exactMatchName='true' if exact else 'false')
    if status is not None:
        params['status'] = status
    with module.doing('list Kafka instances'):
        body = get_json(module, '/instances', params=params)
    return [instance_view(raw) for raw in body.get('instances') or []]


def find_instance(module, name_or_id):
    """The instance with this id or exact name, or None: one request either way."""
    if UUID_RE.match(name_or_id):
        return get_instance(module, name_or_id.lower())
    matches = [i for i in list_instances(module, name=name_or_id, exact=True)
               if i['name'] == name_or_id]
    if len(matches) > 1:
        module.fail("More than one Kafka instance is named '%s'; address it by id." % name_or_id)
    return matches[0] if matches else None


def describe(instance):
    return "Kafka instance '%s' (id %s)" % (instance['name'], instance['id'])


def wait_for_status(module, instance, done=('RUNNING',), timeout=None):
    """Poll the instance until its status is in ``done`` (None in ``done``: until it is gone)."""
    return wait_for(
        module, '%s to become %s' % (describe(instance), ' or '.join(s or 'deleted' for s in done)),
        lambda: get_instance(module, instance['id']), lambda item: item['status'], done,
        failed=[s for s in FAILED_STATUSES if s not in done],
        timeout=module.params['timeout'] if timeout is None else timeout, first_delay=0.5)


def ensure_running(module, instance, purpose):
    """Return the instance once RUNNING: wait when O(wait), else fail saying why."""
    if instance['status'] == 'RUNNING':
        return instance
    if module.params['wait'] and instance['status'] in TRANSIENT_STATUSES:
        return wait_for_status(module, instance)
    module.fail('%s is %s, not RUNNING; %s needs a running instance%s.' % (
        describe(instance), instance['status'], purpose,
        ' (set wait: true to wait for it)' if instance['status'] in TRANSIENT_STATUSES else ''))

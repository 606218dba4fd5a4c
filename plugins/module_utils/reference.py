# -*- coding: utf-8 -*-
# Copyright (c) 2026, otc.dms contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Reference data: availability zones, products and maintenance windows (project-less calls)."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import re

from ansible_collections.otc.dms.plugins.module_utils.errors import step
from ansible_collections.otc.dms.plugins.module_utils.values import as_bool, as_int

AZ_ID_RE = re.compile(r'^[0-9a-f]{32}\Z')
BANDWIDTHS = ('100MB', '300MB', '600MB', '1200MB')
ENGINE_VERSIONS = ('1.1.0', '2.3.0', '2.7')


def availability_zones(client):
    """The region's AZs with real booleans: one request."""
    with step('list availability zones'):
        body = client.availability_zones()
    region = body.get('regionId') or body.get('region_id')
    return [dict(code=az.get('code'), id=az.get('id'), name=az.get('name'), port=az.get('port'),
                 region=region, available=as_bool(az.get('resource_availability')),
                 sold_out=as_bool(az.get('soldOut', False)))
            for az in body.get('available_zones') or []]


def products(client):
    """Every Kafka product (one per engine version and bandwidth): one request."""
    with step('list DMS products'):
        found = client.products()
    return [dict(
        product_id=p['product_id'], engine=p['engine_name'], engine_version=p['engine_version'],
        bandwidth=p['bandwidth'], spec_code=p['spec_code'], tps=as_int(p['tps']),
        storage_space=as_int(p['storage']), partition_num=as_int(p['partition_num']),
        flavor_id=p['vm_flavor_id'], arch_type=p['arch_type'],
        availability_zones=list(p['availability_zones'] or []),
        unavailable_zones=list(p['unavailable_zones'] or []),
        io=[dict(io_type=io.get('io_type'), storage_spec_code=io.get('storage_spec_code'),
                 volume_type=io.get('volume_type'),
                 availability_zones=list(io.get('available_zones') or []),
                 unavailable_zones=list(io.get('unavailable_zones') or []))
            for io in p['io'] or []],
    ) for p in found]


def maintenance_windows(client):
    """The maintenance time windows an instance can use: one request."""
    with step('list maintenance windows'):
        found = client.maintenance_windows()
    return sorted((dict(seq=w['seq'], begin=w['begin'], end=w['end'], default=bool(w['is_default']))
                   for w in found), key=lambda w: w['seq'] or 0)


def normalise_time(value):
    """HH:mm or HH:mm:ss as HH:mm:ss; None when it is neither."""
    match = re.match(r'^(\d{1,2}):(\d{2})(?::(\d{2}))?\Z', str(value).strip())
    if not match:
        return None
    hours, minutes, seconds = int(match.group(1)), int(match.group(2)), int(match.group(3) or 0)
    if hours > 23 or minutes > 59 or seconds > 59:
        return None
    return '%02d:%02d:%02d' % (hours, minutes, seconds)

# -*- coding: utf-8 -*-
# Copyright (c) 2026, otc.dms contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Availability zones, products and maintenance windows (the project-less DMS calls)."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import re

from ansible_collections.otc.dms.plugins.module_utils.dms import as_bool, as_int, raise_for_status

AZ_ID_RE = re.compile(r'^[0-9a-f]{32}\Z')
BANDWIDTHS = ('100MB', '300MB', '600MB', '1200MB')
ENGINE_VERSIONS = ('1.1.0', '2.3.0', '2.7')


def availability_zones(module):
    """The region's AZs with real booleans: one request."""
    dms = module.dms
    with module.doing('list availability zones'):
        # Raw call: the SDK turns resource_availability "false" into True.
        response = dms.get('/availableZones',
                           endpoint_override=dms.endpoint_override.replace('%(project_id)s', ''))
        raise_for_status(response)
        body = response.json()
    region = body.get('regionId') or body.get('region_id')
    return [dict(code=az.get('code'), id=az.get('id'), name=az.get('name'), port=az.get('port'),
                 region=region, available=as_bool(az.get('resource_availability')),
                 sold_out=as_bool(az.get('soldOut', False)))
            for az in body.get('available_zones') or []]


def products(module):
    """Every Kafka product (one per engine version and bandwidth): one request."""
    with module.doing('list DMS products'):
        found = list(module.dms.products())
    result = []
    for product in found:
        result.append(dict(
            product_id=product.product_id, engine=product.engine_name,
            engine_version=product.engine_version, bandwidth=product.bandwidth,
            spec_code=product.spec_code, tps=as_int(product.tps), storage_space=as_int(product.storage),
            partition_num=as_int(product.partition_num), flavor_id=product.vm_flavor_id,
            arch_type=product.arch_type,
            availability_zones=list(product.availability_zones or []),
            unavailable_zones=list(product.unavailable_zones or []),
            io=[dict(io_type=io.get('io_type'), storage_spec_code=io.get('storage_spec_code'),
                     volume_type=io.get('volume_type'),
                     availability_zones=list(io.get('available_zones') or []),
                     unavailable_zones=list(io.get('unavailable_zones') or []))
                for io in product.io or []],
        ))
    return result


def maintenance_windows(module):
    """The maintenance time windows an instance can use: one request."""
    with module.doing('list maintenance windows'):
        found = list(module.dms.maintenance_windows())
    return sorted((dict(seq=w.seq, begin=w.begin, end=w.end, default=bool(w.is_default))
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

# -*- coding: utf-8 -*-
# Copyright (c) 2026, otc.dms contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Reference data of DMS for Kafka v2: availability zones, flavours (products) and
maintenance windows (the project-less calls)."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import re

from ansible_collections.otc.dms.plugins.module_utils.errors import step
from ansible_collections.otc.dms.plugins.module_utils.values import as_bool, as_int

AZ_ID_RE = re.compile(r'^[0-9a-f]{32}\Z')
# Flavour types: cluster, cluster.small (clusters of the small s6 brokers) and single (one broker).
SINGLE = 'single'


def availability_zones(client):
    """The region's AZs with real booleans: one request."""
    with step('list availability zones'):
        body = client.v2_availability_zones()
    region = body.get('region_id') or body.get('regionId')
    return [dict(code=az.get('code'), id=az.get('id'), name=az.get('name'), port=az.get('port'),
                 region=region, available=as_bool(az.get('resource_availability')),
                 sold_out=as_bool(az.get('soldOut', False)))
            for az in body.get('available_zones') or []]


def flavor_view(raw, versions):
    """One flavour as the modules show it: ranges as ints, the I/O classes with their AZs."""
    props = raw.get('properties') or {}
    own = [v.strip() for v in str(props.get('engine_versions') or '').split(',') if v.strip()]
    ios = [dict(storage_spec_code=io.get('io_spec'), type=io.get('type'),
                availability_zones=list(io.get('available_zones') or []),
                unavailable_zones=list(io.get('unavailable_zones') or []))
           for io in raw.get('ios') or []]
    zones = []
    for io in ios:
        zones += [z for z in io['availability_zones'] if z not in zones]
    return dict(
        flavor=raw.get('product_id'), type=raw.get('type'), alias=props.get('product_alias'),
        engine_versions=own or list(versions),
        broker_num_min=as_int(props.get('min_broker')), broker_num_max=as_int(props.get('max_broker')),
        storage_per_broker_min=as_int(props.get('min_storage_per_node')),
        storage_per_broker_max=as_int(props.get('max_storage_per_node')),
        partitions_per_broker=as_int(props.get('max_partition_per_broker')),
        consumers_per_broker=as_int(props.get('max_consumer_per_broker')),
        tps_per_broker=as_int(props.get('max_tps_per_broker')),
        bandwidth_per_broker=as_int(props.get('max_bandwidth_per_broker')),
        ecs_flavor_id=raw.get('ecs_flavor_id'), arch_types=list(raw.get('arch_types') or []),
        io=ios, availability_zones=zones)


def flavors(client, flavor=None):
    """The Kafka flavours (all, or the one asked for): one request."""
    with step('list Kafka flavours'):
        body = client.v2_products(flavor)
    versions = body.get('versions') or []
    return [flavor_view(raw, versions) for raw in body.get('products') or []]


def is_single(flavor):
    return flavor.get('type') == SINGLE


def maintenance_windows(client):
    """The maintenance time windows an instance can use, as HH:mm:ss: one request."""
    with step('list maintenance windows'):
        found = client.v2_maintenance_windows()
    return sorted((dict(seq=w.get('seq'), begin=normalise_time(w.get('begin')),
                        end=normalise_time(w.get('end')), default=as_bool(w.get('default')))
                   for w in found), key=lambda w: w['seq'] or 0)


def normalise_time(value):
    """HH, HH:mm or HH:mm:ss as HH:mm:ss (the API uses all three); None when it is none."""
    match = re.match(r'^(\d{1,2})(?::(\d{2}))?(?::(\d{2}))?\Z', str(value).strip())
    if not match or (match.group(3) and not match.group(2)):
        return None
    hours, minutes, seconds = int(match.group(1)), int(match.group(2) or 0), int(match.group(3) or 0)
    if hours > 23 or minutes > 59 or seconds > 59:
        return None
    return '%02d:%02d:%02d' % (hours, minutes, seconds)

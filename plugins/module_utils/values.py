# -*- coding: utf-8 -*-
# Copyright (c) 2026, otc.dms contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Plain value helpers shared by the resource kinds: the API's ints, booleans, times; results."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import datetime
import re

UUID_RE = re.compile(r'^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\Z')


def as_int(value):
    """An int from the API's ints and numeric strings ("300"); None for anything else."""
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def as_bool(value):
    """The API's booleans arrive as JSON booleans or as the strings "true"/"false"."""
    if isinstance(value, bool):
        return value
    return str(value).strip().lower() == 'true'


def ms_to_iso(value):
    """Epoch milliseconds (int or numeric string) to an ISO 8601 UTC string."""
    if value in (None, ''):
        return None
    try:
        stamp = datetime.datetime.fromtimestamp(int(value) / 1000.0, datetime.timezone.utc)
    except (TypeError, ValueError, OverflowError):
        return None
    return stamp.strftime('%Y-%m-%dT%H:%M:%S.%f')[:-3] + 'Z'


def whitelist(record, fields):
    """A result dict holding exactly ``fields`` (missing ones as None)."""
    return dict((field, record.get(field)) for field in fields)


def select(items, name_or_id):
    """Items whose id or name is ``name_or_id`` (an id match wins)."""
    by_id = [item for item in items if item.get('id') == name_or_id]
    return by_id or [item for item in items if item.get('name') == name_or_id]


def show(value):
    """A value as a message shows it: 'text', true/false, numbers, unset."""
    if isinstance(value, bool):
        return 'true' if value else 'false'
    if isinstance(value, str):
        return "'%s'" % value
    return 'unset' if value is None else str(value)


def plural(count, word):
    return word if count == 1 else word + 's'


def quoted(names):
    return ', '.join("'%s'" % name for name in names)

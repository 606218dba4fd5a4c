#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026, otc.dms contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: dms_maintenance_window_info
short_description: List the maintenance windows a DMS Kafka instance can use
version_added: 0.1.0
description:
  - Lists the maintenance time windows of the T Cloud Public (Open Telekom Cloud) Distributed
    Message Service; the default one is marked.
  - M(otc.dms.dms_instance) takes one of them as
    O(otc.dms.dms_instance#module:maintain_begin) and O(otc.dms.dms_instance#module:maintain_end).
author:
  - otc.dms contributors (@otc-dms)
extends_documentation_fragment:
  - otc.dms.dms
attributes:
  check_mode:
    support: full
    description: Reads only; runs the same in check mode.
  diff_mode:
    support: none
    description: Nothing is changed, so there is nothing to show.
options:
  default_only:
    description:
      - Return only the default window.
    type: bool
    default: false
seealso:
  - module: otc.dms.dms_instance
'''

EXAMPLES = r'''
- name: The maintenance windows
  otc.dms.dms_maintenance_window_info:
    cloud: prod
  register: windows

- name: Use the last slot of the day
  otc.dms.dms_instance:
    cloud: prod
    name: kafka-orders
    maintain_begin: "{{ (windows.maintenance_windows | last).begin }}"
    maintain_end: "{{ (windows.maintenance_windows | last).end }}"
'''

RETURN = r'''
maintenance_windows:
  description: The windows, in the API's order (C(seq)).
  returned: always
  type: list
  elements: dict
  contains:
    begin:
      description: Start (HH:mm:ss).
      type: str
      sample: '22:00:00'
    default:
      description: Whether new instances get this window unless told otherwise.
      type: bool
      sample: false
    end:
      description: End (HH:mm:ss).
      type: str
      sample: '02:00:00'
    seq:
      description: Position of the window.
      type: int
      sample: 1
'''

from ansible_collections.otc.dms.plugins.module_utils import reference
from ansible_collections.otc.dms.plugins.module_utils.base import DmsModule

ARGUMENT_SPEC = dict(
    default_only=dict(type='bool', default=False),
)


def task(module):
    windows = reference.maintenance_windows(module.client)
    if module.params['default_only']:
        windows = [w for w in windows if w['default']]
    return dict(maintenance_windows=windows)


def main():
    DmsModule(ARGUMENT_SPEC).run(task)


if __name__ == '__main__':
    main()

# -*- coding: utf-8 -*-
# Copyright (c) 2026, otc.dms contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
name: queue_problems
short_description: Check declared DMS queues and their consumer groups without a request
version_added: 1.0.0
description:
  - Checks a list of queue declarations against the rules that M(otc.dms.dms_queue) and
    M(otc.dms.dms_queue_group) apply before any request, and returns what is wrong, one line per
    problem, each naming its entry by its path and value. An empty list means every entry passes.
  - Each entry holds the settings of an entry of M(otc.dms.dms_queue)
    O(otc.dms.dms_queue#module:queues) (C(name), C(queue_mode), C(description), C(dead_letter),
    C(max_consume_count), C(retention_hours)) and, optionally, C(groups), the names of its consumer
    groups as M(otc.dms.dms_queue_group) O(otc.dms.dms_queue_group#module:groups) takes them.
  - The rules are the modules' own (name patterns, lengths and characters, ranges, settings that
    need each other, names declared twice, at most 3 groups a queue). What only the cloud can
    answer, such as an existing queue whose settings differ, is left to the modules.
  - Lets a play refuse a whole declaration before its first write; the role
    R(otc.dms.queue_setup,ansible_collections.otc.dms.queue_setup_role) does so.
author:
  - otc.dms contributors (@otc-dms)
positional: root
options:
  _input:
    description: The queue declarations.
    type: list
    elements: dict
    required: true
  root:
    description: The path of the list in the messages, such as C(queue_setup_queues).
    type: str
    default: queues
'''

EXAMPLES = r'''
- name: Refuse a bad declaration before anything is created
  ansible.builtin.assert:
    that: problems | length == 0
    fail_msg: "{{ problems | join(' ') }}"
  vars:
    problems: "{{ my_queues | otc.dms.queue_problems('my_queues') }}"
'''

RETURN = r'''
_value:
  description: One line per problem, empty when every entry passes.
  type: list
  elements: str
  sample:
    - "my_queues[1].name 'bad name' is invalid: use 1 to 64 letters, digits, hyphens or underscores."
'''

from ansible.errors import AnsibleFilterError

from ansible_collections.otc.dms.plugins.module_utils import group, queue


def queue_problems(entries, root='queues'):
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        raise AnsibleFilterError('queue_problems expects a list of queue declarations (dicts)')
    settings = [dict((k, v) for k, v in entry.items() if k != 'groups') for entry in entries]
    found = queue.set_problems(settings, root)
    for index, entry in enumerate(entries):
        names = [str(name) for name in entry.get('groups') or []]
        found += group.set_problems(names, '%s[%d].' % (root, index))
    return found


class FilterModule(object):
    def filters(self):
        return {'queue_problems': queue_problems}

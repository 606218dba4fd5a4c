# -*- coding: utf-8 -*-
# Copyright (c) 2026, otc.dms contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
name: topic_problems
short_description: Check declared Kafka topics without a request
version_added: 1.0.0
description:
  - Checks a list of topic declarations against the rules that M(otc.dms.dms_instance_topic)
    applies before any request, and returns what is wrong, one line per problem, each naming its
    entry by its path and value. An empty list means every entry passes.
  - Each entry holds the settings of an entry of M(otc.dms.dms_instance_topic)
    O(otc.dms.dms_instance_topic#module:topics) (C(name), C(partitions), C(replication),
    C(retention_time), C(sync_replication), C(sync_message_flush), C(configs), C(description)).
  - The rules are the module's own (the name pattern and reserved names, ranges, synchronous
    replication with one replica, topic parameters and their values, the description's length,
    names declared twice or colliding by V(.) against V(_)). What only the cloud can answer, such as the partition budget
    of an instance or an existing topic whose settings differ, is left to the module.
  - Lets a play refuse a whole declaration before its first write; the role
    R(otc.dms.kafka_instance,ansible_collections.otc.dms.kafka_instance_role) checks its topics
    with it before the instance is created or changed.
author:
  - otc.dms contributors (@otc-dms)
positional: root
options:
  _input:
    description: The topic declarations.
    type: list
    elements: dict
    required: true
  root:
    description: The path of the list in the messages, such as C(kafka_instance_topics).
    type: str
    default: topics
'''

EXAMPLES = r'''
- name: Refuse bad topics before the instance is created
  ansible.builtin.assert:
    that: problems | length == 0
    fail_msg: "{{ problems | join(' ') }}"
  vars:
    problems: "{{ my_topics | otc.dms.topic_problems('my_topics') }}"
'''

RETURN = r'''
_value:
  description: One line per problem, empty when every entry passes.
  type: list
  elements: str
  sample:
    - "my_topics[1].partitions (topic 'audit') must be 1 to 200, got 201."
'''

from ansible.errors import AnsibleFilterError
from ansible.module_utils.parsing.convert_bool import boolean

from ansible_collections.otc.dms.plugins.module_utils import topic


def _plain(entry):
    """An entry with the types the module's argument spec would give it."""
    plain = {'name': str(entry.get('name'))}
    for key, value in entry.items():
        if key == 'name' or value is None:
            continue
        try:
            if key in topic.RANGES:
                value = int(value)
            elif key in ('sync_replication', 'sync_message_flush'):
                value = boolean(value, strict=False)
        except (TypeError, ValueError):
            pass  # left as given: the role's argument spec has refused it already
        plain[key] = value
    return plain


def topic_problems(entries, root='topics'):
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        raise AnsibleFilterError('topic_problems expects a list of topic declarations (dicts)')
    return topic.set_problems([_plain(entry) for entry in entries], root)


class FilterModule(object):
    def filters(self):
        return {'topic_problems': topic_problems}

# -*- coding: utf-8 -*-
# Copyright (c) 2026, otc.dms contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
name: rename_options
short_description: Name a module's options in its message by the variables they come from
version_added: 1.0.0
description:
  - Replaces the option names and option paths in a message of one of the collection's modules,
    such as C(topics[1].partitions) or C(storage_space), by the names of the variables a role or
    a play gave them from, such as C(kafka_instance_topics[1].partitions). The message is
    otherwise left as it is.
  - A key is replaced where it begins the message or follows a space, a comma, a slash, a colon
    or an opening parenthesis, and, when it ends with a letter, a digit or C(_), where no such
    character follows it. So C(name) is renamed in C(name 'x' is invalid), not in C(named) or
    C(topic_name).
  - The role R(otc.dms.kafka_instance,ansible_collections.otc.dms.kafka_instance_role) reports
    the failures of its modules with it, so that each problem is named by the role's variables.
author:
  - otc.dms contributors (@otc-dms)
positional: names
options:
  _input:
    description: The message.
    type: str
    required: true
  names:
    description:
      - Each key (an option, or the head of an option path such as C(topics[)) and the name to
        put in its place. Longer keys are replaced first.
    type: dict
    required: true
'''

EXAMPLES = r'''
- name: Report a module's failure in the play's own terms
  ansible.builtin.fail:
    msg: "{{ ansible_failed_result.msg | otc.dms.rename_options({'topics[': 'my_topics['}) }}"
'''

RETURN = r'''
_value:
  description: The message with the keys replaced.
  type: str
  sample: "my_topics[1].partitions (topic 'audit') must be 1 to 200, got 201."
'''

import re

from ansible.errors import AnsibleFilterError

# What may come before an option in a message: its start, or one of these characters.
_BEFORE = r'(?:^|(?<=[\s,/:(]))'


def rename_options(message, names):
    if not isinstance(names, dict):
        raise AnsibleFilterError('rename_options: names must be a dict, got %s'
                                 % type(names).__name__)
    text = '' if message is None else str(message)
    keys = sorted((str(k) for k in names), key=len, reverse=True)
    if not keys:
        return text
    pattern = re.compile('|'.join(
        _BEFORE + re.escape(key) + (r'(?![\w-])' if re.match(r'\w', key[-1]) else '')
        for key in keys))
    return pattern.sub(lambda match: str(names[match.group(0)]), text)


class FilterModule(object):
    def filters(self):
        return {'rename_options': rename_options}

#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026, otc.dms contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: dms_instance_topic_permission
short_description: Grant and revoke SASL users' access to topics of a DMS Kafka instance
version_added: 1.0.0
description:
  - Sets which SASL users may publish to and subscribe to the topics of a T Cloud Public (Open
    Telekom Cloud) Distributed Message Service Kafka instance, through the DMS for Kafka v2 API,
    for one topic (O(topic) with O(permissions)) or for several (O(topics)).
  - The API replaces a topic's whole list of permissions on every write. The module reads each
    declared topic's list, computes the complete new list and writes all changed topics in one
    request; a run that changes nothing writes nothing.
  - Without O(purge), users a task does not list keep their access; with O(purge=true), the
    listed permissions are exactly what the topic grants. O(state=absent) removes the listed
    users' access and leaves the others.
  - Unknown topics, unknown users, instances without SASL (C(ssl_enable)) and single-node
    flavours fail with one line naming them, before any write.
  - In check mode an instance, topics and users that do not exist yet are accepted, as an earlier
    task of the play may create them (such as M(otc.dms.dms_instance),
    M(otc.dms.dms_instance_topic) and M(otc.dms.dms_instance_user)). The result predicts the
    grants and lists them in RV(missing); the real run refuses what still does not exist.
  - Permissions take effect as the instance's C(allow.everyone.if.no.acl.found) parameter says -
    with V(true), a topic without any permission is open to every SASL user; once it has one,
    only the users it lists (and the initial user) may use it.
  - Changes need a RUNNING instance. With O(wait=true) the module waits up to O(timeout) seconds
    for an instance that is being created, restarted or extended; with O(wait=false) it fails
    naming the status.
author:
  - otc.dms contributors (@otc-dms)
extends_documentation_fragment:
  - otc.dms.dms
attributes:
  check_mode:
    support: full
    description: Reports the permissions the topics would grant; no write request is sent. An
      instance, topics and users that do not exist yet are accepted and listed in RV(missing).
  diff_mode:
    support: full
    description: Shows each declared topic's permissions before and after.
options:
  instance:
    description:
      - Name or id of the Kafka instance.
      - For O(state=present) the instance must exist (in check mode it may not exist yet); for
        O(state=absent) a missing instance, or one without SASL, means there is nothing to remove.
    type: str
    required: true
  permissions:
    description:
      - With O(topic), the users' access to it.
    type: list
    elements: dict
    suboptions: &permissions
      access:
        description:
          - V(all) publish and subscribe, V(pub) publish only, V(sub) subscribe only.
          - Required with O(state=present); not used with O(state=absent).
        type: str
        choices: [all, pub, sub]
      user:
        description: Name of the SASL user (M(otc.dms.dms_instance_user)).
        type: str
        required: true
  purge:
    description:
      - Remove the access of the users that a topic's list of permissions does not give, so the
        list is exactly what the topic grants.
      - Only with O(state=present).
    type: bool
    default: false
  state:
    description:
      - V(present) grants the listed access; V(absent) removes the listed users' access.
    type: str
    choices: [present, absent]
    default: present
  topic:
    description:
      - Name of the one topic whose permissions to manage, with O(permissions).
      - Exactly one of O(topic) and O(topics) is required.
    type: str
  topics:
    description:
      - Several topics, each with its O(topics[].permissions), written in one request.
      - Exactly one of O(topic) and O(topics) is required.
    type: list
    elements: dict
    suboptions:
      permissions:
        description: The users' access to the topic.
        type: list
        elements: dict
        required: true
        suboptions: *permissions
      topic:
        description: Name of the topic.
        type: str
        required: true
notes:
  - A re-run that changes nothing costs one identity exchange, one read of the instance and one
    read of the permissions of each declared topic. A change adds one read of the users, the one
    write, and one read of each changed topic's permissions for the result.
seealso:
  - module: otc.dms.dms_instance_user
  - module: otc.dms.dms_instance_topic
'''

EXAMPLES = r'''
- name: Billing may publish to orders; reporting may read it; other users keep their access
  otc.dms.dms_instance_topic_permission:
    cloud: prod
    instance: kafka-1
    topic: orders
    permissions:
      - user: billing
        access: pub
      - user: reporting
        access: sub

- name: Exactly these permissions on two topics, in one request
  otc.dms.dms_instance_topic_permission:
    cloud: prod
    instance: kafka-1
    topics:
      - topic: orders
        permissions:
          - user: billing
            access: all
      - topic: audit.events
        permissions:
          - user: reporting
            access: sub
    purge: true

- name: Reporting may no longer use orders
  otc.dms.dms_instance_topic_permission:
    cloud: prod
    instance: kafka-1
    topic: orders
    permissions:
      - user: reporting
    state: absent
'''

RETURN = r'''
missing:
  description:
    - In check mode, the declared topics and users that do not exist yet. An earlier task of the
      play may create them; the real run refuses those that still do not exist. Both lists are
      empty in a real run.
    - When the instance does not exist yet, every declared topic and user is listed.
  returned: always
  type: dict
  contains:
    topics:
      description: Names of the declared topics that do not exist.
      type: list
      elements: str
      sample: [orders]
    users:
      description: Names of the users to be granted access that do not exist.
      type: list
      elements: str
      sample: [billing]
permissions:
  description:
    - With O(topic), what the topic grants after the task (in check mode, as it would), by user.
    - Empty when the instance does not exist (O(state=absent)).
  returned: when O(topic) is given
  type: list
  elements: dict
  contains: &permission
    access:
      description: V(all), V(pub) or V(sub).
      type: str
      sample: pub
    initial_user:
      description: Whether the user is the instance's initial user (its C(access_user)).
      type: bool
      sample: false
    owner:
      description: The API's owner flag of the permission.
      type: bool
      sample: false
    user:
      description: Name of the SASL user.
      type: str
      sample: billing
topics:
  description: With O(topics), each declared topic and what it grants after the task.
  returned: when O(topics) is given
  type: list
  elements: dict
  contains:
    permissions:
      description: What the topic grants, by user.
      type: list
      elements: dict
      contains: *permission
    topic:
      description: Name of the topic.
      type: str
      sample: orders
updated:
  description: With O(topics), the topics whose permissions changed (or would change).
  returned: when O(topics) is given
  type: list
  elements: str
  sample: [orders]
'''

from ansible_collections.otc.dms.plugins.module_utils import permission, rules
from ansible_collections.otc.dms.plugins.module_utils.base import DmsModule
from ansible_collections.otc.dms.plugins.module_utils.parent import instance_ref

ENTRY = dict(type='list', elements='dict', options=permission.entry_options())
ARGUMENT_SPEC = dict(
    instance=dict(type='str', required=True),
    permissions=ENTRY,
    purge=dict(type='bool', default=False),
    state=dict(type='str', choices=['present', 'absent'], default='present'),
    topic=dict(type='str'),
    topics=dict(type='list', elements='dict', options=dict(
        permissions=dict(ENTRY, required=True), topic=dict(type='str', required=True))),
)
MODULE_KWARGS = dict(
    mutually_exclusive=[('topic', 'topics'), ('topics', 'permissions')],
    required_one_of=[('topic', 'topics')],
    required_by={'topic': 'permissions'},
)


def result(single, declared, changed, before, after):
    if single:
        name = declared[0]['topic']
        return dict(changed=bool(changed), permissions=after.get(name, []),
                    diff=dict(before=dict(permissions=before.get(name, [])),
                              after=dict(permissions=after.get(name, []))))

    def topics(side):
        return [dict(topic=item['topic'], permissions=side.get(item['topic'], []))
                for item in declared]
    return dict(changed=bool(changed), topics=topics(after), updated=changed,
                diff=dict(before=dict(topics=topics(before)), after=dict(topics=topics(after))))


def task(module):
    p = module.params
    rules.refuse(rules.purge_problems(p, None))
    single = p['topics'] is None
    declared = ([dict(topic=p['topic'], permissions=p['permissions'])] if single else p['topics'])
    rules.refuse(permission.problems(declared, p['state'], single))
    ref = instance_ref(module.client, p['instance'], module.run_settings, p['state'])
    kind = permission.TopicPermissions(module.client, module.run_settings, ref, p['instance'],
                                       p['state'], p['purge'])
    outcome = result(single, declared, *kind.converge(declared))
    outcome['missing'] = dict(topics=kind.missing_topics, users=kind.missing_users)
    return outcome


def main():
    DmsModule(ARGUMENT_SPEC, **MODULE_KWARGS).run(task)


if __name__ == '__main__':
    main()

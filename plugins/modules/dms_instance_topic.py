#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026, otc.dms contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: dms_instance_topic
short_description: Create or delete topics of a DMS Kafka instance
version_added: 0.1.0
description:
  - Creates or deletes topics of a T Cloud Public (Open Telekom Cloud) Distributed Message Service
    Kafka instance, one topic (O(name)) or a whole set (O(topics)), optionally deleting
    the topics of the instance that the set does not list (O(purge)).
  - Topics cannot be modified through the DMS v1 API. When an existing topic differs from a
    setting the task gives, the module fails before changing anything and names every differing
    field with its current and wanted value. Settings the task leaves unset are neither sent nor
    compared; a new topic gets the API's defaults for them.
  - The partitions of all topics of an instance cannot exceed the instance's maximum. When the
    topics to create need more partitions than remain, the module fails before changing anything
    and says how many are needed, how many remain and the maximum.
  - Changes need a RUNNING instance. With O(wait=true) the module waits up to O(timeout) seconds
    for an instance that is being created or restarted; with O(wait=false) it fails.
  - Deleting a topic deletes its messages.
author:
  - otc.dms contributors (@otc-dms)
extends_documentation_fragment:
  - otc.dms.dms
attributes:
  check_mode:
    support: full
    description: Reports what would be created or deleted; no write request is sent.
  diff_mode:
    support: full
    description: Shows the topic (or the topics of the instance) before and after.
options:
  instance:
    description:
      - Name or id of the Kafka instance.
      - For O(state=present) the instance must exist; for O(state=absent) a missing instance means
        there is nothing to delete.
    type: str
    required: true
  name:
    description:
      - Name of the one topic to manage, 4 to 64 letters, digits, hyphens or underscores, starting
        with a letter.
      - Exactly one of O(name) and O(topics) is required.
    type: str
  partitions:
    description:
      - Number of partitions of the topic, 1 to 100.
      - Created with 3 when unset.
    type: int
    aliases: [partition]
  purge:
    description:
      - Delete the topics of the instance that O(topics) does not list, with their messages.
      - Only with O(topics) and O(state=present).
    type: bool
    default: false
  replication:
    description:
      - Number of replicas of each partition, 1 to 3.
      - Created with 3 when unset.
    type: int
  retention_time:
    description:
      - How long the topic keeps messages, in hours, 1 to 720.
      - Created with 72 when unset.
    type: int
  state:
    description:
      - V(present) creates the topics that do not exist; V(absent) deletes them.
    type: str
    choices: [present, absent]
    default: present
  sync_message_flush:
    description:
      - Whether messages are flushed to disk synchronously before they are acknowledged.
      - Created without when unset.
    type: bool
  sync_replication:
    description:
      - Whether a message is acknowledged only once every replica has it.
      - Needs more than one replica (O(replication) of 2 or 3).
      - Created without when unset.
    type: bool
  topics:
    description:
      - The set of topics to manage, each with the same settings as the top-level options.
      - With O(state=present) every listed topic is created when missing and compared when it
        exists; with O(state=absent) every listed topic is deleted (in one request).
      - Exactly one of O(name) and O(topics) is required.
    type: list
    elements: dict
    suboptions:
      name:
        description: Name of the topic.
        type: str
        required: true
      partitions:
        description: Number of partitions, 1 to 100 (3 when unset).
        type: int
        aliases: [partition]
      replication:
        description: Number of replicas, 1 to 3 (3 when unset).
        type: int
      retention_time:
        description: Retention in hours, 1 to 720 (72 when unset).
        type: int
      sync_message_flush:
        description: Synchronous flush to disk (off when unset).
        type: bool
      sync_replication:
        description: Synchronous replication, needs more than one replica (off when unset).
        type: bool
notes:
  - The topic settings of this module are O(partitions), O(replication), O(retention_time),
    O(sync_replication) and O(sync_message_flush); with O(topics) they are given per entry, not at
    the top level.
  - A re-run that changes nothing costs one identity exchange and two DMS requests when the
    instance is given by name, one when it is given by id.
  - Topics are created one request each (the API has no batch create); all deletions of a task
    are one request.
seealso:
  - module: otc.dms.dms_instance_topic_info
'''

EXAMPLES = r'''
- name: A topic with 6 partitions that keeps messages one day
  otc.dms.dms_instance_topic:
    cloud: prod
    instance: kafka-1
    name: clicks
    partitions: 6
    retention_time: 24

- name: Exactly these topics on the instance, and no others
  otc.dms.dms_instance_topic:
    cloud: prod
    instance: kafka-1
    topics:
      - name: orders
        partitions: 12
        sync_replication: true
      - name: audit
        retention_time: 720
    purge: true

- name: Delete a topic and its messages
  otc.dms.dms_instance_topic:
    cloud: prod
    instance: kafka-1
    name: clicks
    state: absent
'''

RETURN = r'''
created:
  description: With O(topics), the names of the topics created (or that would be created).
  returned: when O(topics) is given
  type: list
  elements: str
  sample: [orders]
deleted:
  description: With O(topics), the names of the topics deleted (or that would be deleted).
  returned: when O(topics) is given
  type: list
  elements: str
  sample: [legacy]
topic:
  description:
    - With O(name), the topic after the task; for O(state=absent), the topic that was deleted.
    - In check mode, the topic as it would be created.
    - V(null) when O(state=absent) and the topic did not exist.
  returned: when O(name) is given
  type: dict
  contains:
    instance_id:
      description: Id of the Kafka instance.
      type: str
      sample: 8354dde6-8229-4ff4-844d-ab7121be9745
    name:
      description: Name of the topic.
      type: str
      sample: clicks
    partitions:
      description: Number of partitions.
      type: int
      sample: 6
    replication:
      description: Number of replicas.
      type: int
      sample: 3
    retention_time:
      description: Retention in hours.
      type: int
      sample: 24
    sync_message_flush:
      description: Whether messages are flushed to disk synchronously.
      type: bool
      sample: false
    sync_replication:
      description: Whether replication is synchronous.
      type: bool
      sample: false
topics:
  description:
    - With O(topics), every topic of the instance after the task (in check mode, as it would be).
    - Empty when O(state=absent) and the instance does not exist.
  returned: when O(topics) is given
  type: list
  elements: dict
  contains:
    instance_id:
      description: Id of the Kafka instance.
      type: str
      sample: 8354dde6-8229-4ff4-844d-ab7121be9745
    name:
      description: Name of the topic.
      type: str
      sample: clicks
    partitions:
      description: Number of partitions.
      type: int
      sample: 6
    replication:
      description: Number of replicas.
      type: int
      sample: 3
    retention_time:
      description: Retention in hours.
      type: int
      sample: 24
    sync_message_flush:
      description: Whether messages are flushed to disk synchronously.
      type: bool
      sample: false
    sync_replication:
      description: Whether replication is synchronous.
      type: bool
      sample: false
'''

from ansible_collections.otc.dms.plugins.module_utils import rules, topic
from ansible_collections.otc.dms.plugins.module_utils.base import DmsModule
from ansible_collections.otc.dms.plugins.module_utils.engine import converge_member, converge_set

ARGUMENT_SPEC = dict(
    instance=dict(type='str', required=True),
    name=dict(type='str'),
    purge=dict(type='bool', default=False),
    state=dict(type='str', choices=['present', 'absent'], default='present'),
    topics=dict(type='list', elements='dict', options=dict(
        name=dict(type='str', required=True), **topic.options())),
    **topic.options()
)
MODULE_KWARGS = dict(
    mutually_exclusive=[('name', 'topics')] + [('topics', s) for s in topic.SETTINGS],
    required_one_of=[('name', 'topics')],
)


def task(module):
    p = module.params
    rules.refuse(['purge is only valid with topics.'] if p['purge'] and p['topics'] is None else [])
    rules.refuse(['purge is only valid with state: present.']
                 if p['purge'] and p['state'] == 'absent' else [])
    single = p['topics'] is None
    if single:
        entry = dict(((s, p[s]) for s in topic.SETTINGS), name=p['name'])
        rules.refuse(topic.problems(p['name'], entry))
    else:
        rules.refuse(topic.set_problems(p['topics']))
    ref = topic.instance_ref(module.client, p['instance'])
    topics = topic.TopicSet(module.client, module.run_settings, ref, p['instance'], single)
    if single:
        return converge_member(topics, p['state'], entry).result(
            'topic', absent=p['state'] == 'absent')
    return converge_set(topics, p['state'], p['topics'], p['purge']).result(topics)


def main():
    DmsModule(ARGUMENT_SPEC, **MODULE_KWARGS).run(task)


if __name__ == '__main__':
    main()

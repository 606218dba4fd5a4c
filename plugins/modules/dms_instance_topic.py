#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026, otc.dms contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: dms_instance_topic
short_description: Create, change and delete topics of a DMS Kafka instance
version_added: 0.1.0
description:
  - Creates, changes in place and deletes topics of a T Cloud Public (Open Telekom Cloud)
    Distributed Message Service Kafka instance through the DMS for Kafka v2 API, one topic
    (O(name)) or a whole set (O(topics)), optionally deleting the topics of the instance that the
    set does not list (O(purge)).
  - An existing topic is changed in place where it differs from what the task gives - more
    partitions, the retention time, both sync flags, O(configs) and O(description) - and only
    what differs is sent. Settings the task leaves unset are neither sent nor compared; a new
    topic gets the API's defaults for them.
  - A topic's replication is fixed when it is created, and its partitions can only grow. When a
    task asks for another replication or fewer partitions, the module fails before changing
    anything and names each such field with its current and wanted value.
  - The partitions of all topics of an instance cannot exceed the instance's maximum. When the
    new topics and added partitions need more than remain, the module fails before changing
    anything and says how many are needed, how many remain and the maximum.
  - Kafka treats V(.) and V(_) in topic names alike, so a new topic whose name differs from an
    existing one only by them is refused before any write.
  - Changes need a RUNNING instance. With O(wait=true) the module waits up to O(timeout) seconds
    for an instance that is being created, restarted or extended; with O(wait=false) it fails
    naming the status. A run that changes nothing, and check mode, also work while an instance
    is restarting or being extended, or is faulty.
  - Deleting a topic deletes its messages, its topic permissions and the consumer groups'
    offsets on it; O(state=absent) and O(purge) are the consent to that.
  - Kafka's own topics (such as V(__consumer_offsets)) are never listed, compared or purged.
author:
  - otc.dms contributors (@otc-dms)
extends_documentation_fragment:
  - otc.dms.dms
attributes:
  check_mode:
    support: full
    description: Reports what would be created, changed or deleted; no write request is sent.
  diff_mode:
    support: full
    description: Shows the topic (or the topics of the instance) before and after.
options:
  configs:
    description:
      - Topic parameters to set, by name. The API accepts V(max.message.bytes) (an integer from
        0 to 10485760, the largest message in bytes) and V(message.timestamp.type)
        (V(CreateTime) or V(LogAppendTime)).
      - Parameters not listed are neither sent nor compared; a new topic gets V(10485760) and
        V(CreateTime).
    type: dict
  description:
    description:
      - Description of the topic, at most 200 characters. V('') clears it.
    type: str
  instance:
    description:
      - Name or id of the Kafka instance.
      - For O(state=present) the instance must exist; for O(state=absent) a missing instance means
        there is nothing to delete.
      - In check mode an instance that does not exist yet is accepted, as an earlier task of the
        play (M(otc.dms.dms_instance)) may create it. It has no topics yet, so every declared one
        would be created; what depends on the instance itself (its broker count and partition budget) is checked by the real run.
    type: str
    required: true
  name:
    description:
      - Name of the one topic to manage, 3 to 200 letters, digits, V(.), V(_) or V(-), starting
        with a letter or V(_), not one of the names Kafka keeps for itself.
      - Exactly one of O(name) and O(topics) is required.
    type: str
  partitions:
    description:
      - Number of partitions of the topic, 1 to 200. More than the topic has are added in place;
        fewer are refused.
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
      - Number of replicas of each partition, 1 to 3 and at most the instance's broker count.
        Fixed when the topic is created.
      - Created with 3 (or the broker count, when the instance has fewer brokers) when unset.
    type: int
  retention_time:
    description:
      - How long the topic keeps messages, in hours, 1 to 720. Changed in place.
      - Created with 72 when unset.
    type: int
  state:
    description:
      - V(present) creates the topics that do not exist and changes those that differ;
        V(absent) deletes them.
    type: str
    choices: [present, absent]
    default: present
  sync_message_flush:
    description:
      - Whether messages are flushed to disk synchronously before they are acknowledged.
        Changed in place.
      - Created without when unset.
    type: bool
  sync_replication:
    description:
      - Whether a message is acknowledged only once every replica has it. Changed in place.
      - Needs more than one replica.
      - Created without when unset.
    type: bool
  topics:
    description:
      - The set of topics to manage, each with the same settings as the top-level options.
      - With O(state=present) every listed topic is created when missing and changed when it
        differs (all changes in one request); with O(state=absent) every listed topic is deleted
        (in one request).
      - Exactly one of O(name) and O(topics) is required.
    type: list
    elements: dict
    suboptions:
      configs:
        description: Topic parameters, as the top-level O(configs).
        type: dict
      description:
        description: Description, at most 200 characters.
        type: str
      name:
        description: Name of the topic.
        type: str
        required: true
      partitions:
        description: Number of partitions, 1 to 200 (3 when unset); only grows.
        type: int
        aliases: [partition]
      replication:
        description: Number of replicas, 1 to 3 (3, or the broker count, when unset); fixed.
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
    O(sync_replication), O(sync_message_flush), O(configs) and O(description); with O(topics)
    they are given per entry, not at the top level.
  - A re-run that changes nothing costs one identity exchange, one read of the instance and one
    read per 50 topics of the instance.
  - Topics are created one request each (the API has no batch create); all in-place changes of a
    task are one request, and so are all its deletions.
  - Uses the DMS for Kafka v2 API. Topics made through the v1 API (or by older versions of this
    module) are the same topics and are managed here alike.
seealso:
  - module: otc.dms.dms_instance_topic_info
  - module: otc.dms.dms_instance_topic_permission
'''

EXAMPLES = r'''
- name: A topic with 6 partitions that keeps messages one day
  otc.dms.dms_instance_topic:
    cloud: prod
    instance: kafka-1
    name: clicks
    partitions: 6
    retention_time: 24

- name: Grow it to 12 partitions and allow messages of up to 2 MiB, in place
  otc.dms.dms_instance_topic:
    cloud: prod
    instance: kafka-1
    name: clicks
    partitions: 12
    configs:
      max.message.bytes: 2097152

- name: Exactly these topics on the instance, and no others
  otc.dms.dms_instance_topic:
    cloud: prod
    instance: kafka-1
    topics:
      - name: orders
        partitions: 12
        sync_replication: true
        description: Orders of the web shop
      - name: audit.events
        retention_time: 720
        configs:
          message.timestamp.type: LogAppendTime
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
    - In check mode, the topic as it would be.
    - V(null) when O(state=absent) and the topic did not exist.
  returned: when O(name) is given
  type: dict
  contains: &topic
    configs:
      description: The topic parameters and their values (integers for numeric parameters).
      type: dict
      sample: {max.message.bytes: 10485760, message.timestamp.type: CreateTime}
    created:
      description: When the topic was created (ISO 8601, UTC); V(null) in a prediction.
      type: str
      sample: '2026-07-01T08:30:00.000Z'
    description:
      description: Description of the topic.
      type: str
      sample: Orders of the web shop
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
  contains: *topic
updated:
  description: With O(topics), the names of the topics changed in place (or that would be).
  returned: when O(topics) is given
  type: list
  elements: str
  sample: [clicks]
'''

from ansible_collections.otc.dms.plugins.module_utils import rules, topic
from ansible_collections.otc.dms.plugins.module_utils.base import DmsModule
from ansible_collections.otc.dms.plugins.module_utils.parent import instance_ref
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
    rules.refuse(rules.purge_problems(p, 'topics'))
    single = p['topics'] is None
    if single:
        entry = dict(((s, p[s]) for s in topic.SETTINGS), name=p['name'])
        rules.refuse(topic.problems(p['name'], entry))
        entries = [dict(topic.declared(entry), name=p['name'])]
    else:
        rules.refuse(topic.set_problems(p['topics']))
        entries = [dict(topic.declared(e), name=e['name']) for e in p['topics']]
    ref = instance_ref(module.client, p['instance'], module.run_settings, p['state'])
    topics = topic.TopicSet(module.client, module.run_settings, ref, p['instance'], single,
                            p['state'])
    if single:
        return converge_member(topics, p['state'], entries[0]).result(
            'topic', absent=p['state'] == 'absent')
    return converge_set(topics, p['state'], entries, p['purge']).result(topics)


def main():
    DmsModule(ARGUMENT_SPEC, **MODULE_KWARGS).run(task)


if __name__ == '__main__':
    main()

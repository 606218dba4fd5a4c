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
    Kafka premium instance, one topic (O(name)) or a whole set (O(topics)), optionally deleting
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

from ansible_collections.otc.dms.plugins.module_utils.dms import DmsModule
from ansible_collections.otc.dms.plugins.module_utils.resource import (
    differences, immutable_message, converge)
from ansible_collections.otc.dms.plugins.module_utils.topics import (
    TOPIC_HINT, TOPIC_SETTINGS, Topic, check_partitions, create_topic, delete_topics, instance_ref,
    list_topics, missing_instance_message, predict_topic, require_running, topic_options,
    validate_topic)


def by_name(topics):
    return sorted(topics, key=lambda t: t['name'])


class DmsInstanceTopicModule(DmsModule):
    argument_spec = dict(
        instance=dict(type='str', required=True),
        name=dict(type='str'),
        purge=dict(type='bool', default=False),
        state=dict(type='str', choices=['present', 'absent'], default='present'),
        topics=dict(type='list', elements='dict', options=dict(
            name=dict(type='str', required=True), **topic_options())),
        **topic_options()
    )
    module_kwargs = dict(
        mutually_exclusive=[('name', 'topics')] + [('topics', s) for s in TOPIC_SETTINGS],
        required_one_of=[('name', 'topics')],
    )

    def validate(self):
        p = self.params
        if p['purge'] and p['topics'] is None:
            self.fail('purge is only valid with topics.')
        if p['purge'] and p['state'] == 'absent':
            self.fail('purge is only valid with state: present.')
        if p['topics'] is None:
            validate_topic(self, p['name'], self.settings(p))
            return
        seen = {}
        for index, entry in enumerate(p['topics']):
            validate_topic(self, entry['name'], self.settings(entry), 'topics[%d].' % index)
            if entry['name'] in seen:
                self.fail("topics[%d].name '%s' repeats topics[%d].name: list each topic once."
                          % (index, entry['name'], seen[entry['name']]))
            seen[entry['name']] = index

    @staticmethod
    def settings(options):
        return dict((field, options.get(field)) for field in TOPIC_SETTINGS)

    def run(self):
        self.validate()
        p = self.params
        ref = instance_ref(self, p['instance'])
        if ref is None and p['state'] == 'present':
            self.fail(missing_instance_message(p['instance']))
        if p['topics'] is None:
            converge(Topic(self, p['name'], ref), p['state'], self.settings(p), 'topic')
        else:
            self.converge_set(ref)

    def converge_set(self, ref):
        """Plan the whole set with the engine's comparison helpers, then carry it out."""
        p = self.params
        self.results.update(topics=[], created=[], deleted=[])
        listing = list_topics(self, ref) if ref is not None else None
        if listing is None:
            if p['state'] == 'present':
                self.fail(missing_instance_message(p['instance']))
            return
        listed = [(entry['name'], self.settings(entry)) for entry in p['topics']]
        names = set(name for name, _settings in listed)
        to_create, refusals, to_delete = [], [], []
        if p['state'] == 'absent':
            to_delete = [name for name, _settings in listed if listing.find(name)]
        else:
            for name, wanted in listed:
                current = listing.find(name)
                if current is None:
                    to_create.append((name, dict((k, v) for k, v in wanted.items() if v is not None)))
                    continue
                refused = differences(current, wanted)
                if refused:
                    refusals.append((current, refused))
            if p['purge']:
                to_delete = [t['name'] for t in listing.topics if t['name'] not in names]
        before = listing.topics
        after = [t for t in before if t['name'] not in to_delete]
        after += [predict_topic(name, ref.id, settings) for name, settings in to_create]
        if refusals:
            wanted_by_name = dict((current['name'], refused) for current, refused in refusals)
            text = ' '.join(immutable_message(Topic(self, current['name'], ref), current, refused,
                                              hint=False) for current, refused in refusals)
            self.fail('%s %s' % (text, TOPIC_HINT), diff=dict(
                before=dict(topics=by_name(before)),
                after=dict(topics=by_name(dict(t, **wanted_by_name.get(t['name'], {}))
                                          for t in after))))
        freed = sum(t['partitions'] or 0 for t in before if t['name'] in to_delete)
        check_partitions(self, ref, listing, to_create, freed)
        changed = bool(to_create or to_delete)
        if changed:
            require_running(self, ref, 'changing its topics')
        if changed and not self.check_mode:
            self.write(ref, to_create, to_delete)
            fresh = list_topics(self, ref)
            after = fresh.topics if fresh is not None else after
        self.results.update(changed=changed, topics=after, created=[n for n, _s in to_create],
                            deleted=to_delete)
        if self.ansible._diff:
            self.results['diff'] = dict(before=dict(topics=by_name(before)),
                                        after=dict(topics=by_name(after)))

    def write(self, ref, to_create, to_delete):
        """Deletions first (one request): the partitions they free may be needed by the new topics.

        ``changed``, ``created`` and ``deleted`` follow each write, so a failure half way
        reports what was done.
        """
        if to_delete:
            delete_topics(self, ref, to_delete)
            self.results.update(changed=True, deleted=to_delete)
        for name, settings in to_create:
            create_topic(self, ref, name, settings)
            self.results['changed'] = True
            self.results['created'].append(name)


def main():
    DmsInstanceTopicModule()()


if __name__ == '__main__':
    main()

# -*- coding: utf-8 -*-
# Copyright (c) 2026, otc.dms contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The Kafka topic kind (v1): fields, result view, rules, partition budget, the topics as a set.

API reference: "Creating a Topic in a Kafka Instance", "Querying a Topic in a Kafka Instance"
and "Deleting Topics in a Kafka Instance in Batches" (Out-of-Date APIs > API V1).
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.otc.dms.plugins.module_utils import instance as instances
from ansible_collections.otc.dms.plugins.module_utils import rules
from ansible_collections.otc.dms.plugins.module_utils.engine import (
    ParentRef, ResourceSet, create_once, parent_ref)
from ansible_collections.otc.dms.plugins.module_utils.errors import Refusal, step
from ansible_collections.otc.dms.plugins.module_utils.values import (
    as_bool, as_int, plural, quoted, whitelist)

FIELDS = ('name', 'partitions', 'replication', 'retention_time', 'sync_replication',
          'sync_message_flush', 'instance_id')
# The per-topic settings, all fixed at creation (the v1 API cannot change a topic).
SETTINGS = ('partitions', 'replication', 'retention_time', 'sync_message_flush', 'sync_replication')
# What the API takes when a setting is not sent ("Creating a Topic in a Kafka Instance").
DEFAULTS = dict(partitions=3, replication=3, retention_time=72, sync_replication=False,
                sync_message_flush=False)
RANGES = dict(partitions=(1, 100), replication=(1, 3), retention_time=(1, 720))
# Option name -> the SDK Topic attribute it is sent as.
SDK_ATTRIBUTES = dict(partitions='partition', replication='replication',
                      retention_time='retention_time', sync_replication='is_sync_replication',
                      sync_message_flush='is_sync_flush')
NAME = rules.Pattern(r'^[A-Za-z][A-Za-z0-9_-]{3,63}\Z',
                     'use 4 to 64 letters, digits, hyphens or underscores, starting with a letter')
HINT = ('Topics cannot be modified through the DMS v1 API: delete the topic (state=absent, its '
        'messages are lost) and create it again, or use another name.')


def options():
    """The argument spec of the per-topic settings (top level and topics[] suboptions)."""
    return dict(
        partitions=dict(type='int', aliases=['partition']),
        replication=dict(type='int'),
        retention_time=dict(type='int'),
        sync_message_flush=dict(type='bool'),
        sync_replication=dict(type='bool'),
    )


def problems(name, settings, where=''):
    """What is wrong with one declared topic; ``where`` prefixes option names (``topics[0].``)."""
    found = NAME.problems(name, where)
    about = " (topic '%s')" % name if where else ''
    found += rules.range_problems(settings, RANGES, where, about)
    if settings.get('sync_replication') and settings.get('replication') == 1:
        found.append('%ssync_replication%s: true needs more than one replica; %sreplication is 1.'
                     % (where, about, where))
    return found


def set_problems(entries, where='topics'):
    """Every problem of a declared list of topics, each named by its path."""
    found = []
    for index, entry in enumerate(entries):
        found += problems(entry['name'], entry, '%s[%d].' % (where, index))
    return found + rules.repeat_problems([e['name'] for e in entries],
                                         lambda index: '%s[%d].name' % (where, index), 'topic')


def view(raw, instance_id):
    """The whitelisted result of one topic as the API lists it."""
    return whitelist(dict(
        name=raw.get('id') or raw.get('name'),
        partitions=as_int(raw.get('partition')),
        replication=as_int(raw.get('replication')),
        retention_time=as_int(raw.get('retention_time')),
        # The API reference's example has the strings "true"/"false".
        sync_replication=as_bool(raw.get('sync_replication', False)),
        sync_message_flush=as_bool(raw.get('sync_message_flush', False)),
        instance_id=instance_id,
    ), FIELDS)


def predict(name, instance_id, settings):
    """The view of a topic created with ``settings`` (unset ones take the API's defaults)."""
    predicted = dict(DEFAULTS, name=name, instance_id=instance_id)
    predicted.update((k, v) for k, v in settings.items() if v is not None)
    return whitelist(predicted, FIELDS)


# -- the parent instance ----------------------------------------------------------------------

class InstanceRef(ParentRef):
    """The Kafka instance of the topics; ``view`` is the instance view once read."""

    def describe(self):
        if self.view is not None:
            return "Kafka instance '%s' (id %s)" % (self.view['name'], self.id)
        return "Kafka instance '%s'" % self.label


def instance_ref(client, name_or_id):
    """The instance (an InstanceRef): an id costs no request, a name one; None when missing."""
    return parent_ref(name_or_id, lambda name: instances.find(client, name), InstanceRef)


class Listing(object):
    """The topics of an instance and its partition budget, from one request."""

    def __init__(self, topics, maximum, remaining):
        self.topics = topics
        self.maximum = maximum
        self.remaining = remaining

    @property
    def partitions(self):
        """{max, remaining, used} of the instance."""
        if self.maximum is not None and self.remaining is not None:
            used = self.maximum - self.remaining
        else:
            used = sum(t['partitions'] or 0 for t in self.topics)
        return dict(max=self.maximum, remaining=self.remaining, used=used)


def list_topics(client, ref):
    """The Listing of the instance (one request), or None when the instance is gone."""
    with step('list the topics of %s' % ref.describe()):
        body = client.list_topics(ref.id)
    if body is None:
        return None
    return Listing([view(raw, ref.id) for raw in body.get('topics') or []],
                   as_int(body.get('max_partitions')), as_int(body.get('remain_partitions')))


# -- the topics of an instance, as a set -------------------------------------------------------

class TopicSet(ResourceSet):
    """The topics of one Kafka instance (``ref``: an InstanceRef, None when it does not exist)."""

    kind = 'topic'
    key = 'topics'
    immutable = SETTINGS
    immutable_hint = HINT

    def __init__(self, client, run, ref, label, single=False):
        super(TopicSet, self).__init__(client, run)
        self.ref = ref
        self.label = label
        self.single = single  # one topic (name=...): the messages say "a topic"
        self.listing = None

    def describe_parent(self):
        return "Kafka instance '%s'" % self.label

    def list(self):
        if self.ref is None:
            return None
        self.listing = list_topics(self.client, self.ref)
        return None if self.listing is None else self.listing.topics

    def predict(self, name, settings):
        return predict(name, self.ref.id, settings)

    def updated(self, current, changes):
        return predict(current['name'], self.ref.id, dict(current, **changes))

    def check(self, set_plan):
        freed = sum(t['partitions'] or 0 for t in set_plan.deletes) if set_plan.creates else 0
        self.check_partitions(set_plan.creates, freed)
        if not set_plan.changed:
            return
        if not self.single:
            self.require_running('changing its topics')
        else:
            self.require_running('creating a topic' if set_plan.creates else 'deleting a topic')

    def check_partitions(self, to_create, freed=0):
        """Refuse when the topics to create need more partitions than remain (after ``freed``)."""
        listing = self.listing
        if not to_create or listing is None or listing.remaining is None:
            return
        sizes = [(name, predict(name, self.ref.id, settings)['partitions'])
                 for name, settings in to_create]
        needed = sum(size for _name, size in sizes)
        remaining = listing.remaining + freed
        if needed <= remaining:
            return
        raise Refusal('Not enough partitions on %s to create %s %s: %d %s needed, %d remain%s of '
                      'the maximum %s.' % (
                          self.ref.describe(), plural(len(sizes), 'topic'),
                          ', '.join("'%s' (%d)" % size for size in sizes), needed,
                          plural(needed, 'partition'), remaining,
                          ' (counting %d freed by the deletions)' % freed if freed else '',
                          listing.maximum if listing.maximum is not None else 'unknown'))

    def require_running(self, purpose):
        """Writes need a RUNNING instance (read now when it was given by id).

        In check mode a transient status that the real run would wait for is accepted
        without waiting; every other status is refused as the real run would.
        """
        ref = self.ref
        if ref.view is None:
            ref.view = instances.get(self.client, ref.id)
            if ref.view is None:
                raise Refusal("Kafka instance '%s' does not exist." % ref.label)
        status = ref.view['status']
        if (self.run.check_mode and status != 'RUNNING' and self.run.wait
                and status in instances.TRANSIENT_STATUSES):
            return
        ref.view = instances.ensure_running(self.client, self.run, ref.view, purpose)

    def create(self, name, settings):
        """One POST: only the settings the user set are sent (the API fills its defaults)."""
        attrs = dict((SDK_ATTRIBUTES[k], v) for k, v in settings.items() if v is not None)

        def find_again():
            listing = list_topics(self.client, self.ref)
            return self.find(listing.topics if listing else [], name)

        create_once(self.run, "topic '%s' on %s" % (name, self.ref.describe()),
                    lambda: self.client.create_topic(self.ref.id, name, attrs), find_again)

    def delete(self, members):
        """Delete ``members`` in ONE batch request; refuse naming every topic not deleted."""
        names = [m['name'] for m in members]
        with step('delete %s %s of %s' % (plural(len(names), 'topic'), quoted(names),
                                          self.ref.describe())):
            deleted = set(self.client.delete_topics(self.ref.id, names))
        failed = [n for n in names if n not in deleted]
        if failed:
            raise Refusal('Failed to delete %s %s of %s: the API reported no success for %s.' % (
                plural(len(failed), 'topic'), quoted(failed), self.ref.describe(),
                'them' if len(failed) > 1 else 'it'), changed=len(failed) < len(names))

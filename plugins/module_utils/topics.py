# -*- coding: utf-8 -*-
# Copyright (c) 2026, otc.dms contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Kafka topic look-ups, validation, partition accounting and writes (dms_instance_topic*)."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import re

from ansible_collections.otc.dms.plugins.module_utils.dms import (
    NotFound, ParentRef, as_bool, as_int, get_json, parent_ref, raise_for_status, select, whitelist)
from ansible_collections.otc.dms.plugins.module_utils.instances import (
    TRANSIENT_STATUSES, ensure_running, find_instance, get_instance)
from ansible_collections.otc.dms.plugins.module_utils.resource import Resource

TOPIC_FIELDS = ('name', 'partitions', 'replication', 'retention_time', 'sync_replication',
                'sync_message_flush', 'instance_id')
# The per-topic settings, all fixed at creation (the v1 API cannot change a topic).
TOPIC_SETTINGS = ('partitions', 'replication', 'retention_time', 'sync_message_flush',
                  'sync_replication')
# What the API takes when a setting is not sent (contract 2.6).
TOPIC_DEFAULTS = dict(partitions=3, replication=3, retention_time=72, sync_replication=False,
                      sync_message_flush=False)
TOPIC_RANGES = dict(partitions=(1, 100), replication=(1, 3), retention_time=(1, 720))
# Option name -> the SDK Topic attribute it is sent as.
SDK_ATTRIBUTES = dict(partitions='partition', replication='replication',
                      retention_time='retention_time', sync_replication='is_sync_replication',
                      sync_message_flush='is_sync_flush')
TOPIC_NAME_RE = re.compile(r'^[A-Za-z][A-Za-z0-9_-]{3,63}\Z')
TOPIC_HINT = ('Topics cannot be modified through the DMS v1 API: delete the topic (state=absent, '
              'its messages are lost) and create it again, or use another name.')


def topic_options():
    """The argument spec of the per-topic settings (top level and topics[] suboptions)."""
    return dict(
        partitions=dict(type='int', aliases=['partition']),
        replication=dict(type='int'),
        retention_time=dict(type='int'),
        sync_message_flush=dict(type='bool'),
        sync_replication=dict(type='bool'),
    )


def topic_view(raw, instance_id):
    """The whitelisted result of one topic as the API lists it."""
    return whitelist(dict(
        name=raw.get('id') or raw.get('name'),
        partitions=as_int(raw.get('partition')),
        replication=as_int(raw.get('replication')),
        retention_time=as_int(raw.get('retention_time')),
        # The docs' example has the strings "true"/"false" (contract 4 #4).
        sync_replication=as_bool(raw.get('sync_replication', False)),
        sync_message_flush=as_bool(raw.get('sync_message_flush', False)),
        instance_id=instance_id,
    ), TOPIC_FIELDS)


def predict_topic(name, instance_id, settings):
    """The view of a topic created with ``settings`` (unset ones take the API's defaults)."""
    view = dict(TOPIC_DEFAULTS, name=name, instance_id=instance_id)
    view.update((k, v) for k, v in settings.items() if v is not None)
    return whitelist(view, TOPIC_FIELDS)


# -- validation (before any request) -------------------------------------------------------

def validate_topic(module, name, settings, where=''):
    """Refuse a bad topic name or setting; ``where`` prefixes option names (``topics[0].``)."""
    if not isinstance(name, str) or not TOPIC_NAME_RE.match(name):
        module.fail("%sname '%s' is invalid: use 4 to 64 letters, digits, hyphens or underscores, "
                    "starting with a letter." % (where, name))
    about = " (topic '%s')" % name if where else ''
    for option in sorted(TOPIC_RANGES):
        low, high = TOPIC_RANGES[option]
        value = settings.get(option)
        if value is not None and not low <= value <= high:
            module.fail('%s%s%s must be %d to %d, got %d.' % (where, option, about, low, high, value))
    if settings.get('sync_replication') and settings.get('replication') == 1:
        module.fail('%ssync_replication%s: true needs more than one replica; %sreplication is 1.'
                    % (where, about, where))


# -- the parent instance --------------------------------------------------------------------

class InstanceRef(ParentRef):
    """The Kafka instance of the topics; ``view`` is the instance view once read."""

    def describe(self):
        if self.view is not None:
            return "Kafka instance '%s' (id %s)" % (self.view['name'], self.id)
        return "Kafka instance '%s'" % self.label


def instance_ref(module, name_or_id):
    """The instance (an InstanceRef): an id costs no request, a name one; None when missing."""
    return parent_ref(name_or_id, lambda name: find_instance(module, name), InstanceRef)


def missing_instance_message(label):
    return "Kafka instance '%s' does not exist." % label


def require_running(module, ref, purpose):
    """The instance once RUNNING, read now when it was given by id (the change path only).

    In check mode a transient status that the real run would wait for is accepted
    without waiting; every other status fails as the real run would.
    """
    if ref.view is None:
        ref.view = get_instance(module, ref.id)
        if ref.view is None:
            module.fail(missing_instance_message(ref.label))
    status = ref.view['status']
    if (module.check_mode and status != 'RUNNING' and module.params['wait']
            and status in TRANSIENT_STATUSES):
        return ref.view
    ref.view = ensure_running(module, ref.view, purpose)
    return ref.view


# -- reads ----------------------------------------------------------------------------------

class TopicListing(object):
    """The topics of an instance and its partition budget, from one request."""

    def __init__(self, topics, maximum, remaining):
        self.topics = topics
        self.maximum = maximum
        self.remaining = remaining

    def find(self, name):
        matches = [t for t in self.topics if t['name'] == name]
        return matches[0] if matches else None

    @property
    def partitions(self):
        """{max, remaining, used} of the instance."""
        if self.maximum is not None and self.remaining is not None:
            used = self.maximum - self.remaining
        else:
            used = sum(t['partitions'] or 0 for t in self.topics)
        return dict(max=self.maximum, remaining=self.remaining, used=used)


def list_topics(module, ref):
    """The TopicListing of the instance (one request), or None when the instance is gone.

    A raw call: the SDK's topics() drops remain_partitions and max_partitions.
    """
    with module.doing("list the topics of %s" % ref.describe()):
        try:
            body = get_json(module, '/instances/%s/topics' % ref.id)
        except NotFound:
            return None
    topics = [topic_view(raw, ref.id) for raw in body.get('topics') or []]
    return TopicListing(topics, as_int(body.get('max_partitions')), as_int(body.get('remain_partitions')))


# -- checks before writing ------------------------------------------------------------------

def check_partitions(module, ref, listing, to_create, freed=0):
    """Fail when the topics to create need more partitions than remain (after ``freed``)."""
    if not to_create or listing.remaining is None:
        return
    needed = sum(predict_topic(name, ref.id, settings)['partitions']
                 for name, settings in to_create)
    remaining = listing.remaining + freed
    if needed <= remaining:
        return
    names = ', '.join("'%s' (%d)" % (name, predict_topic(name, ref.id, settings)['partitions'])
                      for name, settings in to_create)
    module.fail('Not enough partitions on %s to create topic%s %s: %d partition%s needed, %d '
                'remain%s of the maximum %s.' % (
                    ref.describe(), 's' if len(to_create) > 1 else '', names, needed,
                    's' if needed != 1 else '', remaining,
                    ' (counting %d freed by the deletions)' % freed if freed else '',
                    listing.maximum if listing.maximum is not None else 'unknown'))


# -- writes ---------------------------------------------------------------------------------

def create_topic(module, ref, name, settings):
    """One POST: only the settings the user set are sent (the API fills its defaults)."""
    attrs = dict((SDK_ATTRIBUTES[k], v) for k, v in settings.items() if v is not None)

    def find_again():
        listing = list_topics(module, ref)
        return select(listing.topics if listing else [], name) or None

    module.create_once("topic '%s' on %s" % (name, ref.describe()),
                       lambda: module.dms.create_topic(ref.id, id=name, **attrs), find_again)


def delete_topics(module, ref, names):
    """Delete ``names`` in ONE batch request; fail naming every topic not deleted.

    A raw call: the SDK's delete_topic() discards the per-topic success flags.
    """
    with module.doing("delete topic%s %s of %s" % (
            's' if len(names) > 1 else '', ', '.join("'%s'" % n for n in names), ref.describe())):
        response = module.dms.post('/instances/%s/topics/delete' % ref.id,
                                   json={'topics': list(names)})
        raise_for_status(response)
        answers = (response.json() or {}).get('topics') or []
    succeeded = set(a.get('id') for a in answers if as_bool(a.get('success', False)))
    failed = [n for n in names if n not in succeeded]
    if failed:
        if len(failed) < len(names):
            module.results['changed'] = True
        module.fail('Failed to delete topic%s %s of %s: the API reported no success for %s.' % (
            's' if len(failed) > 1 else '', ', '.join("'%s'" % n for n in failed),
            ref.describe(), 'them' if len(failed) > 1 else 'it'))


# -- the single topic, for the converge engine ----------------------------------------------

class Topic(Resource):
    kind = 'topic'
    immutable = TOPIC_SETTINGS
    immutable_hint = TOPIC_HINT

    def __init__(self, module, label, ref, listing=None):
        super(Topic, self).__init__(module, label)
        self.ref = ref
        self.listing = listing

    def find(self):
        if self.ref is None:  # state=absent and the instance does not exist
            return None
        if self.listing is None:
            self.listing = list_topics(self.module, self.ref)
            if self.listing is None:
                if self.module.params['state'] == 'present':
                    self.module.fail(missing_instance_message(self.ref.label))
                return None
        return self.listing.find(self.label)

    def predict(self, current, changes):
        return predict_topic(self.label, self.ref.id, dict(current or {}, **changes))

    def check_create(self, wanted):
        check_partitions(self.module, self.ref, self.listing, [(self.label, wanted)])
        require_running(self.module, self.ref, 'creating a topic')

    def check_delete(self, current):
        require_running(self.module, self.ref, 'deleting a topic')

    def create(self, wanted):
        create_topic(self.module, self.ref, self.label, wanted)
        listing = list_topics(self.module, self.ref)
        return (listing and listing.find(self.label)) or self.predict(None, wanted)

    def delete(self, current):
        delete_topics(self.module, self.ref, [self.label])

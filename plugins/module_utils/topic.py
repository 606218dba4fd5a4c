# -*- coding: utf-8 -*-
# Copyright (c) 2026, otc.dms contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The Kafka topic kind (DMS for Kafka v2): fields, result view, rules, the partition budget,
in-place changes and the topics of an instance as a set.

API reference: "API V2 (recommended)" > Topic Management: creating a topic, listing topics,
modifying topics, batch deleting topics, querying topic details.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.otc.dms.plugins.module_utils import rules
from ansible_collections.otc.dms.plugins.module_utils.engine import (
    create_once, differences, warn_lost_answer)
from ansible_collections.otc.dms.plugins.module_utils.errors import ApiError, Refusal, step
from ansible_collections.otc.dms.plugins.module_utils.parent import InstanceMembers
from ansible_collections.otc.dms.plugins.module_utils.values import (
    as_bool, as_int, ms_to_iso, plural, quoted, show, whitelist)

FIELDS = ('name', 'partitions', 'replication', 'retention_time', 'sync_replication',
          'sync_message_flush', 'configs', 'description', 'created', 'instance_id')
# The per-topic settings a task may declare.
SETTINGS = ('partitions', 'replication', 'retention_time', 'sync_message_flush',
            'sync_replication', 'configs', 'description')
# Option name -> the API's field at creation.
CREATE_FIELDS = dict(partitions='partition', replication='replication',
                     retention_time='retention_time', sync_replication='sync_replication',
                     sync_message_flush='sync_message_flush', description='topic_desc')
# Option name -> the API's field when a topic changes in place (replication never changes).
UPDATE_FIELDS = dict(partitions='new_partition_numbers', retention_time='retention_time',
                     sync_replication='sync_replication',
                     sync_message_flush='sync_message_flush', description='topic_desc')
DEFAULTS = dict(partitions=3, retention_time=72, sync_replication=False, sync_message_flush=False,
                description='')
RANGES = dict(partitions=(1, 200), replication=(1, 3), retention_time=(1, 720))
DESCRIPTION_MAX = 200
NAME = rules.Pattern(r'^[A-Za-z_][A-Za-z0-9._-]{2,199}\Z',
                     "use 3 to 200 letters, digits, '.', '_' or '-', starting with a letter or '_'")
# Names Kafka and DMS keep for themselves.
RESERVED = ('__consumer_offsets', '__transaction_state', '__trace', '__connect-status',
            '__connect-configs', '__connect-offsets', '__dms_dial_test')
# The topic parameters the API accepts: name -> (kind, allowed, default).
CONFIGS = {
    'max.message.bytes': ('int', (0, 10485760), 10485760),
    'message.timestamp.type': ('choice', ('CreateTime', 'LogAppendTime'), 'CreateTime'),
}
HINT = ("A topic's replication is fixed when it is created and its partitions can only grow: "
        "create a topic with another name, or delete this one (state=absent; its messages are "
        "lost) and create it again.")
INTERNAL = 1  # topic_type of the topics Kafka and DMS keep for themselves


def options():
    """The argument spec of the per-topic settings (top level and topics[] suboptions)."""
    return dict(
        configs=dict(type='dict'),
        description=dict(type='str'),
        partitions=dict(type='int', aliases=['partition']),
        replication=dict(type='int'),
        retention_time=dict(type='int'),
        sync_message_flush=dict(type='bool'),
        sync_replication=dict(type='bool'),
    )


def collision_key(name):
    """Kafka cannot hold two topics whose names differ only by '.' against '_'."""
    return name.replace('.', '_')


def config_value(name, value):
    """The declared value of a topic parameter as the API's type (None: not of that type)."""
    kind = CONFIGS[name][0]
    if kind == 'int':
        return None if isinstance(value, bool) else as_int(value)
    return value if isinstance(value, str) else None


def config_problems(configs, where='', about=''):
    if configs is None:
        return []
    found = []
    for name in sorted(configs):
        if name not in CONFIGS:
            found.append("%sconfigs%s: '%s' is not a topic parameter the API accepts; use %s."
                         % (where, about, name, ' or '.join(sorted(CONFIGS))))
            continue
        kind, allowed, _default = CONFIGS[name]
        value = config_value(name, configs[name])
        if kind == 'int' and (value is None or not allowed[0] <= value <= allowed[1]):
            found.append('%sconfigs%s: %s must be an integer from %d to %d, got %s.'
                         % (where, about, name, allowed[0], allowed[1], show(configs[name])))
        elif kind == 'choice' and value not in allowed:
            found.append('%sconfigs%s: %s must be %s, got %s.'
                         % (where, about, name, ' or '.join(allowed), show(configs[name])))
    return found


def problems(name, settings, where=''):
    """What is wrong with one declared topic; ``where`` prefixes option names (``topics[0].``)."""
    found = NAME.problems(name, where)
    if name in RESERVED:
        found.append("%sname '%s' is reserved for Kafka's own topics." % (where, name))
    about = " (topic '%s')" % name if where else ''
    found += rules.range_problems(settings, RANGES, where, about)
    if settings.get('sync_replication') and settings.get('replication') == 1:
        found.append('%ssync_replication%s: true needs more than one replica; %sreplication is 1.'
                     % (where, about, where))
    found += rules.text_problems(settings.get('description'), 'description' + about, where,
                                 DESCRIPTION_MAX)
    found += config_problems(settings.get('configs'), where, about)
    return found


def set_problems(entries, where='topics'):
    """Every problem of a declared list of topics, each named by its path."""
    found = []
    for index, entry in enumerate(entries):
        found += problems(entry['name'], entry, '%s[%d].' % (where, index))
    names = [e['name'] for e in entries]
    found += rules.repeat_problems(names, lambda index: '%s[%d].name' % (where, index), 'topic')
    first = {}
    for index, name in enumerate(names):
        key = collision_key(name)
        if key in first and names[first[key]] != name:
            other = first[key]
            found.append("%s[%d].name '%s' collides with %s[%d].name '%s': Kafka treats '.' and "
                         "'_' in topic names alike." % (where, index, name, where, other,
                                                        names[other]))
        first.setdefault(key, index)
    return found


def declared(entry):
    """The settings of a declared topic as the views hold them (configs typed)."""
    settings = dict((s, entry.get(s)) for s in SETTINGS)
    if settings['configs'] is not None:
        settings['configs'] = dict((k, config_value(k, v)) for k, v in settings['configs'].items())
    return settings


def typed(value, value_type):
    if value_type == 'int':
        number = as_int(value)
        return value if number is None else number
    return value


def view(raw, instance_id):
    """The whitelisted result of one topic as the API lists it."""
    configs = dict((c.get('name'), typed(c.get('value'), c.get('value_type')))
                   for c in raw.get('topic_other_configs') or [] if isinstance(c, dict))
    return whitelist(dict(
        name=raw.get('name') or raw.get('id'),
        partitions=as_int(raw.get('partition')),
        replication=as_int(raw.get('replication')),
        retention_time=as_int(raw.get('retention_time')),
        # The API reference's examples show the strings "true"/"false".
        sync_replication=as_bool(raw.get('sync_replication', False)),
        sync_message_flush=as_bool(raw.get('sync_message_flush', False)),
        configs=configs,
        description=raw.get('topic_desc') or '',
        created=ms_to_iso(raw.get('created_at')),
        instance_id=instance_id,
    ), FIELDS)


def default_replication(brokers):
    """What the API gives a topic created without ``replication``: three, or fewer brokers."""
    return min(3, brokers) if brokers else 3


def predict(name, instance_id, settings, brokers=None):
    """The view of a topic created with ``settings`` (unset ones take the API's defaults)."""
    predicted = dict(DEFAULTS, name=name, instance_id=instance_id, created=None,
                     replication=default_replication(brokers),
                     configs=dict((k, spec[2]) for k, spec in CONFIGS.items()))
    for key, value in settings.items():
        if key == 'configs' and value is not None:
            predicted['configs'] = dict(predicted['configs'], **value)
        elif value is not None:
            predicted[key] = value
    return whitelist(predicted, FIELDS)


def detail_view(raw):
    """The partitions of one topic (leader, replicas, offsets) and the groups subscribed to it."""
    partitions = []
    for part in raw.get('partitions') or []:
        start, end = as_int(part.get('lso')), as_int(part.get('leo'))
        partitions.append(dict(
            partition=as_int(part.get('partition')),
            leader=as_int(part.get('leader')),
            replicas=[dict(broker=as_int(r.get('broker')), leader=as_bool(r.get('leader', False)),
                           in_sync=as_bool(r.get('in_sync', False)), size=as_int(r.get('size')),
                           lag=as_int(r.get('lag'))) for r in part.get('replicas') or []],
            start_offset=start, end_offset=end, high_watermark=as_int(part.get('hw')),
            messages=end - start if start is not None and end is not None else None,
            last_update=ms_to_iso(part.get('last_update_timestamp'))))
    return dict(partition_details=sorted(partitions, key=lambda p: p['partition'] or 0),
                consumer_groups=sorted(raw.get('group_subscribed') or []))


# -- the topics of an instance ------------------------------------------------------------------

class Listing(object):
    """The topics of an instance and its partition budget."""

    def __init__(self, topics, maximum, remaining):
        self.topics = topics
        self.maximum = maximum
        self.remaining = remaining

    @property
    def partitions(self):
        """{max, remaining, used} of the instance."""
        used = sum(t['partitions'] or 0 for t in self.topics)
        if self.maximum is not None and self.remaining is not None:
            used = self.maximum - self.remaining
        return dict(max=self.maximum, remaining=self.remaining, used=used)


def list_topics(client, ref):
    """The Listing of the instance (every page; Kafka's own topics left out), or None when the
    instance is gone. An instance whose topics the API cannot show yet has none."""
    if not ref.readable:
        maximum = ref.view.get('partition_num')
        return Listing([], maximum, maximum)
    with step('list the topics of %s' % ref.describe()):
        body = client.v2_list_topics(ref.id)
    if body is None:
        return None
    topics = [view(raw, ref.id) for raw in body.get('topics') or []
              if as_int(raw.get('topic_type')) != INTERNAL]
    return Listing(sorted(topics, key=lambda t: t['name'] or ''),
                   as_int(body.get('max_partitions')), as_int(body.get('remain_partitions')))


def topic_details(client, ref, name):
    with step("read the details of topic '%s' of %s" % (name, ref.describe())):
        return detail_view(client.v2_topic_details(ref.id, name))


def config_items(configs):
    return [dict(name=k, value=v) for k, v in sorted(configs.items())]


class TopicSet(InstanceMembers):
    """The topics of one Kafka instance."""

    kind = 'topic'
    key = 'topics'
    immutable = ('replication',)
    immutable_hint = HINT
    reports_updates = True

    def __init__(self, *args, **kwargs):
        super(TopicSet, self).__init__(*args, **kwargs)
        self.listing = None

    def list_members(self):
        self.listing = list_topics(self.client, self.ref)
        return None if self.listing is None else self.listing.topics

    def predict(self, name, settings):
        return predict(name, self.ref.id, settings, self.ref.brokers)

    def compare(self, current, wanted):
        changes = differences(current, dict((k, v) for k, v in wanted.items() if k != 'configs'))
        configs = wanted.get('configs')
        if configs:
            changed = dict((k, v) for k, v in configs.items() if current['configs'].get(k) != v)
            if changed:
                changes['configs'] = changed
        return changes

    def refused(self, current, changes):
        """Replication never changes; partitions only grow."""
        refused = super(TopicSet, self).refused(current, changes)
        if changes.get('partitions') is not None and changes['partitions'] < current['partitions']:
            refused['partitions'] = changes['partitions']
        return refused

    def updated(self, current, changes):
        view = dict(current, **changes)
        if 'configs' in changes:
            view['configs'] = dict(current['configs'], **changes['configs'])
        return view

    def check(self, set_plan):
        found = []
        creates = [(name, self.predict(name, settings)) for name, settings in set_plan.creates]
        brokers = self.ref.brokers
        for name, topic in creates:
            if brokers and topic['replication'] > brokers:
                found.append("topic '%s': replication %d is more than the %d %s of %s."
                             % (name, topic['replication'], brokers, plural(brokers, 'broker'),
                                self.ref.describe()))
            elif topic['sync_replication'] and topic['replication'] == 1:
                found.append("topic '%s': sync_replication needs more than one replica; it gets "
                             "1 (the instance has 1 broker)." % name)
        for current, changes in set_plan.updates:
            if changes.get('sync_replication') and current['replication'] == 1:
                found.append("topic '%s': sync_replication needs more than one replica; it has "
                             "replication 1, which cannot change." % current['name'])
        found += self.collisions(set_plan)
        rules.refuse(found)
        self.check_partitions(set_plan, creates)
        if set_plan.changed:
            self.require_running('changing its topics' if not self.single else
                                 'creating a topic' if set_plan.creates else
                                 'deleting a topic' if set_plan.deletes else 'changing a topic')

    def collisions(self, set_plan):
        deleted = [t['name'] for t in set_plan.deletes]
        kept = dict((collision_key(t['name']), t['name']) for t in set_plan.before
                    if t['name'] not in deleted)
        return ["topic '%s' collides with the existing topic '%s': Kafka treats '.' and '_' in "
                "topic names alike." % (name, kept[collision_key(name)])
                for name, _settings in set_plan.creates if collision_key(name) in kept]

    def check_partitions(self, set_plan, creates):
        """Refuse when the new topics and partitions need more than remain (after deletions)."""
        listing = self.listing
        if listing is None or listing.remaining is None:
            return
        needs = [("new topic '%s'" % name, topic['partitions']) for name, topic in creates]
        needs += [("%d more for '%s'" % (changes['partitions'] - current['partitions'],
                                         current['name']),
                   changes['partitions'] - current['partitions'])
                  for current, changes in set_plan.updates if changes.get('partitions')]
        needed = sum(count for _what, count in needs)
        if not needed:
            return
        freed = sum(t['partitions'] or 0 for t in set_plan.deletes)
        remaining = listing.remaining + freed
        if needed <= remaining:
            return
        raise Refusal('Not enough partitions on %s: %d %s needed (%s), %d remain%s of the '
                      'maximum %s.' % (
                          self.ref.describe(), needed, plural(needed, 'partition'),
                          ', '.join('%s: %d' % need for need in needs), remaining,
                          ' (counting %d freed by the deletions)' % freed if freed else '',
                          listing.maximum if listing.maximum is not None else 'unknown'))

    def create(self, name, settings):
        """One POST: only the settings the user set are sent (the API fills its defaults)."""
        body = dict((CREATE_FIELDS[k], v) for k, v in settings.items()
                    if k in CREATE_FIELDS and v is not None)
        body['id'] = name
        if settings.get('configs'):
            body['topic_other_configs'] = config_items(settings['configs'])

        def find_again():
            listing = list_topics(self.client, self.ref)
            return self.find(listing.topics if listing else [], name)

        create_once(self.run, "topic '%s' on %s" % (name, self.ref.describe()),
                    lambda: self.client.v2_create_topic(self.ref.id, body), find_again)

    def update_all(self, updates):
        """One PUT changes every topic (the API checks them all before it changes any)."""
        if not updates:
            return []
        items = []
        for current, changes in updates:
            item = dict((UPDATE_FIELDS[k], v) for k, v in changes.items() if k in UPDATE_FIELDS)
            item['id'] = current['name']
            if changes.get('configs'):
                item['topic_other_configs'] = config_items(changes['configs'])
            items.append(item)
        names = [current['name'] for current, _changes in updates]
        with step('change %s %s of %s' % (plural(len(names), 'topic'), quoted(names),
                                          self.ref.describe())):
            self.client.v2_update_topics(self.ref.id, items)
        return names

    def delete(self, members):
        """Delete ``members`` in ONE batch request; refuse naming every topic still there.

        The answer can be lost after the cloud acted (its repetition then reports the topics
        it already deleted as failures): only a topic still listed afterwards failed."""
        names = [m['name'] for m in members]
        what = '%s %s of %s' % (plural(len(names), 'topic'), quoted(names), self.ref.describe())
        try:
            with step('delete ' + what):
                deleted = set(self.client.v2_delete_topics(self.ref.id, names))
        except ApiError as exc:
            if self.still_there(names, exc):
                raise
            warn_lost_answer(self.run, 'deletion', what, exc, 'they are gone')
            return
        failed = [n for n in names if n not in deleted]
        failed = self.still_there(failed) if failed else []
        if failed:
            raise Refusal('Failed to delete %s %s of %s: the API reported no success for %s.' % (
                plural(len(failed), 'topic'), quoted(failed), self.ref.describe(),
                'them' if len(failed) > 1 else 'it'), changed=len(failed) < len(names))

    def still_there(self, names, error=None):
        """Those of ``names`` the instance still lists."""
        with step('look for the topics after their deletion%s' % (' failed' if error else '')):
            listing = list_topics(self.client, self.ref)
        remaining = set(t['name'] for t in listing.topics) if listing else set()
        return [n for n in names if n in remaining]

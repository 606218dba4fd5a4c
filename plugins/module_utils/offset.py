# -*- coding: utf-8 -*-
# Copyright (c) 2026, otc.dms contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Resetting a Kafka consumer group's committed offsets on one topic (DMS for Kafka v2).

API reference: "API V2 (recommended)" > Instance Management: resetting the consumer offset to
the specified position, querying consumer group details; Topic Management: querying the
partition list of a topic. The API refuses a reset while consumers are attached and clamps an
offset to what the partition keeps.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.otc.dms.plugins.module_utils import kafka_group, parent
from ansible_collections.otc.dms.plugins.module_utils import task as tasks_kind
from ansible_collections.otc.dms.plugins.module_utils.engine import warn_lost_answer
from ansible_collections.otc.dms.plugins.module_utils.errors import ApiError, Refusal, step
from ansible_collections.otc.dms.plugins.module_utils.values import as_int, plural

POSITIONS = ('earliest', 'latest')
UNKNOWN_TOPIC = 'DMS.00400975'
ALL = -1


def timestamp_ms(value):
    """Epoch milliseconds from an integer (or its digits) or an ISO 8601 time; None otherwise."""
    if isinstance(value, bool):
        return None
    number = as_int(value)
    if number is not None:
        return number
    stamp = tasks_kind.parse_time(value) if isinstance(value, str) else None
    return None if stamp is None else int(stamp.timestamp() * 1000)


def problems(p):
    found = []
    given = [o for o in ('offset', 'timestamp', 'position') if p.get(o) is not None]
    if len(given) != 1:
        found.append('Give exactly one of offset, timestamp and position%s.'
                     % (', got %s' % ' and '.join(given) if given else ''))
    if p.get('offset') is not None and p['offset'] < 0:
        found.append('offset must be 0 or more, got %d.' % p['offset'])
    if p.get('partition') is not None and p['partition'] < 0:
        found.append('partition must be 0 or more, got %d (leave it out for all partitions).'
                     % p['partition'])
    if p.get('timestamp') is not None:
        ms = timestamp_ms(p['timestamp'])
        if ms is None or ms <= 0:
            found.append("timestamp '%s' is neither epoch milliseconds nor an ISO 8601 time."
                         % p['timestamp'])
    return found


class OffsetReset(object):
    """Reset ``group`` on ``topic`` of the instance ``ref``."""

    def __init__(self, client, run, ref, label, group, topic):
        self.client = client
        self.run = run
        self.ref = ref
        self.label = label
        self.group = group
        self.topic = topic

    def committed(self):
        """partition -> committed offset of the group on the topic, and the group's members."""
        details = kafka_group.group_details(self.client, self.ref, self.group)
        if details is None:
            raise Refusal("%s has no consumer group '%s'." % (self.ref.describe(), self.group))
        return dict((o['partition'], o['offset']) for o in details['offsets']
                    if o['topic'] == self.topic), details['members']

    def partitions(self):
        try:
            with step("read the partitions of topic '%s' of %s" % (self.topic, self.ref.describe())):
                raws = self.client.v2_topic_partitions(self.ref.id, self.topic)
        except ApiError as exc:
            if exc.code == UNKNOWN_TOPIC:
                raise Refusal("%s has no topic '%s'." % (self.ref.describe(), self.topic))
            raise
        return dict((as_int(r.get('partition')), (as_int(r.get('start_offset')),
                                                  as_int(r.get('last_offset')))) for r in raws)

    def converge(self, partition, offset, timestamp, position):
        if self.ref is None:
            raise Refusal("Kafka instance '%s' does not exist." % self.label)
        parent.await_creation(self.client, self.run, self.ref, 'present', 'consumer groups')
        before, members = self.committed()
        if members:
            raise Refusal("Consumer group '%s' of %s has %d %s: stop %s before resetting its "
                          "offsets (the API resets only a group without consumers)." % (
                              self.group, self.ref.describe(), len(members),
                              plural(len(members), 'member'),
                              'them' if len(members) > 1 else 'it'))
        ranges = self.partitions()
        if partition is not None and partition not in ranges:
            raise Refusal("Topic '%s' of %s has %d %s (0 to %d); there is no partition %d." % (
                self.topic, self.ref.describe(), len(ranges), plural(len(ranges), 'partition'),
                len(ranges) - 1, partition))
        targets = [partition] if partition is not None else sorted(ranges)
        wanted = {}
        for number in targets:
            start, last = ranges[number]
            if position is not None:
                wanted[number] = start if position == 'earliest' else last
            elif offset is not None:
                wanted[number] = min(max(offset, start), last)
            else:
                wanted[number] = None  # a timestamp: the cloud finds the offsets
        moving = [n for n in targets if wanted[n] is None or wanted[n] != before.get(n)]
        rows = [dict(topic=self.topic, partition=n, before=before.get(n), after=wanted[n])
                for n in targets]
        if not moving:
            return dict(changed=False, offsets=[dict(r, after=r['before']) for r in rows])
        parent.require_running(self.client, self.run, self.ref, 'resetting consumer offsets')
        if self.run.check_mode:
            return dict(changed=True, offsets=rows)
        self.write(targets, moving, wanted, offset, timestamp)
        after, _members = self.committed()
        rows = [dict(r, after=after.get(r['partition'])) for r in rows]
        return dict(changed=any(r['after'] != r['before'] for r in rows), offsets=rows)

    def write(self, targets, moving, wanted, offset, timestamp):
        """One reset for all partitions where one target serves them all, else one each."""
        every = len(targets) > 1 and len(moving) == len(targets)
        if timestamp is not None:
            bodies = [dict(partition=n, timestamp=timestamp) for n in ([ALL] if every else moving)]
        elif offset is not None and every:
            bodies = [dict(partition=ALL, message_offset=offset)]
        else:
            bodies = [dict(partition=n, message_offset=wanted[n]) for n in moving]
        what = "the offsets of consumer group '%s' on topic '%s' of %s" % (
            self.group, self.topic, self.ref.describe())
        for body in bodies:
            body['topic'] = self.topic
            try:
                with step('reset ' + what):
                    self.client.v2_reset_offsets(self.ref.id, self.group, body)
            except ApiError as exc:
                # A repeated reset sets the same offsets: when the answer was lost after the
                # cloud acted, the group shows them (a time's offsets cannot be checked).
                now, _members = self.committed()
                if timestamp is not None or any(now.get(n) != wanted[n] for n in moving):
                    raise
                warn_lost_answer(self.run, 'reset', what, exc, 'the group shows the new offsets')
                return

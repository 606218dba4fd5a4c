# -*- coding: utf-8 -*-
# Copyright (c) 2026, otc.dms contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The queue kind (v1): fields, result view, rules, and the queues of a project as a set."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.otc.dms.plugins.module_utils import rules
from ansible_collections.otc.dms.plugins.module_utils.engine import ResourceSet, create_once, parent_ref
from ansible_collections.otc.dms.plugins.module_utils.errors import Refusal, step
from ansible_collections.otc.dms.plugins.module_utils.values import ms_to_iso, select, whitelist

FIELDS = ('id', 'name', 'description', 'queue_mode', 'dead_letter', 'max_consume_count',
          'retention_hours', 'group_count', 'produced_messages', 'created')
# What a task can declare; all fixed at creation (the API cannot change a queue).
SETTINGS = ('queue_mode', 'description', 'dead_letter', 'max_consume_count', 'retention_hours')
MODES = ('normal', 'fifo', 'kafka_ha', 'kafka_ht')
KAFKA_MODES = ('kafka_ha', 'kafka_ht')

NAME = rules.Pattern(r'^[A-Za-z0-9_-]{1,64}\Z', 'use 1 to 64 letters, digits, hyphens or underscores')
DESCRIPTION_MAX = 160
DESCRIPTION_FORBIDDEN = '<>'
RANGES = dict(max_consume_count=(1, 100), retention_hours=(1, 72))
HINT = 'Queues cannot be modified: delete it (state=absent) and create it again, or use another name.'


def problems(entry, where=''):
    """What is wrong with one declared queue ({name, settings...}), before any request."""
    found = NAME.problems(entry.get('name'), where)
    found += rules.text_problems(entry.get('description'), 'description', where,
                                 DESCRIPTION_MAX, DESCRIPTION_FORBIDDEN)
    mode = entry.get('queue_mode') or 'normal'
    dead_letter, count = entry.get('dead_letter'), entry.get('max_consume_count')
    if dead_letter and mode in KAFKA_MODES:
        found.append('%sdead_letter is not available for queue_mode %s: Kafka queues have no '
                     'dead letters.' % (where, mode))
    elif dead_letter and count is None:
        found.append('%sdead_letter is true but %smax_consume_count is missing.' % (where, where))
    elif count is not None and dead_letter is not True:
        found.append('%smax_consume_count is only valid with %sdead_letter: true.' % (where, where))
    else:
        found += rules.range_problems(entry, dict(max_consume_count=RANGES['max_consume_count']),
                                      where)
    if entry.get('retention_hours') is not None and mode not in KAFKA_MODES:
        found.append('%sretention_hours is only valid with queue_mode kafka_ha or kafka_ht, not %s.'
                     % (where, mode))
    else:
        found += rules.range_problems(entry, dict(retention_hours=RANGES['retention_hours']), where)
    return found


def set_problems(entries, where='queues'):
    """Every problem of a declared list of queues, each named by its path."""
    found = []
    for index, entry in enumerate(entries):
        found += problems(entry, '%s[%d].' % (where, index))
    return found + rules.repeat_problems([str(e.get('name')) for e in entries],
                                         lambda index: '%s[%d].name' % (where, index), 'queue')


def view(raw):
    """The whitelisted, snake_case result of one queue as the API lists it."""
    mode = (raw.get('queue_mode') or 'NORMAL').lower()
    kafka = mode in KAFKA_MODES
    hours = raw.get('retention_hours')
    if kafka and hours is None and raw.get('reservation') is not None:
        hours = int(raw['reservation']) // 60
    shaped = dict(raw)
    shaped.update(
        queue_mode=mode,
        description=raw.get('description') or '',
        dead_letter=(not kafka and raw.get('redrive_policy') == 'enable'),
        max_consume_count=raw.get('max_consume_count') if raw.get('redrive_policy') == 'enable' else None,
        retention_hours=hours if kafka else None,
        created=ms_to_iso(raw.get('created')),
    )
    return whitelist(shaped, FIELDS)


def list_queues(client):
    """Every queue of the project, with dead-letter settings and counts: one request."""
    with step('list queues'):
        return [view(raw) for raw in client.list_queues()]


def find(client, name_or_id, queues=None):
    """The queue with this id or name, or None; refuses a name that several queues have."""
    matches = select(list_queues(client) if queues is None else queues, name_or_id)
    if len(matches) > 1:
        raise Refusal("More than one queue is named '%s'; address it by id." % name_or_id)
    return matches[0] if matches else None


def ref(client, name_or_id, required=True):
    """The parent queue (a ParentRef) by name (one list request) or id (none).

    None for a missing queue unless ``required``, which refuses.
    """
    found = parent_ref(name_or_id, lambda name: find(client, name))
    if found is None and required:
        raise Refusal("Queue '%s' does not exist." % name_or_id)
    return found


def api_attributes(name, settings):
    """The create request's attributes: only what the task set."""
    attrs = dict(name=name)
    if settings.get('queue_mode'):
        attrs['queue_mode'] = settings['queue_mode'].upper()
    if settings.get('description') is not None:
        attrs['description'] = settings['description']
    if settings.get('dead_letter') is not None:
        attrs['redrive_policy'] = 'enable' if settings['dead_letter'] else 'disable'
    for field in ('max_consume_count', 'retention_hours'):
        if settings.get(field) is not None:
            attrs[field] = settings[field]
    return attrs


class QueueSet(ResourceSet):
    """The queues of the project; ``force`` allows deleting queues that hold messages."""

    kind = 'queue'
    key = 'queues'
    immutable = SETTINGS
    immutable_hint = HINT

    def __init__(self, client, run, force=False):
        super(QueueSet, self).__init__(client, run)
        self.force = force

    def list(self):
        return list_queues(self.client)

    def find(self, members, name):
        # A single queue may be addressed by id; an ambiguous name is refused.
        return find(self.client, name, members)

    def predict(self, name, settings):
        predicted = dict((field, None) for field in FIELDS)
        predicted.update(name=name, description='', queue_mode='normal', dead_letter=False,
                         group_count=0, produced_messages=0)
        predicted.update(settings)
        return predicted

    def check(self, set_plan):
        for current in set_plan.deletes:
            self.check_delete(current)

    def check_delete(self, current):
        """Refuse to drop unconsumed messages without force."""
        if self.force or not current.get('produced_messages'):
            return
        with step("list the consumer groups of queue '%s'" % current['name']):
            listing = self.client.list_groups(current['id']) or {}
        groups = listing.get('groups') or []
        if groups:
            waiting = dict((g.get('name'), (g.get('available_messages') or 0)
                            + (g.get('available_deadletters') or 0)) for g in groups)
            count = max(waiting.values())
            detail = ', '.join("group '%s': %d" % item for item in sorted(waiting.items()))
        else:
            count = current['produced_messages']
            detail = 'no consumer group has read them'
        if count:
            raise Refusal("Queue '%s' still holds %d unconsumed message(s) (%s). Set force: true "
                          "to delete it with its messages." % (current['name'], count, detail),
                          queue=current)

    def create(self, name, settings):
        attrs = api_attributes(name, settings)
        create_once(self.run, "queue '%s'" % name, lambda: self.client.create_queue(attrs),
                    lambda: (find(self.client, name) or {}).get('id'))

    def delete(self, members):
        for current in members:
            with step("delete queue '%s'" % current['name']):
                self.client.delete_queue(current['id'])

# -*- coding: utf-8 -*-
# Copyright (c) 2026, otc.dms contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The Kafka parameters of an instance (DMS for Kafka v2): read with their valid values and
types, checked, changed in one request, waited for; static ones pending until a restart.

API reference: "API V2 (recommended)" > Lifecycle Management: obtaining instance
configurations, modifying instance configurations. The API shows no pending state: a static
change is pending while a parameter-change task newer than the last restart changed it and its
value still differs from the one the brokers started with.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.otc.dms.plugins.module_utils import instance as instances
from ansible_collections.otc.dms.plugins.module_utils import parent
from ansible_collections.otc.dms.plugins.module_utils import task as tasks_kind
from ansible_collections.otc.dms.plugins.module_utils.engine import wait_for, warn_lost_answer
from ansible_collections.otc.dms.plugins.module_utils.errors import ApiError, Refusal, step
from ansible_collections.otc.dms.plugins.module_utils.values import as_int, plural, quoted

CHANGE_TASK = 'modifyConfig'
RESTART_TASKS = ('restartInstance', 'createInstance')
FAILED = ('FAILED',)


def text(value):
    """A declared value as the API writes it: booleans in lower case, numbers as digits."""
    if isinstance(value, bool):
        return 'true' if value else 'false'
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def problems(parameters):
    """What is wrong with the declared parameters before any request: a value must be a
    string, a number or a boolean."""
    return ['parameters: %s must be a string, a number or a boolean, got a %s.'
            % (name, type(value).__name__) for name, value in sorted(parameters.items())
            if not isinstance(value, (str, int, float, bool))]


def view(raw):
    kind = raw.get('value_type')
    return dict(name=raw.get('name'), value=raw.get('value'), default=raw.get('default_value'),
                static=raw.get('config_type') == 'static', valid_values=raw.get('valid_values'),
                type=kind)


def value_problem(param, value):
    """Why ``value`` (text) is not valid for ``param`` (a view), or None."""
    valid = param['valid_values'] or ''
    if param['type'] == 'integer' and '~' in valid:
        low, high = (as_int(v) for v in valid.split('~', 1))
        number = as_int(value)
        if number is None or low is None or high is None or not low <= number <= high:
            return 'an integer from %s to %s' % (low, high)
        return None
    allowed = [v.strip() for v in valid.split(',') if v.strip()]
    if allowed and value not in allowed:
        return 'one of %s' % ', '.join(allowed)
    return None


def normalised(param, value):
    number = as_int(value) if param['type'] == 'integer' else None
    return str(number) if number is not None else value


class Parameters(object):
    """The parameters of one Kafka instance (``ref``: an InstanceRef)."""

    def __init__(self, client, run, ref, label, restart=False):
        self.client = client
        self.run = run
        self.ref = ref
        self.label = label
        self.restart_allowed = restart

    def read(self):
        with step('read the Kafka parameters of %s' % self.ref.describe()):
            return [view(raw) for raw in self.client.v2_get_configs(self.ref.id)]

    def started(self, current):
        """The static parameters changed since the last restart, with the value the brokers run
        with (read from the background tasks, newest first)."""
        static = dict((p['name'], p) for p in current if p['static'])
        if not static:
            return {}
        with step('read the background tasks of %s' % self.ref.describe()):
            raws = self.client.v2_all_tasks(self.ref.id, last=lambda t: t.get('name') in RESTART_TASKS
                                            and t.get('status') == 'SUCCESS')
        started = {}  # name -> the value before the oldest change since the last restart
        for raw in raws:
            if raw.get('name') in RESTART_TASKS and raw.get('status') == 'SUCCESS':
                break
            if raw.get('name') != CHANGE_TASK or raw.get('status') in FAILED:
                continue
            for item in tasks_kind.parsed_params(raw.get('params')).get('kafka_configs') or []:
                if isinstance(item, dict) and item.get('name') in static:
                    started[item['name']] = str(item.get('old_value'))
        return started

    def converge(self, wanted):
        """Returns the result: parameters, updated, restart_required, pending, restarted, changed,
        diff."""
        ref = self.ref
        if ref is None:
            raise Refusal("Kafka instance '%s' does not exist." % self.label)
        parent.await_creation(self.client, self.run, ref, 'present' if wanted else 'absent',
                              'Kafka parameters')
        if self.run.check_mode and (ref.planned or (ref.status == 'CREATING' and self.run.wait)):
            return self.predicted(wanted)
        if not ref.readable:
            raise Refusal('%s is %s: its Kafka parameters cannot be read%s.' % (
                ref.describe(), ref.status, ' yet (set wait: true to wait for it)'
                if ref.status == 'CREATING' and not self.run.check_mode else ' now'))
        current = self.read()
        changes = self.plan(current, wanted)
        started = self.started(current)
        after = [dict(p, value=changes.get(p['name'], p['value'])) for p in current]
        for param in current:
            if param['static'] and param['name'] in changes:
                started.setdefault(param['name'], param['value'])
        pending_after = sorted(p['name'] for p in after
                               if p['name'] in started and p['value'] != started[p['name']])
        result = dict(changed=bool(changes), parameters=after, updated=sorted(changes),
                      pending=pending_after,
                      restart_required=bool(pending_after), restarted=False,
                      diff=dict(before=dict((p['name'], p['value']) for p in current),
                                after=dict((p['name'], p['value']) for p in after)))
        if changes:
            if ref.single_node:
                raise Refusal('%s is a single-node instance: its Kafka parameters cannot be '
                              'changed.' % ref.describe())
            parent.require_running(self.client, self.run, ref, 'changing its Kafka parameters')
        if self.run.check_mode:
            if self.restart_allowed and pending_after:
                result.update(changed=True, restarted=True, restart_required=False, pending=[])
            return result
        if changes:
            self.write(changes)
            result['parameters'] = self.read()
        if self.restart_allowed and pending_after:
            ref.view = instances.restart(self.client, self.run, ref.view)
            result.update(changed=True, restarted=True, restart_required=False, pending=[])
        return result

    def predicted(self, wanted):
        """Check mode on an instance that does not exist yet or is being created: its parameters
        cannot be read, so every declared one would be set; the real run checks the values."""
        params = [dict(name=n, value=text(v), default=None, static=None, valid_values=None,
                       type=None) for n, v in sorted(wanted.items())]
        after = dict((p['name'], p['value']) for p in params)
        return dict(changed=bool(wanted), parameters=params, updated=sorted(wanted), pending=[],
                    restart_required=False, restarted=False, diff=dict(before={}, after=after))

    def plan(self, current, wanted):
        """The parameters that differ (name -> value as text); refuses unknown names and invalid
        values, all of them at once, before any write."""
        known = dict((p['name'], p) for p in current)
        unknown = sorted(n for n in wanted if n not in known)
        found = []
        if unknown:
            found.append('%s %s: %s has no such %s; it has %s.' % (
                plural(len(unknown), 'parameter'), quoted(unknown), self.ref.describe(),
                plural(len(unknown), 'parameter'), ', '.join(sorted(known))))
        changes = {}
        for name in sorted(n for n in wanted if n in known):
            param, value = known[name], text(wanted[name])
            problem = value_problem(param, value)
            if problem:
                found.append("parameters: %s must be %s, got '%s'." % (name, problem, value))
                continue
            value = normalised(param, value)
            if value != param['value']:
                changes[name] = value
        if found:
            raise Refusal(' '.join(found))
        return changes

    def write(self, changes):
        items = [dict(name=n, value=v) for n, v in sorted(changes.items())]
        what = '%s %s of %s' % (plural(len(items), 'parameter'), quoted(sorted(changes)),
                                self.ref.describe())
        try:
            with step('change ' + what):
                answer = self.client.v2_update_configs(self.ref.id, items)
        except ApiError as exc:
            # A repeated change is harmless (it sets the same values): when the answer was lost
            # after the cloud acted, the parameters show it.
            now = dict((p['name'], p['value']) for p in self.read())
            if any(now.get(n) != v for n, v in changes.items()):
                raise
            warn_lost_answer(self.run, 'change', what, exc, 'it shows the new values')
            return
        job = answer.get('job_id')
        if job and self.run.wait:
            wait_for('the change of %s' % what,
                     lambda: tasks_kind.get_task(self.client, self.ref.id, job, self.ref.describe()),
                     lambda task: task['status'], done=('SUCCESS',), failed=FAILED,
                     timeout=self.run.timeout, first_delay=0.5)

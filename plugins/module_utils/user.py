# -*- coding: utf-8 -*-
# Copyright (c) 2026, otc.dms contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The SASL user kind of a Kafka instance (DMS for Kafka v2): fields, view, rules, the users of
an instance as a set.

API reference: "API V2 (recommended)" > User Management: creating a user, querying the user
list, resetting a user password, deleting users in batches. The API has no user update and
cannot compare passwords; a password is only ever sent, never read, shown or compared.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.otc.dms.plugins.module_utils import instance as instances
from ansible_collections.otc.dms.plugins.module_utils import rules
from ansible_collections.otc.dms.plugins.module_utils.engine import create_once
from ansible_collections.otc.dms.plugins.module_utils.errors import Refusal, step
from ansible_collections.otc.dms.plugins.module_utils.parent import InstanceMembers
from ansible_collections.otc.dms.plugins.module_utils.values import (
    ms_to_iso, plural, quoted, whitelist)

FIELDS = ('name', 'description', 'role', 'initial_user', 'created', 'instance_id')
NAME = instances.ACCESS_USER
DESCRIPTION_MAX = 200
HINT = ("The API cannot change a user's description: it is set when the user is created. "
        "Deleting and creating the user again would drop its topic permissions, so the module "
        "does not do it; delete the user yourself (state=absent) if that is what you want.")
UPDATE_PASSWORD = ('always', 'on_create')


def options():
    """The argument spec of a user's settings (top level and users[] suboptions)."""
    return dict(
        description=dict(type='str'),
        password=dict(type='str', no_log=True),
    )


def problems(name, settings, where=''):
    """What is wrong with one declared user; never the password's value."""
    found = NAME.problems(name, where)
    about = " (user '%s')" % name if where else ''
    found += rules.text_problems(settings.get('description'), 'description' + about, where,
                                 DESCRIPTION_MAX)
    if settings.get('password') is not None:
        problem = instances.password_problem(settings['password'], name)
        if problem:
            found.append('%spassword%s %s.' % (where, about, problem))
    return found


def set_problems(entries, where='users'):
    found = []
    for index, entry in enumerate(entries):
        found += problems(entry['name'], entry, '%s[%d].' % (where, index))
    return found + rules.repeat_problems([e['name'] for e in entries],
                                         lambda index: '%s[%d].name' % (where, index), 'user')


def view(raw, instance_id, initial_user):
    name = raw.get('user_name')
    return whitelist(dict(
        name=name, description=raw.get('user_desc') or '', role=raw.get('role'),
        initial_user=name == initial_user, created=ms_to_iso(raw.get('created_time')),
        instance_id=instance_id), FIELDS)


def list_users(client, ref):
    """The users of the instance (its initial user included), by name; [] where the instance
    has none to show (no SASL) or the API cannot show them now."""
    if not ref.sasl or not ref.readable:
        return []
    with step('list the SASL users of %s' % ref.describe()):
        raws = client.v2_list_users(ref.id)
    return sorted((view(raw, ref.id, ref.initial_user) for raw in raws),
                  key=lambda u: u['name'] or '')


class UserSet(InstanceMembers):
    """The SASL users of one Kafka instance.

    ``update_password``: ``always`` resets the password of every declared user that has one
    (the API cannot compare passwords, so that is always a change); ``on_create`` sends it
    only to create a user.
    """

    kind = 'user'
    key = 'users'
    immutable = ('description',)
    immutable_hint = HINT
    reports_updates = True

    def __init__(self, client, run, ref, label, single=False, state='present',
                 update_password='on_create'):
        super(UserSet, self).__init__(client, run, ref, label, single, state)
        self.update_password = update_password

    def list_members(self):
        return list_users(self.client, self.ref)

    def purgeable(self, member):
        """The initial user goes with the instance, never with a purge."""
        return not member['initial_user']

    def predict(self, name, settings):
        return whitelist(dict(name=name, description=settings.get('description') or '',
                              role='guest', initial_user=name == self.ref.initial_user,
                              created=None, instance_id=self.ref.id), FIELDS)

    def compare(self, current, wanted):
        changes = {}
        if wanted.get('description') is not None and wanted['description'] != current['description']:
            changes['description'] = wanted['description']
        if wanted.get('password') is not None and self.update_password == 'always':
            changes['password'] = wanted['password']
        return changes

    def updated(self, current, changes):
        view = dict(current)
        view.update((k, v) for k, v in changes.items() if k in FIELDS)
        return view

    def check(self, set_plan):
        if set_plan.changed:
            self.require_sasl('managing its SASL users')
            if self.ref.single_node:
                raise Refusal('%s is a single-node instance: single-node flavours have no user '
                              'management.' % self.ref.describe())
        found = ["user '%s': a password is needed to create it." % name
                 for name, settings in set_plan.creates if settings.get('password') is None]
        initial = [u['name'] for u in set_plan.deletes if u['initial_user']]
        if initial:
            found.append("user '%s' is the initial user of %s (its access_user): the API cannot "
                         "delete it; it goes with the instance." % (initial[0],
                                                                    self.ref.describe()))
        rules.refuse(found)
        if not set_plan.changed:
            return
        self.require_running('changing its users' if not self.single else
                             'creating a user' if set_plan.creates else
                             'deleting a user' if set_plan.deletes else
                             "resetting a user's password")

    def create(self, name, settings):
        body = dict(user_name=name, user_passwd=settings['password'])
        if settings.get('description'):
            body['user_desc'] = settings['description']

        def find_again():
            return self.find(list_users(self.client, self.ref), name)

        create_once(self.run, "user '%s' on %s" % (name, self.ref.describe()),
                    lambda: self.client.v2_create_user(self.ref.id, body), find_again)

    def update(self, current, changes):
        """Only a password changes: it is reset."""
        with step("reset the password of user '%s' of %s" % (current['name'], self.ref.describe())):
            self.client.v2_reset_user_password(self.ref.id, current['name'], changes['password'])

    def delete(self, members):
        """One request deletes them all (the API ignores names it does not know)."""
        names = [m['name'] for m in members]
        with step('delete %s %s of %s' % (plural(len(names), 'user'), quoted(names),
                                          self.ref.describe())):
            self.client.v2_delete_users(self.ref.id, names)

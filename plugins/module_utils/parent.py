# -*- coding: utf-8 -*-
# Copyright (c) 2026, otc.dms contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""A Kafka instance as the parent of its topics, SASL users and topic permissions.

The instance is read once (by id: one GET; by name: one list request), because what may be
done below it depends on it: its status (the API refuses reads of an instance's topics and
users while it is created, has failed to be created or is deleted, and refuses every write
unless it is RUNNING), its broker count (a topic's replicas), SASL (users and permissions)
and the flavour type (single-node instances have no user management).
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.otc.dms.plugins.module_utils import instance as instances
from ansible_collections.otc.dms.plugins.module_utils.engine import ParentRef, ResourceSet
from ansible_collections.otc.dms.plugins.module_utils.errors import Refusal

# Statuses in which the API answers DMS.00400026 to reads of topics, users and permissions.
UNREADABLE = ('CREATING', 'CREATEFAILED', 'DELETING')


class InstanceRef(ParentRef):
    """The Kafka instance as the user named it, with its view (always read)."""

    planned = False

    def describe(self):
        return instances.describe(self.view)

    @property
    def status(self):
        return self.view['status']

    @property
    def readable(self):
        """Whether the API lets its topics, users and permissions be read now."""
        return self.status not in UNREADABLE

    @property
    def brokers(self):
        return self.view.get('broker_num')

    @property
    def single_node(self):
        return self.view.get('type') == 'single'

    @property
    def sasl(self):
        return bool(self.view.get('ssl_enable'))

    @property
    def initial_user(self):
        return self.view.get('access_user')


class PlannedInstance(InstanceRef):
    """In check mode, an instance that does not exist yet: an earlier task of the play (such as
    otc.dms.dms_instance, or the role kafka_instance) would create it.

    Nothing below it exists yet, so every declared member would be created. What it will be
    (its brokers, SASL, flavour, parameters) is not known here: the checks that depend on it
    are left to the real run, which reads the instance it finds.
    """

    planned = True

    def __init__(self, label):
        super(PlannedInstance, self).__init__(label, None, dict(id=None, name=label,
                                                                status='CREATING'))

    def describe(self):
        return "Kafka instance '%s' (not created yet)" % self.label

    @property
    def brokers(self):
        return None

    @property
    def single_node(self):
        return False

    @property
    def sasl(self):
        return None  # not known: refusals for an instance without SASL wait for the real run

    @property
    def initial_user(self):
        return None


def instance_ref(client, name_or_id, run=None, state=None):
    """The instance (an InstanceRef), or None when it does not exist: one read.

    Given the ``run`` and a ``state`` of present, check mode answers a missing instance with a
    PlannedInstance, so that a play's check run predicts the members an instance created by an
    earlier task would get, and checks all that needs no read of it.
    """
    found = instances.find(client, name_or_id)
    if found is not None:
        return InstanceRef(name_or_id, found['id'], found)
    if run is not None and run.check_mode and state == 'present':
        return PlannedInstance(name_or_id)
    return None


def await_creation(client, run, ref, state, what):
    """An instance being created has nothing below it yet: with ``wait`` a real run that may
    write (``state`` present) waits for it first, so that it reads, then writes, a running one."""
    if ref.status == 'CREATING' and state == 'present' and run.wait and not run.check_mode:
        ref.view = instances.ensure_running(client, run, ref.view, 'reading its %s' % what)


def require_running(client, run, ref, purpose):
    """Writes need a RUNNING instance: waited for with ``wait``, else refused naming its status.

    In check mode a status that the real run would wait out is accepted without waiting;
    every other status is refused as the real run would refuse it.
    """
    if run.check_mode and (ref.planned or (ref.status != 'RUNNING' and run.wait
                                           and ref.status in instances.TRANSIENT_STATUSES)):
        return
    ref.view = instances.ensure_running(client, run, ref.view, purpose)


class InstanceMembers(ResourceSet):
    """Members of one Kafka instance (``ref``: an InstanceRef, None when it does not exist)."""

    def __init__(self, client, run, ref, label, single=False, state='present'):
        super(InstanceMembers, self).__init__(client, run)
        self.ref = ref
        self.label = label
        self.single = single  # one member (name=...): messages say "a topic", "a user"
        self.state = state

    def describe_parent(self):
        return "Kafka instance '%s'" % self.label

    def list(self):
        """The members (``list_members``), or None when the instance does not exist."""
        if self.ref is None:
            return None
        await_creation(self.client, self.run, self.ref, self.state, self.key)
        return self.list_members()

    def list_members(self):
        """The members' views; none while the API cannot show them (``ref.readable``)."""
        raise NotImplementedError

    def require_running(self, purpose):
        require_running(self.client, self.run, self.ref, purpose)

    def require_sasl(self, purpose):
        """Users and permissions exist only on an instance with SASL (ssl_enable)."""
        if self.ref.sasl is False:
            raise Refusal('%s has no SASL (ssl_enable is false), so %s is not possible: SASL is '
                          'chosen when an instance is created.' % (self.ref.describe(), purpose))

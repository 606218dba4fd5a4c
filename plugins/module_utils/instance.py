# -*- coding: utf-8 -*-
# Copyright (c) 2026, otc.dms contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The Kafka instance kind: fields, result view, rules, look-ups, waits and the Resource."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import re

from ansible_collections.otc.dms.plugins.module_utils import rules
from ansible_collections.otc.dms.plugins.module_utils.engine import (
    Resource, create_once, differences, wait_for)
from ansible_collections.otc.dms.plugins.module_utils.errors import Refusal, step
from ansible_collections.otc.dms.plugins.module_utils.reference import (
    AZ_ID_RE, availability_zones, maintenance_windows, normalise_time, products)
from ansible_collections.otc.dms.plugins.module_utils.values import (
    UUID_RE, as_int, ms_to_iso, whitelist)

FIELDS = (
    'id', 'name', 'description', 'status', 'engine', 'engine_version', 'bandwidth', 'product_id',
    'resource_spec_code', 'storage_space', 'usable_storage_space', 'used_storage_space',
    'storage_spec_code', 'partition_num', 'availability_zones', 'vpc_id', 'vpc_name', 'subnet_id',
    'security_group_id', 'security_group_name', 'connect_address', 'port', 'public_connect_address',
    'ssl_enable', 'access_user', 'enable_publicip', 'public_bandwidth', 'retention_policy',
    'maintain_begin', 'maintain_end', 'created')
UPDATABLE = ('name', 'description', 'maintain_begin', 'maintain_end', 'security_group_id',
             'retention_policy')
IMMUTABLE = ('engine_version', 'bandwidth', 'product_id', 'storage_space', 'storage_spec_code',
             'partition_num', 'availability_zones', 'vpc_id', 'subnet_id', 'ssl_enable',
             'access_user', 'enable_publicip', 'public_bandwidth')
CREATE_REQUIRES = ('engine_version', 'storage_space', 'availability_zones', 'vpc_id', 'subnet_id',
                   'security_group_id')
HINT = ('The DMS API cannot change these on an existing instance: create a new instance (or '
        'delete this one first).')
FAILED_STATUSES = ('CREATEFAILED', 'ERROR')
# States from which an instance moves on by itself.
TRANSIENT_STATUSES = ('CREATING', 'RESTARTING', 'STARTING', 'STOPPING', 'EXTENDING')

NAME_RE = re.compile(r'^[A-Za-z][A-Za-z0-9_-]{3,63}\Z')
ACCESS_USER = rules.Pattern(r'^[A-Za-z0-9-]{4,64}\Z', '4 to 64 letters, digits or hyphens')
PASSWORD_SPECIALS = set("`~!@#$%^&*()-_=+\\|[{}];:',<.>/? ")
DESCRIPTION_MAX = 1024
MAX_STORAGE = 90000


def password_problem(password):
    if not 8 <= len(password) <= 32:
        return 'must be 8 to 32 characters long'
    kinds = sum([any(c.islower() for c in password), any(c.isupper() for c in password),
                 any(c.isdigit() for c in password), any(c in PASSWORD_SPECIALS for c in password)])
    if kinds < 3:
        return 'needs at least three of: lower case, upper case, digits, special characters'
    if not all(c.isascii() and (c.isalnum() or c in PASSWORD_SPECIALS) for c in password):
        return 'may only hold letters, digits and the special characters %s' % ''.join(
            sorted(PASSWORD_SPECIALS - set(' ')))
    return None


def problems(s):
    """What is wrong with the declared instance ``s`` (its options as a dict), before any request.

    The password is a secret: a problem names the option and the rule, never the value.
    """
    found = []
    for option in ('name', 'new_name'):
        if s.get(option) is not None and not NAME_RE.match(s[option]):
            found.append("%s '%s' is invalid: 4 to 64 characters, starting with a letter; letters, "
                         "digits, hyphens and underscores." % (option, s[option]))
    if s.get('id') is not None and not UUID_RE.match(s['id']):
        found.append("id '%s' is not an instance id (a UUID)." % s['id'])
    found += rules.text_problems(s.get('description'), 'description', max_length=DESCRIPTION_MAX)
    if (s.get('access_user') is not None or s.get('password') is not None) \
            and s.get('ssl_enable') is not True:
        found.append('access_user and password are only used with ssl_enable: true.')
    if s.get('access_user') is not None:
        found += ACCESS_USER.problems(s['access_user'], option='access_user')
    if s.get('password') is not None:
        problem = password_problem(s['password'])
        if problem:
            found.append('password %s.' % problem)
        elif s['password'] in (s.get('access_user'), (s.get('access_user') or '')[::-1]):
            found.append('password must not be access_user or access_user backwards.')
    if s.get('storage_space') is not None and not 1 <= s['storage_space'] <= MAX_STORAGE:
        found.append('storage_space must be 1 to %d GB, got %d.' % (MAX_STORAGE, s['storage_space']))
    zones = s.get('availability_zones')
    if zones is not None and len(zones) in (0, 2):
        found.append('availability_zones must list one AZ or at least three, got %s.'
                     % ('%d: %s' % (len(zones), ', '.join(zones)) if zones else 'none'))
    if (s.get('public_bandwidth') is not None or s.get('publicip_id') is not None) \
            and not s.get('enable_publicip'):
        found.append('public_bandwidth and publicip_id are only used with enable_publicip: true.')
    if s.get('public_bandwidth') is not None and s['public_bandwidth'] <= 0:
        found.append('public_bandwidth must be positive, got %d.' % s['public_bandwidth'])
    for option in ('maintain_begin', 'maintain_end'):
        if s.get(option) is not None and normalise_time(s[option]) is None:
            found.append("%s '%s' is not a time of day (HH:mm or HH:mm:ss)." % (option, s[option]))
    if s.get('timeout') is not None and s['timeout'] <= 0:
        found.append('timeout must be positive, got %d.' % s['timeout'])
    return found


def wanted(s):
    """The fields to compare with (or create) from the declared instance ``s``."""
    result = dict((field, s.get(field)) for field in IMMUTABLE + UPDATABLE)
    result['name'] = s.get('new_name') or (s.get('name') if s.get('id') else None)
    for option in ('maintain_begin', 'maintain_end'):
        if s.get(option) is not None:
            result[option] = normalise_time(s[option])
    return result


# -- views and look-ups ------------------------------------------------------------------------

def view(raw):
    """The whitelisted, snake_case result of one instance (never a password)."""
    shaped = dict(raw)
    shaped.update(
        id=raw.get('instance_id') or raw.get('id'),
        bandwidth=raw.get('specification'),
        # Ansible users give the size they ask for; the API's storage_space is the usable part.
        storage_space=as_int(raw.get('total_storage_space')),
        usable_storage_space=as_int(raw.get('storage_space')),
        used_storage_space=as_int(raw.get('used_storage_space')),
        partition_num=as_int(raw.get('partition_num')),
        port=as_int(raw.get('port')),
        public_bandwidth=as_int(raw.get('public_bandwidth')),
        availability_zones=list(raw.get('available_zones') or []),
        access_user=raw.get('access_user') or None,
        description=raw.get('description') or '',
        created=ms_to_iso(raw.get('created_at')),
    )
    return whitelist(shaped, FIELDS)


def get(client, instance_id):
    """The instance with this id, or None when it does not exist."""
    with step("read Kafka instance '%s'" % instance_id):
        raw = client.get_instance(instance_id)
    return None if raw is None else view(raw)


def list_instances(client, name=None, exact=False, status=None, include_failed=True,
                   engine='kafka'):
    """Instances of the project (one request), filtered by the API."""
    params = {'engine': engine, 'includeFailure': 'true' if include_failed else 'false'}
    if name is not None:
        params.update(name=name, exactMatchName='true' if exact else 'false')
    if status is not None:
        params['status'] = status
    with step('list Kafka instances'):
        return [view(raw) for raw in client.list_instances(params)]


def find(client, name_or_id):
    """The instance with this id or exact name, or None: one request either way."""
    if UUID_RE.match(name_or_id):
        return get(client, name_or_id.lower())
    matches = [i for i in list_instances(client, name=name_or_id, exact=True)
               if i['name'] == name_or_id]
    if len(matches) > 1:
        raise Refusal("More than one Kafka instance is named '%s'; address it by id." % name_or_id)
    return matches[0] if matches else None


def describe(instance):
    return "Kafka instance '%s' (id %s)" % (instance['name'], instance['id'])


def wait_for_status(client, instance, timeout, done=('RUNNING',)):
    """Poll the instance until its status is in ``done`` (None in ``done``: until it is gone)."""
    return wait_for(
        '%s to become %s' % (describe(instance), ' or '.join(s or 'deleted' for s in done)),
        lambda: get(client, instance['id']), lambda item: item['status'], done,
        failed=[s for s in FAILED_STATUSES if s not in done], timeout=timeout, first_delay=0.5)


def ensure_running(client, run, instance, purpose):
    """The instance once RUNNING: waited for with ``run.wait``, else refused saying why."""
    if instance['status'] == 'RUNNING':
        return instance
    if run.wait and instance['status'] in TRANSIENT_STATUSES:
        return wait_for_status(client, instance, run.timeout)
    raise Refusal('%s is %s, not RUNNING; %s needs a running instance%s.' % (
        describe(instance), instance['status'], purpose,
        ' (set wait: true to wait for it)' if instance['status'] in TRANSIENT_STATUSES else ''))


def restart(client, run, current):
    """Restart a found instance (check mode: nothing); returns the instance after."""
    if run.check_mode:
        return current
    current = ensure_running(client, run, current, 'restarting it')
    with step('restart %s' % describe(current)):
        results = client.instance_action('restart', [current['id']])
    if any(r.get('result') != 'success' for r in results):
        raise Refusal('The cloud refused to restart %s (status %s).'
                      % (describe(current), current['status']), instance=current)
    restarted = get(client, current['id']) or current
    if run.wait:
        restarted = wait_for_status(client, restarted, run.timeout)
    return restarted


# -- the Resource ------------------------------------------------------------------------------

class Instance(Resource):
    """One Kafka instance, declared by ``declared`` (its options as a plain dict)."""

    kind = 'Kafka instance'
    immutable = IMMUTABLE
    immutable_hint = HINT

    def __init__(self, client, run, declared, state):
        super(Instance, self).__init__(client, run, declared['name'] or declared['id'])
        self.s = declared
        self.state = state
        self.product = None
        self.window = None
        self._zones = None
        self._az_list = None

    # -- finding ------------------------------------------------------------------------------
    def find(self):
        found = find(self.client, self.s['id'] or self.s['name'])
        if found is None and self.s['id'] and self.state == 'present':
            raise Refusal("Kafka instance with id '%s' does not exist; to create one, give name "
                          "instead of id." % self.s['id'])
        if found is not None and self.state == 'present':
            found = self.settle(found)
        return found

    def settle(self, found):
        """An instance still being created is waited for; a failed one is reported."""
        if found['status'] in TRANSIENT_STATUSES and self.run.wait and not self.run.check_mode:
            found = wait_for_status(self.client, found, self.run.timeout)
        if found['status'] in FAILED_STATUSES:
            raise Refusal('%s is %s. Delete it (state: absent) and create it again.'
                          % (describe(found), found['status']), instance=found)
        return found

    # -- resolution (only when the answer matters) ---------------------------------------------
    def az_list(self):
        if self._az_list is None:
            self._az_list = availability_zones(self.client)
        return self._az_list

    def zone_ids(self):
        """The wanted AZs as ids; codes cost one AZ request."""
        if self._zones is None:
            declared = self.s['availability_zones']
            if all(AZ_ID_RE.match(z) for z in declared):
                self._zones = list(declared)
            else:
                known = self.az_list()
                by_code = dict((z['code'], z['id']) for z in known)
                ids = set(z['id'] for z in known)
                self._zones = []
                for zone in declared:
                    if zone in ids:
                        self._zones.append(zone)
                    elif zone in by_code:
                        self._zones.append(by_code[zone])
                    else:
                        raise Refusal("availability_zones: '%s' is not an availability zone of "
                                      "this region (known: %s)." % (zone, ', '.join(sorted(by_code))))
        return self._zones

    def resolve_product(self):
        s = self.s
        offered = [x for x in products(self.client) if x['engine'] == 'kafka']
        version = s['engine_version']
        if s['product_id']:
            matches = [x for x in offered if x['product_id'] == s['product_id']
                       and x['engine_version'] == version]
            if not matches:
                raise Refusal("product_id '%s' is not a Kafka %s product (known: %s)." % (
                    s['product_id'], version, ', '.join(sorted(set(
                        x['product_id'] for x in offered if x['engine_version'] == version)))))
        else:
            matches = [x for x in offered if x['bandwidth'] == s['bandwidth']
                       and x['engine_version'] == version]
            if not matches:
                raise Refusal('No Kafka %s product offers bandwidth %s.' % (version, s['bandwidth']))
        product = matches[0]
        codes = [io['storage_spec_code'] for io in product['io']]
        if s['storage_spec_code'] is None:
            if len(codes) != 1:
                raise Refusal('storage_spec_code is required: product %s (%s) offers %s.'
                              % (product['product_id'], product['bandwidth'], ', '.join(codes)))
        elif s['storage_spec_code'] not in codes:
            raise Refusal("storage_spec_code '%s' is not offered by product %s (%s); it offers %s."
                          % (s['storage_spec_code'], product['product_id'], product['bandwidth'],
                             ', '.join(codes)))
        minimum = product['storage_space'] or 0
        if not minimum <= s['storage_space'] <= MAX_STORAGE:
            raise Refusal('storage_space must be %d to %d GB for %s, got %d.'
                          % (minimum, MAX_STORAGE, product['bandwidth'], s['storage_space']))
        if s['partition_num'] is not None and s['partition_num'] != product['partition_num']:
            raise Refusal('partition_num must be %s for %s (the product fixes it), got %d.'
                          % (product['partition_num'], product['bandwidth'], s['partition_num']))
        return product

    def check_window(self):
        """The maintenance window as HH:mm:ss, checked against the API's slots."""
        begin = normalise_time(self.s['maintain_begin'])
        end = normalise_time(self.s['maintain_end'])
        slots = maintenance_windows(self.client)
        if not any(w['begin'] == begin and w['end'] == end for w in slots):
            raise Refusal('maintain_begin/maintain_end %s-%s is not a maintenance window; use one '
                          'of %s.' % (self.s['maintain_begin'], self.s['maintain_end'], ', '.join(
                              '%s-%s' % (w['begin'][:5], w['end'][:5]) for w in slots)))
        return begin, end

    # -- the engine's callables ---------------------------------------------------------------
    def check_create(self, wanted):
        s = self.s
        missing = [o for o in CREATE_REQUIRES if s[o] is None]
        if not (s['product_id'] or s['bandwidth']):
            missing.append('bandwidth or product_id')
        if missing:
            raise Refusal("Kafka instance '%s' does not exist; creating it needs %s."
                          % (self.label, ', '.join(missing)))
        self.product = self.resolve_product()
        zone_ids = self.zone_ids()
        zone_codes = dict((z['id'], z['code']) for z in self.az_list()) \
            if self.product['availability_zones'] else {}
        unavailable = [zone_codes.get(z, z) for z in zone_ids
                       if zone_codes and zone_codes.get(z) not in self.product['availability_zones']]
        if unavailable:
            raise Refusal('Product %s (%s) is not offered in %s; it is offered in %s.' % (
                self.product['product_id'], self.product['bandwidth'], ', '.join(unavailable),
                ', '.join(self.product['availability_zones'])))
        if s['maintain_begin'] is not None:
            self.window = self.check_window()

    def compare(self, current, wanted):
        wanted = dict(wanted)
        zones = wanted.pop('availability_zones', None)
        changes = differences(current, wanted)
        # Zones are compared as sets of ids (giving ids instead of codes saves the AZ request).
        if zones is not None and sorted(self.zone_ids()) != sorted(current['availability_zones']):
            changes['availability_zones'] = self.zone_ids()
        return changes

    def predict(self, current, changes):
        if current is not None:
            predicted = dict(current)
            predicted.update(changes)
            return predicted
        s, product = self.s, self.product
        predicted = dict((field, None) for field in FIELDS)
        predicted.update(
            name=self.label, description=s['description'] or '', engine='kafka',
            engine_version=s['engine_version'], bandwidth=product['bandwidth'],
            product_id=product['product_id'], resource_spec_code=product['spec_code'],
            storage_space=s['storage_space'],
            storage_spec_code=s['storage_spec_code'] or product['io'][0]['storage_spec_code'],
            partition_num=product['partition_num'], availability_zones=self.zone_ids(),
            vpc_id=s['vpc_id'], subnet_id=s['subnet_id'], security_group_id=s['security_group_id'],
            ssl_enable=bool(s['ssl_enable']), access_user=s['access_user'] if s['ssl_enable'] else None,
            port=9093 if s['ssl_enable'] else 9092, enable_publicip=bool(s['enable_publicip']),
            public_bandwidth=s['public_bandwidth'] or 0,
            retention_policy=s['retention_policy'] or 'time_base',
            maintain_begin=self.window[0] if self.window else '02:00:00',
            maintain_end=self.window[1] if self.window else '06:00:00',
            status='RUNNING' if self.run.wait else 'CREATING')
        return predicted

    def create(self, wanted):
        s, product = self.s, self.product
        body = dict(
            name=self.label, engine='kafka', engine_version=s['engine_version'],
            specification=product['bandwidth'], product_id=product['product_id'],
            storage_space=s['storage_space'], partition_num=product['partition_num'],
            storage_spec_code=s['storage_spec_code'] or product['io'][0]['storage_spec_code'],
            vpc_id=s['vpc_id'], subnet_id=s['subnet_id'], security_group_id=s['security_group_id'],
            available_zones=self.zone_ids())
        optional = dict(description=s['description'], retention_policy=s['retention_policy'],
                        ssl_enable=s['ssl_enable'], access_user=s['access_user'],
                        password=s['password'], enable_publicip=s['enable_publicip'],
                        public_bandwidth=s['public_bandwidth'], publicip_id=s['publicip_id'])
        body.update((k, v) for k, v in optional.items() if v is not None)
        if self.window:
            body.update(maintain_begin=self.window[0], maintain_end=self.window[1])
        instance_id = create_once(self.run, "Kafka instance '%s'" % self.label,
                                  lambda: self.client.create_instance(body),
                                  lambda: (find(self.client, self.label) or {}).get('id'))
        created = get(self.client, instance_id) or dict(self.predict(None, {}), id=instance_id)
        if self.run.wait:
            created = wait_for_status(self.client, created, self.run.timeout)
        return created

    def update(self, current, changes):
        current = ensure_running(self.client, self.run, current, 'updating it')
        body = dict(changes)
        if 'maintain_begin' in body or 'maintain_end' in body:
            body['maintain_begin'], body['maintain_end'] = self.check_window()
        with step('update %s' % describe(current)):
            self.client.update_instance(current['id'], body)
        return get(self.client, current['id']) or self.predict(current, changes)

    def delete(self, current):
        if current['status'] in TRANSIENT_STATUSES and self.run.wait:
            current = wait_for_status(self.client, current, self.run.timeout,
                                      done=('RUNNING', 'CREATEFAILED', 'ERROR'))
        with step('delete %s' % describe(current)):
            self.client.delete_instance(current['id'])
        if self.run.wait:
            wait_for_status(self.client, current, self.run.timeout, done=(None,))

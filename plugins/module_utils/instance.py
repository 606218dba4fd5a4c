# -*- coding: utf-8 -*-
# Copyright (c) 2026, otc.dms contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The Kafka instance kind (DMS for Kafka v2): fields, result view, rules, look-ups, waits,
growth and the Resource.

API reference: https://docs.otc.t-systems.com/distributed-message-service/api-ref/ >
"API V2 (recommended)" > Lifecycle Management, Specification Modification Management,
Instance Management, Tag Management, Background Task Management.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json
import re

from ansible_collections.otc.dms.plugins.module_utils import rules
from ansible_collections.otc.dms.plugins.module_utils import task as tasks_kind
from ansible_collections.otc.dms.plugins.module_utils.engine import (
    Resource, create_once, differences, wait_for, warn_lost_answer)
from ansible_collections.otc.dms.plugins.module_utils.errors import ApiError, Refusal, step
from ansible_collections.otc.dms.plugins.module_utils.reference import (
    AZ_ID_RE, availability_zones, flavors, is_single, maintenance_windows, normalise_time)
from ansible_collections.otc.dms.plugins.module_utils.values import (
    UUID_RE, as_bool, as_int, ms_to_iso, show, whitelist)

FIELDS = (
    'id', 'name', 'description', 'status', 'type', 'engine', 'engine_version', 'flavor',
    'specification', 'broker_num', 'storage_space', 'usable_storage_space', 'used_storage_space',
    'storage_spec_code', 'partition_num', 'availability_zones', 'availability_zone_names',
    'vpc_id', 'vpc_name', 'subnet_id', 'subnet_name', 'security_group_id', 'security_group_name',
    'connect_address', 'private_addresses', 'public_connect_address', 'brokers', 'port',
    'ssl_enable', 'security_protocol', 'sasl_mechanisms', 'access_user', 'enable_publicip',
    'retention_policy', 'maintain_begin', 'maintain_end', 'enable_auto_topic', 'ipv6_enable',
    'disk_encrypted', 'disk_encryption_key', 'tags', 'enterprise_project_id', 'created')
# Changed in place by the instance update call.
UPDATABLE = ('name', 'description', 'maintain_begin', 'maintain_end', 'security_group_id',
             'retention_policy', 'enterprise_project_id')
# Grown by the extend call, never shrunk.
GROWABLE = ('broker_num', 'storage_space', 'flavor')
# Changed by calls of their own.
SEPARATE = ('tags', 'enable_auto_topic')
IMMUTABLE = ('engine_version', 'storage_spec_code', 'vpc_id', 'subnet_id', 'availability_zones',
             'ssl_enable', 'security_protocol', 'sasl_mechanisms', 'access_user',
             'enable_publicip', 'ipv6_enable', 'disk_encryption_key')
CREATE_REQUIRES = ('flavor', 'engine_version', 'storage_space', 'vpc_id', 'subnet_id',
                   'security_group_id', 'availability_zones')
HINT = ('The DMS API fixes these when an instance is created: create a new instance (or delete '
        'this one first).')
FAILED_STATUSES = ('CREATEFAILED', 'ERROR', 'EXTENDEDFAILED')
# States from which an instance moves on to RUNNING by itself (DELETING moves on to gone).
TRANSIENT_STATUSES = ('CREATING', 'RESTARTING', 'STARTING', 'STOPPING', 'EXTENDING')
# A DELETE is accepted in these (again while DELETING).
DELETABLE = ('RUNNING', 'ERROR', 'CREATEFAILED', 'FROZEN', 'DELETING')
RESTARTABLE = ('RUNNING', 'ERROR')
SECURITY_PROTOCOLS = ('SASL_SSL', 'SASL_PLAINTEXT')
SASL_MECHANISMS = ('PLAIN', 'SCRAM-SHA-512')
# The background task that records a change of automatic topic creation.
AUTO_TOPIC_TASK = 'modifyAutoTopic'

NAME_RE = re.compile(r'^[A-Za-z][A-Za-z0-9_-]{3,63}\Z')
ACCESS_USER = rules.Pattern(r'^[A-Za-z][A-Za-z0-9_-]{3,63}\Z',
                            '4 to 64 characters, starting with a letter; letters, digits, '
                            'hyphens and underscores')
PASSWORD_SPECIALS = set("`~!@#$%^&*()-_=+\\|[{}]:'\",<.>/? ")
DESCRIPTION_MAX = 1024
TAGS_MAX = 20
TAG_KEY_RE = re.compile(r'^[A-Za-z0-9_.:=+@ -]{1,128}\Z')
TAG_VALUE_RE = re.compile(r'^[A-Za-z0-9_.:=+@ -]{0,255}\Z')


def password_problem(password, user=None):
    """What is wrong with a SASL password (the API's rule), or None; never the value."""
    if not 8 <= len(password) <= 32:
        return 'must be 8 to 32 characters long'
    if password.startswith('-'):
        return 'must not start with a hyphen'
    if not all(c.isascii() and (c.isalnum() or c in PASSWORD_SPECIALS) for c in password):
        return 'may only hold letters, digits, spaces and the special characters %s' % ''.join(
            sorted(PASSWORD_SPECIALS - set(' ')))
    kinds = sum([any(c.islower() for c in password), any(c.isupper() for c in password),
                 any(c.isdigit() for c in password), any(c in PASSWORD_SPECIALS for c in password)])
    if kinds < 3:
        return 'needs at least three of: lower case, upper case, digits, special characters'
    if user and password in (user, user[::-1]):
        return 'must not be the user name or the user name backwards'
    return None


def tag_problems(tags):
    if tags is None:
        return []
    found = []
    if len(tags) > TAGS_MAX:
        found.append('tags: at most %d tags, got %d.' % (TAGS_MAX, len(tags)))
    for key in sorted(tags):
        value = '' if tags[key] is None else str(tags[key])
        if not TAG_KEY_RE.match(key) or key != key.strip() or key.startswith('_sys_'):
            found.append("tags: key '%s' is invalid: 1 to 128 letters, digits, spaces or _.:=+-@, "
                         "no leading or trailing space, not starting with _sys_." % key)
        if not TAG_VALUE_RE.match(value) or value != value.strip():
            found.append("tags: the value of '%s' is invalid: at most 255 letters, digits, spaces "
                         "or _.:=+-@, no leading or trailing space." % key)
    return found


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
    ssl = s.get('ssl_enable') is True
    for option in ('access_user', 'password', 'security_protocol', 'sasl_mechanisms'):
        if s.get(option) is not None and not ssl:
            found.append('%s is only used with ssl_enable: true.' % option)
    if s.get('access_user') is not None:
        found += ACCESS_USER.problems(s['access_user'], option='access_user')
    if s.get('password') is not None:
        problem = password_problem(s['password'], s.get('access_user'))
        if problem:
            found.append('password %s.' % problem)
    if s.get('sasl_mechanisms') is not None and not s['sasl_mechanisms']:
        found.append('sasl_mechanisms must list at least one of %s.' % ', '.join(SASL_MECHANISMS))
    for option in ('broker_num', 'storage_space'):
        if s.get(option) is not None and s[option] <= 0:
            found.append('%s must be positive, got %d.' % (option, s[option]))
    zones = s.get('availability_zones')
    if zones is not None and len(zones) in (0, 2):
        found.append('availability_zones must list one AZ or at least three, got %s.'
                     % ('%d: %s' % (len(zones), ', '.join(zones)) if zones else 'none'))
    if s.get('publicip_ids') is not None and not s.get('enable_publicip'):
        found.append('publicip_ids are only used with enable_publicip: true.')
    if s.get('ipv6_enable') and s.get('security_protocol') == 'SASL_SSL':
        found.append('security_protocol SASL_SSL cannot be used with ipv6_enable: true.')
    for option in ('maintain_begin', 'maintain_end'):
        if s.get(option) is not None and normalise_time(s[option]) is None:
            found.append("%s '%s' is not a time of day (HH:mm or HH:mm:ss)." % (option, s[option]))
    found += tag_problems(s.get('tags'))
    if s.get('timeout') is not None and s['timeout'] <= 0:
        found.append('timeout must be positive, got %d.' % s['timeout'])
    return found


def wanted(s):
    """The fields to compare with (or create) from the declared instance ``s``."""
    result = dict((field, s.get(field)) for field in UPDATABLE + GROWABLE + SEPARATE + IMMUTABLE)
    result['name'] = s.get('new_name') or (s.get('name') if s.get('id') else None)
    for option in ('maintain_begin', 'maintain_end'):
        if s.get(option) is not None:
            result[option] = normalise_time(s[option])
    if s.get('sasl_mechanisms') is not None:
        result['sasl_mechanisms'] = sorted(set(s['sasl_mechanisms']))
    if s.get('tags') is not None:
        result['tags'] = dict((k, '' if v is None else str(v)) for k, v in s['tags'].items())
    return result


# -- views and look-ups ------------------------------------------------------------------------

def parse_brokers(raw):
    """The per-broker listeners of ``cross_vpc_info`` (a JSON string), sorted by address."""
    text = raw.get('cross_vpc_info')
    try:
        entries = json.loads(text) if isinstance(text, str) and text else (text or {})
    except ValueError:
        entries = {}
    if not isinstance(entries, dict):
        return []
    return [dict(listener_ip=ip, advertised_ip=(entry or {}).get('advertised_ip'),
                 port=as_int((entry or {}).get('port')), port_id=(entry or {}).get('port_id'))
            for ip, entry in sorted(entries.items(), key=lambda item: _ip_key(item[0]))]


def _ip_key(address):
    return [int(p) if p.isdigit() else p for p in re.split(r'[.:]', address)]


def view(raw):
    """The whitelisted, snake_case result of one instance (never a password)."""
    ssl = as_bool(raw.get('ssl_enable'))
    shaped = dict(raw)
    shaped.update(
        id=raw.get('instance_id') or raw.get('id'),
        type=raw.get('type'),
        flavor=raw.get('product_id'),
        broker_num=as_int(raw.get('broker_num')),
        # Ansible users give the size they ask for; the API's storage_space is the usable part.
        storage_space=as_int(raw.get('total_storage_space')),
        usable_storage_space=as_int(raw.get('storage_space')),
        used_storage_space=as_int(raw.get('used_storage_space')),
        partition_num=as_int(raw.get('partition_num')),
        port=as_int(raw.get('port')),
        availability_zones=list(raw.get('available_zones') or []),
        availability_zone_names=list(raw.get('available_zone_names') or []),
        private_addresses=[a for a in str(raw.get('kafka_private_connect_address') or '').split(',')
                           if a],
        public_connect_address=raw.get('public_connect_address') or None,
        brokers=parse_brokers(raw),
        ssl_enable=ssl,
        # The API shows a protocol even without SASL; it means something only with it.
        security_protocol=raw.get('kafka_security_protocol') if ssl else None,
        sasl_mechanisms=sorted(raw.get('sasl_enabled_mechanisms') or []) if ssl else None,
        access_user=(raw.get('access_user') or None) if ssl else None,
        enable_publicip=as_bool(raw.get('enable_publicip')),
        enable_auto_topic=(as_bool(raw['enable_auto_topic'])
                           if raw.get('enable_auto_topic') is not None else None),
        ipv6_enable=as_bool(raw.get('ipv6_enable')),
        disk_encrypted=as_bool(raw.get('disk_encrypted')),
        disk_encryption_key=raw.get('disk_encrypted_key') or None,
        maintain_begin=normalise_time(raw.get('maintain_begin')) if raw.get('maintain_begin') else None,
        maintain_end=normalise_time(raw.get('maintain_end')) if raw.get('maintain_end') else None,
        tags=dict((t.get('key'), t.get('value') or '') for t in raw.get('tags') or []),
        description=raw.get('description') or '',
        created=ms_to_iso(raw.get('created_at')),
    )
    return whitelist(shaped, FIELDS)


def get(client, instance_id):
    """The instance with this id, or None when it does not exist."""
    with step("read Kafka instance '%s'" % instance_id):
        raw = client.v2_get_instance(instance_id)
    return None if raw is None else view(raw)


def list_instances(client, name=None, exact=False, status=None, include_failed=True):
    """Instances of the project (every page), filtered by the API."""
    params = {'include_failure': 'true' if include_failed else 'false'}
    if name is not None:
        params.update(name=name, exact_match_name='true' if exact else 'false')
    if status is not None:
        params['status'] = status
    with step('list Kafka instances'):
        return [view(raw) for raw in client.v2_list_instances(params)]


def find(client, name_or_id):
    """The instance with this id or exact name (failed ones included), or None."""
    if UUID_RE.match(name_or_id):
        return get(client, name_or_id.lower())
    matches = [i for i in list_instances(client, name=name_or_id, exact=True)
               if i['name'] == name_or_id]
    if len(matches) > 1:
        raise Refusal("More than one Kafka instance is named '%s'; address it by id." % name_or_id)
    return matches[0] if matches else None


def describe(instance):
    return "Kafka instance '%s' (id %s)" % (instance['name'], instance['id'])


def wait_for_status(client, instance, timeout, done=('RUNNING',), until=None, what=None):
    """Poll the instance until its status is in ``done`` (None in ``done``: until it is gone)
    and, when given, ``until(view)`` holds (new figures read back, not the status alone)."""
    def status_of(item):
        status = item['status']
        if status in done and until is not None and not until(item):
            return status + ' (not yet showing the change)'
        return status
    return wait_for(
        '%s %s' % (describe(instance), what or 'to become %s' % ' or '.join(
            s or 'deleted' for s in done)),
        lambda: get(client, instance['id']), status_of, done,
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
    if current['status'] not in RESTARTABLE:
        current = ensure_running(client, run, current, 'restarting it')
    failure = None
    try:
        with step('restart %s' % describe(current)):
            results = client.v2_instance_action('restart', [current['id']])
        refused = not results or any(r.get('result') != 'success' for r in results)
    except ApiError as exc:
        failure, refused = exc, True
    if refused:
        # The answer can be lost after the cloud acted: keystoneauth then sends the request again
        # and the cloud refuses that one (or answers it with an error), the instance restarting
        # already. Only an instance that is restarting now counts as restarted.
        with step('read %s after its restart failed' % describe(current)):
            after = get(client, current['id'])
        if after is None or after['status'] != 'RESTARTING':
            if failure is not None:
                raise failure
            raise Refusal('The cloud refused to restart %s (status %s).'
                          % (describe(current), (after or current)['status']), instance=current)
        warn_lost_answer(run, 'restart', describe(current), failure, 'it is restarting')
    if run.wait:
        return wait_for_status(client, current, run.timeout)
    return get(client, current['id']) or current


def auto_topic_from_tasks(client, instance_id):
    """Automatic topic creation as the newest successful modifyAutoTopic task left it."""
    with step("read the background tasks of Kafka instance '%s'" % instance_id):
        tasks = client.v2_tasks(instance_id, {'start': 1, 'limit': 50})
    for raw in tasks:
        if raw.get('name') == AUTO_TOPIC_TASK and raw.get('status') == 'SUCCESS':
            status = tasks_kind.parsed_params(raw.get('params')).get('new_auto_status')
            if status is not None:
                return as_bool(status)
    return False


def tag_changes(current, wanted_tags):
    """(to delete, to create) as tag lists: only the difference."""
    deletes = [dict(key=k, value=v) for k, v in sorted(current.items()) if k not in wanted_tags]
    creates = [dict(key=k, value=v) for k, v in sorted(wanted_tags.items()) if current.get(k) != v]
    return deletes, creates


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
        self.flavor = None
        self.window = None
        self._zones = None
        self._az_list = None
        self._flavors = None

    # -- finding ------------------------------------------------------------------------------
    def find(self):
        found = find(self.client, self.s['id'] or self.s['name'])
        if found is None and self.s['id'] and self.state == 'present':
            raise Refusal("Kafka instance with id '%s' does not exist; to create one, give name "
                          "instead of id." % self.s['id'])
        if found is not None and self.state == 'present':
            found = self.with_auto_topic(self.settle(found))
            if found is None and self.s['id']:
                raise Refusal("Kafka instance with id '%s' was being deleted and is gone now; to "
                              "create one, give name instead of id." % self.s['id'])
        return found

    def with_auto_topic(self, view):
        """The view with automatic topic creation, read from the background tasks where the
        instance view lacks it (the OTC API reference does not list the field) and the task
        declares it."""
        if view is not None and view['enable_auto_topic'] is None \
                and self.s['enable_auto_topic'] is not None:
            view = dict(view, enable_auto_topic=auto_topic_from_tasks(self.client, view['id']))
        return view

    def settle(self, found):
        """An instance still being created or changed is waited for; a failed one is reported;
        one being deleted is waited for until it is gone (None: it is created anew)."""
        if found['status'] == 'DELETING':
            if not self.run.wait or self.run.check_mode:
                raise Refusal('%s is being deleted%s.' % (describe(found), '' if self.run.check_mode
                                                          else ' (set wait: true to wait for it)'),
                              instance=found)
            return wait_for_status(self.client, found, self.run.timeout, done=(None,))
        if found['status'] in TRANSIENT_STATUSES and self.run.wait and not self.run.check_mode:
            found = wait_for_status(self.client, found, self.run.timeout,
                                    done=('RUNNING',) + FAILED_STATUSES)
        if found['status'] in ('CREATEFAILED', 'ERROR'):
            raise Refusal('%s is %s. Delete it (state: absent) and create it again.'
                          % (describe(found), found['status']), instance=found)
        return found

    # -- resolution (only when the answer matters) ---------------------------------------------
    def all_flavors(self):
        if self._flavors is None:
            self._flavors = flavors(self.client)
        return self._flavors

    def known_flavor(self, name):
        """The flavour the products API lists under this id, or None (an old v1 product)."""
        matches = [f for f in self.all_flavors() if f['flavor'] == name]
        return matches[0] if matches else None

    def flavor_named(self, name, option='flavor'):
        found = self.known_flavor(name)
        if found is None:
            raise Refusal("%s '%s' is not a Kafka flavour of this region (offered: %s)."
                          % (option, name, ', '.join(sorted(f['flavor'] for f in self.all_flavors()))))
        return found

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

    def zone_codes(self, ids):
        by_id = dict((z['id'], z['code']) for z in self.az_list())
        return [by_id.get(z, z) for z in ids]

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

    def check_sizes(self, flavor, brokers, storage, what='creating it'):
        """Broker count and total storage within what ``flavor`` offers."""
        low, high = flavor['broker_num_min'], flavor['broker_num_max']
        if low is not None and high is not None and not low <= brokers <= high:
            raise Refusal('broker_num %d is not offered by flavour %s (%s): it takes %s.' % (
                brokers, flavor['flavor'], what,
                '%d broker' % low if low == high else '%d to %d brokers' % (low, high)))
        low, high = flavor['storage_per_broker_min'], flavor['storage_per_broker_max']
        if storage is not None and low is not None and high is not None \
                and not brokers * low <= storage <= brokers * high:
            raise Refusal('storage_space %d GB is outside what %d %s of flavour %s hold (%s): '
                          '%d to %d GB (%d to %d GB per broker).' % (
                              storage, brokers, 'broker' if brokers == 1 else 'brokers',
                              flavor['flavor'], what, brokers * low, brokers * high, low, high))

    # -- the engine's callables ---------------------------------------------------------------
    def check_create(self, wanted):
        s = self.s
        missing = [o for o in CREATE_REQUIRES if s[o] is None]
        if missing:
            raise Refusal("Kafka instance '%s' does not exist; creating it needs %s."
                          % (self.label, ', '.join(missing)))
        flavor = self.flavor = self.flavor_named(s['flavor'])
        if s['engine_version'] not in flavor['engine_versions']:
            raise Refusal("engine_version '%s' is not offered by flavour %s; it offers %s."
                          % (s['engine_version'], flavor['flavor'], ', '.join(flavor['engine_versions'])))
        brokers = self.brokers()
        self.check_sizes(flavor, brokers, s['storage_space'])
        codes = [io['storage_spec_code'] for io in flavor['io']]
        if s['storage_spec_code'] is None and len(codes) != 1:
            raise Refusal('storage_spec_code is required: flavour %s offers %s.'
                          % (flavor['flavor'], ', '.join(codes)))
        if s['storage_spec_code'] is not None and s['storage_spec_code'] not in codes:
            raise Refusal("storage_spec_code '%s' is not offered by flavour %s; it offers %s."
                          % (s['storage_spec_code'], flavor['flavor'], ', '.join(codes)))
        io = [i for i in flavor['io'] if i['storage_spec_code'] == self.storage_class()][0]
        zone_ids = self.zone_ids()
        if is_single(flavor) and len(zone_ids) != 1:
            raise Refusal('availability_zones: a single-node flavour (%s) takes exactly one AZ, '
                          'got %d.' % (flavor['flavor'], len(zone_ids)))
        offered = io['availability_zones']
        if offered:
            unavailable = [c for c in self.zone_codes(zone_ids) if c not in offered]
            if unavailable:
                raise Refusal('Flavour %s with %s is not offered in %s; it is offered in %s.' % (
                    flavor['flavor'], io['storage_spec_code'], ', '.join(unavailable),
                    ', '.join(offered)))
        if s['enable_publicip']:
            count = len(s['publicip_ids'] or [])
            if count != brokers:
                raise Refusal('enable_publicip needs one elastic IP per broker in publicip_ids: '
                              '%d brokers, got %d.' % (brokers, count))
        if s['maintain_begin'] is not None:
            self.window = self.check_window()

    def brokers(self):
        """The broker count to create: as declared, or the flavour's smallest."""
        return self.s['broker_num'] or self.flavor['broker_num_min'] or 1

    def storage_class(self):
        return self.s['storage_spec_code'] or self.flavor['io'][0]['storage_spec_code']

    def compare(self, current, wanted):
        wanted = dict(wanted)
        zones = wanted.pop('availability_zones', None)
        tags = wanted.pop('tags', None)
        changes = differences(current, wanted)
        if zones is not None and not self.same_zones(current, zones):
            changes['availability_zones'] = self.zone_ids()
        if tags is not None:
            new_tags = tags if self.s['purge_tags'] else dict(current['tags'], **tags)
            if new_tags != current['tags']:
                changes['tags'] = new_tags
        if self.s['password'] is not None and self.s['update_password'] == 'always':
            changes['password_reset'] = True
        self.check_growth(current, changes)
        return changes

    def same_zones(self, current, zones):
        """Whether the declared AZs are the instance's; codes shown by the instance itself
        (its AZ names) settle it without the AZ request, anything else asks the AZ API."""
        if sorted(zones) == sorted(current['availability_zones']):
            return True
        if sorted(zones) == sorted(current['availability_zone_names'] or []):
            return True
        return sorted(self.zone_ids()) == sorted(current['availability_zones'])

    def check_growth(self, current, changes):
        """Refuse, before any write, what shrinks or what the flavour cannot take."""
        growth = dict((f, changes[f]) for f in GROWABLE if f in changes)
        if not growth and 'password_reset' not in changes:
            return
        label = describe(current)
        if is_single(current):
            refused = sorted(f for f in growth) + (['password (update_password: always)']
                                                   if 'password_reset' in changes else [])
            if refused:
                raise Refusal('%s is a single-node instance: the API cannot change %s there.'
                              % (label, ', '.join(refused)))
        shrinks = ['%s is %s (wanted %s)' % (f, show(current[f]), show(growth[f]))
                   for f in ('broker_num', 'storage_space')
                   if f in growth and current[f] is not None and growth[f] < current[f]]
        if shrinks:
            raise Refusal('Cannot shrink %s: %s. The API can only grow an instance.'
                          % (label, ', '.join(shrinks)))
        if not growth:
            return
        own = self.known_flavor(current['flavor'])
        if own is None and ('broker_num' in growth or 'flavor' in growth):
            raise Refusal('%s has the old (v1) product %s: the API can only grow its storage, not '
                          'its brokers or flavour.' % (label, current['flavor']))
        brokers = growth.get('broker_num', current['broker_num'])
        per_broker = (current['storage_space'] or 0) // max(current['broker_num'] or 1, 1)
        after_brokers = brokers * per_broker
        # The total asked for, even when it is the current one: adding brokers must not leave
        # more storage than the task declares (the next run would refuse to shrink it).
        declared = growth.get('storage_space', self.s.get('storage_space'))
        storage = declared if declared is not None else max(current['storage_space'] or 0,
                                                            after_brokers)
        if 'broker_num' in growth and storage < after_brokers:
            raise Refusal('storage_space %d GB is less than the %d GB that %d brokers hold: adding '
                          'brokers keeps the storage per broker (%d GB). Ask for at least %d GB.'
                          % (storage, after_brokers, brokers, per_broker, after_brokers))
        target = current['flavor']
        if 'flavor' in growth:
            options = self.extend_options(current)
            if growth['flavor'] not in options:
                raise Refusal("flavor '%s' is not a flavour %s can grow to; it can grow to %s."
                              % (growth['flavor'], label, ', '.join(options) or 'none'))
            target = growth['flavor']
        # An old product's sizes are not in the products API: the cloud judges those.
        for name in sorted(set([current['flavor'], target])):
            flavor = self.known_flavor(name)
            if flavor is not None:
                self.check_sizes(flavor, brokers, storage, 'growing it')

    def extend_options(self, current):
        with step('read the flavours %s can grow to' % describe(current)):
            body = self.client.v2_extend_options(current['id'])
        return [p.get('product_id') for p in body.get('products') or []
                if p.get('product_id') != current['flavor']]

    def predict(self, current, changes):
        if current is not None:
            predicted = dict(current)
            predicted.update((k, v) for k, v in changes.items() if k in FIELDS)
            if 'broker_num' in changes or 'flavor' in changes:
                flavor = self.flavor_named(predicted['flavor'])
                predicted['partition_num'] = (flavor['partitions_per_broker'] or 0) * predicted['broker_num']
                if 'broker_num' in changes and 'storage_space' not in changes:
                    predicted['storage_space'] = predicted['broker_num'] * (
                        current['storage_space'] // max(current['broker_num'], 1))
                predicted['specification'] = '%s*%d' % (flavor['alias'], predicted['broker_num'])
            return predicted
        s, flavor = self.s, self.flavor
        brokers = self.brokers()
        ssl = bool(s['ssl_enable'])
        predicted = dict((field, None) for field in FIELDS)
        predicted.update(
            name=self.label, description=s['description'] or '', engine='kafka',
            type='single' if is_single(flavor) else 'cluster',
            engine_version=s['engine_version'], flavor=flavor['flavor'],
            specification='%s*%d' % (flavor['alias'], brokers), broker_num=brokers,
            storage_space=s['storage_space'], storage_spec_code=self.storage_class(),
            partition_num=(flavor['partitions_per_broker'] or 0) * brokers,
            availability_zones=self.zone_ids(), vpc_id=s['vpc_id'], subnet_id=s['subnet_id'],
            security_group_id=s['security_group_id'], ssl_enable=ssl,
            security_protocol=(s['security_protocol'] or 'SASL_SSL') if ssl else None,
            sasl_mechanisms=sorted(set(s['sasl_mechanisms'] or ['PLAIN'])) if ssl else None,
            access_user=s['access_user'] if ssl else None, port=9093 if ssl else 9092,
            enable_publicip=bool(s['enable_publicip']),
            retention_policy=s['retention_policy'] or 'time_base',
            maintain_begin=self.window[0] if self.window else '02:00:00',
            maintain_end=self.window[1] if self.window else '06:00:00',
            enable_auto_topic=bool(s['enable_auto_topic']), ipv6_enable=bool(s['ipv6_enable']),
            disk_encrypted=bool(s['disk_encryption_key']),
            disk_encryption_key=s['disk_encryption_key'], tags=dict(s['tags'] or {}),
            enterprise_project_id=s['enterprise_project_id'] or '0',
            status='RUNNING' if self.run.wait else 'CREATING')
        if self._az_list is not None:
            predicted['availability_zone_names'] = self.zone_codes(predicted['availability_zones'])
        return predicted

    def create_body(self):
        s = self.s
        body = dict(
            name=self.label, engine='kafka', engine_version=s['engine_version'],
            product_id=self.flavor['flavor'], broker_num=self.brokers(),
            storage_space=s['storage_space'], storage_spec_code=self.storage_class(),
            vpc_id=s['vpc_id'], subnet_id=s['subnet_id'], security_group_id=s['security_group_id'],
            available_zones=self.zone_ids())
        optional = dict(description=s['description'], retention_policy=s['retention_policy'],
                        ssl_enable=s['ssl_enable'], kafka_security_protocol=s['security_protocol'],
                        access_user=s['access_user'], password=s['password'],
                        enable_publicip=s['enable_publicip'], ipv6_enable=s['ipv6_enable'],
                        enable_auto_topic=s['enable_auto_topic'],
                        enterprise_project_id=s['enterprise_project_id'])
        body.update((k, v) for k, v in optional.items() if v is not None)
        if s['sasl_mechanisms'] is not None:
            body['sasl_enabled_mechanisms'] = sorted(set(s['sasl_mechanisms']))
        if s['publicip_ids']:
            body['publicip_id'] = ','.join(s['publicip_ids'])
        if s['disk_encryption_key']:
            body.update(disk_encrypted_enable=True, disk_encrypted_key=s['disk_encryption_key'])
        if s['tags']:
            body['tags'] = [dict(key=k, value=v) for k, v in sorted(wanted(s)['tags'].items())]
        if self.window:
            body.update(maintain_begin=self.window[0][:5], maintain_end=self.window[1][:5])
        return body

    def create(self, wanted):
        body = self.create_body()
        instance_id = create_once(self.run, "Kafka instance '%s'" % self.label,
                                  lambda: self.client.v2_create_instance(body),
                                  lambda: (find(self.client, self.label) or {}).get('id'))
        predicted = dict(self.predict(None, {}), id=instance_id)
        if self.run.wait:
            return wait_for_status(self.client, predicted, self.run.timeout)
        return get(self.client, instance_id) or predicted

    def update(self, current, changes):
        client, label = self.client, describe(current)
        current = ensure_running(client, self.run, current, 'changing it')
        body = dict((k, v) for k, v in changes.items() if k in UPDATABLE)
        if body:
            if 'maintain_begin' in body or 'maintain_end' in body:
                begin, end = self.check_window()
                body['maintain_begin'], body['maintain_end'] = begin, end
            with step('update %s' % label):
                client.v2_update_instance(current['id'], body)
        if 'tags' in changes:
            deletes, creates = tag_changes(current['tags'], changes['tags'])
            with step('change the tags of %s' % label):
                if deletes:
                    client.v2_tag_action(current['id'], 'delete', deletes)
                if creates:
                    client.v2_tag_action(current['id'], 'create', creates)
        if 'password_reset' in changes:
            with step("reset the password of %s's initial user" % label):
                client.v2_reset_password(current['id'], self.s['password'])
        fresh = None  # the view a wait read after the last write
        if 'enable_auto_topic' in changes:
            with step('turn automatic topic creation %s on %s'
                      % ('on' if changes['enable_auto_topic'] else 'off', label)):
                client.v2_set_auto_topic(current['id'], changes['enable_auto_topic'])
            if self.run.wait:
                wanted_flag = changes['enable_auto_topic']
                current = fresh = wait_for_status(
                    client, current, self.run.timeout,
                    until=lambda v: self.with_auto_topic(v)['enable_auto_topic'] == wanted_flag,
                    what='to show automatic topic creation %s' % ('on' if wanted_flag else 'off'))
        current, fresh = self.grow(current, changes, fresh)
        return self.with_auto_topic(fresh or get(client, current['id'])) \
            or self.predict(current, changes)

    def grow(self, current, changes, fresh=None):
        """The extensions, one after another: brokers, storage, flavour. Each but the last is
        waited for (the API takes one at a time); the last one with ``wait``. Returns the
        instance and the view read after the last write (None when none was)."""
        steps = []
        if 'broker_num' in changes:
            count = changes['broker_num']
            steps.append(('add brokers to %d' % count, dict(oper_type='horizontal', new_broker_num=count),
                          lambda v, n=count: v['broker_num'] == n and len(v['brokers']) in (0, n)))
        if 'storage_space' in changes:
            per_broker = current['storage_space'] // max(current['broker_num'], 1)
            after = changes.get('broker_num', current['broker_num']) * per_broker
            size = changes['storage_space']
            if size > after:
                steps.append(('grow storage to %d GB' % size,
                              dict(oper_type='storage', new_storage_space=size),
                              lambda v, n=size: v['storage_space'] == n))
        if 'flavor' in changes:
            flavor = changes['flavor']
            steps.append(('change the flavour to %s' % flavor,
                          dict(oper_type='vertical', new_product_id=flavor),
                          lambda v, f=flavor: v['flavor'] == f))
        for index, (what, body, done) in enumerate(steps):
            label = describe(current)
            with step('%s of %s' % (what, label)):
                task_id = self.client.v2_extend(current['id'], body)
            fresh = None
            if index < len(steps) - 1 or self.run.wait:
                current = fresh = self.wait_extension(current, what, done, task_id)
        return current, fresh

    def wait_extension(self, current, what, done, task_id):
        try:
            return wait_for_status(self.client, current, self.run.timeout, until=done,
                                   what='to %s' % what)
        except Refusal as exc:
            task = None
            if task_id:
                task = tasks_kind.get_task(self.client, current['id'], task_id, describe(current))
            if task is not None:
                raise Refusal('%s (task %s %s: %s)' % (exc.msg, task['name'], task_id,
                                                       task['status']),
                              instance=get(self.client, current['id']))
            raise

    def check_delete(self, current):
        if current['status'] == 'EXTENDEDFAILED':
            raise Refusal('%s is EXTENDEDFAILED (a change of its specification failed): the API '
                          'cannot delete it until it is RUNNING again.' % describe(current),
                          instance=current)

    def delete(self, current):
        if current['status'] not in DELETABLE and self.run.wait:
            current = wait_for_status(self.client, current, self.run.timeout,
                                      done=DELETABLE)
        with step('delete %s' % describe(current)):
            self.client.v2_delete_instance(current['id'])
        if self.run.wait:
            wait_for_status(self.client, current, self.run.timeout, done=(None,))

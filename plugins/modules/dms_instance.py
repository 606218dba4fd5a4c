#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026, otc.dms contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: dms_instance
short_description: Create, update, restart or delete a DMS Kafka premium instance
version_added: 0.1.0
description:
  - Creates, updates in place, restarts or deletes a Kafka premium instance of the T Cloud Public
    (Open Telekom Cloud) Distributed Message Service.
  - The product is given as O(product_id) or resolved from O(bandwidth) through the products API;
    availability zones are given as codes (V(eu-de-01)) or ids and resolved to ids through the AZ
    API.
  - What the API can change on an existing instance is updated in place (O(description), the
    maintenance window, O(security_group_id), O(retention_policy), and the name through
    O(new_name) or id addressing). Any other setting that differs from the instance fails before
    anything is changed, naming each field with its current and wanted value. Settings the task
    leaves unset are neither sent nor compared.
  - Creating takes the cloud several minutes; with O(wait=true) (the default) the module waits for
    C(RUNNING), and fails with the status and the instance id when creation fails.
author:
  - otc.dms contributors (@otc-dms)
extends_documentation_fragment:
  - otc.dms.dms
attributes:
  check_mode:
    support: full
    description: Reports what would be created, changed, restarted or deleted; no write request is sent.
  diff_mode:
    support: full
    description: Shows the instance's managed fields before and after.
options:
  access_user:
    description:
      - User name for SASL_SSL access (4 to 64 letters, digits or hyphens), with O(password).
      - Only with O(ssl_enable=true); set at creation, it cannot change later.
    type: str
  availability_zones:
    description:
      - Availability zones of the brokers, as codes (V(eu-de-01)) or ids; one AZ, or three or more.
      - Required to create an instance.
    type: list
    elements: str
  bandwidth:
    description:
      - The bandwidth specification; the product is looked up for it and O(engine_version).
      - Mutually exclusive with O(product_id); one of them is required to create an instance.
    type: str
    choices: ['100MB', '300MB', '600MB', '1200MB']
  description:
    description:
      - Description of the instance, at most 1024 characters. V('') clears it.
    type: str
  enable_publicip:
    description:
      - Whether the brokers are reachable from the internet; needs O(public_bandwidth) and
        O(publicip_id). Set at creation.
    type: bool
  engine_version:
    description:
      - Kafka version. Required to create an instance.
    type: str
    choices: ['1.1.0', '2.3.0', '2.7']
  id:
    description:
      - Id of an existing instance to manage. With it, O(name) is the name the instance should
        have (it is renamed when it differs).
      - One of O(name) and O(id) is required.
    type: str
  maintain_begin:
    description:
      - Start of the weekly maintenance window, C(HH:mm) or C(HH:mm:ss); one of the slots that
        M(otc.dms.dms_maintenance_window_info) lists. Given together with O(maintain_end).
    type: str
  maintain_end:
    description:
      - End of the maintenance window (the end of the slot that O(maintain_begin) starts).
    type: str
  name:
    description:
      - Name of the instance (4 to 64 characters, starting with a letter; letters, digits,
        hyphens and underscores). Without O(id), the instance is found by this name.
    type: str
  new_name:
    description:
      - Rename the instance found by O(name) to this name.
    type: str
  partition_num:
    description:
      - Maximum number of partitions; it must be what the product offers, which is also the
        default.
    type: int
  password:
    description:
      - Password of O(access_user) (8 to 32 characters with at least three of lower case, upper
        case, digits and special characters). Only used when the instance is created; it is never
        returned or compared.
    type: str
  product_id:
    description:
      - Id of the product (as M(otc.dms.dms_product_info) returns it). Mutually exclusive with
        O(bandwidth).
    type: str
  public_bandwidth:
    description:
      - Public bandwidth in Mbit/s, a multiple of the broker count, with O(enable_publicip=true).
    type: int
  publicip_id:
    description:
      - Comma-separated ids of the elastic IPs the brokers use, with O(enable_publicip=true).
    type: str
  retention_policy:
    description:
      - What the brokers do when the disk is full. V(time_base) deletes the oldest messages;
        V(produce_reject) refuses new ones.
    type: str
    choices: [time_base, produce_reject]
  security_group_id:
    description:
      - Id of the security group of the brokers. Required to create an instance; can be changed.
    type: str
  ssl_enable:
    description:
      - Whether clients connect with SASL_SSL (port 9093) instead of plain text (port 9092). Set
        at creation.
    type: bool
  state:
    description:
      - V(present) creates the instance or updates it in place; V(absent) deletes it;
        V(restarted) restarts an existing instance (always a change).
    type: str
    choices: [present, absent, restarted]
    default: present
  storage_space:
    description:
      - Total storage in GB, as requested (the instance reports a smaller usable figure, see
        RV(instance.usable_storage_space)). At least the product's minimum (600, 1200, 2400 or
        4800 GB for 100MB to 1200MB), at most 90000. Required to create an instance.
    type: int
  storage_spec_code:
    description:
      - Storage I/O class, one the product offers (V(dms.physical.storage.high) or
        V(dms.physical.storage.ultra) for 100MB and 300MB, only V(dms.physical.storage.ultra) for
        600MB and 1200MB). When unset and the product offers one class, that one is used.
    type: str
  subnet_id:
    description:
      - Id of the subnet (network) of the brokers, in O(vpc_id). Required to create an instance.
    type: str
  timeout:
    description:
      - How long, in seconds, to wait for the instance (creating a Kafka instance takes the cloud
        several minutes).
    type: int
    default: 1800
  vpc_id:
    description:
      - Id of the VPC (router) of the brokers. Required to create an instance.
    type: str
notes:
  - A re-run that changes nothing costs one identity exchange and one DMS request.
seealso:
  - module: otc.dms.dms_instance_info
  - module: otc.dms.dms_instance_topic
  - module: otc.dms.dms_product_info
  - module: otc.dms.dms_az_info
  - module: otc.dms.dms_maintenance_window_info
'''

EXAMPLES = r'''
- name: A 100MB Kafka instance in one AZ, waited for until it runs
  otc.dms.dms_instance:
    cloud: prod
    name: kafka-orders
    engine_version: '2.7'
    bandwidth: 100MB
    storage_space: 600
    storage_spec_code: dms.physical.storage.ultra
    availability_zones: [eu-de-01]
    vpc_id: "{{ vpc_id }}"
    subnet_id: "{{ subnet_id }}"
    security_group_id: "{{ security_group_id }}"
    ssl_enable: true
    access_user: kafka-admin
    password: "{{ vault_kafka_password }}"
    maintain_begin: '22:00'
    maintain_end: '02:00'
  register: kafka

- name: Connect to it
  ansible.builtin.debug:
    msg: "{{ kafka.instance.connect_address }} port {{ kafka.instance.port }}"

- name: Change the description and the retention policy in place
  otc.dms.dms_instance:
    cloud: prod
    name: kafka-orders
    description: Order events
    retention_policy: produce_reject

- name: Rename it
  otc.dms.dms_instance:
    cloud: prod
    name: kafka-orders
    new_name: kafka-orders-eu

- name: Restart it and wait until it runs again
  otc.dms.dms_instance:
    cloud: prod
    name: kafka-orders-eu
    state: restarted

- name: Delete it and wait until it is gone
  otc.dms.dms_instance:
    cloud: prod
    name: kafka-orders-eu
    state: absent
'''

RETURN = r'''
instance:
  description:
    - The instance after the task; for O(state=absent), the instance that was deleted.
    - In check mode, the instance as it would be (V(null) for what only the cloud knows).
    - V(null) when O(state=absent) and the instance did not exist.
  returned: always
  type: dict
  contains:
    access_user:
      description: SASL_SSL user, V(null) without SSL.
      type: str
      sample: kafka-admin
    availability_zones:
      description: Ids of the availability zones.
      type: list
      elements: str
      sample: [bf84aba586ce4e948da0b97d9a7d62fb]
    bandwidth:
      description: Bandwidth specification.
      type: str
      sample: 100MB
    connect_address:
      description: Private addresses of the brokers, comma-separated.
      type: str
      sample: 192.168.0.11,192.168.0.12,192.168.0.13
    created:
      description: When the instance was created (ISO 8601, UTC).
      type: str
      sample: '2026-11-27T05:30:00.000Z'
    description:
      description: Description.
      type: str
      sample: Order events
    enable_publicip:
      description: Whether public access is on.
      type: bool
      sample: false
    engine:
      description: Always V(kafka).
      type: str
      sample: kafka
    engine_version:
      description: Kafka version.
      type: str
      sample: '2.7'
    id:
      description: Id of the instance.
      type: str
      sample: 8354dde6-8229-4ff4-844d-ab7121be9745
    maintain_begin:
      description: Start of the maintenance window.
      type: str
      sample: '22:00:00'
    maintain_end:
      description: End of the maintenance window.
      type: str
      sample: '02:00:00'
    name:
      description: Name of the instance.
      type: str
      sample: kafka-orders
    partition_num:
      description: Maximum number of partitions.
      type: int
      sample: 300
    port:
      description: Port clients connect to (9092 plain, 9093 SASL_SSL).
      type: int
      sample: 9093
    product_id:
      description: Id of the product.
      type: str
      sample: 00300-30308-0--0
    public_bandwidth:
      description: Public bandwidth in Mbit/s (0 without public access).
      type: int
      sample: 0
    public_connect_address:
      description: Public addresses of the brokers, when public access is on.
      type: str
      sample: null
    resource_spec_code:
      description: Resource specification of the product.
      type: str
      sample: dms.instance.kafka.cluster.c3.mini
    retention_policy:
      description: V(time_base) or V(produce_reject).
      type: str
      sample: time_base
    security_group_id:
      description: Id of the security group.
      type: str
      sample: 3283b880-2256-498c-aa70-154f08f65331
    security_group_name:
      description: Name of the security group.
      type: str
      sample: sg-kafka
    ssl_enable:
      description: Whether SASL_SSL is on.
      type: bool
      sample: true
    status:
      description: Status, for example C(CREATING), C(RUNNING), C(RESTARTING), C(CREATEFAILED).
      type: str
      sample: RUNNING
    storage_space:
      description: Total storage in GB, as requested.
      type: int
      sample: 600
    storage_spec_code:
      description: Storage I/O class.
      type: str
      sample: dms.physical.storage.ultra
    subnet_id:
      description: Id of the subnet.
      type: str
      sample: 598d6280-a437-4c2f-9870-a4fc80e7ba66
    usable_storage_space:
      description: Storage in GB usable for messages (less than the total).
      type: int
      sample: 492
    used_storage_space:
      description: Storage in GB in use.
      type: int
      sample: 25
    vpc_id:
      description: Id of the VPC.
      type: str
      sample: aaa5c155-7a9a-4d92-a804-e19cadcbca63
    vpc_name:
      description: Name of the VPC.
      type: str
      sample: vpc-kafka
'''

import re

from ansible_collections.otc.dms.plugins.module_utils.dms import UUID_RE, DmsModule, raise_for_status
from ansible_collections.otc.dms.plugins.module_utils.instances import (
    INSTANCE_FIELDS, TRANSIENT_STATUSES, describe, ensure_running, find_instance, get_instance,
    wait_for_status)
from ansible_collections.otc.dms.plugins.module_utils.reference import (
    AZ_ID_RE, BANDWIDTHS, ENGINE_VERSIONS, availability_zones, maintenance_windows, normalise_time,
    products)
from ansible_collections.otc.dms.plugins.module_utils.resource import Resource, converge, differences

NAME_RE = re.compile(r'^[A-Za-z][A-Za-z0-9_-]{3,63}\Z')
ACCESS_USER_RE = re.compile(r'^[A-Za-z0-9-]{4,64}\Z')
PASSWORD_SPECIALS = set("`~!@#$%^&*()-_=+\\|[{}];:',<.>/? ")
MAX_STORAGE = 90000
UPDATABLE = ('name', 'description', 'maintain_begin', 'maintain_end', 'security_group_id',
             'retention_policy')
IMMUTABLE = ('engine_version', 'bandwidth', 'product_id', 'storage_space', 'storage_spec_code',
             'partition_num', 'availability_zones', 'vpc_id', 'subnet_id', 'ssl_enable',
             'access_user', 'enable_publicip', 'public_bandwidth')
CREATE_REQUIRES = ('engine_version', 'storage_space', 'availability_zones', 'vpc_id', 'subnet_id',
                   'security_group_id')


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


class Instance(Resource):
    kind = 'Kafka instance'
    immutable = IMMUTABLE
    immutable_hint = ('The DMS API cannot change these on an existing instance: create a new '
                      'instance (or delete this one first).')

    def __init__(self, module, label):
        super(Instance, self).__init__(module, label)
        self.product = None
        self.window = None
        self._zones = None
        self._az_list = None

    @property
    def p(self):
        return self.module.params

    # -- finding ---------------------------------------------------------------
    def find(self):
        found = find_instance(self.module, self.p['id'] or self.p['name'])
        if found is None and self.p['id'] and self.p['state'] == 'present':
            self.module.fail("Kafka instance with id '%s' does not exist; to create one, give "
                             "name instead of id." % self.p['id'])
        if found is not None and self.p['state'] == 'present':
            found = self.settle(found)
        return found

    def settle(self, found):
        """An instance still being created is waited for; a failed one is reported."""
        if found['status'] in TRANSIENT_STATUSES and self.p['wait'] and not self.module.check_mode:
            found = wait_for_status(self.module, found)
        if found['status'] in ('CREATEFAILED', 'ERROR'):
            self.module.fail('%s is %s. Delete it (state: absent) and create it again.'
                             % (describe(found), found['status']), instance=found)
        return found

    # -- resolution (only when the answer matters) -----------------------------
    def az_list(self):
        if self._az_list is None:
            self._az_list = availability_zones(self.module)
        return self._az_list

    def zone_ids(self):
        """The wanted AZs as ids; codes cost one AZ request."""
        if self._zones is None:
            wanted = self.p['availability_zones']
            if all(AZ_ID_RE.match(z) for z in wanted):
                self._zones = list(wanted)
            else:
                known = self.az_list()
                by_code = dict((z['code'], z['id']) for z in known)
                ids = set(z['id'] for z in known)
                self._zones = []
                for zone in wanted:
                    if zone in ids:
                        self._zones.append(zone)
                    elif zone in by_code:
                        self._zones.append(by_code[zone])
                    else:
                        self.module.fail("availability_zones: '%s' is not an availability zone of "
                                         "this region (known: %s)."
                                         % (zone, ', '.join(sorted(by_code))))
        return self._zones

    def resolve_product(self):
        p = self.p
        offered = [x for x in products(self.module) if x['engine'] == 'kafka']
        if p['product_id']:
            matches = [x for x in offered if x['product_id'] == p['product_id']
                       and x['engine_version'] == p['engine_version']]
            if not matches:
                self.module.fail("product_id '%s' is not a Kafka %s product (known: %s)." % (
                    p['product_id'], p['engine_version'], ', '.join(sorted(set(
                        x['product_id'] for x in offered if x['engine_version'] == p['engine_version'])))))
        else:
            matches = [x for x in offered if x['bandwidth'] == p['bandwidth']
                       and x['engine_version'] == p['engine_version']]
            if not matches:
                self.module.fail('No Kafka %s product offers bandwidth %s.'
                                 % (p['engine_version'], p['bandwidth']))
        product = matches[0]
        codes = [io['storage_spec_code'] for io in product['io']]
        if p['storage_spec_code'] is None:
            if len(codes) != 1:
                self.module.fail('storage_spec_code is required: product %s (%s) offers %s.'
                                 % (product['product_id'], product['bandwidth'], ', '.join(codes)))
        elif p['storage_spec_code'] not in codes:
            self.module.fail("storage_spec_code '%s' is not offered by product %s (%s); it offers %s."
                             % (p['storage_spec_code'], product['product_id'],
                                product['bandwidth'], ', '.join(codes)))
        minimum = product['storage_space'] or 0
        if not minimum <= p['storage_space'] <= MAX_STORAGE:
            self.module.fail('storage_space must be %d to %d GB for %s, got %d.'
                             % (minimum, MAX_STORAGE, product['bandwidth'], p['storage_space']))
        if p['partition_num'] is not None and p['partition_num'] != product['partition_num']:
            self.module.fail('partition_num must be %s for %s (the product fixes it), got %d.'
                             % (product['partition_num'], product['bandwidth'], p['partition_num']))
        return product

    def check_window(self):
        """The maintenance window as HH:mm:ss, checked against the API's slots."""
        begin = normalise_time(self.p['maintain_begin'])
        end = normalise_time(self.p['maintain_end'])
        slots = maintenance_windows(self.module)
        if not any(s['begin'] == begin and s['end'] == end for s in slots):
            self.module.fail('maintain_begin/maintain_end %s-%s is not a maintenance window; use one '
                             'of %s.' % (self.p['maintain_begin'], self.p['maintain_end'], ', '.join(
                                 '%s-%s' % (s['begin'][:5], s['end'][:5]) for s in slots)))
        return begin, end

    # -- engine callables ----------------------------------------------------------
    def check_create(self, wanted):
        p = self.p
        missing = [o for o in CREATE_REQUIRES if p[o] is None]
        if not (p['product_id'] or p['bandwidth']):
            missing.append('bandwidth or product_id')
        if missing:
            self.module.fail("Kafka instance '%s' does not exist; creating it needs %s."
                             % (self.label, ', '.join(missing)))
        self.product = self.resolve_product()
        zone_ids = self.zone_ids()
        zone_codes = dict((z['id'], z['code']) for z in self.az_list()) \
            if self.product['availability_zones'] else {}
        unavailable = [zone_codes.get(z, z) for z in zone_ids
                       if zone_codes and zone_codes.get(z) not in self.product['availability_zones']]
        if unavailable:
            self.module.fail('Product %s (%s) is not offered in %s; it is offered in %s.' % (
                self.product['product_id'], self.product['bandwidth'], ', '.join(unavailable),
                ', '.join(self.product['availability_zones'])))
        if p['maintain_begin'] is not None:
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
            view = dict(current)
            view.update(changes)
            return view
        p, product = self.p, self.product
        view = dict((field, None) for field in INSTANCE_FIELDS)
        view.update(
            name=self.label, description=p['description'] or '', engine='kafka',
            engine_version=p['engine_version'], bandwidth=product['bandwidth'],
            product_id=product['product_id'], resource_spec_code=product['spec_code'],
            storage_space=p['storage_space'],
            storage_spec_code=p['storage_spec_code'] or product['io'][0]['storage_spec_code'],
            partition_num=product['partition_num'], availability_zones=self.zone_ids(),
            vpc_id=p['vpc_id'], subnet_id=p['subnet_id'], security_group_id=p['security_group_id'],
            ssl_enable=bool(p['ssl_enable']), access_user=p['access_user'] if p['ssl_enable'] else None,
            port=9093 if p['ssl_enable'] else 9092, enable_publicip=bool(p['enable_publicip']),
            public_bandwidth=p['public_bandwidth'] or 0,
            retention_policy=p['retention_policy'] or 'time_base',
            maintain_begin=self.window[0] if self.window else '02:00:00',
            maintain_end=self.window[1] if self.window else '06:00:00',
            status='RUNNING' if p['wait'] else 'CREATING')
        return view

    def create(self, wanted):
        p, product = self.p, self.product
        body = dict(
            name=self.label, engine='kafka', engine_version=p['engine_version'],
            specification=product['bandwidth'], product_id=product['product_id'],
            storage_space=p['storage_space'], partition_num=product['partition_num'],
            storage_spec_code=p['storage_spec_code'] or product['io'][0]['storage_spec_code'],
            vpc_id=p['vpc_id'], subnet_id=p['subnet_id'], security_group_id=p['security_group_id'],
            available_zones=self.zone_ids())
        optional = dict(description=p['description'], retention_policy=p['retention_policy'],
                        ssl_enable=p['ssl_enable'], access_user=p['access_user'],
                        password=p['password'], enable_publicip=p['enable_publicip'],
                        public_bandwidth=p['public_bandwidth'], publicip_id=p['publicip_id'])
        body.update((k, v) for k, v in optional.items() if v is not None)
        if self.window:
            body.update(maintain_begin=self.window[0], maintain_end=self.window[1])

        def post():
            # Raw call: the SDK drops publicip_id, which public access needs.
            response = self.module.dms.post('/instances', json=body)
            raise_for_status(response)
            return response.json()['instance_id']

        instance_id = self.module.create_once(
            "Kafka instance '%s'" % self.label, post,
            lambda: (find_instance(self.module, self.label) or {}).get('id'))
        created = get_instance(self.module, instance_id) or dict(self.predict(None, {}), id=instance_id)
        if p['wait']:
            created = wait_for_status(self.module, created)
        return created

    def update(self, current, changes):
        current = ensure_running(self.module, current, 'updating it')
        body = dict(changes)
        if 'maintain_begin' in body or 'maintain_end' in body:
            body['maintain_begin'], body['maintain_end'] = self.check_window()
        with self.module.doing('update %s' % describe(current)):
            response = self.module.dms.put('/instances/%s' % current['id'], json=body)
            raise_for_status(response)
        return get_instance(self.module, current['id']) or self.predict(current, changes)

    def delete(self, current):
        if current['status'] in TRANSIENT_STATUSES and self.p['wait']:
            current = wait_for_status(self.module, current, done=('RUNNING', 'CREATEFAILED', 'ERROR'))
        with self.module.doing('delete %s' % describe(current)):
            self.module.dms.delete_instance(current['id'], ignore_missing=True)
        if self.p['wait']:
            wait_for_status(self.module, current, done=(None,))


class DmsInstanceModule(DmsModule):
    argument_spec = dict(
        access_user=dict(type='str'),
        availability_zones=dict(type='list', elements='str'),
        bandwidth=dict(type='str', choices=list(BANDWIDTHS)),
        description=dict(type='str'),
        enable_publicip=dict(type='bool'),
        engine_version=dict(type='str', choices=list(ENGINE_VERSIONS)),
        id=dict(type='str'),
        maintain_begin=dict(type='str'),
        maintain_end=dict(type='str'),
        name=dict(type='str'),
        new_name=dict(type='str'),
        partition_num=dict(type='int'),
        password=dict(type='str', no_log=True),
        product_id=dict(type='str'),
        public_bandwidth=dict(type='int'),
        publicip_id=dict(type='str'),
        retention_policy=dict(type='str', choices=['time_base', 'produce_reject']),
        security_group_id=dict(type='str'),
        ssl_enable=dict(type='bool'),
        state=dict(type='str', choices=['present', 'absent', 'restarted'], default='present'),
        storage_space=dict(type='int'),
        storage_spec_code=dict(type='str'),
        subnet_id=dict(type='str'),
        timeout=dict(type='int', default=1800),
        vpc_id=dict(type='str'),
    )
    module_kwargs = dict(
        required_one_of=[('name', 'id')],
        mutually_exclusive=[('product_id', 'bandwidth'), ('new_name', 'id')],
        required_together=[('access_user', 'password'), ('maintain_begin', 'maintain_end')],
        required_if=[('enable_publicip', True, ['public_bandwidth', 'publicip_id']),
                     ('ssl_enable', True, ['access_user', 'password'])],
    )

    def validate(self):
        p = self.params
        for option in ('name', 'new_name'):
            if p[option] is not None and not NAME_RE.match(p[option]):
                self.fail("%s '%s' is invalid: 4 to 64 characters, starting with a letter; letters, "
                          "digits, hyphens and underscores." % (option, p[option]))
        if p['id'] is not None and not UUID_RE.match(p['id']):
            self.fail("id '%s' is not an instance id (a UUID)." % p['id'])
        if p['description'] is not None and len(p['description']) > 1024:
            self.fail('description is too long: at most 1024 characters, got %d.'
                      % len(p['description']))
        if (p['access_user'] is not None or p['password'] is not None) and p['ssl_enable'] is not True:
            self.fail('access_user and password are only used with ssl_enable: true.')
        if p['access_user'] is not None and not ACCESS_USER_RE.match(p['access_user']):
            self.fail("access_user '%s' is invalid: 4 to 64 letters, digits or hyphens."
                      % p['access_user'])
        if p['password'] is not None:
            problem = password_problem(p['password'])
            if problem:
                self.fail('password %s.' % problem)
            if p['password'] in (p['access_user'], (p['access_user'] or '')[::-1]):
                self.fail('password must not be access_user or access_user backwards.')
        if p['storage_space'] is not None and not 1 <= p['storage_space'] <= MAX_STORAGE:
            self.fail('storage_space must be 1 to %d GB, got %d.' % (MAX_STORAGE, p['storage_space']))
        if p['availability_zones'] is not None and len(p['availability_zones']) in (0, 2):
            zones = p['availability_zones']
            self.fail('availability_zones must list one AZ or at least three, got %s.'
                      % ('%d: %s' % (len(zones), ', '.join(zones)) if zones else 'none'))
        if (p['public_bandwidth'] is not None or p['publicip_id'] is not None) and not p['enable_publicip']:
            self.fail('public_bandwidth and publicip_id are only used with enable_publicip: true.')
        if p['public_bandwidth'] is not None and p['public_bandwidth'] <= 0:
            self.fail('public_bandwidth must be positive, got %d.' % p['public_bandwidth'])
        for option in ('maintain_begin', 'maintain_end'):
            if p[option] is not None and normalise_time(p[option]) is None:
                self.fail("%s '%s' is not a time of day (HH:mm or HH:mm:ss)." % (option, p[option]))
        if p['timeout'] <= 0:
            self.fail('timeout must be positive, got %d.' % p['timeout'])

    def wanted(self):
        p = self.params
        wanted = dict((field, p[field]) for field in IMMUTABLE + UPDATABLE if field in p)
        wanted['name'] = p['new_name'] or (p['name'] if p['id'] else None)
        for option in ('maintain_begin', 'maintain_end'):
            if p[option] is not None:
                wanted[option] = normalise_time(p[option])
        return wanted

    def run(self):
        self.validate()
        p = self.params
        label = p['name'] or p['id']
        instance = Instance(self, label)
        if p['state'] == 'restarted':
            return self.restart(instance)
        converge(instance, p['state'], self.wanted(), 'instance')

    def restart(self, instance):
        current = find_instance(self, self.params['id'] or self.params['name'])
        if current is None:
            self.fail("Cannot restart Kafka instance '%s': it does not exist." % instance.label)
        self.results.update(changed=True, instance=current)
        if self.check_mode:
            return
        current = ensure_running(self, current, 'restarting it')
        with self.doing('restart %s' % describe(current)):
            response = self.dms.post('/instances/action',
                                     json={'action': 'restart', 'instances': [current['id']]})
            raise_for_status(response)
            results = response.json().get('results') or []
        if any(r.get('result') != 'success' for r in results):
            self.fail('The cloud refused to restart %s (status %s).'
                      % (describe(current), current['status']), instance=current)
        restarted = get_instance(self, current['id']) or current
        if self.params['wait']:
            restarted = wait_for_status(self, restarted)
        self.results['instance'] = restarted


def main():
    DmsInstanceModule()()


if __name__ == '__main__':
    main()

# -*- coding: utf-8 -*-
# Copyright (c) 2026, otc.dms contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The DMS API client: the only code that knows URLs, the SDK and the connection.

Every call returns plain data (dicts, lists, strings) and raises one error type,
``errors.ApiError`` (status code, error code, message, request id). A resource the
cloud does not have is ``None`` where that is an answer, not an error.

Endpoints, as the DMS API reference documents them
(https://docs.otc.t-systems.com/distributed-message-service/api-ref/):

- v1, relative to the ``dms`` catalog endpoint (``.../v1.0/{project_id}``), through the
  otcextensions DMS proxy: queues, consumer groups and messages (retired by T Cloud Public
  in 2022), Kafka instances and their topics ("Out-of-Date APIs" > "API V1").
- the project-less look-ups (availability zones, products, maintenance windows) on the same
  endpoint without the project id.

A new endpoint is one method here; the v2 families (the ``dmsv2`` catalog entry) slot in
beside these, on the same session.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import traceback

from ansible_collections.otc.dms.plugins.module_utils.errors import ApiError, MissingLibrary

try:
    import openstack.connection
    from openstack import exceptions as sdk_exceptions
    HAS_OPENSTACKSDK = True
    OPENSTACKSDK_IMPORT_ERROR = None
except ImportError:
    HAS_OPENSTACKSDK = False
    OPENSTACKSDK_IMPORT_ERROR = traceback.format_exc()

try:
    from otcextensions import sdk as otc_sdk
    from otcextensions.sdk.dms.v1 import _proxy as _dms_proxy  # noqa: F401 - proves DMS v1 is there
    HAS_OTCEXTENSIONS = True
    OTCEXTENSIONS_IMPORT_ERROR = None
except ImportError:
    HAS_OTCEXTENSIONS = False
    OTCEXTENSIONS_IMPORT_ERROR = traceback.format_exc()

try:
    from keystoneauth1 import exceptions as ksa_exceptions
except ImportError:
    ksa_exceptions = None

MIN_OPENSTACKSDK = (4, 22, 0)

# Transient failures are retried by keystoneauth itself (exponential backoff from 0.5 s).
# Each is only a default: a clouds.yaml that sets it (or its dms_ prefixed form) wins.
RETRY_DEFAULTS = dict(
    connect_retries=3,
    status_code_retries=8,
    retriable_status_codes=[429, 500, 502, 503, 504],
)


# -- the connection ---------------------------------------------------------------------------

def installed_version(distribution):
    """The installed version of a Python distribution, or None."""
    try:
        from importlib.metadata import version
        return version(distribution)
    except Exception:  # not installed, or metadata unreadable
        return None


def version_tuple(text):
    parts = []
    for piece in str(text).split('.')[:3]:
        digits = ''.join(ch for ch in piece if ch.isdigit())
        parts.append(int(digits or 0))
    return tuple(parts + [0] * (3 - len(parts)))


def require_libraries():
    """Raise MissingLibrary unless openstacksdk (new enough) and otcextensions import."""
    if not HAS_OPENSTACKSDK:
        raise MissingLibrary('openstacksdk is missing', 'openstacksdk', OPENSTACKSDK_IMPORT_ERROR)
    found = installed_version('openstacksdk')
    if found and version_tuple(found) < MIN_OPENSTACKSDK:
        raise MissingLibrary('openstacksdk %s is too old: otc.dms needs openstacksdk >= %s.'
                             % (found, '.'.join(str(p) for p in MIN_OPENSTACKSDK)))
    if not HAS_OTCEXTENSIONS:
        raise MissingLibrary('otcextensions is missing', 'otcextensions', OTCEXTENSIONS_IMPORT_ERROR)


def connection_kwargs(options):
    """openstack.connect() keyword arguments from the connection options (openstack.cloud's names)."""
    kwargs = dict(
        auth=options.get('auth'),
        auth_type=options.get('auth_type'),
        region_name=options.get('region_name'),
        verify=options.get('validate_certs'),
        cacert=options.get('ca_cert'),
        cert=options.get('client_cert'),
        key=options.get('client_key'),
        api_timeout=options.get('api_timeout'),
        interface=options.get('interface'),
    )
    kwargs = dict((k, v) for k, v in kwargs.items() if v is not None)
    cloud = options.get('cloud')
    if isinstance(cloud, dict):
        # A whole cloud configuration: explicit options win over its keys.
        merged = dict(cloud)
        merged.update(kwargs)
        return merged
    if cloud is not None:
        kwargs['cloud'] = cloud
    return kwargs


def tune_cloud_config(config):
    """Defaults this collection adds to a cloud's configuration (see RETRY_DEFAULTS).

    The generic ``password`` plugin discovers the identity version with an extra
    request on every run; with an auth URL that already names v3 it is exactly
    ``v3password``, which needs no discovery.
    """
    for key, value in RETRY_DEFAULTS.items():
        if config.get(key) is None:
            config[key] = value
    auth = config.get('auth') or {}
    auth_url = str(auth.get('auth_url') or '').rstrip('/')
    if config.get('auth_type') in (None, 'password') and auth_url.endswith('/v3') \
            and _v3_scoped_names_complete(auth):
        config['auth_type'] = 'v3password'
    return config


def _v3_scoped_names_complete(auth):
    """Whether names in ``auth`` carry the domains v3password insists on."""
    def has(*keys):
        return any(auth.get(key) for key in keys)

    defaults = ('default_domain_id', 'default_domain_name')
    if auth.get('username') and not has('user_domain_id', 'user_domain_name', *defaults):
        return False
    if auth.get('project_name') and not has('project_domain_id', 'project_domain_name', *defaults):
        return False
    return True


def keystoneauth_loader(auth_type):
    """keystoneauth's own loader for ``auth_type``, found without stevedore; or None.

    keystoneauth looks auth plugins up through stevedore, which scans the entry points
    of every installed distribution and caches them in a file keyed by ``sys.path``.
    Under Ansible that path holds a new module payload on every run, so every task
    paid a full scan and left a new cache file of about 70 KB in
    ``~/.cache/python-entrypoints``. The plugins keystoneauth1 itself declares are
    read from its own entry points instead; any other name (a plugin from another
    distribution) returns None and goes the usual way.
    """
    try:
        from importlib.metadata import distribution
        for entry_point in distribution('keystoneauth1').entry_points:
            if entry_point.group == 'keystoneauth1.plugin' and entry_point.name == auth_type:
                return entry_point.load()()
    except Exception:  # metadata missing or a plugin's extra dependency absent
        return None
    return None


# openstacksdk's private hook that looks an auth plugin up (checked against openstacksdk
# 4.22.0 with keystoneauth1 5.18.1; tests/unit names the versions and fails if it goes).
AUTH_LOADER_HOOK = '_get_auth_loader'


def cloud_config_class():
    """openstacksdk's OpenStackConfig with this collection's tuning and fast plugin lookup."""
    from openstack.config import loader

    class DmsConfig(loader.OpenStackConfig):
        def auth_config_hook(self, config):
            return tune_cloud_config(super(DmsConfig, self).auth_config_hook(config))

        def _get_auth_loader(self, config):
            # Only a speed-up (see keystoneauth_loader); should openstacksdk stop calling
            # this method, its own lookup simply applies. v3multifactor needs openstacksdk's
            # own handling after the lookup.
            if config.get('auth_type') != 'v3multifactor':
                found = keystoneauth_loader(config.get('auth_type'))
                if found is not None:
                    return found
            return super(DmsConfig, self)._get_auth_loader(config)

    return DmsConfig


def cloud_region(options):
    """The cloud's configuration as openstack.connect() would load it, tuned."""
    return cloud_config_class()(app_name='otc.dms').get_one(**connection_kwargs(options))


def connect(options):
    """One connection with the DMS v1 proxy registered (and no other OTC service)."""
    conn = openstack.connection.Connection(config=cloud_region(options))
    # Register DMS alone: otcextensions' load() would register every OTC service.
    otc_sdk.register_single_service(conn, 'dms')
    # The DMS resources read errors through openstack.exceptions; otcextensions
    # teaches it the {"error_code", "error_msg"} body (what load() also does).
    otc_sdk.patch_openstack_resources()
    return conn


# -- errors -----------------------------------------------------------------------------------

def api_error(exc):
    """The ApiError for an exception of the SDK, keystoneauth or requests."""
    status = getattr(exc, 'status_code', None) or getattr(exc, 'http_status', None)
    code = message = request_id = None
    response = getattr(exc, 'response', None)
    if response is not None:
        status = status or response.status_code
        headers = response.headers or {}
        request_id = (headers.get('X-Request-Id') or headers.get('x-openstack-request-id')
                      or getattr(exc, 'request_id', None))
        try:
            body = response.json()
        except Exception:
            body = None
        if isinstance(body, dict):
            if 'error_code' in body or 'error_msg' in body:
                code, message = body.get('error_code'), body.get('error_msg')
            elif isinstance(body.get('error'), dict):  # Keystone
                code, message = body['error'].get('title'), body['error'].get('message')
        if message is None:
            message = (response.text or response.reason or '').strip()[:500] or None
    if message is None:
        message = getattr(exc, 'details', None) or str(exc)
    return ApiError(status_code=status, code=code, message=' '.join(str(message).split()),
                    request_id=request_id)


def _failure_types():
    # OSError: what requests raises for an unreadable client certificate or CA file.
    types = [OSError]
    if HAS_OPENSTACKSDK:
        types.append(sdk_exceptions.SDKException)
    if ksa_exceptions is not None:
        types.append(ksa_exceptions.ClientException)
    return tuple(types)


class Client(object):
    """One connection to DMS; connects on the first call (input is checked before that)."""

    def __init__(self, options):
        self.options = options
        self._conn = None

    # -- plumbing ---------------------------------------------------------------------------
    def _call(self, function, *args, **kwargs):
        try:
            return function(*args, **kwargs)
        except _failure_types() as exc:
            raise api_error(exc)

    @property
    def conn(self):
        if self._conn is None:
            require_libraries()
            try:
                self._conn = connect(self.options)
            except _failure_types() as exc:
                error = api_error(exc)
                error.step = 'connect to the cloud'
                raise error
        return self._conn

    @property
    def _v1(self):
        return self.conn.dms

    def _json(self, response):
        sdk_exceptions.raise_from_response(response)
        return response.json() if response.content else {}

    def _get(self, path, params=None, project=True):
        """GET a v1 path; ``project=False`` for the project-less look-ups."""
        def call():
            kwargs = dict(params=params)
            if not project:
                kwargs['endpoint_override'] = self._v1.endpoint_override.replace('%(project_id)s', '')
            return self._json(self._v1.get(path, **kwargs))
        return self._call(call)

    def _send(self, method, path, body=None):
        return self._call(lambda: self._json(getattr(self._v1, method)(path, json=body)))

    def _get_or_none(self, path, params=None):
        try:
            return self._get(path, params)
        except ApiError as exc:
            if exc.missing:
                return None
            raise

    # -- queues (v1) --------------------------------------------------------------------------
    def list_queues(self):
        """Every queue of the project with dead-letter settings and message counts: one GET.

        A raw call: the SDK's queues drop the message and group counts.
        """
        body = self._get('/queues', {'include_deadletter': 'true', 'include_messages_num': 'true'})
        return body.get('queues') or []

    def get_queue(self, queue_id):
        return self._get('/queues/%s' % queue_id, {'include_deadletter': 'true'})

    def create_queue(self, attrs):
        """Create a queue from its API attributes; returns its id."""
        return self._call(lambda: self._v1.create_queue(**attrs).id)

    def delete_queue(self, queue_id):
        self._call(self._v1.delete_queue, queue_id, ignore_missing=True)

    # -- consumer groups (v1) -----------------------------------------------------------------
    def list_groups(self, queue_id, include_deadletter=True):
        """The groups of a queue with the queue's id and name; None when the queue is missing."""
        params = {'include_deadletter': 'true'} if include_deadletter else None
        return self._get_or_none('/queues/%s/groups' % queue_id, params)

    def create_group(self, queue_id, name):
        """Create one group; returns its id.

        A raw call: the SDK's create_group does not report the API's errors.
        """
        body = self._send('post', '/queues/%s/groups' % queue_id, {'groups': [{'name': name}]})
        return body['groups'][0]['id']

    def delete_group(self, queue_id, group_id):
        self._call(self._v1.delete_group, queue_id, group_id, ignore_missing=True)

    # -- messages (v1) ------------------------------------------------------------------------
    def send_messages(self, queue_id, messages):
        """Send one batch; returns [{id, state, error}] in order (state 0 is success)."""
        answer = self._call(self._v1.send_messages, queue_id, messages, return_id=True)
        return [dict(id=getattr(item, 'id', None), state=getattr(item, 'state', 0) or 0,
                     error=getattr(item, 'error', None)) for item in answer.messages or []]

    @staticmethod
    def _group_path(queue_id, group_id, dead_letter, what):
        if dead_letter:
            what = 'deadletters' if what == 'messages' else 'deadletters/ack'
        return '/queues/%s/groups/%s/%s' % (queue_id, group_id, what)

    def consume(self, queue_id, group_id, params, dead_letter=False):
        """One consume request (the SDK's repeats until the queue is empty): a list of entries."""
        return self._get(self._group_path(queue_id, group_id, dead_letter, 'messages'), params)

    def ack(self, queue_id, group_id, handlers, status, dead_letter=False):
        """Acknowledge ``handlers`` with ``status``; returns {success, fail} as the API counts them."""
        return self._send('post', self._group_path(queue_id, group_id, dead_letter, 'ack'),
                          {'message': [dict(handler=h, status=status) for h in handlers]})

    # -- Kafka instances (v1) -----------------------------------------------------------------
    def list_instances(self, params):
        return self._get('/instances', params).get('instances') or []

    def get_instance(self, instance_id):
        return self._get_or_none('/instances/%s' % instance_id)

    def create_instance(self, body):
        """Returns the new instance's id.

        A raw call: the SDK drops publicip_id, which public access needs.
        """
        return self._send('post', '/instances', body)['instance_id']

    def update_instance(self, instance_id, body):
        self._send('put', '/instances/%s' % instance_id, body)

    def delete_instance(self, instance_id):
        self._call(self._v1.delete_instance, instance_id, ignore_missing=True)

    def instance_action(self, action, instance_ids):
        """A batch action (restart); returns the per-instance results."""
        body = self._send('post', '/instances/action', {'action': action, 'instances': instance_ids})
        return body.get('results') or []

    # -- topics (v1) --------------------------------------------------------------------------
    def list_topics(self, instance_id):
        """{topics, max_partitions, remain_partitions}; None when the instance is missing.

        A raw call: the SDK's topics drop the partition budget.
        """
        return self._get_or_none('/instances/%s/topics' % instance_id)

    def create_topic(self, instance_id, name, attrs):
        """``attrs`` are the SDK Topic's attribute names (partition, is_sync_replication, ...)."""
        self._call(self._v1.create_topic, instance_id, id=name, **attrs)

    def delete_topics(self, instance_id, names):
        """One batch request; returns the names the API reports as deleted.

        A raw call: the SDK's delete_topic discards the per-topic success flags.
        """
        body = self._send('post', '/instances/%s/topics/delete' % instance_id,
                          {'topics': list(names)})
        return [answer.get('id') for answer in body.get('topics') or []
                if str(answer.get('success', False)).lower() == 'true']

    # -- look-ups (project-less) --------------------------------------------------------------
    def availability_zones(self):
        """{region_id, available_zones}.

        A raw call: the SDK turns resource_availability "false" into True.
        """
        return self._get('/availableZones', project=False)

    def products(self):
        """Every product as the SDK reads it, as dicts."""
        found = self._call(lambda: list(self._v1.products()))
        return [dict(product_id=p.product_id, engine_name=p.engine_name,
                     engine_version=p.engine_version, bandwidth=p.bandwidth,
                     spec_code=p.spec_code, tps=p.tps, storage=p.storage,
                     partition_num=p.partition_num, vm_flavor_id=p.vm_flavor_id,
                     arch_type=p.arch_type, availability_zones=p.availability_zones,
                     unavailable_zones=p.unavailable_zones, io=p.io) for p in found]

    def maintenance_windows(self):
        found = self._call(lambda: list(self._v1.maintenance_windows()))
        return [dict(seq=w.seq, begin=w.begin, end=w.end, is_default=w.is_default) for w in found]

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
  in 2022; "Out-of-Date APIs" > "API V1").
- DMS for Kafka v2 ("API V2 (recommended)"), through the connection's ``dmsv2`` proxy (the
  ``dmsv2`` catalog entry, ``.../v2/{project_id}``): Kafka instances, their topics, SASL
  users, topic permissions, parameters, tags and background tasks, and the v2 look-ups. Its four URL families are derived from that one
  endpoint: ``/v2/{project_id}/...`` (most calls), ``/v2/kafka/{project_id}/...`` (create and
  extend), ``/v2/...`` (the look-ups) and ``/v1/{project_id}/...`` (topic permissions).

A new endpoint is one method here.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import re
import time
import traceback

from ansible_collections.otc.dms.plugins.module_utils.errors import (
    THROTTLED_CODES, ApiError, MissingLibrary, Refusal)
from ansible_collections.otc.dms.plugins.module_utils.values import as_bool, as_int

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

# DMS for Kafka v2: the URL families below the API root (see the module docstring).
V2_FAMILIES = dict(project='/v2/%(pid)s', engine='/v2/kafka/%(pid)s', bare='/v2',
                   acl='/v1/%(pid)s')
# Answers that mean "not now" rather than "no": the instance's status forbids the call for the
# moment, a background task still runs, or DMS's flow control. The call is retried after each
# delay in turn (about half a minute in all; a cloud's status_code_retry_delay replaces each
# delay), then the error stands.
TRANSIENT_CODES = ('DMS.00400026', 'DMS.00400017') + THROTTLED_CODES
TRANSIENT_DELAYS = (1, 2, 4, 8, 15)
# The largest page the v2 lists serve.
PAGE_LIMIT = 50
NO_DMSV2 = ("The cloud's service catalog has no dmsv2 endpoint (DMS for Kafka v2) in region "
            "%s: set dmsv2_endpoint_override for this cloud in clouds.yaml, for example "
            "https://dms.%s.otc.t-systems.com/v2/%%(project_id)s.")


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
    response = getattr(exc, 'response', None)
    if response is not None:
        return response_error(response, status, getattr(exc, 'request_id', None),
                              getattr(exc, 'details', None) or str(exc))
    message = getattr(exc, 'details', None) or str(exc)
    return ApiError(status_code=status, code=None, message=' '.join(str(message).split()))


def response_error(response, status=None, request_id=None, fallback=None):
    """The ApiError for an error answer: DMS's {error_code, error_msg}, Keystone's {error}, or
    the text. v2 answers come here directly (the dmsv2 proxy does not raise)."""
    code = message = None
    headers = response.headers or {}
    request_id = (headers.get('X-Request-Id') or headers.get('x-openstack-request-id')
                  or request_id)
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
        message = (response.text or response.reason or '').strip()[:500] or fallback
    return ApiError(status_code=status or response.status_code, code=code,
                    message=' '.join(str(message).split()), request_id=request_id)


def response_body(response):
    """A v2 answer's body: JSON as data, a text body as text, an empty one as {}."""
    if not response.content:
        return {}
    if 'json' in (response.headers.get('Content-Type') or ''):
        return response.json()
    return response.text


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

    def __init__(self, options, sleep=time.sleep):
        self.options = options
        self._conn = None
        self._v2_proxy = None
        self._v2_urls = None
        self.sleep = sleep
        self.transient_delays = TRANSIENT_DELAYS

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

    def _get(self, path, params=None):
        """GET a v1 path."""
        return self._call(lambda: self._json(self._v1.get(path, params=params)))

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

    # -- DMS for Kafka v2: plumbing -----------------------------------------------------------
    @property
    def _v2(self):
        """The dmsv2 proxy, registered on first use, and the URL families of its endpoint."""
        if self._v2_proxy is None:
            conn = self.conn
            region = self.options.get('region_name') or conn.config.get_region_name() or '<region>'
            try:
                otc_sdk.register_single_service(conn, 'dmsv2')
                proxy = conn.dmsv2
                endpoint = proxy.get_endpoint()
            except (sdk_exceptions.ServiceDisabledException, sdk_exceptions.EndpointNotFound):
                endpoint = None
            except _failure_types() as exc:
                raise api_error(exc)
            if not endpoint:
                raise Refusal(NO_DMSV2 % (region, region))
            # The project id comes from the token, never from the endpoint (an override may
            # hold the %(project_id)s template).
            root = re.sub(r'/v2(/[^/]*)?$', '', endpoint.rstrip('/'))
            project = conn.current_project_id
            self._v2_urls = dict((family, root + path % dict(pid=project))
                                 for family, path in V2_FAMILIES.items())
            # A cloud that fixes keystoneauth's retry delay fixes these retries' delay too.
            config = conn.config.config
            fixed = config.get('dmsv2_status_code_retry_delay', config.get('status_code_retry_delay'))
            if fixed is not None:
                self.transient_delays = (float(fixed),) * len(TRANSIENT_DELAYS)
            self._v2_proxy = proxy
        return self._v2_proxy

    def _v2_request(self, method, path, family='project', body=None, params=None):
        """One v2 call (retried while the answer is transient); its body as data."""
        proxy = self._v2
        url = self._v2_urls[family] + path
        kwargs = dict(params=params)
        if body is not None:
            kwargs['json'] = body
        for delay in tuple(self.transient_delays) + (None,):
            response = self._call(proxy.request, url, method, **kwargs)
            if response.status_code < 400:
                return response_body(response)
            error = response_error(response)
            if delay is None or error.code not in TRANSIENT_CODES:
                raise error
            self.sleep(delay)

    def _v2_get(self, path, params=None, family='project'):
        return self._v2_request('GET', path, family, params=params)

    def _v2_get_or_none(self, path, params=None, family='project'):
        try:
            return self._v2_get(path, params, family)
        except ApiError as exc:
            if exc.missing:
                return None
            raise

    def _v2_pages(self, path, key, params=None, total_key='total'):
        """Every item of an offset/limit list, page by page, to the end."""
        return self._v2_paged(path, key, params, total_key)[0]

    def _v2_paged(self, path, key, params=None, total_key='total'):
        """(every item, the last page's other fields) of an offset/limit list."""
        found, offset = [], 0
        while True:
            page = dict(params or {}, offset=offset, limit=PAGE_LIMIT)
            body = self._v2_get(path, page)
            items = body.get(key) or []
            found.extend(items)
            offset += len(items)
            total = as_int(body.get(total_key))
            if not items or len(items) < PAGE_LIMIT or (total is not None and offset >= total):
                return found, dict((k, v) for k, v in body.items() if k != key)

    # -- DMS for Kafka v2: look-ups (project-less) ----------------------------------------------
    def v2_availability_zones(self):
        """{region_id, available_zones} of the region."""
        return self._v2_get('/available-zones', family='bare')

    def v2_products(self, product_id=None):
        """{engine, versions, products}: the Kafka flavours."""
        params = {'product_id': product_id} if product_id else None
        return self._v2_get('/kafka/products', params, family='bare')

    def v2_maintenance_windows(self):
        return self._v2_get('/instances/maintain-windows', family='bare').get('maintain_windows') or []

    # -- DMS for Kafka v2: instances -----------------------------------------------------------
    def v2_list_instances(self, params):
        """Every instance matching ``params`` (all pages)."""
        return self._v2_pages('/instances', 'instances', dict(params, engine='kafka'),
                              total_key='instance_num')

    def v2_get_instance(self, instance_id):
        return self._v2_get_or_none('/instances/%s' % instance_id)

    def v2_create_instance(self, body):
        """Returns the new instance's id."""
        return self._v2_request('POST', '/instances', 'engine', body)['instance_id']

    def v2_update_instance(self, instance_id, body):
        self._v2_request('PUT', '/instances/%s' % instance_id, body=body)

    def v2_delete_instance(self, instance_id):
        """Delete; an instance that is already gone is no error."""
        try:
            self._v2_request('DELETE', '/instances/%s' % instance_id)
        except ApiError as exc:
            if not exc.missing:
                raise

    def v2_instance_action(self, action, instance_ids):
        """A batch action (restart, delete); the per-instance results."""
        body = self._v2_request('POST', '/instances/action',
                                body={'action': action, 'instances': list(instance_ids)})
        return (body.get('results') if isinstance(body, dict) else None) or []

    def v2_extend(self, instance_id, body):
        """Grow an instance (``oper_type`` storage, horizontal or vertical); the task id."""
        answer = self._v2_request('POST', '/instances/%s/extend' % instance_id, 'engine', body)
        return answer.get('job_id') if isinstance(answer, dict) else None

    def v2_extend_options(self, instance_id):
        """{products}: the flavours this instance may grow to (its own included)."""
        return self._v2_get('/instances/%s/extend' % instance_id, {'type': 'advanced'}, 'engine')

    def v2_set_auto_topic(self, instance_id, enabled):
        self._v2_request('POST', '/instances/%s/autotopic' % instance_id,
                         body={'enable_auto_topic': bool(enabled)})

    def v2_reset_password(self, instance_id, password):
        """The initial SASL user's password."""
        self._v2_request('POST', '/instances/%s/password' % instance_id,
                         body={'new_password': password})

    # -- DMS for Kafka v2: tags and background tasks --------------------------------------------
    def v2_tag_action(self, instance_id, action, tags):
        """``action`` create (or overwrite) or delete ``tags`` ([{key, value}])."""
        self._v2_request('POST', '/kafka/%s/tags/action' % instance_id,
                         body={'action': action, 'tags': list(tags)})

    def v2_tasks(self, instance_id, params=None):
        """The instance's background tasks, newest first (the first page the API gives)."""
        return self._v2_get('/instances/%s/tasks' % instance_id, params).get('tasks') or []

    def v2_all_tasks(self, instance_id, params=None, last=None):
        """Every background task matching ``params`` (begin_time, end_time), newest first: the
        list pages by a 1-based ``start`` index, and counts them in a string. With ``last``, the
        reading ends with the page that holds a task for which ``last(task)`` holds."""
        found, start = [], 1
        while True:
            page = dict(params or {}, start=start, limit=PAGE_LIMIT)
            body = self._v2_get('/instances/%s/tasks' % instance_id, page)
            items = body.get('tasks') or []
            found.extend(items)
            start += len(items)
            total = as_int(body.get('task_count'))
            if not items or len(items) < PAGE_LIMIT or (total is not None and len(found) >= total) \
                    or (last is not None and any(last(item) for item in items)):
                return found

    def v2_task(self, instance_id, task_id):
        """One background task, or None when the API does not know it."""
        tasks = self._v2_get('/instances/%s/tasks/%s' % (instance_id, task_id)).get('tasks') or []
        return tasks[0] if tasks else None

    # -- DMS for Kafka v2: topics ----------------------------------------------------------------
    def v2_list_topics(self, instance_id):
        """{topics (every page), max_partitions, remain_partitions, ...}; None when the instance
        is missing."""
        try:
            topics, rest = self._v2_paged('/instances/%s/topics' % instance_id, 'topics')
        except ApiError as exc:
            if exc.missing:
                return None
            raise
        return dict(rest, topics=topics)

    def v2_create_topic(self, instance_id, body):
        self._v2_request('POST', '/instances/%s/topics' % instance_id, body=body)

    def v2_update_topics(self, instance_id, items):
        """Change topics in place: one request for all (the API checks all before it changes any)."""
        self._v2_request('PUT', '/instances/%s/topics' % instance_id, body={'topics': list(items)})

    def v2_delete_topics(self, instance_id, names):
        """One batch request; returns the names the API reports as deleted (it answers success
        also when only some were)."""
        body = self._v2_request('POST', '/instances/%s/topics/delete' % instance_id,
                                body={'topics': list(names)})
        return [answer.get('id') for answer in (body or {}).get('topics') or []
                if as_bool(answer.get('success', False))]

    def v2_topic_details(self, instance_id, name):
        """{topic, partitions (leader, replicas, offsets), group_subscribed}."""
        return self._v2_get('/instances/%s/management/topics/%s' % (instance_id, name))

    # -- DMS for Kafka v2: SASL users and topic permissions ---------------------------------------
    def v2_list_users(self, instance_id):
        """The SASL users (the initial user included; the API does not page them)."""
        return self._v2_get('/instances/%s/users' % instance_id).get('users') or []

    def v2_create_user(self, instance_id, body):
        self._v2_request('POST', '/instances/%s/users' % instance_id, body=body)

    def v2_reset_user_password(self, instance_id, name, password):
        self._v2_request('PUT', '/instances/%s/users/%s' % (instance_id, name),
                         body={'new_password': password})

    def v2_delete_users(self, instance_id, names):
        self._v2_request('PUT', '/instances/%s/users' % instance_id,
                         body={'action': 'delete', 'users': list(names)})

    def v2_topic_policies(self, instance_id, topic):
        """The users' access to one topic: [{user_name, access_policy, owner}]."""
        body = self._v2_get('/instances/%s/topics/%s/accesspolicy' % (instance_id, topic),
                            family='acl')
        return body.get('policies') or []

    def v2_grant(self, instance_id, topics):
        """Replace the policies of each topic in ``topics`` ([{name, policies}]): one request."""
        self._v2_request('POST', '/instances/%s/topics/accesspolicy' % instance_id, 'acl',
                         body={'topics': list(topics)})

    # -- DMS for Kafka v2: consumer groups --------------------------------------------------------
    def v2_list_groups(self, instance_id):
        """Every consumer group of the instance (all pages)."""
        return self._v2_pages('/instances/%s/groups' % instance_id, 'groups')

    def v2_group_details(self, instance_id, name):
        """One group with its members (and their assignment) and committed offsets; None when
        the API does not know it. The API wraps it in ``group`` (its reference's example does
        not): both are read."""
        body = self._v2_get_or_none('/instances/%s/management/groups/%s' % (instance_id, name))
        if not isinstance(body, dict):
            return None
        return body.get('group') or body

    def v2_create_group(self, instance_id, body):
        """The API answers with the text ``success``, not JSON."""
        self._v2_request('POST', '/kafka/instances/%s/group' % instance_id, body=body)

    def v2_delete_groups(self, instance_id, names):
        """One batch request; returns {name: error} of the groups the API did not delete."""
        body = self._v2_request('POST', '/instances/%s/groups/batch-delete' % instance_id,
                                body={'group_ids': list(names)})
        failed = (body or {}).get('failed_groups') if isinstance(body, dict) else None
        return dict((f.get('group_id'), f.get('error_message')) for f in failed or [])

    # -- DMS for Kafka v2: Kafka parameters ----------------------------------------------------
    def v2_get_configs(self, instance_id):
        """[{name, value, default_value, valid_values, config_type, value_type}], values as text."""
        return self._v2_get('/instances/%s/configs' % instance_id).get('kafka_configs') or []

    def v2_update_configs(self, instance_id, items):
        """Change parameters ([{name, value}]) in one request; {job_id, dynamic_config,
        static_config}."""
        body = self._v2_request('PUT', '/instances/%s/configs' % instance_id,
                                body={'kafka_configs': list(items)})
        return body if isinstance(body, dict) else {}

    def v2_topic_partitions(self, instance_id, topic):
        """Every partition of a topic with its start and last offset (all pages)."""
        return self._v2_pages('/kafka/instances/%s/topics/%s/partitions' % (instance_id, topic),
                              'partitions')

    def v2_reset_offsets(self, instance_id, group, body):
        """Reset a group's committed offsets ({topic, partition (-1: all), message_offset or
        timestamp})."""
        self._v2_request('POST', '/instances/%s/management/groups/%s/reset-message-offset'
                         % (instance_id, group), body=body)

# -*- coding: utf-8 -*-
# Copyright (c) 2026, otc.dms contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The base of every otc.dms module: connection, error trap, result shaping, shared look-ups."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import contextlib
import datetime
import re
import traceback

from ansible.module_utils.basic import AnsibleModule, missing_required_lib

try:
    import openstack.connection
    from openstack import exceptions as sdk_exceptions
    NotFound = sdk_exceptions.NotFoundException
    HAS_OPENSTACKSDK = True
    OPENSTACKSDK_IMPORT_ERROR = None
except ImportError:
    HAS_OPENSTACKSDK = False
    OPENSTACKSDK_IMPORT_ERROR = traceback.format_exc()

    class NotFound(Exception):
        """Stands in when openstacksdk is missing (the module then fails at connect)."""

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

# The gateway's answer once T Cloud Public retired the v1 queue API (2022).
RETIRED_QUEUE_SERVICE_CODE = "APIGW.0201"


def common_argument_spec():
    """The connection options (documented in the otc.dms.dms doc fragment)."""
    return dict(
        api_timeout=dict(type='int'),
        auth=dict(type='dict', no_log=True),
        auth_type=dict(type='str'),
        ca_cert=dict(type='path', aliases=['cacert']),
        client_cert=dict(type='path', aliases=['cert']),
        client_key=dict(type='path', aliases=['key'], no_log=True),
        cloud=dict(type='raw'),
        interface=dict(type='str', choices=['public', 'internal', 'admin'], default='public',
                       aliases=['endpoint_type']),
        region_name=dict(type='str'),
        timeout=dict(type='int', default=180),
        validate_certs=dict(type='bool', aliases=['verify']),
        wait=dict(type='bool', default=True),
    )


def installed_version(distribution):
    """The installed version of a Python distribution, or None."""
    try:
        from importlib.metadata import version
        return version(distribution)
    except Exception:  # not installed, or metadata unreadable
        return None


def _version_tuple(text):
    parts = []
    for piece in str(text).split('.')[:3]:
        digits = ''.join(ch for ch in piece if ch.isdigit())
        parts.append(int(digits or 0))
    return tuple(parts + [0] * (3 - len(parts)))


def connection_kwargs(params):
    """openstack.connect() keyword arguments from the module's connection options."""
    kwargs = dict(
        auth=params.get('auth'),
        auth_type=params.get('auth_type'),
        region_name=params.get('region_name'),
        verify=params.get('validate_certs'),
        cacert=params.get('ca_cert'),
        cert=params.get('client_cert'),
        key=params.get('client_key'),
        api_timeout=params.get('api_timeout'),
        interface=params.get('interface'),
    )
    kwargs = dict((k, v) for k, v in kwargs.items() if v is not None)
    cloud = params.get('cloud')
    if isinstance(cloud, dict):
        # A whole cloud configuration: explicit options win over its keys.
        merged = dict(cloud)
        merged.update(kwargs)
        return merged
    if cloud is not None:
        kwargs['cloud'] = cloud
    return kwargs


# Transient failures are retried by keystoneauth itself (exponential backoff from 0.5 s).
# Each is only a default: a clouds.yaml that sets it (or its dms_ prefixed form) wins.
RETRY_DEFAULTS = dict(
    connect_retries=3,
    status_code_retries=8,
    retriable_status_codes=[429, 500, 502, 503, 504],
)


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


def cloud_region(params):
    """The cloud's configuration as openstack.connect() would load it, tuned."""
    from openstack.config import loader

    class DmsConfig(loader.OpenStackConfig):
        def auth_config_hook(self, config):
            return tune_cloud_config(super(DmsConfig, self).auth_config_hook(config))

        def _get_auth_loader(self, config):
            # Only a speed-up (see keystoneauth_loader); should openstacksdk stop
            # calling this method, its own lookup simply applies. v3multifactor
            # needs openstacksdk's own handling after the lookup.
            if config.get('auth_type') != 'v3multifactor':
                found = keystoneauth_loader(config.get('auth_type'))
                if found is not None:
                    return found
            return super(DmsConfig, self)._get_auth_loader(config)

    return DmsConfig(app_name='otc.dms').get_one(**connection_kwargs(params))


def connect(params):
    """One connection with the DMS v1 proxy registered (and no other OTC service)."""
    conn = openstack.connection.Connection(config=cloud_region(params))
    # Register DMS alone: otcextensions' load() would register every OTC service.
    otc_sdk.register_single_service(conn, 'dms')
    # The DMS resources read errors through openstack.exceptions; otcextensions
    # teaches it the {"error_code", "error_msg"} body (what load() also does).
    otc_sdk.patch_openstack_resources()
    return conn


def api_error_details(exc):
    """{status_code, code, message, request_id} of an SDK/HTTP error."""
    details = dict(status_code=None, code=None, message=None, request_id=None)
    response = getattr(exc, 'response', None)
    details['status_code'] = getattr(exc, 'status_code', None) or getattr(exc, 'http_status', None)
    if response is not None:
        details['status_code'] = details['status_code'] or response.status_code
        headers = response.headers or {}
        details['request_id'] = (headers.get('X-Request-Id') or headers.get('x-openstack-request-id')
                                 or getattr(exc, 'request_id', None))
        try:
            body = response.json()
        except Exception:
            body = None
        if isinstance(body, dict):
            if 'error_code' in body or 'error_msg' in body:
                details['code'] = body.get('error_code')
                details['message'] = body.get('error_msg')
            elif isinstance(body.get('error'), dict):  # Keystone
                details['code'] = body['error'].get('title')
                details['message'] = body['error'].get('message')
        if details['message'] is None:
            details['message'] = (response.text or response.reason or '').strip()[:500] or None
    if details['message'] is None:
        details['message'] = getattr(exc, 'details', None) or str(exc)
    details['message'] = ' '.join(str(details['message']).split())
    return details


def ms_to_iso(value):
    """Epoch milliseconds (int or numeric string) to an ISO 8601 UTC string."""
    if value in (None, ''):
        return None
    try:
        stamp = datetime.datetime.fromtimestamp(int(value) / 1000.0, datetime.timezone.utc)
    except (TypeError, ValueError, OverflowError):
        return None
    return stamp.strftime('%Y-%m-%dT%H:%M:%S.%f')[:-3] + 'Z'


SECRET_KEY_PARTS = ('password', 'secret', 'token', 'passcode', 'access_key', 'private_key')


def secret_values(value, key=''):
    """Values stored under secret-looking keys anywhere inside ``value``."""
    found = []
    if isinstance(value, dict):
        for sub_key, sub_value in value.items():
            found.extend(secret_values(sub_value, str(sub_key).lower()))
    elif isinstance(value, (list, tuple)):
        for item in value:
            found.extend(secret_values(item, key))
    elif value not in (None, '') and any(part in key for part in SECRET_KEY_PARTS):
        found.append(str(value))
    return found


def as_int(value):
    """An int from the API's ints and numeric strings ("300"); None for anything else."""
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def as_bool(value):
    """The API's booleans arrive as JSON booleans or as the strings "true"/"false"."""
    if isinstance(value, bool):
        return value
    return str(value).strip().lower() == 'true'


# -- look-ups shared by every resource -------------------------------------------------------

UUID_RE = re.compile(r'^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\Z')


def select(items, name_or_id):
    """Items whose id or name is ``name_or_id`` (an id match wins)."""
    by_id = [item for item in items if item.get('id') == name_or_id]
    return by_id or [item for item in items if item.get('name') == name_or_id]


class ParentRef(object):
    """A parent resource (a queue, a Kafka instance) as the user named it.

    ``id`` is known at once when the user gave an id; ``view`` is the parent's
    result view once it has been read (a name costs that read, an id does not).
    """

    def __init__(self, label, parent_id, view=None):
        self.label = label
        self.id = parent_id
        self.view = view

    @property
    def name(self):
        return self.view['name'] if self.view is not None else None


def parent_ref(name_or_id, find, make=ParentRef):
    """Resolve a parent given by name or id; None when no parent has that name.

    An id is taken as it is, with no request (the child call answers 404 when it
    is unknown); a name costs ``find(name)``, which returns the view or None.
    """
    if UUID_RE.match(name_or_id):
        return make(name_or_id, name_or_id.lower())
    view = find(name_or_id)
    return None if view is None else make(name_or_id, view['id'], view)


def raise_for_status(response):
    """Raise the SDK's exception for an error answer of a raw proxy call."""
    sdk_exceptions.raise_from_response(response)


def get_json(module, path, params=None):
    """GET ``path`` (relative to the DMS endpoint) and return the JSON body.

    Used where the SDK's resources drop fields the results need (message and
    group counts of queues, the partition budget of topics).
    """
    response = module.dms.get(path, params=params)
    raise_for_status(response)
    return response.json()


def whitelist(record, fields):
    """A result dict holding exactly ``fields`` (missing ones as None)."""
    return dict((field, record.get(field)) for field in fields)


class DmsModule(object):
    """Base of every module: subclass, set ``argument_spec`` and implement ``run``.

    ``run`` fills ``self.results`` (``changed`` starts as False). SDK calls
    happen inside ``with self.doing("create queue 'orders'"):`` so that an API
    error ends the module with one readable line naming the step, plus an
    ``error`` dict; ``run`` as a whole is wrapped the same way.
    """

    argument_spec = {}
    module_kwargs = {}

    def __init__(self):
        spec = common_argument_spec()
        spec.update(self.argument_spec)
        self.ansible = AnsibleModule(argument_spec=spec, supports_check_mode=True,
                                     **self.module_kwargs)
        self.params = self.ansible.params
        # A whole cloud configuration given as a dict carries credentials, but the
        # option cannot be no_log (a cloud name must stay readable): mask its secrets.
        for value in secret_values(self.params.get('cloud')):
            self.ansible.no_log_values.add(value)
        self.check_mode = self.ansible.check_mode
        self.results = dict(changed=False)
        self._conn = None

    # -- connection -----------------------------------------------------------
    @property
    def conn(self):
        if self._conn is None:
            self._require_sdk()
            with self.doing('connect to the cloud'):
                self._conn = connect(self.params)
        return self._conn

    @property
    def dms(self):
        return self.conn.dms

    def _require_sdk(self):
        if not HAS_OPENSTACKSDK:
            self.ansible.fail_json(msg=missing_required_lib('openstacksdk'),
                                   exception=OPENSTACKSDK_IMPORT_ERROR)
        found = installed_version('openstacksdk')
        if found and _version_tuple(found) < MIN_OPENSTACKSDK:
            self.ansible.fail_json(
                msg='openstacksdk %s is too old: otc.dms needs openstacksdk >= %s.'
                    % (found, '.'.join(str(p) for p in MIN_OPENSTACKSDK)))
        if not HAS_OTCEXTENSIONS:
            self.ansible.fail_json(msg=missing_required_lib('otcextensions'),
                                   exception=OTCEXTENSIONS_IMPORT_ERROR)

    # -- errors ---------------------------------------------------------------
    @contextlib.contextmanager
    def doing(self, what):
        """The error trap: an API error inside ends the module naming ``what``."""
        try:
            yield
        except self._api_exception_types() as exc:
            self._fail_api(what, exc)

    def create_once(self, what, create, find_again):
        """Run ``create()``; when it fails, look again before giving up.

        The answer to a create can be lost after the cloud acted (a time-out, or a
        5xx that keystoneauth then retried into "already exists"). If
        ``find_again()`` now finds the resource, that is the result (with a
        warning), so a retry never fails or leaves a duplicate.
        """
        try:
            return create()
        except self._api_exception_types() as exc:
            with self.doing('look for %s after its creation failed' % what):
                found = find_again()
            if found is None:
                self._fail_api('create %s' % what, exc)
            self.ansible.warn('The cloud answered the creation of %s with an error (%s), but it '
                              'exists now: the answer was lost after the cloud acted.'
                              % (what, api_error_details(exc)['code'] or type(exc).__name__))
            return found

    def fail(self, msg, **extra):
        """Refuse with one readable line (no traceback); a line break in a value is escaped."""
        result = dict(self.results)
        result.update(extra)
        result.pop('msg', None)
        self.ansible.fail_json(msg=msg.replace('\r', '\\r').replace('\n', '\\n'), **result)

    def _api_exception_types(self):
        # OSError: what requests raises for an unreadable client certificate or CA file.
        types = [OSError]
        if HAS_OPENSTACKSDK:
            types.append(sdk_exceptions.SDKException)
        if ksa_exceptions is not None:
            types.append(ksa_exceptions.ClientException)
        return tuple(types)

    def _fail_api(self, step, exc):
        error = api_error_details(exc)
        if error['code'] == RETIRED_QUEUE_SERVICE_CODE:
            self.fail('Failed to %s: the DMS queue service is not available in this cloud: T Cloud '
                      'Public retired the v1 queue API in 2022 (the gateway answered %s). Kafka '
                      'premium instances (otc.dms.dms_instance) are the supported replacement.'
                      % (step, error['code']), error=error)
        parts = [error['code'], error['message']]
        text = ' '.join(p for p in parts if p)
        if error['status_code']:
            text += ' (HTTP %s)' % error['status_code']
        self.fail('Failed to %s: %s' % (step, text or type(exc).__name__), error=error)

    # -- running --------------------------------------------------------------
    def run(self):
        raise NotImplementedError

    def __call__(self):
        with self.doing('talk to the cloud'):
            self.run()
        self.ansible.exit_json(**self.results)

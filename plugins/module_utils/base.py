# -*- coding: utf-8 -*-
# Copyright (c) 2026, otc.dms contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The module base: the only code that knows AnsibleModule.

It adds the common connection options to a module's argument spec, reads the options,
hands plain values down (a ``Client`` for the cloud, a ``Run`` for the engine), and turns
what comes back into Ansible's result: the result dict on success, one readable line (plus
``error`` for an API error) on failure, warnings either way. Secrets never reach a result:
``no_log`` options are masked by Ansible, and the secrets inside a ``cloud`` dict are
masked here.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible.module_utils.basic import AnsibleModule, missing_required_lib

from ansible_collections.otc.dms.plugins.module_utils.client import Client
from ansible_collections.otc.dms.plugins.module_utils.engine import Run
from ansible_collections.otc.dms.plugins.module_utils.errors import DmsError, MissingLibrary, one_line

CONNECTION_OPTIONS = ('api_timeout', 'auth', 'auth_type', 'ca_cert', 'client_cert', 'client_key',
                      'cloud', 'interface', 'region_name', 'validate_certs')
SECRET_KEY_PARTS = ('password', 'secret', 'token', 'passcode', 'access_key', 'private_key')


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


class DmsModule(object):
    """One module run: ``DmsModule(argument_spec, **kwargs).run(task)``.

    ``task(module)`` reads ``module.params``, calls the kinds with ``module.client`` and
    ``module.run_settings``, and returns the result dict (``changed`` and the resource).
    A ``diff`` in it is kept only in diff mode.
    """

    def __init__(self, argument_spec, **kwargs):
        spec = common_argument_spec()
        spec.update(argument_spec)
        self.ansible = AnsibleModule(argument_spec=spec, supports_check_mode=True, **kwargs)
        self.params = self.ansible.params
        # A whole cloud configuration given as a dict carries credentials, but the option
        # cannot be no_log (a cloud name must stay readable): mask its secrets.
        for value in secret_values(self.params.get('cloud')):
            self.ansible.no_log_values.add(value)
        self.check_mode = self.ansible.check_mode
        self.client = Client(dict((k, self.params.get(k)) for k in CONNECTION_OPTIONS))
        self.run_settings = Run(check_mode=self.check_mode, wait=self.params['wait'],
                                timeout=self.params['timeout'])

    def _warn(self):
        for text in self.run_settings.warnings:
            self.ansible.warn(text)

    def fail(self, msg, **results):
        """Refuse with one readable line (no traceback); a line break in a value is escaped."""
        results.pop('msg', None)
        results.setdefault('changed', False)
        self._warn()
        self.ansible.fail_json(msg=one_line(msg), **results)

    def run(self, task):
        try:
            result = task(self)
        except MissingLibrary as exc:
            if exc.library:
                self.ansible.fail_json(msg=missing_required_lib(exc.library), exception=exc.traceback)
            self.fail(exc.msg)
        except DmsError as exc:
            self.fail(exc.msg, **exc.results)
        result = dict(result)
        result.setdefault('changed', False)
        if not self.ansible._diff:
            result.pop('diff', None)
        self._warn()
        self.ansible.exit_json(**result)

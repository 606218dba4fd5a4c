# -*- coding: utf-8 -*-
# Copyright (c) 2026, otc.dms contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function
__metaclass__ = type


class ModuleDocFragment(object):

    # The connection options, named as in openstack.cloud so clouds.yaml,
    # OS_* variables and module_defaults carry over.
    DOCUMENTATION = r'''
options:
  api_timeout:
    description:
      - How long, in seconds, to wait for one HTTP answer from the cloud.
      - When unset, the value of the cloud configuration or the SDK's default applies.
    type: int
  auth:
    description:
      - Authentication parameters of the cloud, as in a C(clouds.yaml) C(auth) section
        (for example C(auth_url), C(username), C(password), C(project_name) or C(project_id),
        C(user_domain_name)).
      - Not needed when O(cloud) names a cloud of a C(clouds.yaml) or when C(OS_*)
        environment variables are set.
    type: dict
  auth_type:
    description:
      - Name of the keystoneauth plugin, for example V(password) or V(v3password).
      - When unset, the cloud configuration decides (usually V(password)).
    type: str
  ca_cert:
    description:
      - Path to a CA bundle used to verify the cloud's TLS certificates.
    type: path
    aliases: [cacert]
  client_cert:
    description:
      - Path to a client certificate (PEM) presented to the cloud, with O(client_key).
    type: path
    aliases: [cert]
  client_key:
    description:
      - Path to the private key of O(client_cert).
    type: path
    aliases: [key]
  cloud:
    description:
      - Name of a cloud in a C(clouds.yaml), or a dict with a whole cloud configuration.
      - When unset, C(OS_CLOUD) names it; without either, C(OS_*) variables and O(auth) are used.
    type: raw
  interface:
    description:
      - Which endpoint of the service catalog to use.
    type: str
    choices: [public, internal, admin]
    default: public
    aliases: [endpoint_type]
  region_name:
    description:
      - Region of the cloud, for example V(eu-de) or V(eu-nl).
    type: str
  timeout:
    description:
      - How long, in seconds, the module waits for asynchronous work when O(wait=true).
    type: int
    default: 180
  validate_certs:
    description:
      - Whether to verify the cloud's TLS certificates.
      - When unset, the cloud configuration decides; verification is on by default.
    type: bool
    aliases: [verify]
  wait:
    description:
      - Whether to wait for asynchronous work to finish before returning.
    type: bool
    default: true
requirements:
  - python >= 3.10
  - openstacksdk >= 4.22.0
  - otcextensions >= 0.34.8
notes:
  - Cloud credentials are found the openstacksdk way. A C(clouds.yaml) is searched for in the
    current directory, C(~/.config/openstack/) and C(/etc/openstack/), or at the path in
    C(OS_CLIENT_CONFIG_FILE); C(OS_CLOUD) picks a cloud from it. C(OS_AUTH_URL),
    C(OS_USERNAME), C(OS_PASSWORD), C(OS_PROJECT_NAME), C(OS_USER_DOMAIN_NAME) and the other
    C(OS_*) variables work without a file.
  - Every module of this collection is in the action group C(otc.dms.dms), so
    C(module_defaults) with C(group/otc.dms.dms) sets O(cloud) and the other connection
    options once for all of them.
  - The modules run on the host they are delegated to (usually C(localhost)); openstacksdk and
    otcextensions must be installed there.
'''

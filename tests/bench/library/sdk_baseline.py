#!/usr/bin/python
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# The benchmark's baseline (not shipped): a module that only imports openstacksdk and opens a
# connection, with openstacksdk's own defaults. Every otc.dms task is compared with it.

from __future__ import annotations

DOCUMENTATION = """
module: sdk_baseline
short_description: Open an openstacksdk connection and nothing else (benchmark baseline)
description: Authenticates with the cloud OS_CLOUD names, the openstacksdk way.
options: {}
author: otc.dms contributors (@otc-dms)
"""

from ansible.module_utils.basic import AnsibleModule


def main():
    module = AnsibleModule(argument_spec={}, supports_check_mode=True)
    import openstack

    conn = openstack.connect()
    conn.authorize()
    module.exit_json(changed=False)


if __name__ == "__main__":
    main()

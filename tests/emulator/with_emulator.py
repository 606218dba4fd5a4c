#!/usr/bin/env python3
"""Run one command while an emulator runs, then stop the emulator.

    PYTHONPATH=tests python3 -m emulator.with_emulator [--instance-delay S] [--max-time-wait S]
        [--emulator-arg ARG ...] -- COMMAND [ARGS...]

The command sees OS_CLIENT_CONFIG_FILE and OS_CLOUD pointing at the emulator,
DMS_EMULATOR_URL, the seeded network of that cloud's project as OTC_DMS_VPC_ID,
OTC_DMS_SUBNET_ID and OTC_DMS_SECURITY_GROUP_ID, and ANSIBLE_COLLECTIONS_PATH
with this checkout as ``otc.dms``. The exit code is the command's.
"""

import argparse
import os
import subprocess
import sys

from support.collection import collections_root

from .testing import Emulator


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--instance-delay", type=float, default=1.0)
    parser.add_argument("--max-time-wait", type=float, default=None)
    parser.add_argument("--emulator-arg", action="append", default=[],
                        help="extra argument for the emulator (emulator.serve, repeatable)")
    parser.add_argument("--collections-path", metavar="PATH",
                        help="ANSIBLE_COLLECTIONS_PATH to use instead of this checkout "
                             "(for an installed copy of the collection)")
    parser.add_argument("command", nargs=argparse.REMAINDER)
    args = parser.parse_args(argv)
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not command:
        parser.error("no command given")
    with Emulator(instance_delay=args.instance_delay, max_time_wait=args.max_time_wait,
                  extra_args=args.emulator_arg) as emu:
        env = dict(os.environ)
        env.update(emu.env)
        env["DMS_EMULATOR_URL"] = emu.url
        network = emu.seed()["projects"][0]["network"]
        env["OTC_DMS_VPC_ID"] = network["vpc_id"]
        env["OTC_DMS_SUBNET_ID"] = network["subnet_id"]
        env["OTC_DMS_SECURITY_GROUP_ID"] = network["security_group_id"]
        if args.collections_path:
            env["ANSIBLE_COLLECTIONS_PATH"] = args.collections_path
        else:
            root = collections_root()
            paths = [root] + [p for p in env.get("ANSIBLE_COLLECTIONS_PATH", "").split(os.pathsep)
                              if p]
            env["ANSIBLE_COLLECTIONS_PATH"] = os.pathsep.join(paths)
        print("DMS emulator at %s (OS_CLOUD=%s, OS_CLIENT_CONFIG_FILE=%s)"
              % (emu.url, emu.cloud_name, emu.clouds_yaml), flush=True)
        return subprocess.call(command, env=env)


if __name__ == "__main__":
    sys.exit(main())

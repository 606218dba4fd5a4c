#!/usr/bin/env python3
"""Run the DMS emulator in the foreground.

    PYTHONPATH=tests python3 -m emulator.serve [--host 127.0.0.1] [--port 0]
        [--clouds-yaml PATH] [--cloud-name emulator] [--state FILE]
        [--instance-delay SECONDS] [--region eu-de] ...

The first line on stdout is ``DMS emulator listening on http://HOST:PORT``.
SIGTERM or SIGINT stops it.
"""

import argparse
import json
import logging
import signal
import sys
import threading

from werkzeug.serving import make_server

from .app import DEFAULTS, Service, create_app

V2_SETTINGS = ("extend_delay", "delete_delay", "task_delay", "extend_failed_recovery",
               "group_auto_delete", "max_users", "min_storage_per_node", "min_storage_step",
               "strict_storage_multiple", "single_node_sasl", "autotopic_restarts",
               "unknown_group", "maintain_window_format", "seed_system_topics", "catalog_dmsv2",
               "auto_topic_field")


# (identity ms, DMS ms) before every answer.
LATENCY_PROFILES = {"none": (0.0, 0.0), "cloud": (300.0, 60.0)}


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default=DEFAULTS["host"],
                        help="address to bind (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=0, help="port; 0 picks a free one")
    parser.add_argument("--clouds-yaml", metavar="PATH",
                        help="write a clouds.yaml pointing at this emulator")
    parser.add_argument("--cloud-name", default=DEFAULTS["cloud_name"],
                        help="cloud name in that clouds.yaml (the second project gets NAME-other)")
    parser.add_argument("--state", metavar="FILE",
                        help="SQLite file; state survives a restart (default: in memory)")
    parser.add_argument("--instance-delay", type=float, default=DEFAULTS["instance_delay"],
                        metavar="SECONDS", help="how long CREATING and RESTARTING last")
    parser.add_argument("--region", default=DEFAULTS["region"], help="region name (eu-de)")
    parser.add_argument("--max-time-wait", type=float, default=None, metavar="SECONDS",
                        help="cap on how long an empty consume long-polls (default: as asked)")
    parser.add_argument("--token-ttl", type=float, default=DEFAULTS["token_ttl"],
                        metavar="SECONDS", help="token lifetime (default 24 h)")
    parser.add_argument("--queue-quota", type=int, default=DEFAULTS["queue_quota"],
                        help="queues per project (default 30)")
    parser.add_argument("--instance-quota", type=int, default=DEFAULTS["instance_quota"],
                        help="Kafka instances per project (default 100)")
    parser.add_argument("--storage-usable-ratio", type=float,
                        default=DEFAULTS["storage_usable_ratio"],
                        help="usable share of an instance's storage (default 0.82)")
    parser.add_argument("--latency-profile", choices=sorted(LATENCY_PROFILES), default="none",
                        help="a fixed delay before every answer: none, or cloud (identity "
                             "300 ms, DMS 60 ms, about what T Cloud Public answers in)")
    parser.add_argument("--identity-latency-ms", type=float, default=None, metavar="MS",
                        help="the delay of every identity answer (overrides the profile)")
    parser.add_argument("--dms-latency-ms", type=float, default=None, metavar="MS",
                        help="the delay of every DMS answer (overrides the profile)")
    parser.add_argument("--retired-queues", action="store_true",
                        help="answer every queue call as T Cloud does since 2022 (APIGW.0201)")
    v2 = parser.add_argument_group("DMS for Kafka v2")
    v2.add_argument("--extend-delay", type=float, default=DEFAULTS["extend_delay"],
                    metavar="SECONDS", help="how long EXTENDING lasts (default 3)")
    v2.add_argument("--delete-delay", type=float, default=DEFAULTS["delete_delay"],
                    metavar="SECONDS", help="how long DELETING lasts (default 0: gone at once)")
    v2.add_argument("--task-delay", type=float, default=DEFAULTS["task_delay"],
                    metavar="SECONDS", help="how long a background task runs (default 1)")
    v2.add_argument("--extend-failed-recovery", type=float, default=None, metavar="SECONDS",
                    help="EXTENDEDFAILED returns to RUNNING after this long (default: never)")
    v2.add_argument("--group-auto-delete", type=float, default=DEFAULTS["group_auto_delete"],
                    metavar="SECONDS", help="an empty group that never committed is deleted"
                    " after this long (default 600; 0 = never)")
    v2.add_argument("--max-users", type=int, default=DEFAULTS["max_users"],
                    help="SASL users per instance, the initial one included (default 20)")
    v2.add_argument("--min-storage-per-node", type=int,
                    default=DEFAULTS["min_storage_per_node"], help="GB (default 100)")
    v2.add_argument("--min-storage-step", type=int, default=DEFAULTS["min_storage_step"],
                    help="GB per broker a storage extension adds at least (default 100)")
    v2.add_argument("--no-strict-storage-multiple", dest="strict_storage_multiple",
                    action="store_false", help="accept storage not divisible by the brokers")
    v2.add_argument("--single-node-sasl", choices=("accept", "reject"),
                    default=DEFAULTS["single_node_sasl"])
    v2.add_argument("--autotopic-restarts", action="store_true",
                    help="turning automatic topic creation on or off restarts the instance")
    v2.add_argument("--unknown-group", choices=("404", "dead"), default=DEFAULTS["unknown_group"],
                    help="GET of an unknown consumer group: 404, or 200 with state DEAD")
    v2.add_argument("--maintain-window-format", choices=("hours", "hms"),
                    default=DEFAULTS["maintain_window_format"])
    v2.add_argument("--seed-system-topics", action="store_true",
                    help="list __dms_dial_test (topic_type 1) on every instance")
    v2.add_argument("--no-dmsv2-catalog", dest="catalog_dmsv2", action="store_false",
                    help="leave dmsv2 out of the token's catalog (a region that lacks it)")
    v2.add_argument("--no-auto-topic-field", dest="auto_topic_field", action="store_false",
                    help="leave enable_auto_topic out of the instance view (the OTC docs omit it)")
    parser.add_argument("--verbose", action="store_true", help="log every request to stderr")
    return parser.parse_args(argv)


def clouds_yaml(emu, base_url):
    """clouds.yaml text with one cloud per seeded project (JSON strings are YAML scalars)."""
    lines = ["# Written by the DMS emulator; points openstacksdk at %s" % base_url, "clouds:"]
    for account in emu.accounts:
        user = account["user"]
        q = json.dumps
        lines += [
            "  %s:" % q(account["cloud"]),
            "    auth:",
            "      auth_url: %s" % q(base_url + "/v3"),
            "      username: %s" % q(user["name"]),
            "      password: %s" % q(user["password"]),
            "      project_name: %s" % q(account["project"]["name"]),
            "      user_domain_name: %s" % q(user["domain"]["name"]),
            "      project_domain_name: %s" % q(user["domain"]["name"]),
            "    region_name: %s" % q(emu.config.region),
            "    identity_api_version: \"3\"",
            "    interface: public",
        ]
    return "\n".join(lines) + "\n"


def main(argv=None):
    args = parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING)
    logging.getLogger("werkzeug").setLevel(logging.INFO if args.verbose else logging.ERROR)
    emu = Service(host=args.host, port=args.port, region=args.region,
                   cloud_name=args.cloud_name, state=args.state,
                   instance_delay=args.instance_delay, token_ttl=args.token_ttl,
                   max_time_wait=args.max_time_wait, queue_quota=args.queue_quota,
                   instance_quota=args.instance_quota,
                   storage_usable_ratio=args.storage_usable_ratio,
                   retired_queues=args.retired_queues,
                   identity_latency_ms=(args.identity_latency_ms
                                        if args.identity_latency_ms is not None
                                        else LATENCY_PROFILES[args.latency_profile][0]),
                   dms_latency_ms=(args.dms_latency_ms if args.dms_latency_ms is not None
                                   else LATENCY_PROFILES[args.latency_profile][1]),
                   **{key: getattr(args, key) for key in V2_SETTINGS})
    server = make_server(args.host, args.port, create_app(emu), threaded=True)
    host, port = server.server_address[:2]
    emu.bound = (host, port)
    base_url = "http://%s:%d" % (host, port)
    if args.clouds_yaml:
        with open(args.clouds_yaml, "w", encoding="utf-8") as handle:
            handle.write(clouds_yaml(emu, base_url))

    def stop(signum, frame):
        threading.Thread(target=server.shutdown, daemon=True).start()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    print("DMS emulator listening on %s" % base_url, flush=True)
    try:
        server.serve_forever(poll_interval=0.2)
    finally:
        server.server_close()
        emu.store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""The fault scenario as one command: the same playbooks against a fault-free emulator and
against one that fails a share of the DMS calls, then a comparison.

    PYTHONPATH=tests python3 -m faults.run [--error-rate 0.2] [--seed 1] [--latency-ms 0 300]
                                           [--lost-rate 0.5] [--half queues kafka]
                                           [--only clean|faulty]

Two halves. Queues (v1, scenario.yml): 10 queues x 3 groups, 500 messages sent, consumed and
acknowledged by every group, a small Kafka instance with 5 topics, all again unchanged, torn
down. Kafka (v2, kafka.py): the role kafka_instance's whole setup (an instance, 20 topics,
10 users, their permissions, 5 groups, 5 parameters), again unchanged, then grown (two brokers
more while a storage extension is in flight, static parameters changed, a restart allowed),
again unchanged, torn down. The faulty side answers a share of every kind of DMS call with
429/500/503 after 0-300 ms; in the Kafka half a share of the failed writes (--lost-rate) is
answered so only after the emulator acted (a lost answer). The queue half has no lost answers:
a message sent twice is two messages, as in the cloud.

Exits 0 when no run has a failed task, nothing is duplicated, every group consumed every
message exactly once, and the faulty side ends in the fault-free state. --only faulty runs the
faulty sides alone and checks them against the state the declarations describe.
"""

import argparse
import concurrent.futures
import json
import os
import subprocess
import sys
import tempfile
import time

from emulator.testing import Emulator
from faults import kafka
from support import ansible_run

HERE = os.path.dirname(os.path.abspath(__file__))

# Retries stay keystoneauth's (status_code_retries etc. from otc.dms); a cloud may tune
# them in its clouds.yaml. The scenario shortens the backoff, as a user of a test cloud could.
CLOUD_TUNING = "    status_code_retry_delay: 0.2\n"


def tune_clouds_yaml(path):
    with open(path) as handle:
        text = handle.read()
    text = text.replace("    interface: public\n", "    interface: public\n" + CLOUD_TUNING)
    with open(path, "w") as handle:
        handle.write(text)


def run_scenario(emu, workdir):
    network = emu.seed()["projects"][0]["network"]
    results = os.path.join(workdir, "results.json")
    env = ansible_run.base_env(emu, {
        "ANSIBLE_CALLBACK_PLUGINS": ansible_run.CALLBACKS,
        "ANSIBLE_CALLBACKS_ENABLED": "record_results",
        "OTC_DMS_RESULTS_FILE": results,
        "OTC_DMS_VPC_ID": network["vpc_id"],
        "OTC_DMS_SUBNET_ID": network["subnet_id"],
        "OTC_DMS_SECURITY_GROUP_ID": network["security_group_id"],
        "SCENARIO_PREFIX": "fault",
        "ANSIBLE_FORKS": "3",
    })
    started = time.monotonic()
    proc = subprocess.run(
        [os.path.join(ansible_run.BIN, "ansible-playbook"), "-i", os.path.join(HERE, "inventory.yml"),
         os.path.join(HERE, "scenario.yml")],
        capture_output=True, text=True, env=env, cwd=HERE, stdin=subprocess.DEVNULL, timeout=3000)
    elapsed = time.monotonic() - started
    data = {}
    if os.path.exists(results):
        with open(results) as handle:
            data = json.load(handle)
    return {"rc": proc.returncode, "stdout": proc.stdout, "stderr": proc.stderr,
            "data": data, "seconds": elapsed}


def task_results(run, name):
    return [t for t in run["data"].get("tasks", []) if t["task"] == name]


def state_before_teardown(run):
    """What the scenario built, without ids and timestamps."""
    queues = task_results(run, "The queues before teardown")[0]["result"]["queues"]
    groups = task_results(run, "The state before teardown")[0]["result"]["results"]
    topics = task_results(run, "The topics before teardown")[0]["result"]
    strip = ("id", "created", "queue_id")
    return {
        "queues": sorted(({k: v for k, v in q.items() if k not in strip} for q in queues),
                         key=lambda q: q["name"]),
        "groups": sorted(({k: v for k, v in g.items() if k not in strip}
                          for r in groups for g in r["groups"]),
                         key=lambda g: (g["queue_name"], g["name"])),
        "topics": sorted(({k: v for k, v in t.items() if k not in ("instance_id", "created")}
                          for t in topics["topics"]), key=lambda t: t["name"]),
        "partitions": topics["partitions"],
    }


def expected_state(per_queue=50):
    """The state a fault-free run builds, from tests/faults/vars.yml (prefix "fault")."""
    import yaml

    with open(os.path.join(HERE, "vars.yml")) as handle:
        spec = yaml.safe_load(handle)
    queues = ["fault-q%d" % n for n in range(10)]
    topic_defaults = dict(partitions=3, replication=3, retention_time=72, sync_replication=False,
                          sync_message_flush=False, description="",
                          configs={"max.message.bytes": 10485760,
                                   "message.timestamp.type": "CreateTime"})
    topics = [dict(topic_defaults, **t) for t in spec["scenario_topics"]]
    used = sum(t["partitions"] for t in topics)
    return {
        "queues": [dict(name=q, description="", queue_mode="fifo" if int(q[-1]) % 2 == 0 else "normal",
                        dead_letter=True, max_consume_count=5, retention_hours=None, group_count=3,
                        produced_messages=per_queue) for q in queues],
        "groups": [dict(name=g, queue_name=q, produced_messages=per_queue,
                        consumed_messages=per_queue, available_messages=0,
                        produced_deadletters=0, available_deadletters=0)
                   for q in queues for g in spec["scenario_groups"]],
        "topics": sorted(topics, key=lambda t: t["name"]),
        # Three brokers of c6.2u4g.cluster: 250 partitions each.
        "partitions": dict(max=750, remaining=750 - used, used=used),
    }


def problems_of(run, per_queue=50):
    """Everything wrong with one run, as readable lines."""
    found = []
    stats = run["data"].get("stats", {})
    failures = sum(s.get("failures", 0) + s.get("unreachable", 0) for s in stats.values())
    if run["rc"] != 0 or failures or not stats:
        found.append("playbook rc %s with %d failed tasks: %s"
                     % (run["rc"], failures, run["stdout"][-3000:]))
        return found
    for consumer in task_results(run, "Consume in bounded tasks, acknowledging what each returned"):
        seen = {}
        for item in consumer["result"]["results"]:
            bodies = [m["body"] for m in item["messages"]]
            seen.setdefault(item["item"][0]["queue_name"], []).extend(bodies)
            if item.get("acked", {}).get("fail"):
                found.append("%s: an ack failed: %s" % (consumer["host"], item["acked"]))
        for queue, bodies in sorted(seen.items()):
            expected = ["%s-%d" % (queue, n) for n in range(per_queue)]
            if sorted(bodies) != sorted(expected):
                found.append("%s on %s consumed %d messages (%d distinct), expected each of %d once"
                             % (consumer["host"], queue, len(bodies), len(set(bodies)), per_queue))
    state = state_before_teardown(run)
    if len(state["queues"]) != 10 or len(state["groups"]) != 30 or len(state["topics"]) != 5:
        found.append("expected 10 queues, 30 groups, 5 topics; found %d, %d, %d"
                     % (len(state["queues"]), len(state["groups"]), len(state["topics"])))
    for group in state["groups"]:
        if (group["consumed_messages"], group["available_messages"]) != (per_queue, 0):
            found.append("group %s of %s: consumed %s, available %s"
                         % (group["name"], group["queue_name"], group["consumed_messages"],
                            group["available_messages"]))
    left = task_results(run, "What is left")[0]["result"]["queues"]
    if [q["name"] for q in left if q["name"].startswith("fault-")]:
        found.append("queues left after teardown: %s" % [q["name"] for q in left])
    return found


FAULT_STATUSES = [429, 500, 503]


def fault_spec(args, lost=0.0):
    return dict(error_rate=args.error_rate, statuses=FAULT_STATUSES, latency_ms=list(args.latency_ms),
                seed=args.seed, methods=["GET", "POST", "PUT", "DELETE"], lost_response_rate=lost)


def injected_faults(emu):
    """(DMS calls, of which answered with an injected fault, of which after the emulator acted)
    in ``emu``'s request log."""
    log = ansible_run.dms_requests(emu)
    faults = [r for r in log if r["status"] in FAULT_STATUSES]
    return len(log), len(faults), sum(1 for r in faults if r["lost"])


def queues_half(args):
    """The v1 half: queues, groups, messages and a small Kafka instance."""
    if args.only:
        with tempfile.TemporaryDirectory(prefix="otc-dms-faults-") as tmp, \
                Emulator(instance_delay=0.5, max_time_wait=0.5) as emu:
            tune_clouds_yaml(emu.clouds_yaml)
            if args.only == "faulty":
                emu.set_faults(**fault_spec(args))
            run = run_scenario(emu, tmp)
            calls, injected, _ = injected_faults(emu)
        problems = problems_of(run)
        if not problems and state_before_teardown(run) != expected_state():
            problems.append("the state before teardown is not what a fault-free run builds: %s"
                            % json.dumps(state_before_teardown(run), sort_keys=True))
        if args.only == "faulty" and not injected:
            problems.append("no fault was injected")
        print("queues, %s run: %.0f s, %d DMS calls; %s" % (
            args.only, run["seconds"], calls,
            "; ".join(problems) or "0 failed tasks, no duplicates, every message consumed exactly "
            "once per group, the fault-free state"))
        return not problems
    with tempfile.TemporaryDirectory(prefix="otc-dms-faults-") as tmp, \
            Emulator(instance_delay=0.5, max_time_wait=0.5) as clean, \
            Emulator(instance_delay=0.5, max_time_wait=0.5) as faulty:
        for emu in (clean, faulty):
            tune_clouds_yaml(emu.clouds_yaml)
        faulty.set_faults(**fault_spec(args))
        os.makedirs(os.path.join(tmp, "clean"))
        os.makedirs(os.path.join(tmp, "faulty"))
        with concurrent.futures.ThreadPoolExecutor(2) as pool:
            clean_run, faulty_run = pool.map(run_scenario, (clean, faulty),
                                             (os.path.join(tmp, "clean"), os.path.join(tmp, "faulty")))
        calls, injected, _ = injected_faults(faulty)
    report = {"clean": problems_of(clean_run), "faulty": problems_of(faulty_run)}
    if not report["clean"] and not report["faulty"]:
        if state_before_teardown(clean_run) != state_before_teardown(faulty_run):
            report["faulty"].append("the state before teardown differs from the fault-free run")
        if state_before_teardown(clean_run) != expected_state():
            report["clean"].append("the fault-free run did not build the expected state")
    return report_half("queues", args, clean_run, faulty_run, calls, injected, report,
                       "every message consumed exactly once per group")


def kafka_half(args):
    """The v2 half: the role kafka_instance's whole setup, grown with an extension in flight."""
    # A restart or creation of the real cloud takes minutes; two seconds keep the retries of a
    # lost answer inside it, as they are in the cloud.
    emulators = [Emulator(instance_delay=2, max_time_wait=0.5) for _ in range(1 if args.only else 2)]
    try:
        for emu in emulators:
            emu.start()
            tune_clouds_yaml(emu.clouds_yaml)
        emulators[-1].set_faults(**fault_spec(args, lost=args.lost_rate))
        with concurrent.futures.ThreadPoolExecutor(2) as pool:
            runs = list(pool.map(kafka.run, emulators))
        calls, injected, lost = injected_faults(emulators[-1])
    finally:
        for emu in emulators:
            emu.cleanup()
    faulty_run = runs[-1]
    report = {"faulty": kafka.problems_of(faulty_run)}
    if not args.only:
        clean_run = runs[0]
        report["clean"] = kafka.problems_of(clean_run)
        if not report["clean"] and not report["faulty"] \
                and kafka.state_of(clean_run) != kafka.state_of(faulty_run):
            report["faulty"].append("the state before teardown differs from the fault-free run: %s"
                                    % json.dumps(kafka.state_of(faulty_run), sort_keys=True))
    else:
        clean_run = None
    if not lost and args.lost_rate:
        report["faulty"].append("no answer was lost")
    return report_half("kafka", args, clean_run, faulty_run, calls, injected, report,
                       "%d of the faults lost answers to writes the emulator did" % lost)


def report_half(name, args, clean_run, faulty_run, calls, injected, report, also):
    if not injected:
        report["faulty"].append("no fault was injected")
    print("%s: %sfaulty run %.0f s, %d DMS calls of which %d answered with an injected 429/500/503 "
          "(error rate %.2f, latency %s ms, seed %d)"
          % (name, "" if clean_run is None else "fault-free run %.0f s; " % clean_run["seconds"],
             faulty_run["seconds"], calls, injected, args.error_rate, args.latency_ms, args.seed))
    for side, lines in sorted(report.items()):
        for line in lines:
            print("%s, %s: %s" % (name, side, line))
    ok = not any(report.values())
    print("%s: %s" % (name, "0 failed tasks, no duplicates, %s, %s" % (
        also, "the same state as without faults" if clean_run is not None else "the expected state")
        if ok else "FAILED"))
    return ok


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--error-rate", type=float, default=0.2)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--latency-ms", type=int, nargs=2, default=[0, 300])
    parser.add_argument("--lost-rate", type=float, default=0.5,
                        help="share of the failed writes of the Kafka half whose answer is lost "
                             "after the emulator acted")
    parser.add_argument("--half", nargs="+", choices=["queues", "kafka"], default=["queues", "kafka"])
    parser.add_argument("--only", choices=["clean", "faulty"],
                        help="run one side only and check it against the expected state")
    args = parser.parse_args(argv)
    halves = {"queues": queues_half, "kafka": kafka_half}
    if args.only == "clean" and "kafka" in args.half:
        parser.error("--only clean: the Kafka half always runs its faulty side")
    results = [halves[name](args) for name in args.half]
    print("fault scenario: %s" % ("passed" if all(results) else "FAILED"))
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())

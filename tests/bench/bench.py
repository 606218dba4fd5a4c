#!/usr/bin/env python3
"""The benchmark: requests and wall time per task, against the emulator.

    python3 tests/bench/bench.py [--sizes 1 10 50] [--baseline-items 10] [--samples 5]

For N queues/groups/topics, each module runs as N loop items of one ansible-playbook task,
cold (creating) and unchanged (re-run). Printed per module and phase: requests per task from
the emulator's request log (identity, DMS reads, DMS writes) and the median wall time of a
task, beside a baseline: a module that only imports openstacksdk and opens a connection
(tests/bench/library/sdk_baseline.py). The baseline runs between the phases (its own
ansible-playbook run of min(N, --baseline-items) items), and each phase is divided by the
median of the baseline runs right before and right after it, so a machine that gets busier or
quieter during the run does not skew the ratio. Where N is below --samples, the whole scenario
runs again under new names until every phase has that many samples (N = 1: five rounds). Not
a test: it prints figures and the targets they are read against.
"""

import argparse
import json
import os
import platform
import statistics
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))

from emulator.testing import Emulator  # noqa: E402
from support import ansible_run  # noqa: E402

PLAY = """
- hosts: localhost
  gather_facts: false
  tasks:
    - name: bench
      %(module)s:
%(args)s
      loop: "{{ range(%(n)d) | list }}"
"""


def phase(emu, module, args, n):
    """Run ``module`` n times as loop items; (requests per task by kind, item seconds)."""
    body = "\n".join("        %s: %s" % (k, v) for k, v in args.items())
    emu.reset_requests()
    result = ansible_run.run_playbook(emu, PLAY % {"module": module, "args": body, "n": n},
                                      env={"ANSIBLE_LIBRARY": os.path.join(HERE, "library")})
    if result.rc != 0:
        raise SystemExit("%s failed:\n%s" % (module, result.stdout[-3000:]))
    log = emu.requests()
    identity = sum(1 for r in log if r["path"].startswith("/v3"))
    reads = sum(1 for r in log if r["path"].startswith("/v1.0") and r["method"] == "GET")
    writes = sum(1 for r in log if r["path"].startswith("/v1.0") and r["method"] != "GET")
    task = [t for t in result.data["tasks"] if t["task"] == "bench"][0]
    seconds = task["item_seconds"] or [task["seconds"] / n]
    changed = sum(1 for r in task["result"]["results"] if r.get("changed"))
    return {"identity": identity / n, "reads": reads / n, "writes": writes / n,
            "seconds": seconds, "changed": changed}


def scenario(emu, n, prefix, baseline_items):
    """[(label, figures, baseline seconds around it, target)] of one round."""
    network = emu.seed()["projects"][0]["network"]
    queue = "%s-q{{ item }}" % prefix
    rows = []
    baselines = [phase(emu, "sdk_baseline", {}, min(n, baseline_items))]

    def add(label, module, args, target):
        figures = phase(emu, module, args, n)
        baselines.append(phase(emu, "sdk_baseline", {}, min(n, baseline_items)))
        rows.append((label, figures, baselines[-2]["seconds"] + baselines[-1]["seconds"], target))

    add("dms_queue cold", "otc.dms.dms_queue", {"name": queue, "queue_mode": "fifo"}, "")
    add("dms_queue unchanged", "otc.dms.dms_queue", {"name": queue, "queue_mode": "fifo"}, "1 read, 0 writes")
    add("dms_queue_group cold", "otc.dms.dms_queue_group", {"queue": queue, "name": "readers"}, "")
    add("dms_queue_group unchanged (parent by name)", "otc.dms.dms_queue_group",
        {"queue": queue, "name": "readers"}, "2 reads, 0 writes")
    conn = emu.connect()
    queue_ids = dict((q.name, q.id) for q in conn.dms.queues())
    pairs = []
    for i in range(n):
        queue_id = queue_ids["%s-q%d" % (prefix, i)]
        pairs.append([queue_id, [g.id for g in conn.dms.groups(queue_id)][0]])
    os.environ["BENCH_IDS"] = json.dumps(pairs)
    from_ids = "(lookup('ansible.builtin.env', 'BENCH_IDS') | from_json)[item]"
    add("dms_queue_group unchanged (parent by id)", "otc.dms.dms_queue_group",
        {"queue": '"{{ %s[0] }}"' % from_ids, "name": '"{{ %s[1] }}"' % from_ids},
        "1 read, 0 writes")
    instance = "%s-kafka" % prefix
    kafka = conn.dms.create_instance(
        name=instance, engine_name="kafka", engine_version="2.7", storage=600,
        router_id=network["vpc_id"], network_id=network["subnet_id"],
        security_group_id=network["security_group_id"],
        availability_zones=[emu.seed()["availability_zones"][0]["id"]],
        product_id="00300-30308-0--0", storage_spec_code="dms.physical.storage.ultra")
    while conn.dms.get_instance(kafka.id).status != "RUNNING":
        time.sleep(0.1)
    topic = "%s-t{{ item }}" % prefix
    add("dms_instance_topic cold", "otc.dms.dms_instance_topic",
        {"instance": instance, "name": topic, "partitions": 1}, "")
    add("dms_instance_topic unchanged (parent by name)", "otc.dms.dms_instance_topic",
        {"instance": instance, "name": topic, "partitions": 1}, "2 reads, 0 writes")
    add("dms_instance_topic unchanged (parent by id)", "otc.dms.dms_instance_topic",
        {"instance": kafka.id, "name": topic, "partitions": 1}, "1 read, 0 writes")
    add("dms_instance unchanged", "otc.dms.dms_instance", {"name": instance}, "1 read, 0 writes")
    return baselines[0], rows


def merge(rounds):
    """One row per phase from the rounds' rows: requests averaged, seconds pooled."""
    merged = []
    for index, (label, _, _, target) in enumerate(rounds[0]):
        figures = [r[index][1] for r in rounds]
        pooled = dict((key, statistics.mean(f[key] for f in figures))
                      for key in ("identity", "reads", "writes"))
        pooled["median"] = statistics.median([s for f in figures for s in f["seconds"]])
        base = statistics.median([s for r in rounds for s in r[index][2]])
        merged.append((label, pooled, base, target))
    return merged


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1, 10, 50])
    parser.add_argument("--baseline-items", type=int, default=10,
                        help="loop items of each baseline run (at most N)")
    parser.add_argument("--samples", type=int, default=5,
                        help="rounds of the scenario for a small N, until each phase has this "
                             "many samples")
    args = parser.parse_args(argv)
    print("machine: %s, %s, %d CPUs, Python %s" % (platform.machine(), platform.platform(),
                                                    os.cpu_count(), platform.python_version()))
    header = "%-46s %4s %6s %9s %6s %6s %9s %9s %8s  %s" % (
        "module / phase", "N", "rounds", "identity", "reads", "writes", "median s", "base s",
        "x base", "target")
    print(header)
    print("-" * len(header))
    for n in args.sizes:
        count = max(1, -(-args.samples // n))  # ceil: samples per phase >= --samples
        with Emulator(instance_delay=0.2, max_time_wait=0.2,
                      extra_args=["--queue-quota", str(max(30, n * count))]) as emu:
            runs = [scenario(emu, n, "bench%dr%d" % (n, r), args.baseline_items)
                    for r in range(count)]
        first = runs[0][0]
        print("%-46s %4d %6d %9.2f %6.2f %6.2f %9.3f %9s %8s  %s" % (
            "baseline (openstacksdk connect)", n, count, first["identity"], first["reads"],
            first["writes"], statistics.median(first["seconds"]), "", "",
            "(its first run)"))
        for label, figures, base, target in merge([rows for _, rows in runs]):
            print("%-46s %4d %6d %9.2f %6.2f %6.2f %9.3f %9.3f %8.2f  %s" % (
                label, n, count, figures["identity"], figures["reads"], figures["writes"],
                figures["median"], base, figures["median"] / base, target))
        print()
    print("Targets: identity 1 request per task; an unchanged run 1 DMS read per level of the "
          "resource path and no write; median wall time per task <= 1.2 x the baseline runs "
          "around it; the per-task figures flat in N (cost linear in N).")
    return 0


if __name__ == "__main__":
    sys.exit(main())

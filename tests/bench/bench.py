#!/usr/bin/env python3
"""The benchmark: requests and wall time per task, against the emulator.

    PYTHONPATH=tests python3 -m bench.bench [--sizes 1 10 50] [--baseline-items 5] [--samples 2]
                                 [--unchanged-items 5] [--playbook-runs 1] [--kafka-runs 1]
                                 [--latency-profiles none cloud] [--keyring-path PATH]
                                 [--only tasks|playbooks] [--collections-path PATH]

For N queues/groups/topics, each module runs as loop items of one ansible-playbook task, cold
(creating N) and unchanged (re-run on min(N, --unchanged-items) of them, in a project holding all
N: the figures per task do not depend on how many items ask). Printed per module and phase:
requests per task from the emulator's request log (identity, DMS reads, DMS writes) and the
median wall time of a task, beside a baseline: a module that only imports openstacksdk and
opens a connection (tests/bench/library/sdk_baseline.py). The baseline runs between the phases
(min(N, --baseline-items) items: before the first phase in a run of its own, then as a second
task in each phase's ansible-playbook run, so it builds its payload as a run of its own would;
the request log is split between the two tasks by time), and each phase is divided by the
median of the baselines right before and right after it, so a machine that gets busier or
quieter during the run does not skew the ratio. Where N is below --samples, the whole scenario
runs again under new names until every phase has that many samples (N = 1: two rounds).

The realistic Kafka declaration (an instance, 20 topics, 10 users with permissions, 5 groups,
5 parameters) runs through the role kafka_instance and as one task per resource, cold and
unchanged, without latency and under the emulator's latency profile of the real cloud
(--latency-profiles none cloud): totals of requests by kind and wall time per run. With
--keyring-path (a directory holding tests/bench/requirements-keyring.txt, as `make bench`
installs it), the role's runs under the cloud profile again with openstacksdk's auth cache on
(`cache: {auth: true}`, a file keyring), and what that saves.

Then the realistic playbooks, whole ``ansible-playbook`` runs as a user starts them: the demo
(docs/examples/demo.yml) and 30 tasks over five modules (tests/bench/playbooks/thirty_tasks.yml),
the latter cold and then again (unchanged, but for the messages). Printed: the wall time of the
run (median of --playbook-runs runs, each on fresh names) and per task, and the requests per
task. --collections-path runs them against another copy of the collection (to compare two
versions). Not a test: it prints figures and the targets they are read against.

The defaults keep `make bench` within 10 minutes on 2 cores: the request counts are exact in
one run, and on a quiet machine the wall times move by a few per cent between runs (at N = 1
the medians of five rounds and of three were within 2 % of each other); raise --samples,
--playbook-runs or --kafka-runs for tighter medians, or where the machine is shared.
"""

import argparse
import json
import os
import platform
import statistics
import sys
import tempfile
import time

from emulator.testing import Emulator
from support import ansible_run, role_vars

HERE = os.path.dirname(os.path.abspath(__file__))

PLAY = """
- hosts: localhost
  gather_facts: false
  tasks:
    - name: bench
      %(module)s:
%(args)s
      loop: "{{ range(%(n)d) | list }}"
"""

# The baseline after a phase, in the same ansible-playbook run: a task of its own, so it builds
# its module's payload in its first item, as a run of its own would.
BASELINE = """
    - name: baseline
      sdk_baseline: {}
      loop: "{{ range(%d) | list }}"
"""


def request_counts(entries):
    """Requests by kind among request log ``entries``: identity, DMS reads, DMS writes."""
    dms = [r for r in entries if r["path"].startswith(ansible_run.DMS_PATHS)]
    return {"identity": sum(1 for r in entries if r["path"].startswith("/v3")),
            "reads": sum(1 for r in dms if r["method"] == "GET"),
            "writes": sum(1 for r in dms if r["method"] != "GET")}


def phase(emu, module, args, n, baseline=0):
    """Run ``module`` n times as loop items, then (with ``baseline``) that many items of the
    baseline: (figures of the module, figures of the baseline or None); figures are requests
    per item by kind and the item seconds."""
    body = "\n".join("        %s: %s" % (k, v) for k, v in args.items())
    text = PLAY % {"module": module, "args": body, "n": n} + (BASELINE % baseline if baseline else "")
    emu.reset_requests()
    result = ansible_run.run_playbook(emu, text, env={"ANSIBLE_LIBRARY": os.path.join(HERE, "library")})
    if result.rc != 0:
        raise SystemExit("%s failed:\n%s" % (module, result.stdout[-3000:]))
    log = emu.requests()
    figures = []
    for name, items in (("bench", n), ("baseline", baseline)):
        if not items:
            figures.append(None)
            continue
        task = [t for t in result.data["tasks"] if t["task"] == name][0]
        counts = request_counts([r for r in log
                                 if task["started_at"] <= r["at"] <= task["ended_at"]])
        per_item = dict((kind, count / items) for kind, count in counts.items())
        per_item["seconds"] = task["item_seconds"] or [task["seconds"] / items]
        per_item["changed"] = sum(1 for r in task["result"]["results"] if r.get("changed"))
        figures.append(per_item)
    return figures[0], figures[1]


def scenario(emu, n, prefix, baseline_items, unchanged_items):
    """[(label, figures, baseline seconds around it, target)] of one round. Cold phases run N
    items (they make the N resources); the others min(N, ``unchanged_items``) of them, in a
    project that holds all N."""
    network = emu.seed()["projects"][0]["network"]
    queue = "%s-q{{ item }}" % prefix
    rows = []
    base_items = min(n, baseline_items)
    baselines = [phase(emu, "sdk_baseline", {}, base_items)[0]]

    def add(label, module, args, target):
        items = n if label.endswith(" cold") else min(n, unchanged_items)
        figures, after = phase(emu, module, args, items, base_items)
        baselines.append(after)
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
    # v2 reads the instance by id too: its status and broker count bound what a topic may be.
    add("dms_instance_topic unchanged (parent by id)", "otc.dms.dms_instance_topic",
        {"instance": kafka.id, "name": topic, "partitions": 1}, "2 reads, 0 writes")
    add("dms_instance unchanged", "otc.dms.dms_instance", {"name": instance}, "1 read, 0 writes")
    return baselines[0], rows


PLAYBOOKS = os.path.join(HERE, "playbooks")
DEMO = os.path.join(os.path.dirname(os.path.dirname(HERE)), "docs", "examples", "demo.yml")


def run_file(emu, path, extra_vars, collections_path=None):
    """One ansible-playbook run of ``path``: (wall seconds, tasks run, requests by kind)."""
    with open(path) as handle:
        text = handle.read()
    env = {}
    if collections_path:
        env["ANSIBLE_COLLECTIONS_PATH"] = collections_path
    env.update(extra_vars)
    return run_text(emu, text, env, extra_args=[
        "-e", json.dumps(dict((k.lower(), v) for k, v in extra_vars.items()))])


def playbooks(runs, collections_path=None):
    """The realistic playbooks: [(label, wall seconds median, tasks, requests by kind)]."""
    rows = []
    with Emulator(instance_delay=0.2, max_time_wait=0.2,
                  extra_args=["--queue-quota", str(10 * runs + 10)]) as emu:
        network = emu.seed()["projects"][0]["network"]
        demo_vars = {"OTC_DMS_VPC_ID": network["vpc_id"], "OTC_DMS_SUBNET_ID": network["subnet_id"],
                     "OTC_DMS_SECURITY_GROUP_ID": network["security_group_id"]}
        samples = {"demo": [], "thirty cold": [], "thirty again": []}
        counted = {}
        conn = emu.connect()
        for number in range(runs):
            seconds, tasks, counts = run_file(emu, DEMO, demo_vars, collections_path)
            samples["demo"].append(seconds)
            counted["demo"] = (tasks, counts)
            kafka = conn.dms.create_instance(
                name="bench-kafka-%d" % number, engine_name="kafka", engine_version="2.7",
                storage=600, router_id=network["vpc_id"], network_id=network["subnet_id"],
                security_group_id=network["security_group_id"],
                availability_zones=[emu.seed()["availability_zones"][0]["id"]],
                product_id="00300-30308-0--0", storage_spec_code="dms.physical.storage.ultra")
            while conn.dms.get_instance(kafka.id).status != "RUNNING":
                time.sleep(0.1)
            thirty = {"PREFIX": "bench%d" % number, "KAFKA": kafka.id}
            for phase_name in ("thirty cold", "thirty again"):
                seconds, tasks, counts = run_file(emu, os.path.join(PLAYBOOKS, "thirty_tasks.yml"),
                                                  thirty, collections_path)
                samples[phase_name].append(seconds)
                counted[phase_name] = (tasks, counts)
            for queue in conn.dms.queues():
                conn.dms.delete_queue(queue.id)
            conn.dms.delete_instance(kafka.id)
    for label, values in samples.items():
        tasks, counts = counted[label]
        rows.append((label, statistics.median(values), min(values), max(values), tasks, counts))
    return rows


# The realistic Kafka declaration (support.role_vars.kafka_realistic_vars) through the role.
def role_play(declaration):
    return json.dumps([{"hosts": "localhost", "gather_facts": False, "tasks": [
        {"name": "kafka_instance", "ansible.builtin.include_role": {"name": "otc.dms.kafka_instance"},
         "vars": declaration}]}])


def per_resource_play(d):
    """The same declaration as one task per resource, as a playbook without the role would be."""
    instance = d["kafka_instance_name"]
    tasks = [{"otc.dms.dms_instance": {
        "name": instance, "engine_version": "3.x", "flavor": d["kafka_instance_flavor"],
        "storage_space": d["kafka_instance_storage_space"],
        "storage_spec_code": "dms.physical.storage.ultra.v2",
        "availability_zones": d["kafka_instance_availability_zones"],
        "vpc_id": d["kafka_instance_vpc_id"], "subnet_id": d["kafka_instance_subnet_id"],
        "security_group_id": d["kafka_instance_security_group_id"], "ssl_enable": True,
        "access_user": d["kafka_instance_ssl_user"], "password": d["kafka_instance_ssl_password"]}}]
    tasks += [{"otc.dms.dms_instance_config": {"instance": instance, "parameters": {k: v}}}
              for k, v in sorted(d["kafka_instance_parameters"].items())]
    tasks += [{"otc.dms.dms_instance_topic": dict(t, instance=instance)}
              for t in d["kafka_instance_topics"]]
    tasks += [{"otc.dms.dms_instance_user": dict(u, instance=instance)}
              for u in d["kafka_instance_users"]]
    tasks += [{"otc.dms.dms_instance_topic_permission": dict(p, instance=instance)}
              for p in d["kafka_instance_permissions"]]
    tasks += [{"otc.dms.dms_instance_consumer_group": dict(g, instance=instance)}
              for g in d["kafka_instance_consumer_groups"]]
    for index, task in enumerate(tasks):
        task["name"] = "resource %d" % index
    return json.dumps([{"hosts": "localhost", "gather_facts": False, "tasks": tasks}])


def run_text(emu, text, env, extra_args=()):
    """One ansible-playbook run of ``text``: (wall seconds, tasks run, requests by kind)."""
    emu.reset_requests()
    started = time.monotonic()
    result = ansible_run.run_playbook(emu, text, env=env, extra_args=list(extra_args))
    seconds = time.monotonic() - started
    if result.rc != 0:
        raise SystemExit("the playbook failed:\n%s" % result.stdout[-3000:])
    tasks = [t for t in result.data["tasks"] if t["status"] != "skipped"]
    return seconds, len(tasks), request_counts(emu.requests())


def kafka_setup(runs, collections_path=None, latency="none", keyring_path=None):
    """The realistic Kafka declaration through the role and as one task per resource, cold and
    unchanged, under the emulator's latency profile ``latency``: [(label, median s, min s,
    max s, tasks, requests by kind)]. With ``keyring_path`` (a directory holding keyring and
    keyrings.alt), the role alone, with openstacksdk's auth cache on (``cache: {auth: true}``
    in clouds.yaml, a file keyring)."""
    from support.collection import collections_root

    env = {"ANSIBLE_COLLECTIONS_PATH": collections_path} if collections_path else {}
    ways = (("role", role_play), ("one task per resource", per_resource_play))
    suffix = ""
    samples, counted = {}, {}
    with Emulator(instance_delay=0.2, max_time_wait=0.2,
                  extra_args=["--latency-profile", latency]) as emu, \
            tempfile.TemporaryDirectory(prefix="otc-dms-keyring-") as home:
        network = emu.seed()["projects"][0]["network"]
        zone = emu.seed()["availability_zones"][0]["code"]
        if keyring_path:
            ways, suffix = ways[:1], ", auth cache"
            clouds = os.path.join(home, "clouds.yaml")
            with open(emu.clouds_yaml) as source, open(clouds, "w") as target:
                target.write("cache:\n  auth: true\n" + source.read())
            env.update({"OS_CLIENT_CONFIG_FILE": clouds,
                        "PYTHONPATH": os.pathsep.join([collections_root(), keyring_path]),
                        "PYTHON_KEYRING_BACKEND": "keyrings.alt.file.PlaintextKeyring",
                        "XDG_DATA_HOME": home})
        for number in range(runs):
            for way, make in ways:
                name = "bench-%s-%d" % (way.split()[0], number)
                declaration = role_vars.kafka_realistic_vars(name, network, zone)
                for state in ("cold", "unchanged"):
                    label = "kafka setup, %s, %s, latency %s%s" % (way, state, latency, suffix)
                    seconds, tasks, counts = run_text(emu, make(declaration), env)
                    samples.setdefault(label, []).append(seconds)
                    counted[label] = (tasks, counts)
    return [(label, statistics.median(values), min(values), max(values)) + counted[label]
            for label, values in samples.items()]


def print_playbooks(rows, runs):
    header = "%-72s %5s %9s %9s %9s %10s %9s %6s %6s" % (
        "playbook", "runs", "median s", "min s", "max s", "s / task", "identity", "reads",
        "writes")
    print(header)
    print("-" * len(header))
    for label, median, low, high, tasks, counts in rows:
        print("%-72s %5d %9.2f %9.2f %9.2f %10.3f %9.2f %6.2f %6.2f" % (
            "%s (%d tasks)" % (label, tasks), runs, median, low, high, median / tasks,
            counts["identity"] / tasks, counts["reads"] / tasks, counts["writes"] / tasks))
    print()


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
    parser.add_argument("--baseline-items", type=int, default=5,
                        help="loop items of each baseline run (at most N)")
    parser.add_argument("--samples", type=int, default=2,
                        help="rounds of the scenario for a small N, until each phase has this "
                             "many samples")
    parser.add_argument("--unchanged-items", type=int, default=5,
                        help="loop items of each phase that is not cold (at most N)")
    parser.add_argument("--playbook-runs", type=int, default=1,
                        help="runs of each realistic playbook (the median is printed)")
    parser.add_argument("--kafka-runs", type=int, default=1,
                        help="runs of the realistic Kafka declaration, each way")
    parser.add_argument("--latency-profiles", nargs="+", default=["none", "cloud"],
                        choices=["none", "cloud"],
                        help="the emulator's latency profiles the Kafka declaration runs under "
                             "(cloud: identity 300 ms, DMS 60 ms a request)")
    parser.add_argument("--keyring-path", metavar="PATH",
                        help="a directory with keyring and keyrings.alt (tests/bench/"
                             "requirements-keyring.txt): also run the role's Kafka declaration "
                             "under the cloud profile with openstacksdk's auth cache on")
    parser.add_argument("--only", choices=["tasks", "playbooks"],
                        help="only the per-task table or only the realistic playbooks")
    parser.add_argument("--collections-path", metavar="PATH",
                        help="run the realistic playbooks against this ANSIBLE_COLLECTIONS_PATH")
    args = parser.parse_args(argv)
    print("machine: %s, %s, %d CPUs, Python %s" % (platform.machine(), platform.platform(),
                                                    os.cpu_count(), platform.python_version()))
    if args.only != "tasks":
        print_playbooks(playbooks(args.playbook_runs, args.collections_path), args.playbook_runs)
        rows = [row for latency in args.latency_profiles
                for row in kafka_setup(args.kafka_runs, args.collections_path, latency)]
        print_playbooks(rows, args.kafka_runs)
        cached = []
        if args.keyring_path and "cloud" in args.latency_profiles:
            cached = kafka_setup(args.kafka_runs, args.collections_path, "cloud", args.keyring_path)
            print_playbooks(cached, args.kafka_runs)
        print("Kafka setup: totals per run (requests, wall s)")
        for label, median, _low, _high, tasks, counts in rows + cached:
            print("  %-62s %4d tasks %5d identity %5d reads %5d writes %8.2f s" % (
                label, tasks, counts["identity"], counts["reads"], counts["writes"], median))
        plain = dict((label, (median, counts)) for label, median, _, _, _, counts in rows)
        for label, median, _, _, _, counts in cached:
            seconds, before = plain.get(label.replace(", auth cache", ""), (None, None))
            if before is not None:
                print("  the auth cache saves %s: %d identity requests, %.1f s"
                      % (label.split(", ")[2], before["identity"] - counts["identity"],
                         seconds - median))
        print("Targets: an unchanged run makes no write; set mode costs one task per kind, not "
              "per resource.")
        print()
    if args.only == "playbooks":
        return 0
    header = "%-46s %4s %6s %9s %6s %6s %9s %9s %8s  %s" % (
        "module / phase", "N", "rounds", "identity", "reads", "writes", "median s", "base s",
        "x base", "target")
    print(header)
    print("-" * len(header))
    for n in args.sizes:
        count = max(1, -(-args.samples // n))  # ceil: samples per phase >= --samples
        with Emulator(instance_delay=0.2, max_time_wait=0.2,
                      extra_args=["--queue-quota", str(max(30, n * count))]) as emu:
            runs = [scenario(emu, n, "bench%dr%d" % (n, r), args.baseline_items,
                              args.unchanged_items)
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

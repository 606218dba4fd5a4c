"""The v2 half of the fault scenario: a whole Kafka setup through the role kafka_instance.

One playbook, in phases: the realistic declaration (an instance, 20 topics, 10 users, their
permissions, 5 consumer groups, 5 parameters, one of them static) is converged, then again
unchanged; then an extension is left in flight (dms_instance with wait: false grows the storage)
while the role converges a grown declaration: more brokers, a changed static parameter and a
restart allowed; then that again unchanged; then the state is read and the instance torn down.

``run(emu)`` runs it against one emulator; ``problems_of(run)`` says what is wrong with
that run; ``state_of(run)`` is the state before teardown without ids and times, for comparing a
faulty run with a fault-free one.
"""

import json
import time

from support import ansible_run, role_vars

INSTANCE = "fault-kafka"
# The grown declaration: two brokers more at the storage per broker of the extension in flight
# (600 GB for 3, so 1000 GB for 5), the static parameter changed and one more static parameter,
# a restart allowed.
GROWN = {"kafka_instance_storage_space": 1000, "kafka_instance_broker_num": 5,
         "kafka_instance_restart": True}
GROWN_PARAMETERS = {"log.retention.hours": 120, "connections.max.idle.ms": 300000}


def declarations(network, zone):
    base = role_vars.kafka_realistic_vars(INSTANCE, network, zone)
    grown = role_vars.kafka_realistic_vars(INSTANCE, network, zone, **GROWN)
    grown["kafka_instance_parameters"].update(GROWN_PARAMETERS)
    return base, grown


def role_task(name, declaration):
    return {"name": name, "ansible.builtin.include_role": {"name": "otc.dms.kafka_instance"},
            "vars": declaration}


def summary_task(name):
    return {"name": name, "ansible.builtin.debug": {"var": "kafka_instance_summary"}}


def playbook(base, grown):
    instance = {"name": INSTANCE}
    net = {k: base["kafka_instance_" + k] for k in ("vpc_id", "subnet_id", "security_group_id")}
    tasks = [
        role_task("Converge the whole setup", base),
        summary_task("Summary: created"),
        role_task("Converge it again", base),
        summary_task("Summary: unchanged"),
        # An extension in flight: the storage grows, nobody waits (as a job that timed out).
        {"name": "Grow the storage without waiting",
         "otc.dms.dms_instance": dict(
             instance, flavor=base["kafka_instance_flavor"], storage_space=600, wait=False,
             availability_zones=base["kafka_instance_availability_zones"],
             storage_spec_code="dms.physical.storage.ultra.v2", engine_version="3.x",
             ssl_enable=True, access_user=base["kafka_instance_ssl_user"],
             password=base["kafka_instance_ssl_password"], **net),
         "no_log": True},
        role_task("Converge the grown setup while the extension runs", grown),
        summary_task("Summary: grown"),
        role_task("Converge the grown setup again", grown),
        summary_task("Summary: grown, unchanged"),
        {"name": "The instances before teardown", "otc.dms.dms_instance_info": {}},
        {"name": "The topics before teardown", "otc.dms.dms_instance_topic_info": {"instance": INSTANCE}},
        {"name": "The users before teardown", "otc.dms.dms_instance_user_info": {"instance": INSTANCE}},
        {"name": "The groups before teardown",
         "otc.dms.dms_instance_consumer_group_info": {"instance": INSTANCE}},
        {"name": "The permissions before teardown",
         "otc.dms.dms_instance_topic_permission": {"instance": INSTANCE,
                                                  "topics": grown["kafka_instance_permissions"]},
         "check_mode": True},
        {"name": "The parameters before teardown",
         "otc.dms.dms_instance_config": {"instance": INSTANCE,
                                         "parameters": grown["kafka_instance_parameters"]},
         "check_mode": True},
        {"name": "Tear down the instance",
         "otc.dms.dms_instance": dict(instance, state="absent")},
        {"name": "The instances after teardown", "otc.dms.dms_instance_info": {}},
    ]
    return json.dumps([{"name": "A whole Kafka setup under faults", "hosts": "localhost",
                        "gather_facts": False, "tasks": tasks}])


def run(emu):
    """The playbook against ``emu``: rc, stdout, task results and wall seconds."""
    seed = emu.seed()
    network = seed["projects"][0]["network"]
    zone = seed["availability_zones"][0]["code"]
    base, grown = declarations(network, zone)
    started = time.monotonic()
    result = ansible_run.run_playbook(emu, playbook(base, grown), timeout=3000)
    return {"rc": result.rc, "stdout": result.stdout, "data": result.data or {},
            "results": result.results(), "seconds": time.monotonic() - started,
            "declarations": (base, grown)}


def task(run, name):
    return run["results"].get(name, {})


# What differs between two emulators: the ids and creation times of topics and users.
VOLATILE = ("instance_id", "created")


def _strip(entries):
    return [{k: v for k, v in e.items() if k not in VOLATILE} for e in entries]


def state_of(run):
    """What the setup looked like before teardown, without what differs between emulators."""
    instances = [i for i in task(run, "The instances before teardown").get("instances", [])
                 if i["name"] == INSTANCE]
    keep = ("name", "status", "flavor", "broker_num", "storage_space", "engine_version",
            "ssl_enable", "access_user", "sasl_mechanisms", "partition_num")
    return {
        "instances": [{k: i.get(k) for k in keep} for i in instances],
        "topics": sorted(_strip(task(run, "The topics before teardown").get("topics", [])),
                         key=lambda t: t["name"]),
        "users": sorted(_strip(task(run, "The users before teardown").get("users", [])),
                        key=lambda u: u["name"]),
        "groups": sorted((g["name"], g.get("description"))
                         for g in task(run, "The groups before teardown").get("groups", [])),
        "permissions": sorted(
            (t["topic"], sorted((p["user"], p["access"]) for p in t["permissions"]))
            for t in task(run, "The permissions before teardown").get("topics", [])),
        "parameters": sorted((p["name"], p["value"])
                             for p in task(run, "The parameters before teardown").get("parameters", [])),
        "pending": task(run, "The parameters before teardown").get("pending"),
    }


def _summary(run, name):
    return task(run, name).get("kafka_instance_summary", {})


def problems_of(run):
    """Everything wrong with one run, as readable lines."""
    stats = run["data"].get("stats", {})
    failures = sum(s.get("failures", 0) + s.get("unreachable", 0) for s in stats.values())
    if run["rc"] != 0 or failures or not stats:
        return ["playbook rc %s with %d failed tasks: %s" % (run["rc"], failures, run["stdout"][-3000:])]
    base, grown = run["declarations"]
    found = []
    created, grown_summary = _summary(run, "Summary: created"), _summary(run, "Summary: grown")
    if sorted(created.get("topics_created", [])) != sorted(t["name"] for t in base["kafka_instance_topics"]):
        found.append("the first run did not report every topic as created: %s" % created)
    if not grown_summary.get("restarted") or grown_summary.get("restart_pending"):
        found.append("the grown run did not restart for its static parameters: %s" % grown_summary)
    for name in ("Summary: unchanged", "Summary: grown, unchanged"):
        if _summary(run, name).get("changed") is not False:
            found.append("%s: the run changed something: %s" % (name, _summary(run, name)))
    state = state_of(run)
    if len(state["instances"]) != 1:
        found.append("expected one instance named %s, found %d" % (INSTANCE, len(state["instances"])))
    else:
        instance = state["instances"][0]
        if (instance["status"], instance["broker_num"], instance["storage_space"]) != ("RUNNING", 5, 1000):
            found.append("the instance is not the grown one: %s" % instance)
    wanted = {
        "topics": sorted(t["name"] for t in grown["kafka_instance_topics"]),
        "users": sorted([u["name"] for u in grown["kafka_instance_users"]]
                        + [grown["kafka_instance_ssl_user"]]),
        "groups": sorted(g["name"] for g in grown["kafka_instance_consumer_groups"]),
    }
    for kind, names in wanted.items():
        have = sorted(e["name"] if isinstance(e, dict) else e[0] for e in state[kind])
        if have != names:
            found.append("%s: expected each of %s once, found %s" % (kind, names, have))
    parameters = dict(state["parameters"])
    for name, value in grown["kafka_instance_parameters"].items():
        text = str(value).lower() if isinstance(value, bool) else str(value)
        if parameters.get(name) != text:
            found.append("parameter %s is %r, expected %r" % (name, parameters.get(name), text))
    if state["pending"]:
        found.append("static parameters still wait for a restart: %s" % state["pending"])
    left = [i["name"] for i in task(run, "The instances after teardown").get("instances", [])]
    if INSTANCE in left:
        found.append("the instance is left after teardown")
    return found

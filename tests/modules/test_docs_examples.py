"""Every module's EXAMPLES runs against the emulator, so no example rots.

One play per module: a setup that makes what the examples take for granted (a queue named
``orders``, a Kafka instance named ``kafka-1``, ...), then the examples themselves, unchanged
except that ``cloud: prod`` is dropped (``OS_CLOUD`` points at the emulator), then a cleanup that
runs whatever happened (``always``). Placeholders such as ``{{ vpc_id }}`` are play variables
filled from the emulator's seed. All plays run in one ``ansible-playbook`` run on an emulator of
their own (some examples converge the whole project; each play cleans up before the next), once
per test session and shared by the xdist workers; a marker task starts each play, so each
module's test reads its own part. A failure is rescued, so the next play still runs, and it
shows in the example's recorded status.

A module without a plan here still runs: its examples in the order written, with no setup. A
plan names every example (so a renamed or added example fails loudly until the plan says where
it runs). An example that cannot run against the emulator goes into ``NOT_RUN`` with the reason.

A second test reads the YAML snippets of the guides in ``docs/`` and checks every ``otc.dms``
task in them against the options the module documents.
"""

import ast
import fcntl
import glob
import json
import os
import re

import pytest
import yaml

from emulator.testing import Emulator
from support.ansible_run import run_playbook
from support.collection import REPO, module_names

MODULES_DIR = os.path.join(REPO, "plugins", "modules")
DOCS_DIR = os.path.join(REPO, "docs")
KAFKA_PASSWORD = "Kafka-Secret-2026"

# (module, example name) -> why it cannot run against the emulator. Keep this empty if you can.
NOT_RUN = {}


# -- reading the modules ---------------------------------------------------------------------

def module_docs(module):
    """DOCUMENTATION and EXAMPLES of a module, parsed, without importing it."""
    with open(os.path.join(MODULES_DIR, module + ".py"), encoding="utf-8") as handle:
        tree = ast.parse(handle.read())
    found = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1 \
                and isinstance(node.targets[0], ast.Name) \
                and node.targets[0].id in ("DOCUMENTATION", "EXAMPLES"):
            found[node.targets[0].id] = yaml.safe_load(node.value.value)
    return found.get("DOCUMENTATION") or {}, found.get("EXAMPLES") or []


def fragment_options():
    """The connection options every module has (plugins/doc_fragments/dms.py)."""
    path = os.path.join(REPO, "plugins", "doc_fragments", "dms.py")
    with open(path, encoding="utf-8") as handle:
        tree = ast.parse(handle.read())
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name) \
                and node.targets[0].id == "DOCUMENTATION":
            return yaml.safe_load(node.value.value)["options"]
    return {}


def option_names(options):
    """Every name (and alias) of a documented option dict."""
    names = set()
    for name, spec in (options or {}).items():
        names.add(name)
        names.update(spec.get("aliases") or [])
    return names


def module_action(task):
    """(module short name, args) of a task that calls one of our modules, else (None, None)."""
    for key, value in task.items():
        if key.startswith("otc.dms."):
            return key[len("otc.dms."):], value
    return None, None


def prepare(task):
    """The example task as the test runs it: ``cloud: prod`` dropped, nothing else touched."""
    task = dict(task)
    module, args = module_action(task)
    if module is not None and isinstance(args, dict) and "cloud" in args:
        assert args["cloud"] == "prod", "examples name the cloud 'prod', got %r" % args["cloud"]
        task["otc.dms." + module] = dict((k, v) for k, v in args.items() if k != "cloud")
    return task


# -- plans -----------------------------------------------------------------------------------

def queue(name, **settings):
    args = dict(name=name)
    args.update(settings)
    return {"name": "setup: queue %s" % name, "otc.dms.dms_queue": args}


def queue_gone(name):
    return {"name": "cleanup: queue %s" % name,
            "otc.dms.dms_queue": {"name": name, "state": "absent", "force": True}}


def group(queue_name, name):
    return {"name": "setup: group %s of %s" % (name, queue_name),
            "otc.dms.dms_queue_group": {"queue": queue_name, "name": name}}


def message(queue_name, body):
    return {"name": "setup: a message in %s" % queue_name, "otc.dms.dms_message": {
        "action": "send", "queue": queue_name, "messages": [{"body": body}]}}


def kafka(name, sasl=False):
    args = {"name": name, "engine_version": "3.x", "flavor": "c6.2u4g.cluster", "broker_num": 3,
            "storage_space": 300, "storage_spec_code": "dms.physical.storage.ultra.v2",
            "availability_zones": ["eu-de-01"],
            "vpc_id": "{{ vpc_id }}", "subnet_id": "{{ subnet_id }}",
            "security_group_id": "{{ security_group_id }}"}
    if sasl:
        args.update(ssl_enable=True, access_user="root", password="{{ vault_kafka_password }}")
    return {"name": "setup: Kafka instance %s" % name, "otc.dms.dms_instance": args}


def topics_of(instance, *names):
    return {"name": "setup: topics", "otc.dms.dms_instance_topic": {
        "instance": instance, "topics": [{"name": n} for n in names]}}


def users_of(instance, *names):
    return {"name": "setup: users", "otc.dms.dms_instance_user": {
        "instance": instance, "users": [{"name": n, "password": "{{ vault_billing_password }}"}
                                        for n in names]}}


def kafka_gone(name):
    return {"name": "cleanup: Kafka instance %s" % name,
            "otc.dms.dms_instance": {"name": name, "state": "absent"}}


ORDERS_FIFO = dict(queue_mode="fifo", dead_letter=True, max_consume_count=3)

# module -> plan. order: example names in the order they run (every example exactly once,
# those that delete last). may_skip: examples whose `when` may skip them. changed: example ->
# expected `changed`.
PLANS = {
    "dms_queue": dict(
        cleanup=[queue_gone("orders"), queue_gone("clicks")],
        changed={
            "A FIFO queue whose messages move to dead letters after 3 failed consumptions": True,
            "A Kafka queue that keeps messages one day": True,
            # The two queues the examples above made, and no other in the fresh project.
            "Exactly these queues in the project, and no others": False,
            "Delete a queue, even with messages still waiting in it": True,
        },
    ),
    "dms_queue_info": dict(
        setup=[queue("orders", **ORDERS_FIFO), message("orders", "order 1")],
        cleanup=[queue_gone("orders")],
    ),
    "dms_queue_group": dict(
        setup=[queue("orders", **ORDERS_FIFO), group("orders", "legacy-reader")],
        cleanup=[queue_gone("orders")],
        order=["A consumer group for the billing service",
               "Drop a group with its progress and dead letters",
               "Exactly these groups on the queue, and no others"],
        changed={"A consumer group for the billing service": True,
                 "Drop a group with its progress and dead letters": True,
                 "Exactly these groups on the queue, and no others": True},
    ),
    "dms_queue_group_info": dict(
        # One dead letter in group billing, so the loop has something to warn about.
        setup=[queue("orders", queue_mode="fifo", dead_letter=True, max_consume_count=1),
               group("orders", "billing"),
               message("orders", "order 1"),
               {"name": "setup: consume it", "register": "setup_batch", "otc.dms.dms_message": {
                   "action": "consume", "queue": "orders", "group": "billing", "time_wait": 1}},
               {"name": "setup: fail it once (a dead letter now)", "otc.dms.dms_message": {
                   "action": "ack", "queue": "orders", "group": "billing", "status": "fail",
                   "handlers": "{{ setup_batch.messages | map(attribute='handler') | list }}"}}],
        cleanup=[queue_gone("orders")],
    ),
    "dms_message": dict(
        setup=[queue("orders", **ORDERS_FIFO), group("orders", "billing")],
        # "Confirm them" and "Or, instead of confirming, hand them back" are alternatives:
        # hand back first, consume again, confirm.
        order=["Send three messages (bodies may be strings or any JSON value)",
               "Take up to five messages for the billing group",
               "Or, instead of confirming, hand them back (they are delivered again)",
               "Take up to five messages for the billing group",
               "Confirm them once they are processed",
               "Read and confirm dead letters in one task"],
        cleanup=[queue_gone("orders")],
        changed={"Send three messages (bodies may be strings or any JSON value)": True,
                 "Confirm them once they are processed": True},
    ),
    "dms_instance": dict(
        cleanup=[kafka_gone("kafka-orders"), kafka_gone("kafka-test")],
        changed={
            "A three-broker Kafka 3.x cluster with SASL, waited for until it runs": True,
            "Grow it to six brokers and 1200 GB (two extensions, one after the other)": True,
            "Move it to the next flavour": True,
            "Change the description, the retention policy and one tag, keeping the other tags": True,
            "Turn automatic topic creation on": True,
            "Rotate the initial user's password": True,
            "A single-node instance for a test environment": True,
            "Restart it and wait until it runs again": True,
            "Delete it and wait until it is gone": True,
        },
    ),
    "dms_instance_info": dict(
        setup=[kafka("kafka-orders")],
        cleanup=[kafka_gone("kafka-orders")],
    ),
    "dms_instance_topic": dict(
        setup=[kafka("kafka-1")],
        cleanup=[kafka_gone("kafka-1")],
        changed={"A topic with 6 partitions that keeps messages one day": True,
                 "Exactly these topics on the instance, and no others": True},
    ),
    "dms_instance_topic_info": dict(
        setup=[kafka("kafka-1"),
               {"name": "setup: a topic", "otc.dms.dms_instance_topic": {
                   "instance": "kafka-1", "name": "clicks", "partitions": 6}}],
        cleanup=[kafka_gone("kafka-1")],
        may_skip={"Warn when few partitions remain"},
    ),
    "dms_instance_config": dict(
        setup=[kafka("kafka-1")],
        cleanup=[kafka_gone("kafka-1")],
        changed={"Allow messages of up to 5 MiB (dynamic, at once)": True,
                 "Keep messages of auto-created topics a week, restarting for it": True,
                 "What is pending": False},
    ),
    "dms_instance_consumer_group": dict(
        setup=[kafka("kafka-1")],
        cleanup=[kafka_gone("kafka-1")],
        changed={"A consumer group for the billing service": True,
                 "Exactly these groups on the instance, and no others": True,
                 "Delete a group (its consumers are stopped) and its offsets": True},
    ),
    "dms_instance_consumer_group_offset": dict(
        setup=[kafka("kafka-1"), topics_of("kafka-1", "orders"),
               {"name": "setup: a group", "otc.dms.dms_instance_consumer_group": {
                   "instance": "kafka-1", "name": "billing"}}],
        cleanup=[kafka_gone("kafka-1")],
        changed={"Consume orders again from the start, after a bad deploy (consumers stopped)":
                 True},
    ),
    "dms_instance_consumer_group_info": dict(
        setup=[kafka("kafka-1"), {"name": "setup: a group",
                                  "otc.dms.dms_instance_consumer_group": {
                                      "instance": "kafka-1", "name": "billing"}}],
        cleanup=[kafka_gone("kafka-1")],
    ),
    "dms_instance_task_info": dict(
        setup=[kafka("kafka-1")],
        cleanup=[kafka_gone("kafka-1")],
    ),
    "dms_instance_user": dict(
        setup=[kafka("kafka-1", sasl=True)],
        cleanup=[kafka_gone("kafka-1")],
        changed={"A user for the billing service": True, "Rotate its password": True,
                 "Exactly these users (and the initial user), no others": True,
                 "Delete a user and its topic permissions": True},
    ),
    "dms_instance_user_info": dict(
        setup=[kafka("kafka-1", sasl=True), users_of("kafka-1", "billing")],
        cleanup=[kafka_gone("kafka-1")],
    ),
    "dms_instance_topic_permission": dict(
        setup=[kafka("kafka-1", sasl=True), topics_of("kafka-1", "orders", "audit.events"),
               users_of("kafka-1", "billing", "reporting")],
        cleanup=[kafka_gone("kafka-1")],
        changed={"Billing may publish to orders; reporting may read it; other users keep "
                 "their access": True,
                 "Exactly these permissions on two topics, in one request": True,
                 "Reporting may no longer use orders": False},
    ),
    "dms_maintenance_window_info": dict(
        setup=[kafka("kafka-orders")],
        cleanup=[kafka_gone("kafka-orders")],
        changed={"Use the last slot of the day": True},
    ),
}


def build_playbook(module, examples, plan, network):
    names = [task.get("name") for task in examples]
    assert all(names), "every example of %s needs a name" % module
    assert len(set(names)) == len(names), "example names of %s are not unique" % module
    by_name = dict((task["name"], task) for task in examples)
    skipped = set(name for (mod, name) in NOT_RUN if mod == module)
    order = plan.get("order") or [n for n in names if n not in skipped]
    unknown = [n for n in order if n not in by_name]
    assert not unknown, "the plan for %s names examples that do not exist: %s" % (module, unknown)
    missing = [n for n in names if n not in order and n not in skipped]
    assert not missing, "the plan for %s does not run: %s" % (module, missing)
    cleanup = plan.get("cleanup") or []
    return {
        "name": "EXAMPLES of otc.dms.%s" % module,
        "hosts": "localhost",
        "gather_facts": False,
        "vars": {
            "vpc_id": network["vpc_id"],
            "subnet_id": network["subnet_id"],
            "security_group_id": network["security_group_id"],
            "vault_kafka_password": KAFKA_PASSWORD,
            "vault_new_kafka_password": KAFKA_PASSWORD + "-2",
            "vault_billing_password": "Billing-Secret-2026",
            "vault_new_billing_password": "Billing-Secret-2027",
            "vault_reporting_password": "Report-Secret-2026",
        },
        "tasks": [
            {"name": MARKER % module, "ansible.builtin.debug": {"msg": module}},
            {"name": "setup, examples",
             "block": (plan.get("setup") or []) + [prepare(by_name[n]) for n in order],
             "rescue": [{"name": "rescued: the next play still runs",
                         "ansible.builtin.meta": "noop"}],
             "always": cleanup or [{"name": "cleanup: nothing", "ansible.builtin.meta": "noop"}]},
        ],
    }, order


MARKER = "examples of %s"


def run_all_examples(emu):
    """module -> {records: task name -> [records], order, text, stdout} of one run of all plays."""
    plays, orders = [], {}
    network = emu.seed()["projects"][0]["network"]
    for module in module_names():
        _documentation, examples = module_docs(module)
        assert examples, "otc.dms.%s has no EXAMPLES" % module
        play, orders[module] = build_playbook(module, examples, PLANS.get(module, {}), network)
        plays.append(play)
    text = yaml.safe_dump(plays, sort_keys=False, width=1000)
    result = run_playbook(emu, text)
    parts, current = {}, None
    for record in (result.data or {}).get("tasks", []):
        if record["task"] in [MARKER % m for m in orders]:
            current = record["task"][len(MARKER % ""):]
            parts[current] = {}
        elif current is not None:
            parts[current].setdefault(record["task"], []).append(record)
    return dict((module, {"records": parts.get(module, {}), "order": orders[module],
                          "rc": result.rc, "stdout": result.stdout[-4000:]})
                for module in orders)


@pytest.fixture(scope="session")
def example_runs(tmp_path_factory):
    """The examples of every module, run once per test session (shared by the xdist workers)."""
    shared = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        shared = shared.parent
    path = shared / "docs-examples.json"
    with open(str(path) + ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not path.exists():
            emu = Emulator(instance_delay=0.3, max_time_wait=0.2).start()
            try:
                path.write_text(json.dumps(run_all_examples(emu)))
            finally:
                emu.cleanup()
    return json.loads(path.read_text())


@pytest.mark.parametrize("module", module_names())
def test_examples_run_against_the_emulator(module, example_runs):
    run = example_runs[module]
    plan = PLANS.get(module, {})
    assert run["rc"] == 0, run["stdout"]
    records, order = run["records"], run["order"]
    for name in order:
        assert name in records, "example %r of %s did not run\n%s" % (name, module, run["stdout"])
        statuses = set(r["status"] for r in records[name])
        allowed = {"ok", "skipped"} if name in plan.get("may_skip", ()) else {"ok"}
        assert statuses <= allowed, "example %r of %s: %s" % (name, module, records[name])
    for name, changed in plan.get("changed", {}).items():
        assert all(r["result"].get("changed") is changed for r in records[name]), \
            "example %r of %s: expected changed=%s, got %s" % (name, module, changed, records[name])


def test_every_plan_and_exclusion_names_an_existing_module():
    modules = set(module_names())
    assert set(PLANS) <= modules
    assert set(mod for mod, _name in NOT_RUN) <= modules


# -- the guides --------------------------------------------------------------------------------

YAML_BLOCK = re.compile(r"^```ya?ml[^\n]*\n(.*?)^```", re.S | re.M)


def guide_tasks(value):
    """Every task (a dict naming an otc.dms module) anywhere inside a parsed YAML document."""
    if isinstance(value, dict):
        module, _args = module_action(value)
        if module is not None:
            yield value
        for item in value.values():
            yield from guide_tasks(item)
    elif isinstance(value, list):
        for item in value:
            yield from guide_tasks(item)


@pytest.mark.parametrize("guide", sorted(os.path.basename(p) for p in glob.glob(os.path.join(DOCS_DIR, "*.md"))))
def test_guide_snippets_use_documented_options(guide):
    """Every otc.dms task in a guide's ```yaml blocks uses options its module documents."""
    with open(os.path.join(DOCS_DIR, guide), encoding="utf-8") as handle:
        text = handle.read()
    common = option_names(fragment_options())
    known_modules = set(module_names())
    problems = []
    for number, block in enumerate(YAML_BLOCK.findall(text), 1):
        try:
            document = yaml.safe_load(block)
        except yaml.YAMLError as exc:
            problems.append("yaml block %d does not parse: %s" % (number, exc))
            continue
        for task in guide_tasks(document):
            module, args = module_action(task)
            if module not in known_modules:
                problems.append("yaml block %d uses otc.dms.%s, which does not exist" % (number, module))
                continue
            if not isinstance(args, dict):
                continue
            documentation, _examples = module_docs(module)
            allowed = common | option_names(documentation.get("options"))
            for option, value in args.items():
                if option not in allowed:
                    problems.append("yaml block %d: otc.dms.%s has no option %r" % (number, module, option))
                suboptions = (documentation.get("options") or {}).get(option, {}).get("suboptions")
                if suboptions and isinstance(value, list):
                    for entry in value:
                        if isinstance(entry, dict):
                            extra = set(entry) - option_names(suboptions)
                            if extra:
                                problems.append("yaml block %d: otc.dms.%s %s[] has no %s"
                                                % (number, module, option, sorted(extra)))
    assert not problems, "\n".join(problems)

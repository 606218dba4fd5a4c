"""The roles queue_setup and kafka_instance, run through ansible-playbook against the emulator.

Each test gets an emulator of its own (half a second to start), so "a fresh project" really is
one and purging the project's queues cannot touch another test's.
"""

import json

import pytest

from emulator.testing import Emulator
from support.ansible_run import dms_requests, run_module, run_playbook
from support.role_vars import (
    KAFKA_PASSWORD as PASSWORD, USER_PASSWORDS, kafka_instance_vars, kafka_setup_vars)
from v2_support import V2


@pytest.fixture
def fresh():
    emu = Emulator(instance_delay=0.3, max_time_wait=0.2).start()
    yield emu
    emu.cleanup()


def play(role, role_vars, play_extra=""):
    """A play on localhost that runs ``role`` with ``role_vars`` (given as JSON, valid YAML)."""
    return """
- name: Run the role
  hosts: localhost
  gather_facts: false
%s
  tasks:
    - name: Run otc.dms.%s
      ansible.builtin.include_role:
        name: otc.dms.%s
      vars: %s
""" % (play_extra, role, role, json.dumps(role_vars))


def fact(run, name):
    """The fact ``name`` as the last set_fact of the run left it."""
    value = None
    for task in (run.data or {}).get("tasks", []):
        value = task["result"].get("ansible_facts", {}).get(name, value)
    return value


def ok(run):
    assert run.rc == 0, run.stdout[-4000:] + run.stderr[-2000:]
    assert run.stats.get("failures") == 0
    return run


def failed(run):
    assert run.rc != 0, run.stdout[-3000:]
    return run.stdout + run.stderr


def queue_names(emu, cloud=None):
    result = run_module(emu, "dms_queue_info", {"cloud": cloud} if cloud else {})
    assert result.rc == 0, result
    return sorted(q["name"] for q in result["queues"])


def group_names(emu, queue):
    result = run_module(emu, "dms_queue_group_info", {"queue": queue})
    assert result.rc == 0, result
    return sorted(g["name"] for g in result["groups"])


# -- queue_setup ------------------------------------------------------------------------------

QUEUES = [
    {"name": "orders", "queue_mode": "fifo", "description": "Orders from the web shop",
     "dead_letter": True, "max_consume_count": 3, "groups": ["billing", "shipping"]},
    {"name": "clicks", "queue_mode": "kafka_ha", "retention_hours": 24, "groups": ["analytics"]},
    {"name": "plain"},
]


def test_queue_setup_check_mode_on_a_fresh_project_predicts_and_changes_nothing(fresh):
    run = ok(run_playbook(fresh, play("queue_setup", {"queue_setup_queues": QUEUES,
                                                      "queue_setup_purge_groups": True}),
                          check=True))
    assert fact(run, "queue_setup_summary") == {
        "created_queues": ["orders", "clicks", "plain"], "deleted_queues": [],
        "created_groups": ["orders/billing", "orders/shipping", "clicks/analytics"],
        "deleted_groups": [], "changed": True}
    assert dms_requests(fresh, write_only=True) == []
    assert queue_names(fresh) == []


def test_queue_setup_converges_and_a_second_run_changes_nothing(fresh):
    text = play("queue_setup", {"queue_setup_queues": QUEUES})
    first = ok(run_playbook(fresh, text))
    assert first.stats["changed"] > 0
    assert fact(first, "queue_setup_summary") == {
        "created_queues": ["orders", "clicks", "plain"], "deleted_queues": [],
        "created_groups": ["orders/billing", "orders/shipping", "clicks/analytics"],
        "deleted_groups": [], "changed": True}
    assert queue_names(fresh) == ["clicks", "orders", "plain"]
    orders = run_module(fresh, "dms_queue_info", {"name": "orders"})["queues"][0]
    assert (orders["queue_mode"], orders["dead_letter"], orders["max_consume_count"],
            orders["description"]) == ("fifo", True, 3, "Orders from the web shop")
    assert group_names(fresh, "orders") == ["billing", "shipping"]
    assert group_names(fresh, "clicks") == ["analytics"]

    fresh.reset_requests()
    second = ok(run_playbook(fresh, text))
    assert second.stats["changed"] == 0
    assert fact(second, "queue_setup_summary")["changed"] is False
    assert dms_requests(fresh, write_only=True) == []

    check = ok(run_playbook(fresh, text, check=True))
    assert check.stats["changed"] == 0


def test_queue_setup_differing_settings_fail_before_any_change(fresh):
    ok(run_playbook(fresh, play("queue_setup", {"queue_setup_queues": QUEUES})))
    changed = [dict(QUEUES[0], queue_mode="normal", groups=["billing", "fraud"])]
    fresh.reset_requests()
    output = failed(run_playbook(fresh, play("queue_setup", {"queue_setup_queues": changed})))
    assert "queue_mode" in output and "fifo" in output
    assert dms_requests(fresh, write_only=True) == []


@pytest.mark.slow
def test_queue_setup_purges_only_when_asked_and_respects_unconsumed_messages(fresh):
    start = [{"name": "orders", "groups": ["g1", "g2", "g3"]}, {"name": "stale"},
             {"name": "busy"}]
    ok(run_playbook(fresh, play("queue_setup", {"queue_setup_queues": start})))
    sent = run_module(fresh, "dms_message", {"action": "send", "queue": "busy",
                                             "messages": [{"body": "still wanted"}]})
    assert sent.rc == 0, sent

    # A fourth group fits once an undeclared one is gone; without the purge flags nothing goes.
    wanted = [{"name": "orders", "groups": ["g1", "g4"]}]
    kept = failed(run_playbook(fresh, play("queue_setup", {"queue_setup_queues": wanted})))
    assert "queue 'orders' already has 3 consumer groups (g1, g2, g3)" in kept
    assert queue_names(fresh) == ["busy", "orders", "stale"]

    purge = {"queue_setup_queues": wanted, "queue_setup_purge_groups": True,
             "queue_setup_purge_queues": True}
    check = ok(run_playbook(fresh, play("queue_setup", dict(purge, queue_setup_force_delete=True)),
                            check=True))
    assert fact(check, "queue_setup_summary")["deleted_queues"] == ["busy", "stale"]
    assert queue_names(fresh) == ["busy", "orders", "stale"]

    # The queues are planned as one set: the refusal comes before any queue or group changes.
    refused = failed(run_playbook(fresh, play("queue_setup", purge)))
    assert "Queue 'busy' still holds 1 unconsumed message(s)" in refused
    assert queue_names(fresh) == ["busy", "orders", "stale"]
    assert group_names(fresh, "orders") == ["g1", "g2", "g3"]

    forced = ok(run_playbook(fresh, play("queue_setup", dict(purge, queue_setup_force_delete=True))))
    assert fact(forced, "queue_setup_summary") == {
        "created_queues": [], "deleted_queues": ["busy", "stale"],
        "created_groups": ["orders/g4"], "deleted_groups": ["orders/g2", "orders/g3"],
        "changed": True}
    assert group_names(fresh, "orders") == ["g1", "g4"]
    assert queue_names(fresh) == ["orders"]

    again = ok(run_playbook(fresh, play("queue_setup", purge)))
    assert again.stats["changed"] == 0, json.dumps(fact(again, "kafka_instance_summary"))


def test_queue_setup_summary_names_deleted_groups(fresh):
    ok(run_playbook(fresh, play("queue_setup", {"queue_setup_queues": [
        {"name": "orders", "groups": ["a", "b"]}]})))
    run = ok(run_playbook(fresh, play("queue_setup", {
        "queue_setup_queues": [{"name": "orders", "groups": ["b", "c"]}],
        "queue_setup_purge_groups": True})))
    summary = fact(run, "queue_setup_summary")
    assert (summary["deleted_groups"], summary["created_groups"]) == (["orders/a"], ["orders/c"])
    assert group_names(fresh, "orders") == ["b", "c"]


def test_queue_setup_cloud_overrides_only_the_cloud_of_the_callers_module_defaults(fresh):
    caller = """  module_defaults:
    group/otc.dms.dms:
      cloud: emulator-other
      api_timeout: 30"""
    ok(run_playbook(fresh, play("queue_setup", {"queue_setup_queues": [{"name": "theirs"}]},
                                caller)))
    ok(run_playbook(fresh, play("queue_setup", {"queue_setup_queues": [{"name": "ours"}],
                                                "queue_setup_cloud": "emulator"}, caller)))
    assert queue_names(fresh, "emulator-other") == ["theirs"]
    assert queue_names(fresh, "emulator") == ["ours"]


# -- kafka_instance ---------------------------------------------------------------------------

def kafka_vars(emu, **extra):
    return kafka_instance_vars(emu.seed()["projects"][0]["network"], **extra)


def topic_names(emu, instance="kafka-orders"):
    result = run_module(emu, "dms_instance_topic_info", {"instance": instance})
    assert result.rc == 0, result
    return sorted(t["name"] for t in result["topics"])


def summary(**changes):
    """The role's summary of a run that changed nothing, with ``changes``."""
    base = {"changed": False, "instance_changed": False, "parameters_changed": [],
            "restarted": False, "restart_pending": [], "topics_created": [], "topics_updated": [],
            "topics_deleted": [], "users_created": [], "users_updated": [], "users_deleted": [],
            "permissions_updated": [], "consumer_groups_created": [],
            "consumer_groups_deleted": []}
    base.update(changes)
    return base


COLD = dict(changed=True, instance_changed=True,
            parameters_changed=["auto.create.groups.enable", "log.retention.hours"],
            topics_created=["orders", "audit", "payments"], users_created=["billing", "reporting"],
            permissions_updated=["orders", "payments"],
            consumer_groups_created=["billing-readers", "reports"])


def setup_vars(emu, **extra):
    return kafka_setup_vars(emu.seed()["projects"][0]["network"], **extra)


def instance_api(emu, name="kafka-orders"):
    """A GET below the instance ``name`` through the v2 API: ``get(path, family)``."""
    v2 = V2(emu.connect())
    iid = [i["instance_id"] for i in v2.ok("GET", "/instances", family="project")["instances"]
           if i["name"] == name][0]
    return lambda path, family="project": v2.ok("GET", "/instances/%s%s" % (iid, path),
                                                family=family)


def test_kafka_instance_check_mode_on_a_fresh_project_predicts_and_changes_nothing(fresh):
    run = ok(run_playbook(fresh, play("kafka_instance", setup_vars(fresh)), check=True))
    assert fact(run, "kafka_instance_summary") == summary(**COLD)
    assert fact(run, "kafka_instance_port") == 9093
    assert fact(run, "kafka_instance_connect_address") is None
    assert dms_requests(fresh, write_only=True) == []
    assert run_module(fresh, "dms_instance_info", {})["instances"] == []


def test_kafka_instance_converges_a_whole_setup_and_a_second_run_changes_nothing(fresh):
    text = play("kafka_instance", setup_vars(fresh))
    first = ok(run_playbook(fresh, text))
    details = fact(first, "kafka_instance_details")
    assert details["name"] == "kafka-orders" and details["status"] == "RUNNING"
    assert details["ssl_enable"] is True and details["maintain_begin"] == "22:00:00"
    assert fact(first, "kafka_instance_port") == 9093
    address = fact(first, "kafka_instance_connect_address")
    assert address and address == details["connect_address"]
    # log.retention.hours is static: it waits for a restart the declaration does not allow.
    assert fact(first, "kafka_instance_summary") == summary(
        restart_pending=["log.retention.hours"], **COLD)
    assert topic_names(fresh) == ["audit", "orders", "payments"]
    v2_get = instance_api(fresh)
    users = v2_get("/users")["users"]
    assert sorted(u["user_name"] for u in users) == ["billing", "kafka-admin", "reporting"]
    policies = v2_get("/topics/orders/accesspolicy", family="acl")["policies"]
    assert sorted((p["user_name"], p["access_policy"]) for p in policies) == [
        ("billing", "pub"), ("reporting", "sub")]
    groups = v2_get("/groups")["groups"]
    assert sorted(g["group_id"] for g in groups) == ["billing-readers", "reports"]
    configs = dict((c["name"], c["value"]) for c in v2_get("/configs")["kafka_configs"])
    assert configs["log.retention.hours"] == "96" and configs["auto.create.groups.enable"] == "false"

    fresh.reset_requests()
    second = ok(run_playbook(fresh, text))
    assert second.stats["changed"] == 0
    assert fact(second, "kafka_instance_summary") == summary(
        restart_pending=["log.retention.hours"])
    assert fact(second, "kafka_instance_connect_address") == address
    assert dms_requests(fresh, write_only=True) == []

    check = ok(run_playbook(fresh, text, check=True))
    assert check.stats["changed"] == 0

    # Allowed to restart, the role restarts once for the pending static parameter. The cloud
    # drops consumer groups without members or offsets when the brokers restart: the steps
    # after the restart run again and create them again.
    restarted = ok(run_playbook(fresh, play("kafka_instance", setup_vars(
        fresh, kafka_instance_restart=True))))
    assert fact(restarted, "kafka_instance_summary") == summary(
        changed=True, restarted=True, consumer_groups_created=["billing-readers", "reports"])
    again = ok(run_playbook(fresh, play("kafka_instance", setup_vars(
        fresh, kafka_instance_restart=True))))
    assert again.stats["changed"] == 0, json.dumps(fact(again, "kafka_instance_summary"))


def test_kafka_instance_fails_before_any_write_naming_the_role_variable(fresh):
    """A bad parameter value is found once the instance exists, before any other write; a
    permission for a topic that nothing creates fails before the instance is created."""
    ok(run_playbook(fresh, play("kafka_instance", kafka_vars(fresh))))
    fresh.reset_requests()
    bad = run_playbook(fresh, play("kafka_instance", setup_vars(
        fresh, kafka_instance_parameters={"log.retention.hours": 0})))
    assert ("kafka_instance_parameters: log.retention.hours must be an integer from"
            in failed(bad))
    assert dms_requests(fresh, write_only=True) == []
    assert topic_names(fresh) == ["audit", "orders"]

    unknown = run_playbook(fresh, play("kafka_instance", setup_vars(
        fresh, kafka_instance_name="kafka-other", kafka_instance_permissions=[
            {"topic": "clicks", "permissions": [{"user": "billing", "access": "sub"}]}])))
    assert ("kafka_instance_permissions[0].topic 'clicks' is not in kafka_instance_topics and the "
            "instance has no such topic.") in failed(unknown)
    assert dms_requests(fresh, write_only=True) == []


@pytest.mark.slow
def test_kafka_instance_purges_topics_only_when_asked(fresh):
    ok(run_playbook(fresh, play("kafka_instance", kafka_vars(fresh))))
    fewer = [{"name": "orders", "partitions": 6}, {"name": "clicks"}]

    kept = ok(run_playbook(fresh, play("kafka_instance", kafka_vars(
        fresh, kafka_instance_topics=fewer))))
    assert fact(kept, "kafka_instance_summary")["topics_created"] == ["clicks"]
    assert topic_names(fresh) == ["audit", "clicks", "orders"]

    purged = ok(run_playbook(fresh, play("kafka_instance", kafka_vars(
        fresh, kafka_instance_topics=fewer, kafka_instance_purge_topics=True))))
    assert fact(purged, "kafka_instance_summary") == summary(changed=True,
                                                            topics_deleted=["audit"])
    assert topic_names(fresh) == ["clicks", "orders"]

    everything = ok(run_playbook(fresh, play("kafka_instance", kafka_vars(
        fresh, kafka_instance_topics=[], kafka_instance_purge_topics=True))))
    assert sorted(fact(everything, "kafka_instance_summary")["topics_deleted"]) == ["clicks", "orders"]
    assert topic_names(fresh) == []


def test_kafka_instance_password_never_appears_in_verbose_output(fresh):
    outputs = []
    outputs.append(ok(run_playbook(fresh, play("kafka_instance", setup_vars(fresh)), verbosity=3,
                                   check=True, diff=True)))
    created = ok(run_playbook(fresh, play("kafka_instance", setup_vars(fresh)), verbosity=3,
                              diff=True))
    outputs.append(created)
    outputs.append(ok(run_playbook(fresh, play("kafka_instance", setup_vars(
        fresh, kafka_instance_update_password="always")), verbosity=3, diff=True)))
    outputs.append(ok(run_playbook(fresh, play("kafka_instance", setup_vars(fresh)), verbosity=3,
                                   check=True, diff=True)))
    # A failure after the password was given (the module refuses the storage size).
    refused = run_playbook(fresh, play("kafka_instance", kafka_vars(
        fresh, kafka_instance_name="kafka-small", kafka_instance_storage_space=200)), verbosity=3)
    assert ("storage_space 200 GB is outside what 3 brokers of flavour c6.2u4g.cluster hold "
            "(creating it): 300 to 30000 GB") in failed(refused)
    outputs.append(refused)
    # A password the module rejects.
    weak = run_playbook(fresh, play("kafka_instance", kafka_vars(
        fresh, kafka_instance_name="kafka-weak", kafka_instance_ssl_password="weakpassword")),
        verbosity=3)
    assert "password needs at least three of" in failed(weak)
    for run in outputs:
        text = run.stdout + run.stderr + json.dumps(run.data)
        for secret in (PASSWORD,) + USER_PASSWORDS:
            assert secret not in text
    # Nor in what the emulator answered (its request log of responses).
    answers = json.dumps([r.get("response_body") for r in fresh.requests(bodies=True)])
    for secret in (PASSWORD,) + USER_PASSWORDS:
        assert secret not in answers
    assert "weakpassword" not in weak.stdout + weak.stderr + json.dumps(weak.data)
    # It was used all the same: the instance was created with SASL_SSL for that user.
    assert fact(created, "kafka_instance_details")["access_user"] == "kafka-admin"

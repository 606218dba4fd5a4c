"""Check mode of the Kafka set modules against an instance that does not exist yet (an earlier
task of the play would create it), and of the permissions against topics and users that do not
exist yet: predicted from the task, checked as far as no read of the instance is needed, and
refused by the real run."""

import pytest

from support.kafka_v2 import drop_instance, make_instance, make_topics, reads, writes
from v2_support import sasl

MISSING = "kafka-not-yet"
PASSWORD = "Planned-Pass-731"

# (module, args, the result key, what the prediction holds)
SETS = [
    ("dms_instance_topic",
     {"topics": [{"name": "orders", "partitions": 6}, {"name": "audit"}], "purge": True},
     "topics", ["audit", "orders"]),
    ("dms_instance_user",
     {"users": [{"name": "billing", "password": PASSWORD}], "purge": True}, "users", ["billing"]),
    ("dms_instance_consumer_group",
     {"groups": [{"name": "billing-readers"}], "purge": True}, "groups", ["billing-readers"]),
]


@pytest.mark.parametrize("module, args, key, names", SETS, ids=[s[0] for s in SETS])
def test_check_mode_predicts_the_members_of_an_instance_not_created_yet(emu, run, module, args,
                                                                       key, names):
    args = dict(args, instance=MISSING)
    check = run(module, args, check=True, diff=True)
    assert check.rc == 0 and check["changed"] is True, check.get("msg")
    assert sorted(m["name"] for m in check[key]) == names
    assert sorted(check["created"]) == names and check["deleted"] == []
    assert check["diff"]["before"] == {key: []}
    # One read: the instance list that did not find it; nothing below it is asked for.
    assert writes(emu) == [] and [r.split("?")[0] for r in reads(emu)] == ["instances"]

    emu.reset_requests()
    real = run(module, args)
    assert real.rc != 0 and writes(emu) == []
    assert real["msg"] == "Kafka instance '%s' does not exist." % MISSING

    gone = dict(args, state="absent")
    gone.pop("purge")
    assert run(module, gone, check=True)["changed"] is False


def test_check_mode_still_refuses_what_needs_no_read(emu, run):
    topic = run("dms_instance_topic", {"instance": MISSING, "topics": [
        {"name": "orders", "partitions": 201}, {"name": "orders"}]}, check=True)
    assert topic.rc != 0
    assert "topics[0].partitions (topic 'orders') must be 1 to 200, got 201." in topic["msg"]
    assert "topics[1].name" in topic["msg"]
    user = run("dms_instance_user", {"instance": MISSING, "users": [
        {"name": "billing", "password": "short"}]}, check=True)
    assert user.rc != 0 and "users[0].password" in user["msg"]
    assert "short" not in user["msg"]
    permission = run("dms_instance_topic_permission", {"instance": MISSING, "topics": [
        {"topic": "orders", "permissions": [{"user": "billing", "access": "all"},
                                            {"user": "billing", "access": "sub"}]}]}, check=True)
    assert permission.rc != 0 and "topics[0].permissions[1].user" in permission["msg"]
    # Refused before any request: not even the identity exchange.
    assert emu.requests() == []


def test_permissions_in_check_mode_on_an_instance_not_created_yet(emu, run):
    args = {"instance": MISSING, "topics": [
        {"topic": "orders", "permissions": [{"user": "billing", "access": "pub"},
                                            {"user": "reporting", "access": "sub"}]},
        {"topic": "audit", "permissions": [{"user": "reporting", "access": "sub"}]}]}
    check = run("dms_instance_topic_permission", args, check=True, diff=True)
    assert check.rc == 0 and check["changed"] is True, check.get("msg")
    assert check["updated"] == ["orders", "audit"]
    assert check["missing"] == {"topics": ["orders", "audit"], "users": ["billing", "reporting"]}
    assert [p["user"] for p in check["topics"][0]["permissions"]] == ["billing", "reporting"]
    assert writes(emu) == [] and [r.split("?")[0] for r in reads(emu)] == ["instances"]
    real = run("dms_instance_topic_permission", args)
    assert real.rc != 0 and real["msg"] == "Kafka instance '%s' does not exist." % MISSING


def test_permissions_in_check_mode_name_the_topics_and_users_still_missing(emu, run):
    kafka = make_instance(emu, **sasl())
    try:
        make_topics(kafka, orders=3)
        emu.reset_requests()
        args = {"instance": kafka["id"], "topics": [
            {"topic": "orders", "permissions": [{"user": "root", "access": "all"},
                                                {"user": "billing", "access": "pub"}]},
            {"topic": "audit", "permissions": [{"user": "root", "access": "sub"}]}]}
        check = run("dms_instance_topic_permission", args, check=True)
        assert check.rc == 0 and check["changed"] is True, check.get("msg")
        assert check["missing"] == {"topics": ["audit"], "users": ["billing"]}
        assert writes(emu) == []
        real = run("dms_instance_topic_permission", args)
        assert real.rc != 0 and writes(emu) == []
        assert real["msg"].endswith("has no topic 'audit'.")
        # Once the topic exists, the user is what the real run refuses.
        make_topics(kafka, audit=3)
        emu.reset_requests()
        real = run("dms_instance_topic_permission", args)
        assert real.rc != 0 and writes(emu) == []
        assert "has no SASL user 'billing': create it first" in real["msg"]
        done = run("dms_instance_topic_permission", {"instance": kafka["id"], "topic": "audit",
                                                     "permissions": [{"user": "root",
                                                                      "access": "sub"}]})
        assert done.rc == 0 and done["missing"] == {"topics": [], "users": []}
    finally:
        drop_instance(emu, kafka)


def test_parameters_in_check_mode_on_an_instance_not_created_yet(emu, run):
    args = {"instance": MISSING, "parameters": {"log.retention.hours": 168,
                                                "auto.create.groups.enable": False}}
    check = run("dms_instance_config", args, check=True, diff=True)
    assert check.rc == 0 and check["changed"] is True, check.get("msg")
    assert [(p["name"], p["value"], p["valid_values"]) for p in check["parameters"]] == [
        ("auto.create.groups.enable", "false", None), ("log.retention.hours", "168", None)]
    assert check["diff"] == {"before": {}, "after": {"auto.create.groups.enable": "false",
                                                     "log.retention.hours": "168"}}
    assert check["restart_required"] is False and writes(emu) == []
    real = run("dms_instance_config", args)
    assert real.rc != 0 and real["msg"] == "Kafka instance '%s' does not exist." % MISSING
    assert writes(emu) == []

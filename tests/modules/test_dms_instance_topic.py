"""dms_instance_topic and dms_instance_topic_info (DMS for Kafka v2), run as Ansible runs them,
against the emulator."""

import json
import threading

import pytest

from emulator.testing import Emulator
from support.ansible_run import dms_requests, run_module, tuned_clouds
from support.kafka_args import V2_DELAYS, network
from support.kafka_v2 import (
    az_ids, bodies, drop_instance, make_instance, make_topics, make_v1_instance, reads,
    wait_for_log, writes)
from v2_support import V2

UNKNOWN_ID = "0b5b7a5e-1111-4222-8333-944445555666"
MAX_PARTITIONS = 750  # c6.2u4g.cluster with three brokers
HINT = ("A topic's replication is fixed when it is created and its partitions can only grow: "
        "create a topic with another name, or delete this one (state=absent; its messages are "
        "lost) and create it again.")
DEFAULT_CONFIGS = {"max.message.bytes": 10485760, "message.timestamp.type": "CreateTime"}


@pytest.fixture
def kafka(emu):
    """A RUNNING three-broker c6.2u4g.cluster of its own (deleted afterwards)."""
    made = make_instance(emu)
    emu.reset_requests()
    yield made
    drop_instance(emu, made)


@pytest.fixture
def single_node(emu):
    made = make_instance(emu, product_id="c6.2u4g.single", broker_num=1, storage_space=100,
                         engine_version="2.7")
    emu.reset_requests()
    yield made
    drop_instance(emu, made)


def raw_topics(kafka):
    """The topic listing as the cloud (not the module) sees it, every page."""
    return {t["name"]: t for t in kafka["v2"].topics(kafka["id"])}


def budget(kafka):
    return kafka["v2"].ok("GET", "/instances/%s/topics" % kafka["id"])["remain_partitions"]


def topic(kafka, name, partitions=3, replication=3, retention_time=72, sync_replication=False,
          sync_message_flush=False, configs=None, description=""):
    return {"name": name, "partitions": partitions, "replication": replication,
            "retention_time": retention_time, "sync_replication": sync_replication,
            "sync_message_flush": sync_message_flush,
            "configs": dict(DEFAULT_CONFIGS, **(configs or {})), "description": description,
            "instance_id": kafka["id"]}


def without_created(view):
    assert view is None or "created" in view
    return None if view is None else dict((k, v) for k, v in view.items() if k != "created")


# -- single mode ------------------------------------------------------------------------------

def test_single_topic_quartet_create_then_delete_and_unchanged_cost(emu, run, kafka):
    args = {"instance": kafka["name"], "name": "orders.v1", "partitions": 6, "retention_time": 24,
            "configs": {"max.message.bytes": "2097152"}, "description": "web shop orders"}
    wanted = topic(kafka, "orders.v1", partitions=6, retention_time=24,
                   configs={"max.message.bytes": 2097152}, description="web shop orders")

    first = run("dms_instance_topic", args, check=True, diff=True)
    assert first.rc == 0 and first["changed"] is True, first.get("msg")
    assert first["topic"] == dict(wanted, created=None)  # unset settings: the API's defaults
    assert first["diff"] == {"before": {}, "after": dict(wanted, created=None)}
    assert writes(emu) == [] and raw_topics(kafka) == {}

    second = run("dms_instance_topic", args, diff=True)
    assert second.rc == 0 and second["changed"] is True, second.get("msg")
    assert without_created(second["topic"]) == wanted
    assert second["topic"]["created"].endswith("Z")
    assert writes(emu) == [("POST", "instances/%s/topics" % kafka["id"])]
    # Only what the task sets is sent, with the API's names and JSON types.
    assert bodies(emu, "/topics") == [{
        "id": "orders.v1", "partition": 6, "retention_time": 24, "topic_desc": "web shop orders",
        "topic_other_configs": [{"name": "max.message.bytes", "value": 2097152}]}]
    real = raw_topics(kafka)["orders.v1"]
    assert (real["partition"], real["replication"], real["retention_time"]) == (6, 3, 24)
    assert budget(kafka) == MAX_PARTITIONS - 6

    third = run("dms_instance_topic", args, check=True)
    assert third.rc == 0 and third["changed"] is False

    emu.reset_requests()
    fourth = run("dms_instance_topic", args, diff=True)
    assert fourth.rc == 0 and fourth["changed"] is False
    assert fourth["topic"] == second["topic"]
    assert fourth["diff"]["before"] == fourth["diff"]["after"] == second["topic"]
    # One identity exchange, the instance (by name: the list), one page of topics.
    assert [r["path"].rsplit("/", 1)[-1] for r in emu.requests()] == ["tokens", "instances", "topics"]
    assert reads(emu) == ["instances?engine=kafka&exact_match_name=true&include_failure=true"
                          "&limit=50&name=%s&offset=0" % kafka["name"],
                          "instances/%s/topics?limit=50&offset=0" % kafka["id"]]

    emu.reset_requests()
    by_id = run("dms_instance_topic", dict(args, instance=kafka["id"].upper()))
    assert by_id.rc == 0 and by_id["changed"] is False
    assert [r.split("?")[0] for r in reads(emu)] == [
        "instances/%s" % kafka["id"], "instances/%s/topics" % kafka["id"]]

    # An unset setting is not compared.
    assert run("dms_instance_topic", {"instance": kafka["id"], "name": "orders.v1"})["changed"] is False

    gone = {"instance": kafka["name"], "name": "orders.v1", "state": "absent"}
    emu.reset_requests()
    fifth = run("dms_instance_topic", gone, check=True, diff=True)
    assert fifth.rc == 0 and fifth["changed"] is True and fifth["topic"] == second["topic"]
    assert fifth["diff"] == {"before": second["topic"], "after": {}}
    assert writes(emu) == [] and list(raw_topics(kafka)) == ["orders.v1"]
    sixth = run("dms_instance_topic", gone)
    assert sixth.rc == 0 and sixth["changed"] is True
    assert writes(emu) == [("POST", "instances/%s/topics/delete" % kafka["id"])]
    assert bodies(emu, "/topics/delete") == [{"topics": ["orders.v1"]}]
    assert raw_topics(kafka) == {} and budget(kafka) == MAX_PARTITIONS
    assert run("dms_instance_topic", gone, check=True)["changed"] is False
    emu.reset_requests()
    last = run("dms_instance_topic", gone)
    assert last.rc == 0 and last["changed"] is False and last["topic"] is None
    assert writes(emu) == []


def test_false_flags_are_sent_as_json_booleans_and_every_setting_is_read_back(emu, run, kafka):
    args = {"instance": kafka["id"], "name": "_audit-log", "partition": 2, "replication": 2,
            "retention_time": 720, "sync_replication": False, "sync_message_flush": True,
            "configs": {"message.timestamp.type": "LogAppendTime", "max.message.bytes": 0}}
    wanted = topic(kafka, "_audit-log", 2, 2, 720, False, True,
                   {"message.timestamp.type": "LogAppendTime", "max.message.bytes": 0})
    assert run("dms_instance_topic", args, check=True)["topic"] == dict(wanted, created=None)
    done = run("dms_instance_topic", args)
    assert done.rc == 0 and done["changed"] is True and without_created(done["topic"]) == wanted
    sent = bodies(emu, "/topics")[0]
    assert sent["sync_replication"] is False and sent["sync_message_flush"] is True
    real = raw_topics(kafka)["_audit-log"]
    assert (real["partition"], real["replication"], real["sync_message_flush"]) == (2, 2, True)
    assert {c["name"]: c["value"] for c in real["topic_other_configs"]} == {
        "message.timestamp.type": "LogAppendTime", "max.message.bytes": "0"}
    assert run("dms_instance_topic", args)["changed"] is False


def test_in_place_changes_quartet_sends_only_what_differs_in_one_request(emu, run, kafka):
    make_topics(kafka, events=3)
    args = {"instance": kafka["name"], "name": "events", "partitions": 8, "retention_time": 24,
            "sync_replication": True, "sync_message_flush": False,
            "configs": {"max.message.bytes": 1048576, "message.timestamp.type": "CreateTime"},
            "description": "click stream"}
    wanted = topic(kafka, "events", partitions=8, retention_time=24, sync_replication=True,
                   configs={"max.message.bytes": 1048576}, description="click stream")
    emu.reset_requests()
    first = run("dms_instance_topic", args, check=True, diff=True)
    assert first.rc == 0 and first["changed"] is True, first.get("msg")
    assert without_created(first["topic"]) == wanted
    assert first["diff"]["before"]["partitions"] == 3
    assert writes(emu) == []

    second = run("dms_instance_topic", args)
    assert second.rc == 0 and second["changed"] is True, second.get("msg")
    assert without_created(second["topic"]) == wanted
    assert writes(emu) == [("PUT", "instances/%s/topics" % kafka["id"])]
    # The flag that was already false and the config already CreateTime are not sent.
    assert bodies(emu, "/topics", "PUT") == [{"topics": [{
        "id": "events", "new_partition_numbers": 8, "retention_time": 24,
        "sync_replication": True, "topic_desc": "click stream",
        "topic_other_configs": [{"name": "max.message.bytes", "value": 1048576}]}]}]
    real = raw_topics(kafka)["events"]
    assert (real["partition"], real["retention_time"], real["sync_replication"],
            real["topic_desc"]) == (8, 24, True, "click stream")
    assert budget(kafka) == MAX_PARTITIONS - 8

    assert run("dms_instance_topic", args, check=True)["changed"] is False
    emu.reset_requests()
    assert run("dms_instance_topic", args)["changed"] is False
    assert writes(emu) == []

    # Equal partitions are no change; a cleared description is one.
    cleared = run("dms_instance_topic", {"instance": kafka["id"], "name": "events",
                                         "partitions": 8, "description": ""})
    assert cleared["changed"] is True and cleared["topic"]["description"] == ""
    assert bodies(emu, "/topics", "PUT")[-1] == {"topics": [{"id": "events", "topic_desc": ""}]}


def test_fewer_partitions_or_another_replication_are_refused_with_zero_writes(emu, run, kafka):
    make_topics(kafka, events=6)
    emu.reset_requests()
    args = {"instance": kafka["name"], "name": "events", "partitions": 4, "replication": 2,
            "retention_time": 24}
    for check in (True, False):
        result = run("dms_instance_topic", args, check=check, diff=True)
        assert result.rc == 1
        assert result["msg"] == ("Cannot change topic 'events' in place: partitions is 6 (wanted "
                                 "4), replication is 3 (wanted 2). " + HINT)
        assert result["diff"]["after"]["partitions"] == 4
        assert result["diff"]["before"]["partitions"] == 6
    assert writes(emu) == []


def test_rules_that_need_the_instance_are_checked_before_any_write(emu, run, kafka, single_node):
    make_topics(kafka, Topic_1=3)
    emu.reset_requests()
    collide = run("dms_instance_topic", {"instance": kafka["id"], "name": "Topic.1"})
    assert collide.rc == 1
    assert collide["msg"] == ("topic 'Topic.1' collides with the existing topic 'Topic_1': Kafka "
                              "treats '.' and '_' in topic names alike.")
    # One broker: three replicas cannot be placed, and the default (one) cannot sync.
    many = run("dms_instance_topic", {"instance": single_node["name"], "name": "orders",
                                      "replication": 3})
    assert many.rc == 1
    assert many["msg"] == ("topic 'orders': replication 3 is more than the 1 broker of Kafka "
                           "instance '%s' (id %s)." % (single_node["name"], single_node["id"]))
    sync = run("dms_instance_topic", {"instance": single_node["id"], "name": "orders",
                                      "sync_replication": True}, check=True)
    assert sync.rc == 1
    assert sync["msg"] == ("topic 'orders': sync_replication needs more than one replica; it gets "
                           "1 (the instance has 1 broker).")
    assert writes(emu) == []
    # Without those settings the single-node instance takes the topic, with one replica.
    one = run("dms_instance_topic", {"instance": single_node["id"], "name": "orders"})
    assert one.rc == 0 and one["topic"]["replication"] == 1
    later = run("dms_instance_topic", {"instance": single_node["id"], "name": "orders",
                                       "sync_replication": True})
    assert later.rc == 1 and "it has replication 1, which cannot change" in later["msg"]


def test_a_missing_instance_fails_present_and_is_unchanged_for_absent(emu, run, unique):
    missing = unique("nokafka")
    for instance in (missing, UNKNOWN_ID):
        present = run("dms_instance_topic", {"instance": instance, "name": "orders"})
        assert present.rc == 1 and present["msg"] == "Kafka instance '%s' does not exist." % instance
        absent = run("dms_instance_topic", {"instance": instance, "name": "orders", "state": "absent"})
        assert absent.rc == 0 and absent["changed"] is False and absent["topic"] is None
        topics = run("dms_instance_topic", {"instance": instance, "topics": [{"name": "orders"}],
                                            "state": "absent"})
        assert topics.rc == 0 and topics["changed"] is False
        assert (topics["topics"], topics["created"], topics["deleted"], topics["updated"]) == \
            ([], [], [], [])
        assert run("dms_instance_topic", {"instance": instance, "topics": []})["msg"] == \
            "Kafka instance '%s' does not exist." % instance
    assert writes(emu) == []


# -- set mode ---------------------------------------------------------------------------------

def test_set_mode_creates_changes_and_purges_in_as_few_requests_as_the_api_allows(emu, run, kafka):
    make_topics(kafka, keep=4, grow=2, **{"old-one": 3, "old-two": 5})
    emu.reset_requests()
    args = {"instance": kafka["name"], "purge": True, "topics": [
        {"name": "keep", "partitions": 4}, {"name": "grow", "partitions": 5, "retention_time": 12},
        {"name": "fresh", "partitions": 2}, {"name": "fresh-too"}]}
    expected = [topic(kafka, "fresh", 2), topic(kafka, "fresh-too"),
                topic(kafka, "grow", 5, retention_time=12), topic(kafka, "keep", 4)]

    first = run("dms_instance_topic", args, check=True, diff=True)
    assert first.rc == 0 and first["changed"] is True, first.get("msg")
    assert (first["created"], first["updated"], first["deleted"]) == (
        ["fresh", "fresh-too"], ["grow"], ["old-one", "old-two"])
    assert [without_created(t) for t in sorted(first["topics"], key=lambda t: t["name"])] == \
        expected
    assert [t["name"] for t in first["diff"]["before"]["topics"]] == ["grow", "keep", "old-one",
                                                                       "old-two"]
    assert [t["name"] for t in first["diff"]["after"]["topics"]] == ["fresh", "fresh-too", "grow",
                                                                      "keep"]
    assert writes(emu) == []

    second = run("dms_instance_topic", args)
    assert second.rc == 0 and second["changed"] is True, second.get("msg")
    assert (second["created"], second["updated"], second["deleted"]) == (
        first["created"], first["updated"], first["deleted"])
    assert [without_created(t) for t in second["topics"]] == expected
    # The deletions in ONE request, the changes in ONE, then one create per new topic.
    assert writes(emu) == [("POST", "instances/%s/topics/delete" % kafka["id"]),
                           ("PUT", "instances/%s/topics" % kafka["id"]),
                           ("POST", "instances/%s/topics" % kafka["id"]),
                           ("POST", "instances/%s/topics" % kafka["id"])]
    assert sorted(raw_topics(kafka)) == ["fresh", "fresh-too", "grow", "keep"]

    assert run("dms_instance_topic", args, check=True)["changed"] is False
    emu.reset_requests()
    fourth = run("dms_instance_topic", dict(args, instance=kafka["id"]))
    assert fourth.rc == 0 and fourth["changed"] is False
    assert (fourth["created"], fourth["updated"], fourth["deleted"]) == ([], [], [])
    assert len(dms_requests(emu)) == 2  # by id: the instance and one page of topics

    # Without purge, unlisted topics stay; state=absent deletes the listed ones in one request.
    assert run("dms_instance_topic", {"instance": kafka["name"],
                                      "topics": [{"name": "fresh"}]})["changed"] is False
    emu.reset_requests()
    gone = run("dms_instance_topic", {"instance": kafka["name"], "state": "absent", "topics": [
        {"name": "fresh"}, {"name": "keep"}, {"name": "never"}]})
    assert gone.rc == 0 and gone["changed"] is True
    assert (gone["deleted"], gone["created"]) == (["fresh", "keep"], [])
    assert writes(emu) == [("POST", "instances/%s/topics/delete" % kafka["id"])]
    assert sorted(raw_topics(kafka)) == ["fresh-too", "grow"]


def test_set_mode_refuses_every_differing_topic_before_writing_any(emu, run, kafka):
    make_topics(kafka, alpha=3, beta=3)
    emu.reset_requests()
    result = run("dms_instance_topic", {"instance": kafka["id"], "topics": [
        {"name": "new-topic"}, {"name": "beta", "replication": 2},
        {"name": "alpha", "partitions": 2, "retention_time": 5}, {"name": "gamma"}]})
    assert result.rc == 1
    assert result["msg"] == ("Cannot change topic 'beta' in place: replication is 3 (wanted 2). "
                             "Cannot change topic 'alpha' in place: partitions is 3 (wanted 2). "
                             + HINT)
    assert writes(emu) == [] and sorted(raw_topics(kafka)) == ["alpha", "beta"]


def test_the_partition_budget_counts_new_topics_growth_and_what_purge_frees(emu, run, kafka):
    make_topics(kafka, **{"big-a": 200, "big-b": 200, "big-c": 200, "big-d": 145})  # 5 remain
    emu.reset_requests()
    single = run("dms_instance_topic", {"instance": kafka["name"], "name": "more", "partitions": 6},
                 check=True)
    assert single.rc == 1
    assert single["msg"] == (
        "Not enough partitions on Kafka instance '%s' (id %s): 6 partitions needed (new topic "
        "'more': 6), 5 remain of the maximum 750." % (kafka["name"], kafka["id"]))
    several = run("dms_instance_topic", {"instance": kafka["id"], "topics": [
        {"name": "big-d", "partitions": 148}, {"name": "one-more"}]})
    assert several.rc == 1
    assert several["msg"] == (
        "Not enough partitions on Kafka instance '%s' (id %s): 6 partitions needed (new topic "
        "'one-more': 3, 3 more for 'big-d': 3), 5 remain of the maximum 750."
        % (kafka["name"], kafka["id"]))
    assert writes(emu) == []
    # What purge frees counts: dropping big-d (145) leaves room for 150.
    freed = run("dms_instance_topic", {"instance": kafka["name"], "purge": True, "topics": [
        {"name": "big-a"}, {"name": "big-b"}, {"name": "big-c"}, {"name": "huge", "partitions": 150}]})
    assert freed.rc == 0, freed.get("msg")
    assert (freed["created"], freed["deleted"]) == (["huge"], ["big-d"])
    assert budget(kafka) == 0


def test_three_pages_of_topics_are_read_and_an_unchanged_run_costs_one_read_per_page(
        emu, run, kafka):
    names = ["t-%03d" % i for i in range(120)]
    make_topics(kafka, **dict((n, 1) for n in names))
    args = {"instance": kafka["id"], "topics": [{"name": n, "partitions": 1} for n in names]}
    emu.reset_requests()
    same = run("dms_instance_topic", args)
    assert same.rc == 0 and same["changed"] is False, same.get("msg")
    assert len(same["topics"]) == 120
    assert reads(emu) == ["instances/%s" % kafka["id"]] + [
        "instances/%s/topics?limit=50&offset=%d" % (kafka["id"], offset) for offset in (0, 50, 100)]
    # The last topic (on the third page) is compared, not taken for missing.
    grown = run("dms_instance_topic", {"instance": kafka["id"], "name": "t-119", "partitions": 2})
    assert grown["changed"] is True and grown["topic"]["partitions"] == 2
    info = run("dms_instance_topic_info", {"instance": kafka["name"]})
    assert len(info["topics"]) == 120
    assert info["partitions"] == {"max": MAX_PARTITIONS, "remaining": MAX_PARTITIONS - 121,
                                  "used": 121}


# -- instance status --------------------------------------------------------------------------

def test_reads_work_while_extending_writes_wait_for_running_or_fail_naming_the_status(
        emu, run, kafka):
    make_topics(kafka, existing=3)
    emu.force_status(kafka["id"], "EXTENDING")
    emu.reset_requests()
    # Nothing to change, and check mode: they read the topics of the extending instance.
    same = run("dms_instance_topic", {"instance": kafka["id"], "name": "existing", "wait": False})
    assert same.rc == 0 and same["changed"] is False, same.get("msg")
    info = run("dms_instance_topic_info", {"instance": kafka["name"]})
    assert [t["name"] for t in info["topics"]] == ["existing"]
    args = {"instance": kafka["name"], "name": "orders", "wait": False}
    for check in (True, False):
        refused = run("dms_instance_topic", args, check=check)
        assert refused.rc == 1
        assert refused["msg"] == (
            "Kafka instance '%s' (id %s) is EXTENDING, not RUNNING; creating a topic needs a "
            "running instance (set wait: true to wait for it)." % (kafka["name"], kafka["id"]))
    assert writes(emu) == []
    predicted = run("dms_instance_topic", dict(args, wait=True), check=True)
    assert predicted.rc == 0 and predicted["changed"] is True

    # The module runs in a thread; once the emulator has seen it poll the instance (it is
    # waiting), the extension is made to finish. No timer races the module's start.
    done = {}
    emu.reset_requests()
    worker = threading.Thread(target=lambda: done.update(
        result=run("dms_instance_topic", dict(args, wait=True, timeout=60))))
    worker.start()
    try:
        wait_for_log(emu, "/topics")
        emu.force_status(kafka["id"], "RUNNING")
    finally:
        worker.join(120)
    waited = done["result"]
    assert waited.rc == 0 and waited["changed"] is True, waited.get("msg")
    assert sorted(raw_topics(kafka)) == ["existing", "orders"]


def test_a_creating_instance_is_predicted_in_check_mode_and_waited_for_by_a_real_run(emu, run):
    v2 = V2(emu.connect())
    iid = v2.create(network(emu), az_ids(emu), wait=False)
    emu.force_status(iid, "CREATING")  # held until released below
    kafka = {"id": iid, "v2": v2}
    try:
        args = {"instance": iid, "topics": [{"name": "orders"}]}
        emu.reset_requests()
        predicted = run("dms_instance_topic", args, check=True)
        assert predicted.rc == 0 and predicted["created"] == ["orders"], predicted.get("msg")
        # The API refuses to list the topics of an instance being created: none are read.
        assert not any(r.endswith("/topics") or "/topics?" in r for r in reads(emu))
        info = run("dms_instance_topic_info", {"instance": iid})
        assert info.rc == 0 and info["topics"] == [] and info["partitions"]["used"] == 0
        absent = run("dms_instance_topic", dict(args, state="absent"))
        assert absent.rc == 0 and absent["changed"] is False
        assert writes(emu) == []
        done = {}
        worker = threading.Thread(target=lambda: done.update(
            result=run("dms_instance_topic", dict(args, timeout=60))))
        worker.start()
        try:
            wait_for_log(emu, "/instances/%s" % iid)
            emu.force_status(iid, "RUNNING")
        finally:
            worker.join(120)
        assert done["result"].rc == 0 and done["result"]["created"] == ["orders"]
    finally:
        drop_instance(emu, kafka)


def test_a_failed_instance_is_not_waited_for(emu, run, kafka):
    emu.force_status(kafka["id"], "ERROR")
    emu.reset_requests()
    result = run("dms_instance_topic", {"instance": kafka["id"], "topics": [{"name": "orders"}]})
    assert result.rc == 1
    assert result["msg"] == ("Kafka instance '%s' (id %s) is ERROR, not RUNNING; changing its "
                             "topics needs a running instance." % (kafka["name"], kafka["id"]))
    assert writes(emu) == []


def test_topics_of_a_v1_created_instance_are_managed_through_v2(emu, run, unique):
    old = make_v1_instance(emu, unique("old"))
    try:
        old["conn"].dms.create_topic(old["id"], id="legacy", partition=3)
        args = {"instance": old["name"], "topics": [
            {"name": "legacy", "partitions": 4}, {"name": "new.style", "replication": 2}]}
        done = run("dms_instance_topic", args)
        assert done.rc == 0 and done["changed"] is True, done.get("msg")
        assert (done["created"], done["updated"]) == (["new.style"], ["legacy"])
        assert [t["id"] for t in old["conn"].dms.topics(old["id"])] == ["legacy", "new.style"]
        assert run("dms_instance_topic", args)["changed"] is False
        info = run("dms_instance_topic_info", {"instance": old["id"]})
        assert info["partitions"] == {"max": 300, "remaining": 293, "used": 7}
    finally:
        drop_instance(emu, old)


def test_lost_answers_to_a_create_and_a_delete_converge_without_duplicates(
        emu, run, kafka, tmp_path):
    quick = tuned_clouds(emu, tmp_path, "status_code_retry_delay: 0.05")
    emu.set_faults(error_rate=1.0, statuses=[502], methods=["POST"], lost_response_rate=1.0, seed=5)
    made = run("dms_instance_topic", {"instance": kafka["id"], "name": "orders"}, env=quick)
    gone = run("dms_instance_topic", {"instance": kafka["id"], "topics": [{"name": "other"}],
                                      "purge": True}, env=quick)
    emu.clear_faults()
    assert made.rc == 0 and made["changed"] is True, made.get("msg")
    assert "The cloud answered the creation of topic 'orders'" in json.dumps(made["warnings"])
    assert gone.rc == 0 and gone["changed"] is True, gone.get("msg")
    assert (gone["deleted"], gone["created"]) == (["orders"], ["other"])
    assert "The cloud answered the deletion of topic 'orders'" in json.dumps(gone["warnings"])
    assert list(raw_topics(kafka)) == ["other"]


def test_the_whole_play_through_ansible_playbook(emu, playbook, kafka):
    play = playbook("""
- hosts: localhost
  gather_facts: false
  module_defaults:
    group/otc.dms.dms:
      wait: false
  tasks:
    - name: topics
      otc.dms.dms_instance_topic:
        instance: %s
        topics:
          - name: orders
            partitions: 6
            configs:
              max.message.bytes: 1048576
    - name: info
      otc.dms.dms_instance_topic_info:
        instance: %s
""" % (kafka["name"], kafka["name"]))
    assert play.rc == 0, play.stdout + play.stderr
    results = play.results()
    assert results["topics"]["created"] == ["orders"]
    assert results["info"]["partitions"] == {"max": MAX_PARTITIONS, "remaining": MAX_PARTITIONS - 6,
                                             "used": 6}
    assert results["info"]["topics"][0]["configs"]["max.message.bytes"] == 1048576


# -- info -------------------------------------------------------------------------------------

def test_info_lists_topics_or_one_with_its_partitions_and_groups(emu, run, kafka):
    empty = run("dms_instance_topic_info", {"instance": kafka["name"]})
    assert empty.rc == 0 and empty["changed"] is False
    assert empty["topics"] == []
    assert empty["partitions"] == {"max": MAX_PARTITIONS, "remaining": MAX_PARTITIONS, "used": 0}

    run("dms_instance_topic", {"instance": kafka["id"], "topics": [
        {"name": "clicks", "partitions": 6, "retention_time": 24},
        {"name": "orders", "replication": 2, "sync_replication": True}]})
    emu.admin("POST", "instances/%s/topics/orders/messages" % kafka["id"], {"count": 7})
    kafka["v2"].ok("POST", "/kafka/instances/%s/group" % kafka["id"], json={"group_name": "billing"})
    emu.admin("PUT", "instances/%s/groups/billing/offsets" % kafka["id"],
              {"offsets": [{"topic": "orders", "partition": 0, "offset": 1}]})
    emu.reset_requests()
    full = run("dms_instance_topic_info", {"instance": kafka["id"]}, check=True)
    assert full.rc == 0
    assert [without_created(t) for t in full["topics"]] == [
        topic(kafka, "clicks", 6, retention_time=24),
        topic(kafka, "orders", replication=2, sync_replication=True)]
    assert full["partitions"] == {"max": MAX_PARTITIONS, "remaining": MAX_PARTITIONS - 9, "used": 9}
    assert len(dms_requests(emu)) == 2  # the instance and one page of topics

    emu.reset_requests()
    one = run("dms_instance_topic_info", {"instance": kafka["name"], "name": "orders"})
    assert one.rc == 0, one.get("msg")
    [orders] = one["topics"]
    assert orders["consumer_groups"] == ["billing"]
    parts = orders["partition_details"]
    assert [p["partition"] for p in parts] == [0, 1, 2]
    assert sum(p["messages"] for p in parts) == 7
    assert all(p["end_offset"] - p["start_offset"] == p["messages"] for p in parts)
    assert [len(p["replicas"]) for p in parts] == [2, 2, 2]
    assert all(sum(r["leader"] for r in p["replicas"]) == 1 and p["replicas"][0]["broker"] ==
               p["leader"] for p in parts)
    assert all(r["in_sync"] for p in parts for r in p["replicas"])
    assert len(dms_requests(emu)) == 3  # the instance, the topics, the details

    none = run("dms_instance_topic_info", {"instance": kafka["name"], "name": "nothing"})
    assert none.rc == 0 and none["topics"] == [] and none["partitions"]["remaining"] == 741


def test_kafkas_own_topics_are_never_listed_or_purged():
    emu = Emulator(instance_delay=0.3, max_time_wait=0.2,
                   extra_args=V2_DELAYS + ("--seed-system-topics",)).start()
    try:
        kafka = make_instance(emu)
        make_topics(kafka, mine=3)
        info = run_module(emu, "dms_instance_topic_info", {"instance": kafka["id"]})
        assert [t["name"] for t in info["topics"]] == ["mine"]
        purged = run_module(emu, "dms_instance_topic", {"instance": kafka["id"], "topics": [],
                                                        "purge": True})
        assert purged.rc == 0 and purged["deleted"] == ["mine"], purged.get("msg")
        assert bodies(emu, "/topics/delete") == [{"topics": ["mine"]}]
        assert "__dms_dial_test" in {t["name"] for t in kafka["v2"].topics(kafka["id"])}
    finally:
        emu.cleanup()


@pytest.mark.parametrize("instance", ["no-such-kafka", UNKNOWN_ID])
def test_info_returns_empty_for_a_missing_instance(emu, run, instance):
    result = run("dms_instance_topic_info", {"instance": instance, "name": "orders"})
    assert result.rc == 0 and result["changed"] is False
    assert result["topics"] == [] and result["partitions"] is None

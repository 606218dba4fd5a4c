"""dms_instance_topic and dms_instance_topic_info, run as Ansible runs them, against the emulator."""

import threading
import time

import pytest

from support.ansible_run import dms_requests

PRODUCT_100MB = "00300-30308-0--0"  # 3 brokers, at most 300 partitions
MAX_PARTITIONS = 300
UNKNOWN_ID = "0b5b7a5e-1111-4222-8333-944445555666"
HINT = ("Topics cannot be modified through the DMS v1 API: delete the topic (state=absent, its "
        "messages are lost) and create it again, or use another name.")


def wait_status(conn, instance_id, status="RUNNING", timeout=15):
    deadline = time.monotonic() + timeout
    while True:
        current = conn.dms.get_instance(instance_id).status
        if current == status:
            return
        assert time.monotonic() < deadline, "instance stuck in %s" % current
        time.sleep(0.05)


@pytest.fixture
def kafka(emu, unique):
    """A RUNNING 100MB Kafka instance of its own (deleted afterwards): a dict of name and id."""
    seed = emu.seed()
    net = seed["projects"][0]["network"]
    conn = emu.connect()
    created = conn.dms.create_instance(
        name=unique("kt"), engine="kafka", engine_version="2.3.0", storage=600,
        router_id=net["vpc_id"], network_id=net["subnet_id"],
        security_group_id=net["security_group_id"],
        availability_zones=[seed["availability_zones"][0]["id"]], product_id=PRODUCT_100MB,
        storage_spec_code="dms.physical.storage.ultra")
    wait_status(conn, created.id)
    emu.reset_requests()
    yield {"name": created.name, "id": created.id, "conn": conn}
    emu.force_status(created.id, "RUNNING")  # a forced status has no timer; RUNNING is deletable
    conn.dms.delete_instance(created.id, ignore_missing=True)


def wait_for_log(emu, path_suffix, timeout=60):
    """Until the emulator's request log holds a GET of a path ending in ``path_suffix``."""
    deadline = time.monotonic() + timeout
    while not any(r["method"] == "GET" and r["path"].endswith(path_suffix) for r in emu.requests()):
        assert time.monotonic() < deadline, "no GET of %s within %d s" % (path_suffix, timeout)
        time.sleep(0.05)


def make_topics(kafka, **partitions_by_name):
    for name, partitions in partitions_by_name.items():
        kafka["conn"].dms.create_topic(kafka["id"], id=name, partition=partitions)


def raw_topics(emu, kafka):
    """The topic listing as the cloud (not the module) sees it."""
    response = kafka["conn"].dms.get("/instances/%s/topics" % kafka["id"])
    assert response.status_code == 200, response.text
    return response.json()


def topic_names(emu, kafka):
    return sorted(t["id"] for t in raw_topics(emu, kafka)["topics"])


def writes(emu):
    return [(r["method"], r["path"].split("/instances/")[-1]) for r in dms_requests(emu, write_only=True)]


def reads(emu):
    return [r["path"] for r in dms_requests(emu) if r["method"] == "GET"]


def topic(kafka, name, partitions=3, replication=3, retention_time=72, sync_replication=False,
          sync_message_flush=False):
    return {"name": name, "partitions": partitions, "replication": replication,
            "retention_time": retention_time, "sync_replication": sync_replication,
            "sync_message_flush": sync_message_flush, "instance_id": kafka["id"]}


# -- single mode ------------------------------------------------------------------------------

def test_flags_sent_as_strings_by_v1_read_right_so_an_unchanged_topic_stays_unchanged(
        emu, run, kafka):
    """The real v1 API lists both sync flags as "true"/"false" (issue 13); the SDK would read
    "false" as true, so an unchanged topic with false flags would look changed."""
    args = {"instance": kafka["id"], "name": "flags", "replication": 2,
            "sync_replication": False, "sync_message_flush": False}
    assert run("dms_instance_topic", args)["changed"] is True
    listed = [t for t in raw_topics(emu, kafka)["topics"] if t["id"] == "flags"][0]
    assert (listed["sync_replication"], listed["sync_message_flush"]) == ("false", "false")
    emu.reset_requests()
    again = run("dms_instance_topic", args)
    assert again.rc == 0 and again["changed"] is False, again.get("msg")
    assert again["topic"]["sync_replication"] is False
    assert again["topic"]["sync_message_flush"] is False
    assert writes(emu) == []
    flipped = run("dms_instance_topic", dict(args, sync_replication=True), check=True)
    assert flipped.rc != 0 and "sync_replication is false (wanted true)" in flipped["msg"]
    assert run("dms_instance_topic", dict(args, state="absent"))["changed"] is True


def test_single_topic_quartet_create_then_delete_and_unchanged_cost(emu, run, kafka):
    args = {"instance": kafka["name"], "name": "orders", "partitions": 6, "retention_time": 24}
    wanted = topic(kafka, "orders", partitions=6, retention_time=24)

    first = run("dms_instance_topic", args, check=True, diff=True)
    assert first.rc == 0 and first["changed"] is True, first.get("msg")
    assert first["topic"] == wanted  # unset settings predicted with the API's defaults
    assert first["diff"] == {"before": {}, "after": wanted}
    assert writes(emu) == [] and topic_names(emu, kafka) == []

    second = run("dms_instance_topic", args, diff=True)
    assert second.rc == 0 and second["changed"] is True
    assert second["topic"] == wanted
    assert writes(emu) == [("POST", "%s/topics" % kafka["id"])]
    listing = raw_topics(emu, kafka)
    assert [(t["id"], t["partition"], t["replication"], t["retention_time"])
            for t in listing["topics"]] == [("orders", 6, 3, 24)]
    assert listing["remain_partitions"] == MAX_PARTITIONS - 6

    third = run("dms_instance_topic", args, check=True)
    assert third.rc == 0 and third["changed"] is False

    emu.reset_requests()
    fourth = run("dms_instance_topic", args, diff=True)
    assert fourth.rc == 0 and fourth["changed"] is False and fourth["topic"] == wanted
    assert fourth["diff"]["before"] == fourth["diff"]["after"] == wanted
    # By name: the instance list (v2) and the topic list (v1 until topics move), nothing else.
    assert reads(emu) == ["/v2/%s/instances" % emu.seed()["projects"][0]["project"]["id"],
                          "/v1.0/%s/instances/%s/topics"
                          % (emu.seed()["projects"][0]["project"]["id"], kafka["id"])]
    assert len(dms_requests(emu)) == 2

    emu.reset_requests()
    by_id = run("dms_instance_topic", dict(args, instance=kafka["id"].upper()))
    assert by_id.rc == 0 and by_id["changed"] is False and by_id["topic"] == wanted
    assert [r["path"].split("/instances/")[-1] for r in dms_requests(emu)] == \
        ["%s/topics" % kafka["id"]]  # by id: exactly one DMS read

    # An unset setting is not compared.
    assert run("dms_instance_topic", {"instance": kafka["id"], "name": "orders"})["changed"] is False

    gone = {"instance": kafka["name"], "name": "orders", "state": "absent"}
    emu.reset_requests()
    fifth = run("dms_instance_topic", gone, check=True, diff=True)
    assert fifth.rc == 0 and fifth["changed"] is True and fifth["topic"] == wanted
    assert fifth["diff"] == {"before": wanted, "after": {}}
    assert writes(emu) == [] and topic_names(emu, kafka) == ["orders"]
    sixth = run("dms_instance_topic", gone)
    assert sixth.rc == 0 and sixth["changed"] is True and sixth["topic"] == wanted
    assert writes(emu) == [("POST", "%s/topics/delete" % kafka["id"])]
    assert topic_names(emu, kafka) == []
    assert run("dms_instance_topic", gone, check=True)["changed"] is False
    emu.reset_requests()
    last = run("dms_instance_topic", gone)
    assert last.rc == 0 and last["changed"] is False and last["topic"] is None
    assert writes(emu) == []


def test_every_setting_is_sent_and_read_back(emu, run, kafka):
    args = {"instance": kafka["id"], "name": "Audit_log-1", "partition": 2, "replication": 2,
            "retention_time": 720, "sync_replication": True, "sync_message_flush": True}
    wanted = topic(kafka, "Audit_log-1", 2, 2, 720, True, True)
    predicted = run("dms_instance_topic", args, check=True)
    assert predicted["topic"] == wanted
    done = run("dms_instance_topic", args)
    assert done.rc == 0 and done["changed"] is True and done["topic"] == wanted
    sdk = list(kafka["conn"].dms.topics(kafka["id"]))[0]
    assert (sdk.partition, sdk.replication, sdk.retention_time, sdk.is_sync_replication,
            sdk.is_sync_flush) == (2, 2, 720, True, True)
    assert run("dms_instance_topic", args)["changed"] is False


def test_an_existing_topic_that_differs_is_refused_naming_each_field(emu, run, kafka):
    make_topics(kafka, events=3)
    emu.reset_requests()
    args = {"instance": kafka["name"], "name": "events", "partitions": 6, "retention_time": 24,
            "sync_replication": True, "replication": 3}
    for check in (True, False):
        result = run("dms_instance_topic", args, check=check, diff=True)
        assert result.rc == 1
        assert result["msg"] == (
            "Cannot change topic 'events' in place: partitions is 3 (wanted 6), retention_time is "
            "72 (wanted 24), sync_replication is false (wanted true). " + HINT)
        assert result["diff"]["after"]["partitions"] == 6
    assert writes(emu) == []


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
        assert (topics["topics"], topics["created"], topics["deleted"]) == ([], [], [])
        assert run("dms_instance_topic", {"instance": instance, "topics": []})["msg"] == \
            "Kafka instance '%s' does not exist." % instance
    assert writes(emu) == []


# -- set mode ---------------------------------------------------------------------------------

def test_set_mode_with_purge_deletes_the_unlisted_topics_in_one_request(emu, run, kafka):
    make_topics(kafka, keep=4, **{"old-one": 3, "old-two": 5})
    emu.reset_requests()
    args = {"instance": kafka["name"], "purge": True,
            "topics": [{"name": "keep", "partitions": 4}, {"name": "fresh", "partitions": 2}]}
    expected = [topic(kafka, "keep", 4), topic(kafka, "fresh", 2)]

    first = run("dms_instance_topic", args, check=True, diff=True)
    assert first.rc == 0 and first["changed"] is True, first.get("msg")
    assert first["created"] == ["fresh"] and first["deleted"] == ["old-one", "old-two"]
    assert first["topics"] == expected
    assert [t["name"] for t in first["diff"]["before"]["topics"]] == ["keep", "old-one", "old-two"]
    assert [t["name"] for t in first["diff"]["after"]["topics"]] == ["fresh", "keep"]
    assert writes(emu) == []

    second = run("dms_instance_topic", args)
    assert second.rc == 0 and second["changed"] is True
    assert (second["created"], second["deleted"], second["topics"]) == \
        (first["created"], first["deleted"], expected)
    # The deletions first, in ONE request, then one create per new topic.
    assert writes(emu) == [("POST", "%s/topics/delete" % kafka["id"]),
                           ("POST", "%s/topics" % kafka["id"])]
    assert topic_names(emu, kafka) == ["fresh", "keep"]

    third = run("dms_instance_topic", args, check=True)
    assert third.rc == 0 and third["changed"] is False
    emu.reset_requests()
    fourth = run("dms_instance_topic", dict(args, instance=kafka["id"]))
    assert fourth.rc == 0 and fourth["changed"] is False
    assert (fourth["created"], fourth["deleted"], fourth["topics"]) == ([], [], expected)
    assert len(dms_requests(emu)) == 1  # by id: the topic list only

    # Without purge, unlisted topics stay; state=absent deletes the listed ones in one request.
    assert run("dms_instance_topic", {"instance": kafka["name"],
                                      "topics": [{"name": "fresh"}]})["changed"] is False
    emu.reset_requests()
    gone = run("dms_instance_topic", {"instance": kafka["name"], "state": "absent",
                                      "topics": [{"name": "fresh"}, {"name": "keep"},
                                                 {"name": "never"}]})
    assert gone.rc == 0 and gone["changed"] is True
    assert (gone["deleted"], gone["created"], gone["topics"]) == (["fresh", "keep"], [], [])
    assert writes(emu) == [("POST", "%s/topics/delete" % kafka["id"])]
    assert topic_names(emu, kafka) == []


def test_set_mode_refuses_every_differing_topic_before_creating_any(emu, run, kafka):
    make_topics(kafka, alpha=3, beta=3)
    emu.reset_requests()
    result = run("dms_instance_topic", {"instance": kafka["id"], "topics": [
        {"name": "new-topic"}, {"name": "beta", "replication": 2}, {"name": "alpha", "partitions": 4},
        {"name": "gamma"}]})
    assert result.rc == 1
    assert result["msg"] == ("Cannot change topic 'beta' in place: replication is 3 (wanted 2). "
                             "Cannot change topic 'alpha' in place: partitions is 3 (wanted 4). "
                             + HINT)
    assert writes(emu) == [] and topic_names(emu, kafka) == ["alpha", "beta"]


def test_partition_exhaustion_fails_before_any_write(emu, run, kafka):
    make_topics(kafka, **{"big-a": 100, "big-b": 100, "big-c": 95})  # 5 of 300 remain
    emu.reset_requests()
    single = run("dms_instance_topic", {"instance": kafka["name"], "name": "more", "partitions": 6},
                 check=True)
    assert single.rc == 1
    assert single["msg"] == (
        "Not enough partitions on Kafka instance '%s' (id %s) to create topic 'more' (6): 6 "
        "partitions needed, 5 remain of the maximum 300." % (kafka["name"], kafka["id"]))
    several = run("dms_instance_topic", {"instance": kafka["id"], "topics": [
        {"name": "big-a"}, {"name": "one-more"}, {"name": "two-more", "partitions": 3}]})
    assert several.rc == 1
    assert several["msg"] == (
        "Not enough partitions on Kafka instance '%s' to create topics 'one-more' (3), "
        "'two-more' (3): 6 partitions needed, 5 remain of the maximum 300." % kafka["id"])
    assert writes(emu) == []
    # What purge frees counts: dropping big-c (95) leaves room for 100.
    freed = run("dms_instance_topic", {"instance": kafka["name"], "purge": True, "topics": [
        {"name": "big-a"}, {"name": "big-b"}, {"name": "huge", "partitions": 100}]})
    assert freed.rc == 0, freed.get("msg")
    assert (freed["created"], freed["deleted"]) == (["huge"], ["big-c"])
    assert raw_topics(emu, kafka)["remain_partitions"] == 0


def test_a_topic_the_api_reports_as_not_deleted_is_named(emu, kafka):
    """The batch delete answers per topic; one without success fails the task by name.

    The module only deletes topics it has just listed, so a topic vanishing in between is
    needed: the module's own delete step is driven directly, in a module process.
    """
    make_topics(kafka, **{"real-one": 3})
    emu.reset_requests()
    import os
    from ansible_collections.otc.dms.plugins.module_utils import client, engine, errors, topic

    os.environ.update(emu.env)
    try:
        ref = topic.InstanceRef(kafka["id"], kafka["id"])
        topics = topic.TopicSet(client.Client({"interface": "public"}), engine.Run(), ref,
                                kafka["id"])
        with pytest.raises(errors.Refusal) as refused:
            topics.delete([{"name": "real-one"}, {"name": "ghost-one"}])
    finally:
        for name in emu.env:
            os.environ.pop(name, None)
    assert refused.value.results["changed"] is True  # real-one is gone
    assert refused.value.msg == ("Failed to delete topic 'ghost-one' of Kafka instance '%s': the "
                                 "API reported no success for it." % kafka["id"])
    assert writes(emu) == [("POST", "%s/topics/delete" % kafka["id"])]
    assert topic_names(emu, kafka) == []


# -- instance status --------------------------------------------------------------------------

def test_a_restarting_instance_fails_without_wait_and_is_waited_for_with_it(emu, run, kafka):
    make_topics(kafka, existing=3)
    emu.force_status(kafka["id"], "RESTARTING")
    emu.reset_requests()
    # Nothing to change: no status needed.
    same = run("dms_instance_topic", {"instance": kafka["id"], "name": "existing", "wait": False})
    assert same.rc == 0 and same["changed"] is False
    args = {"instance": kafka["name"], "name": "orders", "wait": False}
    for check in (True, False):
        refused = run("dms_instance_topic", args, check=check)
        assert refused.rc == 1
        assert refused["msg"] == (
            "Kafka instance '%s' (id %s) is RESTARTING, not RUNNING; creating a topic needs a "
            "running instance (set wait: true to wait for it)." % (kafka["name"], kafka["id"]))
    by_id = run("dms_instance_topic", {"instance": kafka["id"], "name": "existing",
                                       "state": "absent", "wait": False})
    assert by_id.rc == 1 and "is RESTARTING, not RUNNING; deleting a topic" in by_id["msg"]
    assert writes(emu) == []
    # Check mode predicts what waiting would lead to, without waiting.
    predicted = run("dms_instance_topic", dict(args, wait=True), check=True)
    assert predicted.rc == 0 and predicted["changed"] is True

    # The module runs in a thread; once the emulator has seen it read the RESTARTING instance
    # (it is waiting), the restart is made to finish. No timer races the module's start.
    done = {}
    emu.reset_requests()
    worker = threading.Thread(target=lambda: done.update(
        result=run("dms_instance_topic", dict(args, wait=True, timeout=60))))
    worker.start()
    try:
        wait_for_log(emu, "/instances/%s" % kafka["id"])
        emu.force_status(kafka["id"], "RUNNING")
    finally:
        worker.join(120)
    waited = done["result"]
    assert waited.rc == 0 and waited["changed"] is True, waited.get("msg")
    assert topic_names(emu, kafka) == ["existing", "orders"]
    gets = [r for r in dms_requests(emu) if r["method"] == "GET"
            and r["path"].endswith("/instances/%s" % kafka["id"])]
    assert len(gets) >= 2  # polled until RUNNING


def test_a_failed_instance_is_not_waited_for(emu, run, kafka):
    emu.force_status(kafka["id"], "ERROR")
    emu.reset_requests()
    result = run("dms_instance_topic", {"instance": kafka["id"], "topics": [{"name": "orders"}]})
    assert result.rc == 1
    assert result["msg"] == ("Kafka instance '%s' (id %s) is ERROR, not RUNNING; changing its "
                             "topics needs a running instance." % (kafka["name"], kafka["id"]))
    assert writes(emu) == []


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
    - name: info
      otc.dms.dms_instance_topic_info:
        instance: %s
""" % (kafka["name"], kafka["name"]))
    assert play.rc == 0, play.stdout + play.stderr
    results = play.results()
    assert results["topics"]["created"] == ["orders"]
    assert results["info"]["partitions"] == {"max": 300, "remaining": 294, "used": 6}


# -- info -------------------------------------------------------------------------------------

def test_info_lists_topics_and_partition_accounting(emu, run, kafka):
    empty = run("dms_instance_topic_info", {"instance": kafka["name"]})
    assert empty.rc == 0 and empty["changed"] is False
    assert empty["topics"] == []
    assert empty["partitions"] == {"max": MAX_PARTITIONS, "remaining": MAX_PARTITIONS, "used": 0}

    run("dms_instance_topic", {"instance": kafka["id"], "topics": [
        {"name": "clicks", "partitions": 6, "retention_time": 24},
        {"name": "orders", "replication": 2, "sync_replication": True}]})
    emu.reset_requests()
    full = run("dms_instance_topic_info", {"instance": kafka["id"]}, check=True)
    assert full.rc == 0
    assert full["topics"] == [topic(kafka, "clicks", 6, retention_time=24),
                              topic(kafka, "orders", replication=2, sync_replication=True)]
    assert full["partitions"] == {"max": MAX_PARTITIONS, "remaining": MAX_PARTITIONS - 9, "used": 9}
    assert len(dms_requests(emu)) == 1  # by id: one read

    emu.reset_requests()
    one = run("dms_instance_topic_info", {"instance": kafka["name"], "name": "orders"})
    assert [t["name"] for t in one["topics"]] == ["orders"]
    assert one["partitions"]["used"] == 9
    assert len(dms_requests(emu)) == 2  # by name: the instance list and the topic list

    none = run("dms_instance_topic_info", {"instance": kafka["name"], "name": "nothing"})
    assert none.rc == 0 and none["topics"] == [] and none["partitions"]["remaining"] == 291


@pytest.mark.parametrize("instance", ["no-such-kafka", UNKNOWN_ID])
def test_info_returns_empty_for_a_missing_instance(emu, run, instance):
    result = run("dms_instance_topic_info", {"instance": instance, "name": "orders"})
    assert result.rc == 0 and result["changed"] is False
    assert result["topics"] == [] and result["partitions"] is None

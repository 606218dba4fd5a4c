"""dms_instance_consumer_group and dms_instance_consumer_group_info (DMS for Kafka v2), run as
Ansible runs them, against the emulator and its consumer simulation."""

import json

import pytest

from support.ansible_run import dms_requests, tuned_clouds
from support.kafka_v2 import bodies, drop_instance, make_instance, make_topics, reads, writes

HINT = ("The API cannot change a consumer group's description: it is set when the group is "
        "created. Deleting and creating the group again would drop its committed offsets, so the "
        "module does not do it; delete the group yourself (state=absent) if that is what you want.")


@pytest.fixture
def kafka(emu):
    made = make_instance(emu)
    emu.reset_requests()
    yield made
    drop_instance(emu, made)


def make_groups(kafka, *names):
    for name in names:
        kafka["v2"].ok("POST", "/kafka/instances/%s/group" % kafka["id"], json={"group_name": name})


def raw_groups(kafka):
    return sorted(g["group_id"] for g in kafka["v2"].ok(
        "GET", "/instances/%s/groups" % kafka["id"], params={"limit": 50})["groups"])


def consumers(emu, kafka, group, *topics):
    emu.admin("PUT", "instances/%s/groups/%s/members" % (kafka["id"], group), {"members": [
        {"member_id": "consumer-1-abc", "client_id": "consumer-1", "host": "/10.0.0.7",
         "topics": list(topics)}]})


def without_created(view):
    return dict((k, v) for k, v in view.items() if k not in ("created", "coordinator_id"))


def test_group_quartet_create_then_delete_and_unchanged_cost(emu, run, kafka):
    args = {"instance": kafka["name"], "name": "billing", "description": "billing consumers"}
    wanted = {"name": "billing", "description": "billing consumers", "state": "EMPTY", "lag": 0,
              "instance_id": kafka["id"]}
    first = run("dms_instance_consumer_group", args, check=True, diff=True)
    assert first.rc == 0 and first["changed"] is True, first.get("msg")
    assert without_created(first["group"]) == wanted and first["diff"]["before"] == {}
    assert writes(emu) == []
    second = run("dms_instance_consumer_group", args)
    assert second.rc == 0 and second["changed"] is True, second.get("msg")
    assert without_created(second["group"]) == wanted
    assert second["group"]["created"].endswith("Z") and second["group"]["coordinator_id"] in (0, 1, 2)
    assert writes(emu) == [("POST", "kafka/instances/%s/group" % kafka["id"])]
    assert bodies(emu, "/group") == [{"group_name": "billing", "group_desc": "billing consumers"}]
    assert run("dms_instance_consumer_group", args, check=True)["changed"] is False
    emu.reset_requests()
    fourth = run("dms_instance_consumer_group", args)
    assert fourth["changed"] is False and fourth["group"] == second["group"]
    assert [r["path"].rsplit("/", 1)[-1] for r in emu.requests()] == ["tokens", "instances", "groups"]

    refused = run("dms_instance_consumer_group", dict(args, description="other words"))
    assert refused.rc == 1
    assert refused["msg"] == ("Cannot change consumer group 'billing' in place: description is "
                              "'billing consumers' (wanted 'other words'). " + HINT)

    gone = {"instance": kafka["id"], "name": "billing", "state": "absent"}
    emu.reset_requests()
    assert run("dms_instance_consumer_group", gone, check=True)["changed"] is True
    assert writes(emu) == []
    done = run("dms_instance_consumer_group", gone)
    assert done.rc == 0 and done["changed"] is True
    assert writes(emu) == [("POST", "instances/%s/groups/batch-delete" % kafka["id"])]
    assert bodies(emu, "/batch-delete") == [{"group_ids": ["billing"]}]
    assert raw_groups(kafka) == []
    emu.reset_requests()
    assert run("dms_instance_consumer_group", gone)["changed"] is False and writes(emu) == []


def test_set_mode_purges_in_one_request_and_refuses_groups_with_consumers(emu, run, kafka):
    make_topics(kafka, orders=3)
    make_groups(kafka, "old-one", "old-two", "busy")
    consumers(emu, kafka, "busy", "orders")
    emu.reset_requests()
    args = {"instance": kafka["name"], "purge": True,
            "groups": [{"name": "billing"}, {"name": "reporting"}]}
    refused = run("dms_instance_consumer_group", args)
    assert refused.rc == 1
    assert refused["msg"] == ("Cannot delete consumer group 'busy' of Kafka instance '%s' (id %s): "
                              "it has active members (busy STABLE); stop the consumers first."
                              % (kafka["name"], kafka["id"]))
    assert writes(emu) == []
    emu.admin("DELETE", "instances/%s/groups/busy/members" % kafka["id"])
    first = run("dms_instance_consumer_group", args, check=True)
    assert (first["created"], first["deleted"]) == (["billing", "reporting"],
                                                   ["busy", "old-one", "old-two"])
    assert writes(emu) == []
    second = run("dms_instance_consumer_group", args)
    assert second.rc == 0 and second["changed"] is True, second.get("msg")
    assert writes(emu) == [("POST", "instances/%s/groups/batch-delete" % kafka["id"]),
                           ("POST", "kafka/instances/%s/group" % kafka["id"]),
                           ("POST", "kafka/instances/%s/group" % kafka["id"])]
    assert raw_groups(kafka) == ["billing", "reporting"]
    assert run("dms_instance_consumer_group", args, check=True)["changed"] is False
    emu.reset_requests()
    assert run("dms_instance_consumer_group", args)["changed"] is False and writes(emu) == []


def test_groups_are_read_over_every_page(emu, run, kafka):
    names = ["g-%03d" % i for i in range(60)]
    make_groups(kafka, *names)
    emu.reset_requests()
    same = run("dms_instance_consumer_group", {"instance": kafka["id"],
                                               "groups": [{"name": n} for n in names]})
    assert same.rc == 0 and same["changed"] is False, same.get("msg")
    assert reads(emu) == ["instances/%s" % kafka["id"]] + [
        "instances/%s/groups?limit=50&offset=%d" % (kafka["id"], o) for o in (0, 50)]


def test_info_lists_groups_with_lag_and_one_with_members_and_offsets(emu, run, kafka):
    make_topics(kafka, orders=2)
    make_groups(kafka, "billing", "idle")
    emu.admin("POST", "instances/%s/topics/orders/messages" % kafka["id"], {"count": 10})
    emu.admin("PUT", "instances/%s/groups/billing/offsets" % kafka["id"], {"offsets": [
        {"topic": "orders", "partition": 0, "offset": 2},
        {"topic": "orders", "partition": 1, "offset": 5}]})
    consumers(emu, kafka, "billing", "orders")
    emu.reset_requests()
    every = run("dms_instance_consumer_group_info", {"instance": kafka["name"]})
    assert every.rc == 0, every.get("msg")
    assert [(g["name"], g["state"], g["lag"]) for g in every["groups"]] == [
        ("billing", "STABLE", 3 + 0), ("idle", "EMPTY", 0)]
    assert len(dms_requests(emu)) == 2
    one = run("dms_instance_consumer_group_info", {"instance": kafka["id"], "name": "billing"})
    [billing] = one["groups"]
    assert billing["offsets"] == [
        {"topic": "orders", "partition": 0, "offset": 2, "end_offset": 5, "lag": 3},
        {"topic": "orders", "partition": 1, "offset": 5, "end_offset": 5, "lag": 0}]
    assert billing["members"] == [{"member_id": "consumer-1-abc", "client_id": "consumer-1",
                                   "host": "10.0.0.7", "assignment": [
                                       {"topic": "orders", "partitions": [0, 1]}]}]
    assert billing["assignment_strategy"] == "range"
    assert run("dms_instance_consumer_group_info", {"instance": kafka["id"],
                                                    "name": "nobody"})["groups"] == []
    assert run("dms_instance_consumer_group_info", {"instance": "no-such-kafka"})["groups"] == []


def test_a_lost_answer_to_a_group_create_converges_without_a_duplicate(emu, run, kafka, tmp_path):
    quick = tuned_clouds(emu, tmp_path, "status_code_retry_delay: 0.05")
    emu.set_faults(error_rate=1.0, statuses=[502], methods=["POST"], lost_response_rate=1.0, seed=4)
    made = run("dms_instance_consumer_group", {"instance": kafka["id"], "name": "billing"},
               env=quick)
    gone = run("dms_instance_consumer_group", {"instance": kafka["id"], "name": "billing",
                                               "state": "absent"}, env=quick)
    emu.clear_faults()
    assert made.rc == 0 and made["changed"] is True, made.get("msg")
    assert "The cloud answered the creation of consumer group 'billing'" in json.dumps(
        made["warnings"])
    assert gone.rc == 0 and gone["changed"] is True, gone.get("msg")
    assert raw_groups(kafka) == []

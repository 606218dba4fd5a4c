"""dms_instance_consumer_group_offset (DMS for Kafka v2), run as Ansible runs it, against the
emulator and its consumer simulation."""

import pytest

from support.ansible_run import dms_requests
from support.kafka_v2 import bodies, drop_instance, make_instance, make_topics, writes


@pytest.fixture
def kafka(emu):
    """An instance with topic orders (3 partitions, 10 messages each, the first 5 of each
    written at t=1000 s, the rest at t=2000 s) and group billing at offsets 7, 8, 9."""
    made = make_instance(emu)
    make_topics(made, orders=3)
    for stamp in (1000000, 2000000):
        for number in range(3):
            emu.admin("POST", "instances/%s/topics/orders/messages" % made["id"],
                      {"count": 5, "partition": number, "timestamp_ms": stamp})
    made["v2"].ok("POST", "/kafka/instances/%s/group" % made["id"], json={"group_name": "billing"})
    emu.admin("PUT", "instances/%s/groups/billing/offsets" % made["id"], {"offsets": [
        {"topic": "orders", "partition": n, "offset": 7 + n} for n in range(3)]})
    emu.reset_requests()
    yield made
    drop_instance(emu, made)


def committed(kafka):
    group = kafka["v2"].ok("GET", "/instances/%s/groups/billing" % kafka["id"])["group"]
    return [o["message_current_offset"] for o in sorted(group["group_message_offsets"],
                                                         key=lambda o: o["partition"])]


def rows(result):
    return [(o["partition"], o["before"], o["after"]) for o in result["offsets"]]


def test_position_earliest_quartet_one_reset_per_partition_that_moves(emu, run, kafka):
    args = {"instance": kafka["name"], "group": "billing", "topic": "orders", "position": "earliest"}
    first = run("dms_instance_consumer_group_offset", args, check=True)
    assert first.rc == 0 and first["changed"] is True, first.get("msg")
    assert rows(first) == [(0, 7, 0), (1, 8, 0), (2, 9, 0)]
    assert writes(emu) == [] and committed(kafka) == [7, 8, 9]
    second = run("dms_instance_consumer_group_offset", args)
    assert second.rc == 0 and rows(second) == [(0, 7, 0), (1, 8, 0), (2, 9, 0)]
    assert [b["partition"] for b in bodies(emu, "/reset-message-offset")] == [0, 1, 2]
    assert committed(kafka) == [0, 0, 0]
    assert run("dms_instance_consumer_group_offset", args, check=True)["changed"] is False
    emu.reset_requests()
    fourth = run("dms_instance_consumer_group_offset", args)
    assert fourth["changed"] is False and rows(fourth) == [(0, 0, 0), (1, 0, 0), (2, 0, 0)]
    assert writes(emu) == []
    assert len(dms_requests(emu)) == 3  # the instance, the group, the partitions


def test_offset_for_all_partitions_is_one_reset_and_latest_and_one_partition(emu, run, kafka):
    args = {"instance": kafka["id"], "group": "billing", "topic": "orders", "offset": 4}
    done = run("dms_instance_consumer_group_offset", args)
    assert done.rc == 0 and rows(done) == [(0, 7, 4), (1, 8, 4), (2, 9, 4)], done.get("msg")
    assert bodies(emu, "/reset-message-offset") == [
        {"topic": "orders", "partition": -1, "message_offset": 4}]
    assert run("dms_instance_consumer_group_offset", args)["changed"] is False
    # Beyond the end: clamped, as the API does.
    far = run("dms_instance_consumer_group_offset", dict(args, offset=500, partition=1))
    assert rows(far) == [(1, 4, 10)] and committed(kafka) == [4, 10, 4]
    latest = run("dms_instance_consumer_group_offset", dict(args, offset=None, position="latest"))
    assert rows(latest) == [(0, 4, 10), (1, 10, 10), (2, 4, 10)]
    assert committed(kafka) == [10, 10, 10]


def test_timestamp_always_writes_and_reports_a_change_only_if_offsets_moved(emu, run, kafka):
    args = {"instance": kafka["id"], "group": "billing", "topic": "orders",
            "timestamp": "1970-01-01T00:25:00Z"}  # 1 500 000 ms: between the two batches
    check = run("dms_instance_consumer_group_offset", args, check=True)
    assert check["changed"] is True and rows(check) == [(0, 7, None), (1, 8, None), (2, 9, None)]
    assert writes(emu) == []
    done = run("dms_instance_consumer_group_offset", args)
    assert done.rc == 0 and done["changed"] is True, done.get("msg")
    assert rows(done) == [(0, 7, 5), (1, 8, 5), (2, 9, 5)]
    emu.reset_requests()
    again = run("dms_instance_consumer_group_offset", dict(args, timestamp=1500000))
    assert again["changed"] is False and writes(emu) == [
        ("POST", "instances/%s/management/groups/billing/reset-message-offset" % kafka["id"])]


def test_refusals_before_any_write(emu, run, kafka):
    emu.admin("PUT", "instances/%s/groups/billing/members" % kafka["id"], {"members": [
        {"member_id": "m-1", "topics": ["orders"]}, {"member_id": "m-2", "topics": ["orders"]}]})
    base = {"instance": kafka["name"], "group": "billing", "topic": "orders", "offset": 0}
    busy = run("dms_instance_consumer_group_offset", base)
    assert busy.rc == 1
    assert busy["msg"] == ("Consumer group 'billing' of Kafka instance '%s' (id %s) has 2 members: "
                           "stop them before resetting its offsets (the API resets only a group "
                           "without consumers)." % (kafka["name"], kafka["id"]))
    emu.admin("DELETE", "instances/%s/groups/billing/members" % kafka["id"])
    nogroup = run("dms_instance_consumer_group_offset", dict(base, group="nobody"))
    assert nogroup.rc == 1 and nogroup["msg"].endswith("has no consumer group 'nobody'.")
    notopic = run("dms_instance_consumer_group_offset", dict(base, topic="nothing"))
    assert notopic.rc == 1 and notopic["msg"].endswith("has no topic 'nothing'.")
    nopart = run("dms_instance_consumer_group_offset", dict(base, partition=3))
    assert nopart.rc == 1 and nopart["msg"].endswith(
        "has 3 partitions (0 to 2); there is no partition 3.")
    emu.reset_requests()
    two = run("dms_instance_consumer_group_offset", dict(base, position="latest"))
    assert two.rc == 1 and two["msg"] == ("Give exactly one of offset, timestamp and position, "
                                          "got offset and position.")
    assert dms_requests(emu) == []
    assert writes(emu) == [] and committed(kafka) == [7, 8, 9]


def test_a_lost_answer_to_a_reset_converges(emu, run, kafka, tmp_path):
    from support.ansible_run import tuned_clouds
    quick = tuned_clouds(emu, tmp_path, "status_code_retry_delay: 0.05")
    emu.set_faults(error_rate=1.0, statuses=[502], methods=["POST"], lost_response_rate=1.0, seed=6)
    done = run("dms_instance_consumer_group_offset", {
        "instance": kafka["id"], "group": "billing", "topic": "orders", "offset": 2}, env=quick)
    emu.clear_faults()
    assert done.rc == 0 and done["changed"] is True, done.get("msg")
    assert "the group shows the new offsets" in str(done["warnings"])
    assert committed(kafka) == [2, 2, 2]

"""Kafka consumer groups with simulated consumers, lag and offset resets (contract 8), the
admin knobs, faults and the request log on v2 paths, and --state persistence of v2 data."""

import os

import pytest

from sdk_support import Emulator, assert_error, unique
from v2_support import V2, create_body, eventually_deleted, sasl


@pytest.fixture
def kafka(v2, net, az_ids):
    found = v2.create(net, az_ids)
    yield found
    eventually_deleted(v2, found["instance_id"])


def members(emulator, iid, group, *topics):
    return emulator.admin("PUT", "instances/%s/groups/%s/members" % (iid, group), {"members": [
        {"member_id": "consumer-1-6b8ee551", "client_id": "consumer-1", "host": "/192.168.0.215",
         "topics": list(topics)}]})


def test_the_recipe_lag_details_and_the_reset_refused_while_consumers_run(v2, emulator, kafka):
    iid = kafka["instance_id"]
    v2.ok("POST", "/instances/%s/topics" % iid, json={"id": "orders", "partition": 3})
    resp = v2.post("/kafka/instances/%s/group" % iid, json={"group_name": "billing",
                                                           "group_desc": "billing consumers"})
    assert resp.status_code == 200 and resp.text == "success"
    assert "json" not in resp.headers["Content-Type"]
    group = v2.ok("GET", "/instances/%s/groups/billing" % iid)["group"]
    assert (group["state"], group["members"], group["group_message_offsets"],
            group["assignment_strategy"]) == ("EMPTY", [], [], "")
    emulator.admin("POST", "instances/%s/topics/orders/messages" % iid,
                   {"count": 120, "partition": 0})
    members(emulator, iid, "billing", "orders")
    emulator.admin("PUT", "instances/%s/groups/billing/offsets" % iid,
                   {"offsets": [{"topic": "orders", "partition": 0, "offset": 100}]})
    listing = v2.ok("GET", "/instances/%s/groups" % iid)
    entry = listing["groups"][0]
    assert listing["total"] == 1 and (entry["group_id"], entry["state"], entry["lag"],
                                      entry["group_desc"]) == ("billing", "STABLE", 20,
                                                               "billing consumers")
    assert isinstance(entry["createdAt"], int) and 0 <= entry["coordinator_id"] < 3
    details = v2.ok("GET", "/instances/%s/management/groups/billing" % iid)["group"]
    assert details["members"][0]["assignment"] == [{"topic": "orders", "partitions": [0, 1, 2]}]
    assert details["members"][0]["host"] == "/192.168.0.215"
    assert details["group_message_offsets"] == [
        {"partition": 0, "lag": 20, "topic": "orders", "message_current_offset": 100,
         "message_log_end_offset": 120}]
    assert "assignment" not in v2.ok("GET", "/instances/%s/groups/billing" % iid
                                     )["group"]["members"][0]
    assert v2.ok("GET", "/instances/%s/management/topics/orders" % iid)["group_subscribed"] == [
        "billing"]
    reset = "/instances/%s/management/groups/billing/reset-message-offset" % iid
    body = assert_error(v2.post(reset, json={"topic": "orders", "partition": 0,
                                             "message_offset": 0}), 400, "DMS.00400800")
    assert "stop the consumers" in body["error_msg"]
    assert_error(v2.delete("/instances/%s/groups/billing" % iid), 400, "DMS.00400800")
    emulator.admin("DELETE", "instances/%s/groups/billing/members" % iid)
    assert v2.post(reset, json={"topic": "orders", "partition": 0, "message_offset": 0}
                   ).status_code == 204
    group = v2.ok("GET", "/instances/%s/groups/billing" % iid)["group"]
    assert group["state"] == "EMPTY"
    assert group["group_message_offsets"][0]["message_current_offset"] == 0
    assert v2.ok("GET", "/instances/%s/groups" % iid)["groups"][0]["lag"] == 120
    coordinators = v2.ok("GET", "/instances/%s/management/coordinators" % iid)["coordinators"]
    assert coordinators[0]["group_id"] == "billing" and coordinators[0]["port"] == 9092
    assert v2.delete("/instances/%s/groups/billing" % iid).status_code == 204
    assert_error(v2.get("/instances/%s/groups/billing" % iid), 404, "DMS.10240405")


def test_offset_resets_by_offset_timestamp_and_over_all_partitions(v2, emulator, kafka):
    iid = kafka["instance_id"]
    v2.ok("POST", "/instances/%s/topics" % iid, json={"id": "orders", "partition": 2})
    assert v2.post("/kafka/instances/%s/group" % iid, json={"group_name": "grp1"}).text == \
        "success"
    for stamp in (1000, 2000, 3000):
        emulator.admin("POST", "instances/%s/topics/orders/messages" % iid,
                       {"count": 10, "partition": 0, "timestamp_ms": stamp})
    emulator.admin("PUT", "instances/%s/topics/orders/partitions/0" % iid,
                   {"log_start_offset": 5, "log_end_offset": 30})
    reset = "/instances/%s/management/groups/grp1/reset-message-offset" % iid

    def current():
        offsets = v2.ok("GET", "/instances/%s/groups/grp1" % iid)["group"]["group_message_offsets"]
        return {o["partition"]: o["message_current_offset"] for o in offsets}

    v2.post(reset, json={"topic": "orders", "partition": 0, "timestamp": 2000})
    assert current() == {0: 10}
    v2.post(reset, json={"topic": "orders", "partition": 0, "timestamp": 1})
    assert current() == {0: 5}  # before the first message: the log start offset
    v2.post(reset, json={"topic": "orders", "partition": 0, "timestamp": 9999})
    assert current() == {0: 30}
    v2.post(reset, json={"topic": "orders", "partition": -1, "message_offset": 99})
    assert current() == {0: 30, 1: 0}  # clamped to [lso, leo]
    v2.post(reset, json={"partition": -1, "message_offset": 0})  # every topic with offsets
    assert current() == {0: 5, 1: 0}
    for body, code in (({"topic": "orders", "message_offset": 1}, "DMS.00400062"),
                       ({"topic": "orders", "partition": 0}, "DMS.00400062"),
                       ({"topic": "orders", "partition": 0, "message_offset": 1,
                         "timestamp": 5}, "DMS.00400062"),
                       ({"topic": "orders", "partition": 0, "timestamp": 0}, "DMS.00400142"),
                       ({"topic": "nope", "partition": 0, "message_offset": 1}, "DMS.00400975"),
                       ({"topic": "orders", "partition": 2, "message_offset": 1},
                        "DMS.00400800")):
        assert_error(v2.post(reset, json=body), 400, code)
    assert_error(v2.post("/instances/%s/management/groups/ghost/reset-message-offset" % iid,
                         json={"topic": "orders", "partition": 0, "message_offset": 1}),
                 404, "DMS.10240405")
    emulator.admin("PUT", "instances/%s/groups/grp1/state" % iid,
                   {"state": "PREPARING_REBALANCE"})
    assert_error(v2.post(reset, json={"partition": -1, "message_offset": 0}), 400,
                 "DMS.00400800")


def test_group_names_paging_filter_and_batch_delete(v2, emulator, kafka):
    iid = kafka["instance_id"]
    path = "/kafka/instances/%s/group" % iid
    names = ["g%02d" % n for n in range(12)] + ["_internal.x", "other-1"]
    for name in names:
        assert v2.post(path, json={"group_name": name}).status_code == 200
    for body, code in (({"group_name": "ab"}, "DMS.00400062"),
                       ({"group_name": "1ab"}, "DMS.00400062"),
                       ({"group_name": "x" * 65}, "DMS.00400062"),
                       ({"group_name": "g-desc", "group_desc": "x" * 201}, "DMS.00400062"),
                       ({"group_name": "g00"}, "DMS.10240018")):
        assert_error(v2.post(path, json=body), 400, code)
    first = v2.ok("GET", "/instances/%s/groups" % iid)
    assert first["total"] == 14 and len(first["groups"]) == 10
    assert first["groups"][0]["group_desc"] is None
    rest = v2.ok("GET", "/instances/%s/groups" % iid, params={"offset": 10, "limit": 10})
    assert [g["group_id"] for g in first["groups"] + rest["groups"]] == names  # creation order
    filtered = v2.ok("GET", "/instances/%s/groups" % iid, params={"group": "g1"})
    assert [g["group_id"] for g in filtered["groups"]] == ["g10", "g11"]
    members(emulator, iid, "g01")
    result = v2.ok("POST", "/instances/%s/groups/batch-delete" % iid,
                   json={"group_ids": ["g00", "g01", "ghost"]})
    assert result == {"failed_groups": [{"group_id": "g01", "error_message": "NON_EMPTY_GROUP"},
                                        {"group_id": "ghost",
                                         "error_message": "GROUP_ID_NOT_FOUND"}], "total": 2}
    assert v2.ok("GET", "/instances/%s/groups" % iid)["total"] == 13
    assert_error(v2.post("/instances/%s/groups/batch-delete" % iid, json={"group_ids": []}),
                 400, "DMS.00400062")
    assert_error(v2.delete("/instances/%s/groups/ghost" % iid), 404, "DMS.10240405")


def test_a_topic_deleted_drops_every_groups_offsets_on_it(v2, emulator, kafka):
    iid = kafka["instance_id"]
    v2.ok("POST", "/instances/%s/topics" % iid, json={"id": "orders"})
    emulator.admin("PUT", "instances/%s/groups/auto-made/offsets" % iid,
                   {"offsets": [{"topic": "orders", "partition": 1, "offset": 0}]})
    assert v2.ok("GET", "/instances/%s/groups/auto-made" % iid)["group"]["state"] == "EMPTY"
    v2.post("/instances/%s/topics/delete" % iid, json={"topics": ["orders"]})
    assert v2.ok("GET", "/instances/%s/groups/auto-made" % iid
                 )["group"]["group_message_offsets"] == []


# -- knobs, clock, faults, request log, persistence -------------------------------------------

@pytest.fixture(scope="module")
def knobbed():
    """An emulator of its own (its clock is moved): the non-default knobs of contract 10."""
    with Emulator(instance_delay=0.1, extra_args=[
            "--extend-delay", "0", "--task-delay", "0.1", "--delete-delay", "5",
            "--unknown-group", "dead", "--maintain-window-format", "hms",
            "--seed-system-topics", "--max-users", "3", "--single-node-sasl", "reject",
            "--min-storage-step", "50", "--no-strict-storage-multiple",
            "--extend-failed-recovery", "5", "--autotopic-restarts"]) as emu:
        yield emu


def test_the_knobs_clock_and_timed_behaviours(knobbed):
    conn = knobbed.connect()
    v2 = V2(conn)
    seed = knobbed.seed()
    net = seed["projects"][0]["network"]
    az_ids = [z["id"] for z in seed["availability_zones"]]
    windows = v2.ok("GET", "/instances/maintain-windows", family="bare")["maintain_windows"]
    assert (windows[0]["begin"], windows[0]["end"]) == ("22:00:00", "02:00:00")
    body = dict(product_id="c6.2u4g.single", engine_version="2.7", broker_num=1,
                storage_space=100, **sasl())
    assert_error(v2.post("/instances", family="engine", json=create_body(net, az_ids, **body)),
                 400, "DMS.00400800")
    kafka = v2.create(net, az_ids, storage_space=301, **sasl())  # not a multiple: accepted
    iid = kafka["instance_id"]
    topics = v2.ok("GET", "/instances/%s/topics" % iid)
    assert [(t["name"], t["topic_type"]) for t in topics["topics"]] == [("__dms_dial_test", 1)]
    dead = v2.ok("GET", "/instances/%s/groups/ghost" % iid)["group"]
    assert dead["state"] == "DEAD" and dead["members"] == []
    for n in range(2):
        v2.post("/instances/%s/users" % iid, json={"user_name": "user%d" % n,
                                                   "user_passwd": "Cxxx3-secret"})
    assert_error(v2.post("/instances/%s/users" % iid, json={"user_name": "user2",
                                                             "user_passwd": "Cxxx3-secret"}),
                 400, "DMS.00400039")
    # extend in 0 s, by +50 GB per broker; 20 storage extensions at most
    extend = "/instances/%s/extend" % iid
    for n in range(20):
        v2.ok("POST", extend, family="engine",
              json={"oper_type": "storage", "new_storage_space": 301 + 150 * (n + 1)})
        v2.wait_status(iid, "RUNNING")
    assert v2.instance(iid)["extend_times"] == 20
    assert_error(v2.post(extend, family="engine", json={"oper_type": "storage",
                                                        "new_storage_space": 9000}),
                 400, "DMS.00400124")
    # auto topic restarts the instance with this knob
    v2.post("/instances/%s/autotopic" % iid, json={"enable_auto_topic": True})
    assert v2.instance(iid)["status"] == "RESTARTING"
    assert v2.wait_status(iid, "RUNNING")["enable_auto_topic"] is True
    produced = knobbed.admin("POST", "instances/%s/topics/new.topic/messages" % iid,
                             {"count": 6})
    assert len(produced["partitions"]) == 3  # auto-created with num.partitions
    # an empty group that never committed is deleted after 10 minutes, and on restart
    v2.post("/kafka/instances/%s/group" % iid, json={"group_name": "idle"})
    v2.post("/kafka/instances/%s/group" % iid, json={"group_name": "kept"})
    knobbed.admin("PUT", "instances/%s/groups/kept/offsets" % iid,
                  {"offsets": [{"topic": "new.topic", "partition": 0, "offset": 1}]})
    knobbed.admin("POST", "clock", {"advance_seconds": 601})
    names = [g["group_id"] for g in v2.ok("GET", "/instances/%s/groups" % iid)["groups"]]
    assert names == ["kept"]
    # EXTENDEDFAILED recovers by itself after --extend-failed-recovery
    knobbed.admin("PUT", "next-failure", {"operation": "extend", "status": "EXTENDEDFAILED"})
    v2.ok("POST", extend, family="engine", json={"oper_type": "horizontal", "new_broker_num": 4})
    assert v2.instance(iid)["status"] == "EXTENDEDFAILED"
    knobbed.admin("POST", "clock", {"advance_seconds": 6})
    assert v2.instance(iid)["status"] == "RUNNING" and v2.instance(iid)["broker_num"] == 3
    # DELETING lasts --delete-delay, is seen by v1 too, and a second DELETE is accepted
    assert v2.delete("/instances/%s" % iid).status_code == 204
    assert v2.instance(iid)["status"] == "DELETING"
    assert conn.dms.get_instance(iid).status == "DELETING"
    assert v2.delete("/instances/%s" % iid).status_code == 204
    knobbed.admin("POST", "clock", {"advance_seconds": 6})
    assert_error(v2.get("/instances/%s" % iid), 404, "DMS.00404022")


def test_faults_and_the_request_log_cover_v2_and_acl_paths(emulator, v2, sasl_kafka):
    iid = sasl_kafka["instance_id"]
    emulator.reset_requests()
    emulator.set_faults(error_rate=1.0, statuses=[404], methods=["GET"], seed=1)
    try:
        body = assert_error(v2.get("/instances/%s" % iid), 404, "DMS.10240407")
        assert "too frequent" in body["error_msg"]
        assert_error(v2.get("/instances/%s/topics/x/accesspolicy" % iid, family="acl"), 404,
                     "DMS.10240407")
        emulator.set_faults(error_rate=1.0, statuses=[503], methods=["POST"],
                            lost_response_rate=1.0, seed=2)
        name = unique("lost")
        assert_error(v2.post("/instances/%s/topics" % iid, json={"id": name}), 503,
                     "APIGW.0203")
    finally:
        emulator.clear_faults()
    assert name in [t["name"] for t in v2.topics(iid)]  # acted, then the answer was lost
    log = emulator.requests()
    assert [(e["method"], e["status"], e["lost"]) for e in log[:3]] == [
        ("GET", 404, False), ("GET", 404, False), ("POST", 503, True)]
    assert log[0]["path"] == "/v2/%s/instances/%s" % (v2.pid, iid)
    assert log[1]["path"].startswith("/v1/%s/" % v2.pid)
    assert log[3]["query"] == "offset=0&limit=50"


def test_state_survives_a_restart_with_the_v2_data(tmp_path):
    state = os.path.join(str(tmp_path), "state.db")
    emu = Emulator(instance_delay=0.1, state=state, extra_args=["--task-delay", "0.1"])
    emu.start()
    try:
        v2 = V2(emu.connect())
        seed = emu.seed()
        net = seed["projects"][0]["network"]
        az_ids = [z["id"] for z in seed["availability_zones"]]
        iid = v2.create(net, az_ids, tags=[{"key": "k", "value": "v"}], **sasl())["instance_id"]
        v2.ok("POST", "/instances/%s/topics" % iid, json={"id": "orders", "topic_desc": "d"})
        v2.post("/instances/%s/users" % iid, json={"user_name": "app1",
                                                   "user_passwd": "Cxxx3-secret"})
        v2.post("/instances/%s/topics/accesspolicy" % iid, family="acl", json={"topics": [
            {"name": "orders", "policies": [{"user_name": "app1", "access_policy": "pub"}]}]})
        v2.post("/kafka/instances/%s/group" % iid, json={"group_name": "billing"})
        emu.admin("POST", "instances/%s/topics/orders/messages" % iid, {"count": 9})
        emu.admin("PUT", "instances/%s/groups/billing/offsets" % iid,
                  {"offsets": [{"topic": "orders", "partition": 0, "offset": 2}]})
        v2.ok("PUT", "/instances/%s/configs" % iid, json={"kafka_configs": [
            {"name": "num.partitions", "value": "5"}]})
        before = {path: v2.ok("GET", path % iid, family=family) for path, family in (
            ("/instances/%s", "project"), ("/instances/%s/topics", "project"),
            ("/instances/%s/users", "project"), ("/instances/%s/groups/billing", "project"),
            ("/instances/%s/configs", "project"), ("/kafka/%s/tags", "project"),
            ("/instances/%s/topics/orders/accesspolicy", "acl"),
            ("/instances/%s/tasks", "project"))}
        emu.restart()
        v2 = V2(emu.connect())
        for path, family in (("/instances/%s", "project"), ("/instances/%s/topics", "project"),
                             ("/instances/%s/users", "project"),
                             ("/instances/%s/groups/billing", "project"),
                             ("/instances/%s/configs", "project"),
                             ("/kafka/%s/tags", "project"),
                             ("/instances/%s/topics/orders/accesspolicy", "acl")):
            assert v2.ok("GET", path % iid, family=family) == before[path], path
        tasks = v2.ok("GET", "/instances/%s/tasks" % iid)["tasks"]
        assert [t["id"] for t in tasks] == [t["id"] for t in before["/instances/%s/tasks"]["tasks"]]
        assert v2.ok("GET", "/kafka/instances/%s/topics/orders/partitions" % iid)[
            "partitions"][0]["last_offset"] == 3
    finally:
        emu.cleanup()

"""DMS for Kafka v2 topics, SASL users and topic permissions through conn.dmsv2 (contract 5-7),
and the one store seen through v1 and v2 (4.5)."""

import pytest

from sdk_support import assert_error, unique
from v2_support import eventually_deleted, sasl


def topic_names(v2, iid):
    return [t["name"] for t in v2.topics(iid)]


@pytest.fixture
def kafka(v2, net, az_ids):
    """A fresh RUNNING SASL cluster of 3 brokers (750 partitions) for one test."""
    found = v2.create(net, az_ids, **sasl())
    yield found
    eventually_deleted(v2, found["instance_id"])


def test_create_list_modify_and_delete_topics(v2, kafka):
    iid = kafka["instance_id"]
    path = "/instances/%s/topics" % iid
    answer = v2.ok("POST", path, json={
        "id": "orders", "partition": 3, "replication": 3, "retention_time": 72,
        "sync_message_flush": False, "sync_replication": "false",
        "topic_other_configs": [{"name": "message.timestamp.type", "value": "LogAppendTime"},
                                {"name": "max.message.bytes", "value": 10485760}],
        "topic_desc": ""})
    assert answer == {"name": "orders"}
    v2.ok("POST", path, json={"id": "_audit.log"})
    listing = v2.ok("GET", path)
    assert (listing["total"], listing["size"], listing["max_partitions"],
            listing["remain_partitions"], listing["topic_max_partitions"]) == (2, 2, 750, 744, 200)
    by_name = {t["name"]: t for t in listing["topics"]}
    assert [t["name"] for t in listing["topics"]] == ["_audit.log", "orders"]  # by name
    orders = by_name["orders"]
    assert orders["sync_replication"] is False and orders["sync_message_flush"] is False
    assert {c["name"]: c["value"] for c in orders["topic_other_configs"]} == {
        "max.message.bytes": "10485760", "message.timestamp.type": "LogAppendTime"}
    assert isinstance(orders["created_at"], int) and orders["topic_type"] == 0
    defaults = by_name["_audit.log"]
    assert (defaults["partition"], defaults["replication"], defaults["retention_time"]) == \
        (3, 3, 72)
    assert {c["name"]: c["value"] for c in defaults["topic_other_configs"]}[
        "message.timestamp.type"] == "CreateTime"

    resp = v2.put(path, json={"topics": [{
        "id": "orders", "retention_time": 24, "sync_replication": True, "new_partition_numbers": 6,
        "new_partition_brokers": [0, 1], "topic_desc": "orders of the shop",
        "topic_other_configs": [{"name": "max.message.bytes", "value": 2048}],
        "replication": 1}]})
    assert resp.status_code == 204
    orders = {t["name"]: t for t in v2.topics(iid)}["orders"]
    assert (orders["partition"], orders["retention_time"], orders["sync_replication"],
            orders["topic_desc"], orders["replication"]) == (6, 24, True, "orders of the shop", 3)
    assert {c["name"]: c["value"] for c in orders["topic_other_configs"]}[
        "max.message.bytes"] == "2048"
    assert v2.ok("GET", path)["remain_partitions"] == 741
    assert v2.put(path, json={"topics": [{"id": "orders", "new_partition_numbers": 6}]}
                  ).status_code == 204  # equal: a no-op

    result = v2.ok("POST", path + "/delete", json={"topics": ["orders", "nope"]})
    assert result == {"topics": [{"id": "orders", "success": True},
                                 {"id": "nope", "success": False}]}
    assert topic_names(v2, iid) == ["_audit.log"]
    assert v2.ok("GET", path)["remain_partitions"] == 747


BAD_TOPICS = [
    ({"id": "ab"}, "DMS.00400101"), ({"id": "1abc"}, "DMS.00400101"),
    ({"id": "a" * 201}, "DMS.00400101"), ({"id": "bad name"}, "DMS.00400101"),
    ({"id": "__consumer_offsets"}, "DMS.00400101"), ({"id": "__dms_dial_test"}, "DMS.00400101"),
    ({"partition": 0}, "DMS.00400102"), ({"partition": 201}, "DMS.00400102"),
    ({"replication": 0}, "DMS.00400103"), ({"replication": 4}, "DMS.00400103"),
    ({"retention_time": 0}, "DMS.00400105"), ({"retention_time": 721}, "DMS.00400105"),
    ({"replication": 1, "sync_replication": True}, "DMS.00400800"),
    ({"sync_replication": "perhaps"}, "DMS.00400062"),
    ({"topic_other_configs": [{"name": "cleanup.policy", "value": "compact"}]}, "DMS.00400062"),
    ({"topic_other_configs": [{"name": "max.message.bytes", "value": 10485761}]},
     "DMS.00400062"),
    ({"topic_other_configs": [{"name": "message.timestamp.type", "value": "Now"}]},
     "DMS.00400062"),
    ({"topic_desc": "x" * 201}, "DMS.00400062"),
]


@pytest.mark.parametrize("fields,code", BAD_TOPICS,
                         ids=["%s-%s" % (c, "-".join(sorted(f))) for f, c in BAD_TOPICS])
def test_create_topic_refuses_what_the_contract_refuses(v2, sasl_kafka, fields, code):
    body = dict({"id": unique("t")}, **fields)
    iid = sasl_kafka["instance_id"]
    before = v2.ok("GET", "/instances/%s/topics" % iid)["total"]
    assert_error(v2.post("/instances/%s/topics" % iid, json=body), 400, code)
    assert v2.ok("GET", "/instances/%s/topics" % iid)["total"] == before


def test_names_that_collide_the_partition_budget_and_the_broker_count(v2, net, az_ids, kafka):
    iid = kafka["instance_id"]
    path = "/instances/%s/topics" % iid
    v2.ok("POST", path, json={"id": "Topic_1"})
    assert_error(v2.post(path, json={"id": "Topic_1"}), 400, "DMS.00400800")
    body = assert_error(v2.post(path, json={"id": "Topic.1"}), 400, "DMS.00400800")
    assert "Topic_1" in body["error_msg"]
    for n in range(3):  # 3 + 3 x 200 = 603 of 750 partitions
        v2.ok("POST", path, json={"id": "big-%d" % n, "partition": 200})
    body = assert_error(v2.post(path, json={"id": "big-3", "partition": 200}), 400,
                        "DMS.00400800")
    assert "147" in body["error_msg"]  # says how many remain
    for topic, change, code in (("big-0", {"new_partition_numbers": 100}, "DMS.00400800"),
                                ("big-0", {"new_partition_numbers": 201}, "DMS.00400102"),
                                ("Topic_1", {"new_partition_numbers": 151}, "DMS.00400800"),
                                ("nope", {"retention_time": 5}, "DMS.00400975"),
                                ("Topic_1", {"retention_time": 0}, "DMS.00400105"),
                                ("Topic_1", {"new_partition_brokers": [0]}, "DMS.00400800"),
                                ("Topic_1", {"new_partition_numbers": 4,
                                             "new_partition_brokers": [3]}, "DMS.00400800")):
        assert_error(v2.put(path, json={"topics": [dict(change, id=topic)]}), 400, code)
    # all or nothing: a good change beside a bad one is not applied
    assert_error(v2.put(path, json={"topics": [{"id": "Topic_1", "retention_time": 5},
                                               {"id": "nope", "retention_time": 5}]}),
                 400, "DMS.00400975")
    assert {t["name"]: t for t in v2.topics(iid)}["Topic_1"]["retention_time"] == 72
    for body, code in (({}, "DMS.00400062"), ({"topics": []}, "DMS.00400062")):
        assert_error(v2.put(path, json=body), 400, code)
        assert_error(v2.post(path + "/delete", json=body), 400, "DMS.00400062")

    single = v2.create(net, az_ids, product_id="c6.2u4g.single", engine_version="2.7",
                       broker_num=1, storage_space=100)
    spath = "/instances/%s/topics" % single["instance_id"]
    v2.ok("POST", spath, json={"id": "solo"})
    assert {t["name"]: t for t in v2.topics(single["instance_id"])}["solo"]["replication"] == 1
    assert_error(v2.post(spath, json={"id": "trio", "replication": 2}), 400, "DMS.00400861")
    eventually_deleted(v2, single["instance_id"])


def test_every_page_of_a_long_topic_list(v2, kafka):
    iid = kafka["instance_id"]
    names = ["t%03d" % n for n in range(57)]
    for name in names:
        v2.ok("POST", "/instances/%s/topics" % iid, json={"id": name, "partition": 1})
    first = v2.ok("GET", "/instances/%s/topics" % iid)
    assert (first["total"], first["size"], len(first["topics"])) == (57, 10, 10)  # default 10
    page = v2.ok("GET", "/instances/%s/topics" % iid, params={"offset": 50, "limit": 50})
    assert page["size"] == 7 and [t["name"] for t in page["topics"]] == names[50:]
    assert topic_names(v2, iid) == names
    assert v2.ok("GET", "/instances/%s/topics" % iid, params={"offset": 60})["topics"] == []
    for params in ({"limit": 51}, {"offset": -1}):
        assert_error(v2.get("/instances/%s/topics" % iid, params=params), 400, "DMS.00400062")


def test_details_and_partitions_with_offsets(v2, emulator, kafka):
    iid = kafka["instance_id"]
    v2.ok("POST", "/instances/%s/topics" % iid, json={"id": "orders", "partition": 3,
                                                      "replication": 2})
    emulator.admin("POST", "instances/%s/topics/orders/messages" % iid,
                   {"count": 120, "partition": 0, "timestamp_ms": 1767261700000})
    emulator.admin("POST", "instances/%s/topics/orders/messages" % iid, {"count": 4})
    emulator.admin("PUT", "instances/%s/topics/orders/partitions/2" % iid,
                   {"log_start_offset": 1, "log_end_offset": 10})
    details = v2.ok("GET", "/instances/%s/management/topics/orders" % iid)
    assert details["topic"] == "orders" and details["group_subscribed"] == []
    p0, p1, p2 = details["partitions"]
    assert (p0["leader"], p0["leo"], p0["hw"], p0["lso"]) == (0, 122, 122, 0)
    assert [(r["broker"], r["leader"], r["in_sync"]) for r in p1["replicas"]] == [
        (1, True, True), (2, False, True)]
    assert (p2["lso"], p2["leo"], p2["replicas"][0]["size"]) == (1, 10, 9 * 1024)
    parts = v2.ok("GET", "/kafka/instances/%s/topics/orders/partitions" % iid)
    assert parts["total"] == 3
    assert [(p["start_offset"], p["last_offset"], p["message_count"])
            for p in parts["partitions"]] == [(0, 122, 122), (0, 1, 1), (1, 10, 9)]
    page = v2.ok("GET", "/kafka/instances/%s/topics/orders/partitions" % iid,
                 params={"start": 2, "limit": 1})
    assert [p["partition"] for p in page["partitions"]] == [1]
    for path in ("/instances/%s/management/topics/nope" % iid,
                 "/kafka/instances/%s/topics/nope/partitions" % iid):
        assert_error(v2.get(path), 400, "DMS.00400975")


# -- SASL users -----------------------------------------------------------------------------

def test_users_created_listed_reset_and_deleted(v2, emulator, kafka, plain_kafka):
    iid = kafka["instance_id"]
    path = "/instances/%s/users" % iid
    resp = v2.post(path, json={"user_name": "app1", "user_passwd": "Cxxx3-secret",
                               "user_desc": "billing producer"})
    assert resp.status_code == 204 and not resp.content
    users = v2.ok("GET", path)["users"]
    assert [(u["user_name"], u["default_app"], u["role"]) for u in users] == [
        ("root", True, "guest"), ("app1", False, "guest")]
    assert users[1]["user_desc"] == "billing producer" and isinstance(users[1]["created_time"],
                                                                       int)
    assert v2.put(path + "/app1", json={"new_password": "New-secret-1"}).status_code == 204
    assert v2.put(path + "/root", json={"new_password": "New-secret-1"}).status_code == 204
    for body, code in (({"user_name": "ab1", "user_passwd": "Cxxx3-secret"}, "DMS.00400015"),
                       ({"user_name": "1app", "user_passwd": "Cxxx3-secret"}, "DMS.00400015"),
                       ({"user_name": "app2", "user_passwd": "weak"}, "DMS.00400012"),
                       ({"user_name": "App2Secret", "user_passwd": "App2Secret"},
                        "DMS.00400019"),
                       ({"user_name": "app2"}, "DMS.00400062"),
                       ({"user_name": "app1", "user_passwd": "Cxxx3-secret"}, "DMS.00400800"),
                       ({"user_name": "root", "user_passwd": "Cxxx3-secret"}, "DMS.00400800"),
                       ({"user_name": "app2", "user_passwd": "Cxxx3-secret",
                         "user_desc": "x" * 201}, "DMS.00400062")):
        assert_error(v2.post(path, json=body), 400, code)
    assert_error(v2.put(path + "/ghost", json={"new_password": "New-secret-1"}), 400,
                 "DMS.00400800")
    assert_error(v2.put(path + "/app1", json={}), 400, "DMS.00400062")
    assert_error(v2.put(path, json={"action": "delete", "users": ["app1", "root"]}), 400,
                 "DMS.00400800")
    assert [u["user_name"] for u in v2.ok("GET", path)["users"]] == ["root", "app1"]
    assert_error(v2.put(path, json={"action": "remove", "users": ["app1"]}), 400,
                 "DMS.00400062")
    assert v2.put(path, json={"action": "delete", "users": ["app1", "ghost"]}).status_code == 204
    assert [u["user_name"] for u in v2.ok("GET", path)["users"]] == ["root"]
    assert_error(v2.get("/instances/%s/users" % plain_kafka["instance_id"]), 400,
                 "DMS.00400971")
    log = emulator.requests(bodies=True)
    assert not any("Cxxx3-secret" in e["response_body"] for e in log)


def test_the_user_quota(v2, emulator, kafka):
    path = "/instances/%s/users" % kafka["instance_id"]
    for n in range(19):  # 20 with the initial user
        assert v2.post(path, json={"user_name": "user%02d" % n,
                                   "user_passwd": "Cxxx3-secret"}).status_code == 204
    assert_error(v2.post(path, json={"user_name": "user19", "user_passwd": "Cxxx3-secret"}),
                 400, "DMS.00400039")


def test_single_node_sasl_lists_the_initial_user_and_refuses_writes(v2, net, az_ids):
    single = v2.create(net, az_ids, product_id="s6.2u4g.single.small", engine_version="2.7",
                       broker_num=1, storage_space=100, **sasl())
    path = "/instances/%s/users" % single["instance_id"]
    assert [u["user_name"] for u in v2.ok("GET", path)["users"]] == ["root"]
    assert_error(v2.post(path, json={"user_name": "app1", "user_passwd": "Cxxx3-secret"}), 400,
                 "DMS.00400800")
    assert_error(v2.post("/instances/%s/password" % single["instance_id"],
                         json={"new_password": "Another@Pass1"}), 400, "DMS.00400800")
    eventually_deleted(v2, single["instance_id"])


# -- topic permissions ----------------------------------------------------------------------

def test_topic_permissions_replace_per_topic_and_authorize(v2, emulator, kafka, plain_kafka):
    iid = kafka["instance_id"]
    for topic in ("orders", "audit"):
        v2.ok("POST", "/instances/%s/topics" % iid, json={"id": topic})
    for user in ("app1", "app2"):
        v2.post("/instances/%s/users" % iid, json={"user_name": user,
                                                   "user_passwd": "Cxxx3-secret"})
    grant = "/instances/%s/topics/accesspolicy" % iid

    def policies(topic):
        return v2.ok("GET", "/instances/%s/topics/%s/accesspolicy" % (iid, topic),
                     family="acl")

    def allowed(user, topic, operation):
        return emulator.admin("GET", "instances/%s/authorize?user=%s&topic=%s&operation=%s"
                              % (iid, user, topic, operation))["allowed"]

    assert policies("orders") == {"name": "orders", "topic_type": 0, "policies": []}
    assert allowed("app1", "orders", "pub")  # no ACL, allow.everyone.if.no.acl.found=true
    resp = v2.post(grant, family="acl", json={"topics": [
        {"name": "orders", "policies": [{"user_name": "app1", "access_policy": "pub"},
                                        {"user_name": "app2", "access_policy": "all"}]},
        {"name": "audit", "policies": [{"user_name": "app2", "access_policy": "sub"}]}]})
    assert resp.status_code == 204
    assert policies("orders")["policies"] == [
        {"owner": False, "user_name": "app1", "access_policy": "pub"},
        {"owner": False, "user_name": "app2", "access_policy": "all"}]
    assert allowed("app1", "orders", "pub") and not allowed("app1", "orders", "sub")
    assert not allowed("app1", "audit", "sub") and allowed("root", "audit", "pub")
    v2.post(grant, family="acl", json={"topics": [{"name": "orders", "policies": [
        {"user_name": "app1", "access_policy": "sub"}]}]})
    assert policies("orders")["policies"] == [
        {"owner": False, "user_name": "app1", "access_policy": "sub"}]  # replaced
    assert len(policies("audit")["policies"]) == 1  # not in the body: kept
    for body, code in (({"topics": []}, "DMS.00400062"),
                       ({"topics": [{"name": "nope", "policies": []}]}, "DMS.00400975"),
                       ({"topics": [{"name": "orders", "policies": [
                           {"user_name": "ghost", "access_policy": "pub"}]}]}, "DMS.00400800"),
                       ({"topics": [{"name": "orders", "policies": [
                           {"user_name": "app1", "access_policy": "pub"},
                           {"user_name": "app1", "access_policy": "sub"}]}]}, "DMS.00400800"),
                       ({"topics": [{"name": "orders", "policies": [
                           {"user_name": "app1", "access_policy": "read"}]}]},
                        "DMS.00400062")):
        assert_error(v2.post(grant, family="acl", json=body), 400, code)
    assert_error(v2.get("/instances/%s/topics/nope/accesspolicy" % iid, family="acl"), 400,
                 "DMS.00400975")
    assert [t["name"] for t in v2.ok("GET", "/instances/%s/tasks" % iid)["tasks"]].count(
        "updateTopicAccessPolicy") == 2
    # deleting a user drops its policies; deleting a topic drops the topic's
    v2.put("/instances/%s/users" % iid, json={"action": "delete", "users": ["app2"]})
    assert policies("audit")["policies"] == []
    v2.post("/instances/%s/topics/delete" % iid, json={"topics": ["orders"]})
    v2.ok("POST", "/instances/%s/topics" % iid, json={"id": "orders"})
    assert policies("orders")["policies"] == []
    v2.ok("PUT", "/instances/%s/configs" % iid, json={"kafka_configs": [
        {"name": "allow.everyone.if.no.acl.found", "value": "false"}]})
    v2.ok("POST", "/instances/action", json={"action": "restart", "instances": [iid]})
    v2.wait_status(iid, "RUNNING")
    assert not allowed("app1", "orders", "pub") and allowed("root", "orders", "pub")
    assert_error(v2.post("/instances/%s/topics/accesspolicy" % plain_kafka["instance_id"],
                         family="acl", json={"topics": [{"name": "x", "policies": []}]}),
                 400, "DMS.00400971")


# -- one store, two views ---------------------------------------------------------------------

def test_v1_and_v2_see_and_manage_each_others_instances_and_topics(
        v2, conn, raw, net, az_ids, product_100mb):
    old = conn.dms.create_instance(name=unique("old"), engine="kafka", engine_version="2.3.0",
                                   storage=600, router_id=net["vpc_id"],
                                   network_id=net["subnet_id"],
                                   security_group_id=net["security_group_id"],
                                   availability_zones=[az_ids[0]],
                                   product_id=product_100mb.product_id,
                                   storage_spec_code="dms.physical.storage.ultra",
                                   ssl_enable=True, access_user="root-user",
                                   password="Dmstest@123")
    seen = v2.wait_status(old.id, "RUNNING")
    assert (seen["broker_num"], seen["partition_num"], seen["specification"],
            seen["product_id"], seen["new_spec_billing_enable"]) == \
        (3, "300", "100MB", product_100mb.product_id, False)
    assert seen["sasl_enabled_mechanisms"] == ["PLAIN"]
    assert seen["management_connect_address"].startswith("https://")
    v2.ok("POST", "/instances/%s/topics" % old.id, json={"id": "from.v2", "partition": 2})
    conn.dms.create_topic(old, id="from-v1", partition=3)
    assert topic_names(v2, old.id) == ["from-v1", "from.v2"]
    assert sorted(t.id for t in conn.dms.topics(old)) == ["from-v1", "from.v2"]
    listed = raw.get("/instances/%s/topics" % old.id).json()
    assert listed["remain_partitions"] == 295
    assert [u["user_name"] for u in v2.ok("GET", "/instances/%s/users" % old.id)["users"]] == \
        ["root-user"]

    new = v2.create(net, az_ids)
    v1_view = raw.get("/instances/%s" % new["instance_id"]).json()
    assert v1_view["product_id"] == "c6.2u4g.cluster" and v1_view["partition_num"] == "750"
    assert "broker_num" not in v1_view and "_internal" not in v1_view
    assert v1_view["specification"] == "kafka.2u4g.cluster*3"
    conn.dms.create_topic(new["instance_id"], id="via-v1")
    assert topic_names(v2, new["instance_id"]) == ["via-v1"]
    assert conn.dms.find_instance(new["name"]).id == new["instance_id"]

    # A transient state: v1 answers 099, v2 026. A v1 restart is the same restart as v2's: a
    # task, and the groups that never committed an offset are gone afterwards.
    assert v2.post("/kafka/instances/%s/group" % old.id, json={"group_name": "idle"}).text == \
        "success"
    raw.post("/instances/action", json={"action": "restart", "instances": [old.id]})
    assert_error(raw.delete("/instances/%s" % old.id), 400, "DMS.00400099")
    assert_error(v2.delete("/instances/%s" % old.id), 400, "DMS.00400026")
    v2.wait_status(old.id, "RUNNING")
    assert v2.ok("GET", "/instances/%s/tasks" % old.id)["tasks"][0]["name"] == "restartInstance"
    assert v2.ok("GET", "/instances/%s/groups" % old.id)["groups"] == []
    conn.dms.delete_instance(old.id)
    assert_error(v2.get("/instances/%s" % old.id), 404, "DMS.00404022")
    eventually_deleted(v2, new["instance_id"])

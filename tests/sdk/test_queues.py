"""Queues (contract §2.1, §3.1, §3.4, §2.4 quotas, §1.4 id rules)."""

import time
import uuid

import pytest
from openstack import exceptions

from sdk_support import UUID_RE, Emulator, Raw, assert_error, assert_sdk_error, unique


def _listed(conn, qid, **query):
    found = [q for q in conn.dms.queues(**query) if q.id == qid]
    assert len(found) == 1, "queue %s listed %d times" % (qid, len(found))
    return found[0]


# --------------------------------------------------------------------------
# create / get / list round trip
# --------------------------------------------------------------------------
def test_create_queue_round_trip(conn, make_queue, raw):
    name = unique("q")
    before_ms = int(time.time() * 1000) - 5000
    q = make_queue(name=name, description="a normal queue", queue_mode="NORMAL",
                   redrive_policy="enable", max_consume_count=3)
    assert UUID_RE.match(q.id), q.id
    assert q.name == name

    got = conn.dms.get_queue(q.id)
    assert got.id == q.id
    assert got.name == name
    assert got.description == "a normal queue"
    assert got.queue_mode == "NORMAL"
    assert isinstance(got.created, int)
    assert before_ms <= got.created <= int(time.time() * 1000) + 5000
    # get never carries the dead-letter settings (no include_deadletter, §4 #23)
    assert got.redrive_policy is None
    assert got.max_consume_count is None

    listed = _listed(conn, q.id, include_deadletter=True)
    assert listed.name == name
    assert listed.description == "a normal queue"
    assert listed.queue_mode == "NORMAL"
    assert listed.redrive_policy == "enable"
    assert listed.max_consume_count == 3

    plain = _listed(conn, q.id)
    assert plain.redrive_policy is None
    assert plain.max_consume_count is None


def test_create_queue_raw_status_and_body(raw):
    name = unique("q")
    resp = raw.post("/queues", json={"name": name})
    assert resp.status_code == 201, resp.text
    body = resp.json()
    try:
        assert body["name"] == name
        assert UUID_RE.match(body["id"])
    finally:
        assert raw.delete("/queues/%s" % body["id"]).status_code == 204


def test_get_queue_raw_fields(raw, make_queue):
    q = make_queue(queue_mode="FIFO", description="fifo demo")
    resp = raw.get("/queues/%s" % q.id)
    assert resp.status_code == 200
    body = resp.json()
    assert body["id"] == q.id
    assert body["name"] == q.name
    assert body["queue_mode"] == "FIFO"
    assert body["description"] == "fifo demo"
    assert body["reservation"] == 4320
    assert body["max_msg_size_byte"] == 524288
    assert isinstance(body["created"], int) and isinstance(body["eff_date"], int)
    assert body["group_count"] == 0
    assert "redrive_policy" not in body
    assert "max_consume_count" not in body
    withdl = raw.get("/queues/%s" % q.id, params={"include_deadletter": "true"}).json()
    assert withdl["redrive_policy"] == "disable"


def test_queue_defaults(conn, make_queue):
    q = make_queue()
    got = conn.dms.get_queue(q.id)
    assert got.queue_mode == "NORMAL"
    listed = _listed(conn, q.id, include_deadletter=True)
    assert listed.redrive_policy == "disable"


def test_fifo_queue(conn, make_queue):
    q = make_queue(queue_mode="FIFO", redrive_policy="enable", max_consume_count=100)
    assert conn.dms.get_queue(q.id).queue_mode == "FIFO"
    listed = _listed(conn, q.id, include_deadletter=True)
    assert listed.max_consume_count == 100


def test_kafka_queue_has_kafka_topic_and_no_deadletter_fields(conn, raw, make_queue):
    q = make_queue(queue_mode="KAFKA_HA", retention_hours=24)
    got = conn.dms.get_queue(q.id)
    assert got.queue_mode == "KAFKA_HA"
    body = raw.get("/queues/%s" % q.id).json()
    assert body.get("kafka_topic"), body
    listed = [x for x in raw.get("/queues", params={"include_deadletter": "true"}).json()["queues"]
              if x["id"] == q.id]
    assert listed, "kafka queue missing from the list"
    assert "redrive_policy" not in listed[0]
    assert "max_consume_count" not in listed[0]

    ht = make_queue(queue_mode="KAFKA_HT", retention_hours=72)
    assert conn.dms.get_queue(ht.id).queue_mode == "KAFKA_HT"


def test_kafka_queue_create_response_has_kafka_topic(raw):
    resp = raw.post("/queues", json={"name": unique("kq"), "queue_mode": "KAFKA_HT", "retention_hours": 1})
    assert resp.status_code == 201, resp.text
    body = resp.json()
    try:
        assert body.get("kafka_topic")
    finally:
        raw.delete("/queues/%s" % body["id"])


def test_list_queues_body_and_case_insensitive_booleans(raw, make_queue):
    q = make_queue(redrive_policy="enable", max_consume_count=5)
    body = raw.get("/queues").json()
    assert isinstance(body["queues"], list)
    assert body["total"] == len(body["queues"])
    assert q.id in [x["id"] for x in body["queues"]]
    for flag in ("true", "True", "TRUE"):
        entry = [x for x in raw.get("/queues", params={"include_deadletter": flag}).json()["queues"]
                 if x["id"] == q.id][0]
        assert entry["redrive_policy"] == "enable", flag
        assert entry["max_consume_count"] == 5, flag
    for flag in ("false", "False"):
        entry = [x for x in raw.get("/queues", params={"include_deadletter": flag}).json()["queues"]
                 if x["id"] == q.id][0]
        assert "redrive_policy" not in entry, flag


def test_include_messages_num_counts(conn, raw, queue):
    conn.dms.send_messages(queue, [{"body": "a"}, {"body": "b"}])
    entry = [x for x in raw.get("/queues", params={"include_messages_num": "True"}).json()["queues"]
             if x["id"] == queue.id][0]
    assert entry["produced_messages"] == 2
    # the SDK form of the same call works too
    assert queue.id in [x.id for x in conn.dms.queues(include_deadletter=True, include_messages_num=True)]


def test_group_count_in_queue(conn, raw, queue):
    conn.dms.create_group(queue, unique("g"))
    conn.dms.create_group(queue, unique("g"))
    assert raw.get("/queues/%s" % queue.id).json()["group_count"] == 2


# --------------------------------------------------------------------------
# find / get / delete
# --------------------------------------------------------------------------
def test_find_queue_by_name_and_id(conn, make_queue):
    q = make_queue()
    by_name = conn.dms.find_queue(q.name)
    assert by_name is not None and by_name.id == q.id
    by_id = conn.dms.find_queue(q.id)
    assert by_id is not None and by_id.name == q.name
    assert conn.dms.find_queue(unique("missing")) is None


def test_get_unknown_queue_404(conn, raw):
    missing = str(uuid.uuid4())
    with pytest.raises(exceptions.NotFoundException) as ei:
        conn.dms.get_queue(missing)
    assert_sdk_error(ei, 404, "DMS.10240401")
    assert_error(raw.get("/queues/%s" % missing), 404, "DMS.10240401")


def test_get_malformed_queue_id_400(conn, raw):
    with pytest.raises(exceptions.BadRequestException) as ei:
        conn.dms.get_queue("not-a-uuid")
    assert_sdk_error(ei, 400, "DMS.10240015")
    assert_error(raw.get("/queues/not-a-uuid"), 400, "DMS.10240015")


def test_delete_queue(conn, raw):
    q = conn.dms.create_queue(name=unique("q"))
    conn.dms.create_group(q, unique("g"))
    conn.dms.send_message(q, body="bye")
    conn.dms.delete_queue(q)
    with pytest.raises(exceptions.NotFoundException):
        conn.dms.get_queue(q.id)
    assert q.id not in [x.id for x in conn.dms.queues()]
    # its groups went with it
    assert_error(raw.get("/queues/%s/groups" % q.id), 404, "DMS.10240401")
    # deleting again: swallowed with ignore_missing, 404 otherwise
    conn.dms.delete_queue(q.id, ignore_missing=True)
    with pytest.raises(exceptions.NotFoundException) as ei:
        conn.dms.delete_queue(q.id, ignore_missing=False)
    assert_sdk_error(ei, 404, "DMS.10240401")


def test_recreated_queue_starts_empty(conn):
    name = unique("again")
    q = conn.dms.create_queue(name=name)
    g = conn.dms.create_group(q, "grp")
    conn.dms.send_messages(q, [{"body": "old"}])
    conn.dms.delete_queue(q)
    q2 = conn.dms.create_queue(name=name)
    try:
        assert q2.id != q.id
        assert list(conn.dms.groups(q2)) == []
        g2 = conn.dms.create_group(q2, "grp")
        assert g2.id != g.id
        assert list(conn.dms.consume_message(q2, g2)) == []
    finally:
        conn.dms.delete_queue(q2)


def test_delete_queue_raw_204(raw):
    resp = raw.post("/queues", json={"name": unique("q")})
    qid = resp.json()["id"]
    resp = raw.delete("/queues/%s" % qid)
    assert resp.status_code == 204
    assert resp.content == b""
    assert_error(raw.delete("/queues/%s" % qid), 404, "DMS.10240401")


def test_delete_queue_by_name_is_400_even_with_ignore_missing(conn, make_queue):
    q = make_queue()
    with pytest.raises(exceptions.BadRequestException) as ei:
        conn.dms.delete_queue(q.name, ignore_missing=True)
    assert_sdk_error(ei, 400, "DMS.10240015")
    assert conn.dms.get_queue(q.id).id == q.id


# --------------------------------------------------------------------------
# validation
# --------------------------------------------------------------------------
def test_duplicate_queue_name(conn, make_queue, raw):
    q = make_queue()
    with pytest.raises(exceptions.BadRequestException) as ei:
        conn.dms.create_queue(name=q.name)
    assert "DMS.10240017" in ei.value.message
    assert_sdk_error(ei, 400, "DMS.10240017")
    assert_error(raw.post("/queues", json={"name": q.name}), 400, "DMS.10240017")
    assert [x.name for x in conn.dms.queues()].count(q.name) == 1


def test_queue_name_rules(conn, make_queue):
    with pytest.raises(exceptions.BadRequestException) as ei:
        conn.dms.create_queue(name="bad name!")
    assert_sdk_error(ei, 400, "DMS.10240007")
    with pytest.raises(exceptions.BadRequestException) as ei:
        conn.dms.create_queue(name="q" * 65)
    assert_sdk_error(ei, 400, "DMS.10240011")
    # 64 characters of the allowed set are fine
    name = ("Q_-" + uuid.uuid4().hex * 2)[:64]
    q = make_queue(name=name)
    assert conn.dms.get_queue(q.id).name == name


def test_queue_description_rules(conn, make_queue):
    with pytest.raises(exceptions.BadRequestException) as ei:
        conn.dms.create_queue(name=unique("q"), description="<script>")
    assert_sdk_error(ei, 400, "DMS.10240010")
    with pytest.raises(exceptions.BadRequestException) as ei:
        conn.dms.create_queue(name=unique("q"), description="a > b")
    assert_sdk_error(ei, 400, "DMS.10240010")
    with pytest.raises(exceptions.BadRequestException) as ei:
        conn.dms.create_queue(name=unique("q"), description="d" * 161)
    assert_sdk_error(ei, 400, "DMS.10240013")
    q = make_queue(description="d" * 160)
    assert conn.dms.get_queue(q.id).description == "d" * 160


@pytest.mark.parametrize("count", [0, 101])
def test_max_consume_count_out_of_range(conn, count):
    name = unique("q")
    with pytest.raises(exceptions.BadRequestException) as ei:
        conn.dms.create_queue(name=name, redrive_policy="enable", max_consume_count=count)
    assert_sdk_error(ei, 400, "DMS.10240022")
    assert conn.dms.find_queue(name) is None


def test_max_consume_count_bounds_accepted(conn, make_queue):
    for count in (1, 100):
        q = make_queue(redrive_policy="enable", max_consume_count=count)
        assert _listed(conn, q.id, include_deadletter=True).max_consume_count == count


@pytest.mark.parametrize("hours", [0, 73])
def test_retention_hours_out_of_range(conn, hours):
    with pytest.raises(exceptions.BadRequestException) as ei:
        conn.dms.create_queue(name=unique("q"), queue_mode="KAFKA_HA", retention_hours=hours)
    assert_sdk_error(ei, 400, "DMS.10240027")


def test_retention_hours_on_normal_queue(conn):
    with pytest.raises(exceptions.BadRequestException) as ei:
        conn.dms.create_queue(name=unique("q"), queue_mode="NORMAL", retention_hours=10)
    assert_sdk_error(ei, 400, "DMS.10240028")


def test_create_queue_bad_bodies(raw):
    resp = raw.post("/queues", data="{not json")
    assert_error(resp, 400, "DMS.10240009")
    resp = raw.post("/queues", data="")
    assert_error(resp, 400, "DMS.00400004")


# --------------------------------------------------------------------------
# quota
# --------------------------------------------------------------------------
def test_queue_quota():
    with Emulator(instance_delay=0.3, max_time_wait=0.3, extra_args=["--queue-quota", "3"]) as emu:
        conn = emu.connect()
        raw = Raw(emu, conn)
        queues = [conn.dms.create_queue(name=unique("quota")) for _ in range(3)]
        with pytest.raises(exceptions.BadRequestException) as ei:
            conn.dms.create_queue(name=unique("quota"))
        assert_sdk_error(ei, 400, "DMS.10240020")
        assert len(list(conn.dms.queues())) == 3

        quotas = raw.get("/quotas/dms")
        assert quotas.status_code == 200, quotas.text
        res = {r["type"]: r for r in quotas.json()["quotas"]["resources"]}
        assert res["queue"]["quota"] == 3
        assert res["queue"]["used"] == 3
        assert "kafkaInstance" in res

        # the quota is per project: the other project can still create
        other = emu.connect("emulator-other")
        oq = other.dms.create_queue(name=unique("quota"))
        assert oq.id

        conn.dms.delete_queue(queues[0])
        again = conn.dms.create_queue(name=unique("quota"))
        assert again.id
        res = {r["type"]: r for r in raw.get("/quotas/dms").json()["quotas"]["resources"]}
        assert res["queue"]["used"] == 3


def test_quotas_default(raw, conn):
    resp = raw.get("/quotas/dms")
    assert resp.status_code == 200, resp.text
    res = {r["type"]: r for r in resp.json()["quotas"]["resources"]}
    assert res["queue"]["quota"] == 30
    assert res["queue"]["used"] == len(list(conn.dms.queues()))
    assert res["kafkaInstance"]["quota"] == 100
    assert res["kafkaInstance"]["used"] == len(list(conn.dms.instances(include_failure=True)))
    for r in res.values():
        assert {"type", "quota", "used", "min", "max"} <= set(r)

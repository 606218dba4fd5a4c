"""Messages: send, consume, ack, dead letters, FIFO, limits
(contract §2.3, §3.1, §3.2, §3.3)."""

import threading
import time
import uuid

import pytest
import requests
from openstack import exceptions

from sdk_support import (
    INSTANCE_DELAY, MAX_TIME_WAIT, Emulator, Raw, assert_error, assert_sdk_error, unique)


def _drain(conn, queue, group, **query):
    return list(conn.dms.consume_message(queue, group, **query))


def _raw_consume_all(raw, qid, gid, dead=False, **params):
    params.setdefault("max_msgs", 10)
    resp = raw.consume(qid, gid, dead=dead, **params)
    assert resp.status_code == 200, resp.text
    return resp.json()


# --------------------------------------------------------------------------
# send
# --------------------------------------------------------------------------
def test_send_message_returns_id(conn, queue):
    msg = conn.dms.send_message(queue, body="hello", attributes={"k": "v"})
    assert isinstance(msg.id, str) and msg.id
    assert msg.state == 0
    other = conn.dms.send_message(queue, body="hello again")
    assert other.id != msg.id


def test_send_messages_batch(conn, queue):
    res = conn.dms.send_messages(queue, [{"body": "TEST11", "attributes": {"a": "1"}},
                                         {"body": {"foo": "x"}}, {"body": "third"}])
    assert len(res.messages) == 3
    assert all(m.state == 0 for m in res.messages)
    res = conn.dms.send_messages(queue, [{"body": "x%d" % i} for i in range(10)], return_id=True)
    ids = [m.id for m in res.messages]
    assert len(ids) == 10 and all(ids) and len(set(ids)) == 10


def test_send_raw_response(raw, queue):
    resp = raw.post("/queues/%s/messages" % queue.id,
                    json={"messages": [{"body": "a"}, {"body": "b"}], "returnId": True})
    assert resp.status_code == 200, resp.text
    items = resp.json()["messages"]
    assert len(items) == 2
    assert all(i["state"] == 0 and i["id"] for i in items)


def test_send_bad_bodies(conn, raw, queue, group):
    url = "/queues/%s/messages" % queue.id
    assert_error(raw.post(url, json={"messages": [{"attributes": {"a": "1"}}]}), 400, "DMS.10540010")
    assert_error(raw.post(url, data="{broken"), 400, ("DMS.10540012", "DMS.10240009"))
    assert _drain(conn, queue, group) == []


def test_send_to_unknown_queue(conn, raw):
    missing = str(uuid.uuid4())
    with pytest.raises(exceptions.NotFoundException) as ei:
        conn.dms.send_message(missing, body="x")
    assert_sdk_error(ei, 404, "DMS.10240401")
    assert_error(raw.post("/queues/%s/messages" % missing, json={"messages": [{"body": "x"}]}),
                 404, "DMS.10240401")


def test_eleven_messages_rejected(conn, raw, queue, group):
    with pytest.raises(exceptions.BadRequestException) as ei:
        conn.dms.send_messages(queue, [{"body": "m%d" % i} for i in range(11)])
    assert_sdk_error(ei, 400, "DMS.10540010")
    assert_error(raw.post("/queues/%s/messages" % queue.id,
                          json={"messages": [{"body": i} for i in range(11)]}), 400, "DMS.10540010")
    assert_error(raw.post("/queues/%s/messages" % queue.id, json={"messages": []}), 400, "DMS.10540010")
    # nothing was stored
    assert _drain(conn, queue, group) == []


def test_size_limit_512kb(conn, raw, queue, group):
    with pytest.raises(exceptions.BadRequestException) as ei:
        conn.dms.send_message(queue, body="x" * (600 * 1024))
    assert_sdk_error(ei, 400, "DMS.10540011")
    # exactly the limit of body characters plus JSON quotes is over the limit
    body = assert_error(raw.post("/queues/%s/messages" % queue.id,
                                 json={"messages": [{"body": "y" * 524288}]}), 400, "DMS.10540011")
    assert "524288" in body["error_msg"]
    # two messages together over 512 KB
    assert_error(raw.post("/queues/%s/messages" % queue.id,
                          json={"messages": [{"body": "z" * 300000}, {"body": "z" * 300000}]}),
                 400, "DMS.10540011")
    # large attributes count as well
    assert_error(raw.post("/queues/%s/messages" % queue.id,
                          json={"messages": [{"body": "s", "attributes": {"big": "a" * 530000}}]}),
                 400, "DMS.10540011")
    assert _drain(conn, queue, group) == []
    # just under the limit is fine and comes back intact
    big = "w" * 500000
    conn.dms.send_message(queue, body=big)
    got = _drain(conn, queue, group)
    assert len(got) == 1 and got[0].body == big


def test_consume_response_capped_at_512kb(conn, raw, queue, group):
    for i in range(3):
        conn.dms.send_message(queue, body=("%d" % i) * 200000)
    first = _raw_consume_all(raw, queue.id, group.id)
    assert len(first) == 2, [len(m["message"]["body"]) for m in first]
    second = _raw_consume_all(raw, queue.id, group.id)
    assert len(second) == 1
    assert {m["message"]["body"][0] for m in first + second} == {"0", "1", "2"}


# --------------------------------------------------------------------------
# consume
# --------------------------------------------------------------------------
def test_consume_terminates_and_hides_in_flight(conn, queue, group):
    conn.dms.send_messages(queue, [{"body": "m%d" % i, "attributes": {"i": str(i)}} for i in range(3)])
    t0 = time.monotonic()
    got = _drain(conn, queue, group)
    assert time.monotonic() - t0 < 10
    assert sorted(m.body for m in got) == ["m0", "m1", "m2"]
    for m in got:
        assert isinstance(m.id, str) and m.id
        assert m.attributes == {"i": m.body[1:]}
    assert len({m.id for m in got}) == 3
    # in flight: hidden from the group until acked or ack_wait runs out
    assert _drain(conn, queue, group) == []
    conn.dms.ack_message(queue, group, [m.id for m in got])
    # acked: never delivered again
    assert _drain(conn, queue, group) == []


def test_consume_raw_shape(raw, conn, queue, group):
    conn.dms.send_message(queue, body={"foo": "bar"}, attributes={"a": "1"})
    resp = raw.consume(queue.id, group.id, max_msgs=10, time_wait=1, ack_wait=30)
    assert resp.status_code == 200
    assert "application/json" in resp.headers.get("Content-Type", "")
    data = resp.json()
    assert isinstance(data, list) and len(data) == 1
    assert set(data[0]) >= {"message", "handler"}
    assert data[0]["message"]["body"] == {"foo": "bar"}
    assert data[0]["message"]["attributes"] == {"a": "1"}
    assert isinstance(data[0]["handler"], str) and data[0]["handler"]


def test_consume_max_msgs(conn, raw, queue, group):
    conn.dms.send_messages(queue, [{"body": i} for i in range(5)])
    assert len(_raw_consume_all(raw, queue.id, group.id, max_msgs=2)) == 2
    assert len(_raw_consume_all(raw, queue.id, group.id, max_msgs=1)) == 1
    assert len(_raw_consume_all(raw, queue.id, group.id, max_msgs=10)) == 2
    got = _raw_consume_all(raw, queue.id, group.id, max_msgs=10, time_wait=1)
    assert got == []


def test_consume_default_max_msgs_is_10(conn, raw, queue, group):
    conn.dms.send_messages(queue, [{"body": i} for i in range(10)])
    conn.dms.send_messages(queue, [{"body": i} for i in range(10, 12)])
    resp = raw.consume(queue.id, group.id)
    assert resp.status_code == 200
    assert len(resp.json()) == 10


def test_concurrent_ack_of_one_handler(conn, raw, queue, group):
    conn.dms.send_message(queue, body="race")
    handler = _raw_consume_all(raw, queue.id, group.id)[0]["handler"]
    token, url = raw.token, raw.url("/queues/%s/groups/%s/ack" % (queue.id, group.id))
    results = []
    lock = threading.Lock()
    barrier = threading.Barrier(6)

    def ack():
        barrier.wait()
        r = requests.post(url, json={"message": [{"handler": handler, "status": "success"}]},
                          headers={"X-Auth-Token": token}, timeout=30)
        with lock:
            results.append((r.status_code, r.json()))

    threads = [threading.Thread(target=ack) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    ok = [b for s, b in results if s == 200]
    assert ok == [{"success": 1, "fail": 0}], results
    assert all(s == 400 and b["error_code"] == "DMS.10542209" for s, b in results if s != 200)
    assert [g.consumed_messages for g in conn.dms.groups(queue)] == [1]


def test_body_types_and_attributes_round_trip(conn, make_queue):
    q = make_queue(queue_mode="FIFO")
    grp = conn.dms.create_group(q, unique("g"))
    bodies = ["plain text", {"nested": {"list": [1, 2.5, "x", None, True]}, "n": 0},
              [1, "two", {"three": 3}], 42, 3.25, "unicode \u00e9\u4e2d\U0001F600", True]
    attrs = [{"attribute1": "value1", "attribute2": "value2"}, {"k": "v"}, None, {"num": "1"},
             None, {"u": "\u00fc"}, {"empty": ""}]
    msgs = []
    for b, a in zip(bodies, attrs):
        m = {"body": b}
        if a is not None:
            m["attributes"] = a
        msgs.append(m)
    conn.dms.send_messages(q, msgs[:5])
    conn.dms.send_messages(q, msgs[5:])
    got = _drain(conn, q, grp)
    assert [m.body for m in got] == bodies
    for m, a in zip(got, attrs):
        assert (m.attributes or None) == a


def test_per_group_independence(conn, queue):
    g1 = conn.dms.create_group(queue, unique("g1"))
    g2 = conn.dms.create_group(queue, unique("g2"))
    conn.dms.send_messages(queue, [{"body": "m%d" % i} for i in range(4)])
    got1 = _drain(conn, queue, g1)
    conn.dms.ack_message(queue, g1, [m.id for m in got1])
    assert sorted(m.body for m in got1) == ["m0", "m1", "m2", "m3"]
    # g1's acks do not touch g2
    got2 = _drain(conn, queue, g2)
    assert sorted(m.body for m in got2) == ["m0", "m1", "m2", "m3"]
    conn.dms.ack_message(queue, g2, [m.id for m in got2])
    assert _drain(conn, queue, g1) == []
    assert _drain(conn, queue, g2) == []
    # a group created later starts from the oldest retained message
    g3 = conn.dms.create_group(queue, unique("g3"))
    assert sorted(m.body for m in _drain(conn, queue, g3)) == ["m0", "m1", "m2", "m3"]


def test_time_wait_returns_empty_list_on_empty_queue(raw, queue, group):
    t0 = time.monotonic()
    resp = raw.consume(queue.id, group.id, time_wait=1)
    elapsed = time.monotonic() - t0
    assert resp.status_code == 200
    assert resp.json() == []
    # capped by --max-time-wait 0.3 in the session emulator
    assert 0.2 <= elapsed < 2.0, elapsed


def test_long_poll_waits_and_wakes_up_on_send():
    """Without a --max-time-wait cap: time_wait is honoured and a message that
    arrives meanwhile ends the wait early (§2.3 consume)."""
    with Emulator(instance_delay=0.3) as emu:
        conn = emu.connect()
        raw = Raw(emu, conn)
        q = conn.dms.create_queue(name=unique("lp"))
        g = conn.dms.create_group(q, unique("g"))
        t0 = time.monotonic()
        resp = raw.consume(q.id, g.id, time_wait=1)
        elapsed = time.monotonic() - t0
        assert resp.json() == []
        assert 0.9 <= elapsed < 2.5, elapsed

        result = {}

        def consumer():
            start = time.monotonic()
            r = Raw(emu, conn).consume(q.id, g.id, time_wait=10)
            result["elapsed"] = time.monotonic() - start
            result["data"] = r.json()

        th = threading.Thread(target=consumer)
        th.start()
        time.sleep(0.5)
        conn.dms.send_message(q, body="wake up")
        th.join(15)
        assert not th.is_alive()
        assert [m["message"]["body"] for m in result["data"]] == ["wake up"]
        assert result["elapsed"] < 4, result["elapsed"]


@pytest.mark.parametrize("params,code", [
    ({"max_msgs": 0}, "DMS.10240014"),
    ({"max_msgs": 11}, "DMS.10240014"),
    ({"time_wait": 0}, "DMS.10240021"),
    ({"time_wait": 61}, "DMS.10240021"),
    ({"ack_wait": 14}, "DMS.10542206"),
    ({"ack_wait": 301}, "DMS.10542206"),
])
def test_consume_parameter_ranges(raw, queue, group, params, code):
    assert_error(raw.consume(queue.id, group.id, **params), 400, code)


def test_consume_parameter_range_through_sdk(conn, queue, group):
    with pytest.raises(exceptions.BadRequestException) as ei:
        _drain(conn, queue, group, max_msgs=11)
    assert_sdk_error(ei, 400, "DMS.10240014")


def test_consume_unknown_queue_or_group(raw, queue):
    assert_error(raw.consume(str(uuid.uuid4()), "g-%s" % uuid.uuid4()), 404, "DMS.10240401")
    assert_error(raw.consume(queue.id, "g-%s" % uuid.uuid4()), 404, "DMS.10240405")
    assert_error(raw.consume(queue.id, "not-a-group"), 400, "DMS.10240016")


# --------------------------------------------------------------------------
# ack
# --------------------------------------------------------------------------
def test_ack_success_never_redelivered(conn, raw, queue, group):
    conn.dms.send_messages(queue, [{"body": "a"}, {"body": "b"}])
    data = _raw_consume_all(raw, queue.id, group.id)
    resp = raw.ack(queue.id, group.id, [{"handler": m["handler"], "status": "success"} for m in data])
    assert resp.status_code == 200, resp.text
    assert resp.json() == {"success": 2, "fail": 0}
    assert _drain(conn, queue, group) == []
    assert [g.consumed_messages for g in conn.dms.groups(queue)] == [2]


def test_ack_fail_redelivers_immediately(conn, queue, group):
    conn.dms.send_message(queue, body="retry me")
    first = _drain(conn, queue, group)
    assert [m.body for m in first] == ["retry me"]
    conn.dms.ack_message(queue, group, [first[0].id], status="fail")
    second = _drain(conn, queue, group)
    assert [m.body for m in second] == ["retry me"]
    assert second[0].id != first[0].id
    # the old handler is gone
    with pytest.raises(exceptions.BadRequestException) as ei:
        conn.dms.ack_message(queue, group, [first[0].id])
    assert_sdk_error(ei, 400, "DMS.10542209")
    conn.dms.ack_message(queue, group, [second[0].id])
    assert _drain(conn, queue, group) == []


def test_ack_counts_in_order_rule(conn, raw, make_queue):
    q = make_queue(queue_mode="FIFO")
    g = conn.dms.create_group(q, unique("g"))
    conn.dms.send_messages(q, [{"body": "m%d" % i} for i in range(3)])
    data = _raw_consume_all(raw, q.id, g.id)
    assert [m["message"]["body"] for m in data] == ["m0", "m1", "m2"]
    h = [m["handler"] for m in data]
    resp = raw.ack(q.id, g.id, [{"handler": h[0], "status": "success"},
                                {"handler": h[1], "status": "fail"},
                                {"handler": h[2], "status": "success"}])
    assert resp.status_code == 200, resp.text
    assert resp.json() == {"success": 1, "fail": 2}
    grp = [x for x in conn.dms.groups(q) if x.id == g.id][0]
    # only the first entry was confirmed
    assert grp.consumed_messages == 1
    # m1 failed explicitly: it comes back at once, m0 never does
    again = _raw_consume_all(raw, q.id, g.id)
    bodies = [m["message"]["body"] for m in again]
    assert bodies and bodies[0] == "m1"
    assert "m0" not in bodies


def test_ack_mixed_valid_and_invalid_handlers(conn, raw, queue, group):
    conn.dms.send_messages(queue, [{"body": "a"}, {"body": "b"}])
    data = _raw_consume_all(raw, queue.id, group.id)
    h = [m["handler"] for m in data]
    resp = raw.ack(queue.id, group.id, [{"handler": h[0], "status": "success"},
                                        {"handler": "bogus-handler", "status": "success"},
                                        {"handler": h[1], "status": "success"}])
    assert resp.status_code == 200, resp.text
    assert resp.json() == {"success": 1, "fail": 2}


def test_ack_invalid_handler_first_fails_everything_after(conn, raw, queue, group):
    conn.dms.send_message(queue, body="a")
    data = _raw_consume_all(raw, queue.id, group.id)
    resp = raw.ack(queue.id, group.id, [{"handler": "bogus-handler", "status": "success"},
                                        {"handler": data[0]["handler"], "status": "success"}])
    assert resp.status_code == 200, resp.text
    assert resp.json() == {"success": 0, "fail": 2}
    grp = [g for g in conn.dms.groups(queue) if g.id == group.id][0]
    assert grp.consumed_messages == 0


def test_ack_all_invalid_handlers(raw, queue, group):
    resp = raw.ack(queue.id, group.id, [{"handler": "bogus-1", "status": "success"},
                                        {"handler": "bogus-2", "status": "success"}])
    assert_error(resp, 400, "DMS.10542209")


def test_ack_twice_is_rejected(conn, raw, queue, group):
    conn.dms.send_message(queue, body="once")
    data = _raw_consume_all(raw, queue.id, group.id)
    entry = [{"handler": data[0]["handler"], "status": "success"}]
    assert raw.ack(queue.id, group.id, entry).json() == {"success": 1, "fail": 0}
    assert_error(raw.ack(queue.id, group.id, entry), 400, "DMS.10542209")
    with pytest.raises(exceptions.BadRequestException) as ei:
        conn.dms.ack_message(queue, group, [data[0]["handler"]])
    assert_sdk_error(ei, 400, "DMS.10542209")


def test_ack_invalid_status(conn, raw, queue, group):
    conn.dms.send_message(queue, body="x")
    got = _drain(conn, queue, group)
    with pytest.raises(exceptions.BadRequestException) as ei:
        conn.dms.ack_message(queue, group, [got[0].id], status="failure")
    assert_sdk_error(ei, 400, "DMS.10540003")
    body = assert_error(raw.ack(queue.id, group.id, [{"handler": got[0].id, "status": "done"}]),
                        400, "DMS.10540003")
    assert "done" in body["error_msg"]
    # the handler is still valid after the rejected requests
    conn.dms.ack_message(queue, group, [got[0].id])


def test_ack_handler_of_other_group(conn, raw, queue):
    g1 = conn.dms.create_group(queue, unique("g1"))
    g2 = conn.dms.create_group(queue, unique("g2"))
    conn.dms.send_message(queue, body="x")
    data = _raw_consume_all(raw, queue.id, g1.id)
    resp = raw.ack(queue.id, g2.id, [{"handler": data[0]["handler"], "status": "success"}])
    assert_error(resp, 400, "DMS.10540004")
    # nothing changed for g1: its handler still works
    assert raw.ack(queue.id, g1.id, [{"handler": data[0]["handler"], "status": "success"}]).json() == \
        {"success": 1, "fail": 0}
    # g2 still gets the message
    assert [m.body for m in _drain(conn, queue, g2)] == ["x"]


def test_ack_unknown_queue_or_group(raw, queue):
    entry = [{"handler": "h", "status": "success"}]
    assert_error(raw.ack(str(uuid.uuid4()), "g-%s" % uuid.uuid4(), entry), 404, "DMS.10240401")
    assert_error(raw.ack(queue.id, "g-%s" % uuid.uuid4(), entry), 404, "DMS.10240405")


def test_ack_wait_expiry_redelivers():
    """The ack_wait minimum is 15 s: the emulator's clock moves past it (an emulator of its own,
    whose clock no other test reads). An expiry makes the message visible again and counts as a
    failed consumption (§3.2)."""
    with Emulator(instance_delay=INSTANCE_DELAY, max_time_wait=MAX_TIME_WAIT) as emulator:
        conn = emulator.connect()
        raw = Raw(emulator, conn)
        q = conn.dms.create_queue(name=unique("q"), redrive_policy="enable", max_consume_count=2)
        group = conn.dms.create_group(q, unique("g"))
        conn.dms.send_message(q, body="slow")
        data = _raw_consume_all(raw, q.id, group.id, ack_wait=15)
        assert [m["message"]["body"] for m in data] == ["slow"]
        # still hidden before the deadline
        assert _raw_consume_all(raw, q.id, group.id, ack_wait=15) == []
        emulator.advance_clock(15.6)
        again = _raw_consume_all(raw, q.id, group.id, ack_wait=30)
        assert [m["message"]["body"] for m in again] == ["slow"]
        assert again[0]["handler"] != data[0]["handler"]
        # the expired handler cannot be acked
        assert_error(raw.ack(q.id, group.id, [{"handler": data[0]["handler"], "status": "success"}]),
                     400, "DMS.10542209")
        # expiry (1) + explicit fail (2) reach max_consume_count=2: dead letter
        assert raw.ack(q.id, group.id, [{"handler": again[0]["handler"], "status": "fail"}]).json() == \
            {"success": 0, "fail": 1}
        assert _raw_consume_all(raw, q.id, group.id) == []
        grp = [g for g in conn.dms.groups(q, include_deadletter=True) if g.id == group.id][0]
        assert grp.produced_deadletters == 1
        assert grp.available_deadletters == 1


def test_consume_empty_time_wait_uses_default(raw, queue, group):
    resp = raw.consume(queue.id, group.id, time_wait="")
    assert resp.status_code == 200, resp.text
    assert resp.json() == []


# --------------------------------------------------------------------------
# FIFO
# --------------------------------------------------------------------------
def test_fifo_order_preserved_including_after_failure(conn, raw, make_queue):
    q = make_queue(queue_mode="FIFO")
    g = conn.dms.create_group(q, unique("g"))
    conn.dms.send_messages(q, [{"body": "m0"}, {"body": "m1"}])
    conn.dms.send_messages(q, [{"body": "m2"}, {"body": "m3"}, {"body": "m4"}])
    first = _raw_consume_all(raw, q.id, g.id, max_msgs=2)
    assert [m["message"]["body"] for m in first] == ["m0", "m1"]
    resp = raw.ack(q.id, g.id, [{"handler": first[0]["handler"], "status": "success"},
                                {"handler": first[1]["handler"], "status": "fail"}])
    assert resp.json() == {"success": 1, "fail": 1}
    rest = _raw_consume_all(raw, q.id, g.id, max_msgs=10)
    assert [m["message"]["body"] for m in rest] == ["m1", "m2", "m3", "m4"]


def test_fifo_order_through_sdk(conn, make_queue):
    """FIFO via the SDK: a drain hands out the next run in order and then
    stops behind the in-flight messages (§3.1 ASSUMED rule); acking releases
    the next run."""
    q = make_queue(queue_mode="FIFO")
    g = conn.dms.create_group(q, unique("g"))
    for i in range(0, 24, 6):
        conn.dms.send_messages(q, [{"body": "n%02d" % j} for j in range(i, i + 6)])
    seen = []
    for expected in (list(range(0, 5)), list(range(5, 10)), list(range(10, 15)),
                     list(range(15, 20)), list(range(20, 24))):
        got = _drain(conn, q, g, max_msgs=5)
        assert [m.body for m in got] == ["n%02d" % j for j in expected]
        conn.dms.ack_message(q, g, [m.id for m in got])
        seen.extend(m.body for m in got)
    assert seen == ["n%02d" % j for j in range(24)]
    assert _drain(conn, q, g) == []


def test_fifo_default_batch_through_sdk(conn, make_queue):
    q = make_queue(queue_mode="FIFO")
    g = conn.dms.create_group(q, unique("g"))
    conn.dms.send_messages(q, [{"body": "a%d" % j} for j in range(4)])
    conn.dms.send_messages(q, [{"body": "a%d" % j} for j in range(4, 8)])
    assert [m.body for m in _drain(conn, q, g)] == ["a%d" % j for j in range(8)]


# --------------------------------------------------------------------------
# dead letters
# --------------------------------------------------------------------------
def _group(conn, queue, gid):
    return [g for g in conn.dms.groups(queue, include_deadletter=True) if g.id == gid][0]


def test_max_consume_count_moves_to_dead_letters(conn, raw, make_queue):
    q = make_queue(redrive_policy="enable", max_consume_count=2)
    g = conn.dms.create_group(q, unique("g"))
    bystander = conn.dms.create_group(q, unique("b"))
    conn.dms.send_message(q, body={"poison": True}, attributes={"why": "dlq"})

    for attempt in range(2):
        got = _drain(conn, q, g)
        assert [m.body for m in got] == [{"poison": True}], attempt
        conn.dms.ack_message(q, g, [got[0].id], status="fail")

    # gone from normal consumption of that group
    assert _drain(conn, q, g) == []
    grp = _group(conn, q, g.id)
    assert grp.produced_deadletters == 1
    assert grp.available_deadletters == 1
    assert grp.available_messages == 0

    # the other group is not affected
    other = _group(conn, q, bystander.id)
    assert other.produced_deadletters == 0
    assert other.available_messages == 1

    dead = _raw_consume_all(raw, q.id, g.id, dead=True)
    assert len(dead) == 1
    assert dead[0]["message"]["body"] == {"poison": True}
    assert dead[0]["message"]["attributes"] == {"why": "dlq"}
    # in flight in the dead-letter store as well
    assert _raw_consume_all(raw, q.id, g.id, dead=True) == []
    resp = raw.ack(q.id, g.id, [{"handler": dead[0]["handler"], "status": "success"}], dead=True)
    assert resp.status_code == 200, resp.text
    assert resp.json() == {"success": 1, "fail": 0}
    grp = _group(conn, q, g.id)
    assert grp.produced_deadletters == 1
    assert grp.available_deadletters == 0
    assert _raw_consume_all(raw, q.id, g.id, dead=True) == []

    assert [m.body for m in _drain(conn, q, bystander)] == [{"poison": True}]


def test_dead_letter_fail_ack_redelivers(conn, raw, make_queue):
    q = make_queue(redrive_policy="enable", max_consume_count=1)
    g = conn.dms.create_group(q, unique("g"))
    conn.dms.send_message(q, body="dl")
    got = _drain(conn, q, g)
    conn.dms.ack_message(q, g, [got[0].id], status="fail")
    dead = _raw_consume_all(raw, q.id, g.id, dead=True)
    assert [m["message"]["body"] for m in dead] == ["dl"]
    resp = raw.ack(q.id, g.id, [{"handler": dead[0]["handler"], "status": "fail"}], dead=True)
    assert resp.json() == {"success": 0, "fail": 1}
    again = _raw_consume_all(raw, q.id, g.id, dead=True)
    assert [m["message"]["body"] for m in again] == ["dl"]


def test_dead_letters_keep_fifo_order(conn, raw, make_queue):
    q = make_queue(queue_mode="FIFO", redrive_policy="enable", max_consume_count=1)
    g = conn.dms.create_group(q, unique("g"))
    conn.dms.send_messages(q, [{"body": "d%d" % i} for i in range(3)])
    got = _raw_consume_all(raw, q.id, g.id)
    assert [m["message"]["body"] for m in got] == ["d0", "d1", "d2"]
    resp = raw.ack(q.id, g.id, [{"handler": m["handler"], "status": "fail"} for m in got])
    assert resp.json() == {"success": 0, "fail": 3}
    assert _raw_consume_all(raw, q.id, g.id) == []
    dead = _raw_consume_all(raw, q.id, g.id, dead=True)
    assert [m["message"]["body"] for m in dead] == ["d0", "d1", "d2"]
    grp = _group(conn, q, g.id)
    assert grp.produced_deadletters == 3


def test_dead_letter_parameter_ranges(raw, make_queue, conn):
    q = make_queue(redrive_policy="enable", max_consume_count=1)
    g = conn.dms.create_group(q, unique("g"))
    assert_error(raw.consume(q.id, g.id, dead=True, max_msgs=11), 400, "DMS.10240014")
    assert_error(raw.consume(q.id, g.id, dead=True, ack_wait=5), 400, "DMS.10542206")
    assert_error(raw.consume(q.id, "g-%s" % uuid.uuid4(), dead=True), 404, "DMS.10240405")
    assert_error(raw.ack(q.id, g.id, [{"handler": "nope", "status": "success"}], dead=True),
                 400, "DMS.10542209")


def test_no_dead_letters_without_redrive(conn, raw, queue, group):
    conn.dms.send_message(queue, body="forever")
    for _ in range(4):
        got = _drain(conn, queue, group)
        assert [m.body for m in got] == ["forever"]
        conn.dms.ack_message(queue, group, [got[0].id], status="fail")
    grp = _group(conn, queue, group.id)
    assert grp.produced_deadletters == 0
    assert grp.available_messages == 1


def test_dead_letters_on_kafka_queue_rejected(conn, raw, make_queue):
    q = make_queue(queue_mode="KAFKA_HA", retention_hours=1)
    g = conn.dms.create_group(q, unique("g"))
    assert_error(raw.consume(q.id, g.id, dead=True), 400, "DMS.00400800")


def test_kafka_queue_send_and_consume(conn, make_queue):
    q = make_queue(queue_mode="KAFKA_HT", retention_hours=2)
    g = conn.dms.create_group(q, unique("g"))
    conn.dms.send_messages(q, [{"body": "k1"}, {"body": "k2"}])
    got = _drain(conn, q, g)
    assert sorted(m.body for m in got) == ["k1", "k2"]
    conn.dms.ack_message(q, g, [m.id for m in got])
    assert _drain(conn, q, g) == []

"""Admin endpoints: request log and fault injection; unknown URL / wrong
method (contract §1.4, §2.8, brief's admin contract)."""

import time
import uuid

import pytest
from openstack import exceptions

from sdk_support import assert_error, assert_sdk_error, instance_attrs, unique


@pytest.fixture
def faults(emulator):
    """Gives the emulator; always clears faults afterwards."""
    emulator.clear_faults()
    yield emulator
    emulator.clear_faults()


# --------------------------------------------------------------------------
# request log
# --------------------------------------------------------------------------
def test_request_log_records_method_path_query_status(emulator, conn):
    pid = conn.current_project_id
    emulator.reset_requests()
    assert emulator.requests() == []
    list(conn.dms.queues(include_deadletter=True))
    missing = str(uuid.uuid4())
    with pytest.raises(exceptions.NotFoundException):
        conn.dms.get_queue(missing)
    emulator.seed()  # admin calls are not recorded
    log = emulator.requests()
    assert all(isinstance(entry.pop("at"), float) for entry in log)
    assert log == [
        {"method": "GET", "path": "/v1.0/%s/queues" % pid, "query": "include_deadletter=True", "status": 200,
         "lost": False},
        {"method": "GET", "path": "/v1.0/%s/queues/%s" % (pid, missing), "query": "", "status": 404,
         "lost": False},
    ]
    emulator.reset_requests()
    assert emulator.requests() == []


def test_request_log_includes_keystone(emulator):
    emulator.reset_requests()
    fresh = emulator.connect()
    pid = fresh.current_project_id  # forces authentication
    list(fresh.dms.queues())
    log = emulator.requests()
    tokens = [r for r in log if r["path"] == "/v3/auth/tokens"]
    assert tokens and tokens[0]["method"] == "POST" and tokens[0]["status"] == 201, log
    dms = [r for r in log if r["path"] == "/v1.0/%s/queues" % pid]
    assert dms and dms[-1]["status"] == 200
    assert log.index(tokens[0]) < log.index(dms[-1])


def test_request_log_write_calls(emulator, conn):
    emulator.reset_requests()
    q = conn.dms.create_queue(name=unique("log"))
    try:
        conn.dms.send_message(q, body="x")
    finally:
        conn.dms.delete_queue(q)
    pid = conn.current_project_id
    entries = [(r["method"], r["path"], r["status"]) for r in emulator.requests()]
    assert entries == [
        ("POST", "/v1.0/%s/queues" % pid, 201),
        ("POST", "/v1.0/%s/queues/%s/messages" % (pid, q.id), 200),
        ("DELETE", "/v1.0/%s/queues/%s" % (pid, q.id), 204),
    ]


# --------------------------------------------------------------------------
# unknown URL / wrong method
# --------------------------------------------------------------------------
def test_unknown_url_404(emulator, raw):
    assert_error(raw.get("/no-such-collection"), 404, "DMS.00404001")
    assert_error(raw.get("/v1.0/%s/queues/%s/nothing" % (raw.pid, uuid.uuid4()), project=False),
                 404, "DMS.00404001")
    emulator.reset_requests()
    raw.get("/no-such-collection")
    assert emulator.requests()[-1]["status"] == 404


def test_unknown_url_outside_api_prefix_404(raw):
    assert_error(raw.get("/definitely/not/here", project=False), 404, "DMS.00404001")
    assert_error(raw.get("/v1.0", project=False), 404, "DMS.00404001")


def test_wrong_method_405(raw, queue):
    assert_error(raw.request("PATCH", "/queues"), 405, "DMS.00405001")
    assert_error(raw.put("/queues/%s" % queue.id, json={"name": "x"}), 405, "DMS.00405001")
    assert_error(raw.delete("/queues"), 405, "DMS.00405001")
    assert_error(raw.post("/v1.0/products", project=False, json={}), 405, "DMS.00405001")


# --------------------------------------------------------------------------
# faults
# --------------------------------------------------------------------------
def test_get_fault_makes_sdk_fail_and_clear_restores(conn, make_queue, faults):
    q = make_queue()
    faults.set_faults(error_rate=1.0, statuses=[503], methods=["GET"], seed=1)
    with pytest.raises(exceptions.HttpException) as ei:
        list(conn.dms.queues())
    assert ei.value.status_code == 503
    with pytest.raises(exceptions.HttpException) as ei:
        conn.dms.get_queue(q.id)
    assert ei.value.status_code == 503
    # methods not listed are not faulted
    msg = conn.dms.send_message(q, body="still works")
    assert msg.id
    faults.clear_faults()
    assert q.id in [x.id for x in conn.dms.queues()]


def test_fault_status_is_logged(conn, faults):
    faults.set_faults(error_rate=1.0, statuses=[429], methods=["GET"], seed=3)
    faults.reset_requests()
    with pytest.raises(exceptions.HttpException) as ei:
        list(conn.dms.queues())
    assert ei.value.status_code == 429
    log = faults.requests()
    assert log and log[-1]["status"] == 429
    assert log[-1]["path"] == "/v1.0/%s/queues" % conn.current_project_id


def test_faulted_post_does_not_change_state(conn, raw, queue, group, net, az_ids, product_100mb, faults):
    name = unique("faulted")
    faults.set_faults(error_rate=1.0, statuses=[500], methods=["POST"], seed=7)
    with pytest.raises(exceptions.HttpException) as ei:
        conn.dms.create_queue(name=name)
    assert ei.value.status_code == 500
    with pytest.raises(exceptions.HttpException) as ei:
        conn.dms.send_message(queue, body="lost")
    assert ei.value.status_code == 500
    inst_attrs = instance_attrs(net, az_ids, product_100mb)
    with pytest.raises(exceptions.HttpException):
        conn.dms.create_instance(**inst_attrs)
    resp = raw.post("/queues/%s/groups" % queue.id, json={"groups": [{"name": unique("g")}]})
    assert resp.status_code == 500
    faults.clear_faults()
    assert conn.dms.find_queue(name) is None
    assert list(conn.dms.consume_message(queue, group)) == []
    assert conn.dms.find_instance(inst_attrs["name"], ignore_missing=True) is None
    assert [g.id for g in conn.dms.groups(queue)] == [group.id]


def test_faulted_delete_does_not_delete(conn, make_queue, faults):
    q = make_queue()
    faults.set_faults(error_rate=1.0, statuses=[503], methods=["DELETE"], seed=2)
    with pytest.raises(exceptions.HttpException):
        conn.dms.delete_queue(q)
    faults.clear_faults()
    assert conn.dms.get_queue(q.id).id == q.id


def test_keystone_and_admin_not_faulted(emulator, faults):
    faults.set_faults(error_rate=1.0, statuses=[500], methods=["GET", "POST", "PUT", "DELETE"], seed=1)
    fresh = emulator.connect()
    assert fresh.session.get_token()
    assert fresh.current_project_id
    assert emulator.seed()["projects"]
    with pytest.raises(exceptions.HttpException) as ei:
        list(fresh.dms.queues())
    assert ei.value.status_code == 500


def _status_pattern(raw, n=40):
    return [raw.get("/queues").status_code for _ in range(n)]


def test_seeded_faults_are_deterministic(raw, faults):
    cfg = dict(error_rate=0.5, statuses=[500, 503, 429], seed=42, methods=["GET"])
    faults.set_faults(**cfg)
    first = _status_pattern(raw)
    faults.clear_faults()
    faults.set_faults(**cfg)
    second = _status_pattern(raw)
    assert first == second
    assert 200 in first
    errors = [s for s in first if s != 200]
    assert errors and set(errors) <= {500, 503, 429}
    assert 5 <= len(errors) <= 35  # roughly half
    faults.clear_faults()
    faults.set_faults(**dict(cfg, seed=43))
    third = _status_pattern(raw)
    assert third != first
    faults.clear_faults()
    assert set(_status_pattern(raw, 10)) == {200}


def test_fault_latency(raw, faults):
    faults.set_faults(error_rate=0.0, statuses=[500], latency_ms=[250, 250], seed=1, methods=["GET"])
    t0 = time.monotonic()
    resp = raw.get("/queues")
    elapsed = time.monotonic() - t0
    assert resp.status_code == 200
    assert elapsed >= 0.24, elapsed
    faults.clear_faults()
    t0 = time.monotonic()
    raw.get("/queues")
    assert time.monotonic() - t0 < 0.24


def test_faults_only_hit_listed_methods(conn, raw, faults):
    faults.set_faults(error_rate=1.0, statuses=[503], methods=["PUT"], seed=1)
    # GETs are untouched
    assert raw.get("/queues").status_code == 200
    assert isinstance(list(conn.dms.availability_zones()), list)


def test_error_through_sdk_carries_code(conn):
    with pytest.raises(exceptions.NotFoundException) as ei:
        conn.dms.get_queue(str(uuid.uuid4()))
    assert_sdk_error(ei, 404, "DMS.10240401")

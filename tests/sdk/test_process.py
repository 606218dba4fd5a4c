"""The server process: CLI contract, first stdout line, SIGTERM, --state
persistence across restarts, thread safety."""

import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time

import openstack.config
import openstack.connection
import pytest
import requests
import yaml
from otcextensions import sdk as otc_sdk

from sdk_support import (REPO, Emulator, Raw, instance_attrs, product_for, seeded_project, unique,
                      wait_running)

SERVE = ["-m", "emulator.serve"]
LINE_RE = re.compile(r"^DMS emulator listening on http://127\.0\.0\.1:(\d+)\n?$")


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _spawn(*args):
    env = dict(os.environ, PYTHONPATH=os.path.join(REPO, "tests"))
    return subprocess.Popen([sys.executable] + SERVE + list(args), stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, text=True, env=env)


def _stop(proc):
    if proc.poll() is None:
        proc.kill()
        proc.wait(5)
    proc.stdout.close()
    proc.stderr.close()


def _wait_ready(url, timeout=10):
    deadline = time.monotonic() + timeout
    while True:
        try:
            return requests.get(url + "/__emulator__/seed", timeout=5)
        except requests.ConnectionError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.05)


# --------------------------------------------------------------------------
# CLI / stdout / SIGTERM
# --------------------------------------------------------------------------
def test_cli_first_line_clouds_yaml_and_sigterm():
    port = _free_port()
    with tempfile.TemporaryDirectory() as tmp:
        clouds = os.path.join(tmp, "clouds.yaml")
        proc = _spawn("--host", "127.0.0.1", "--port", str(port), "--clouds-yaml", clouds,
                      "--cloud-name", "mycloud", "--region", "eu-nl", "--instance-delay", "0.1")
        try:
            line = proc.stdout.readline()
            m = LINE_RE.match(line)
            assert m, repr(line)
            assert int(m.group(1)) == port
            url = "http://127.0.0.1:%d" % port
            seed = _wait_ready(url).json()
            assert seed["region"] == "eu-nl"
            assert seed["auth_url"] == url + "/v3"
            assert {p["cloud"] for p in seed["projects"]} == {"mycloud", "mycloud-other"}

            with open(clouds) as fh:
                cfg = yaml.safe_load(fh)
            assert {"mycloud", "mycloud-other"} <= set(cfg["clouds"])
            config = openstack.config.OpenStackConfig(config_files=[clouds])
            region = config.get_one("mycloud")
            assert region.region_name == "eu-nl"
            assert region.auth["auth_url"].rstrip("/") in (url + "/v3", url)
            conn = openstack.connection.Connection(config=region)
            otc_sdk.register_otc_extensions(conn)
            q = conn.dms.create_queue(name=unique("cli"))
            assert q.id in [x.id for x in conn.dms.queues()]
            assert [a.region_id for a in conn.dms.availability_zones()][0] == "eu-nl"

            t0 = time.monotonic()
            proc.send_signal(signal.SIGTERM)
            rc = proc.wait(timeout=10)
            assert time.monotonic() - t0 < 5
            assert rc in (0, -signal.SIGTERM), rc
            with pytest.raises(requests.ConnectionError):
                requests.get(url + "/__emulator__/seed", timeout=2)
        finally:
            _stop(proc)


def test_sigterm_with_pending_long_poll_exits_quickly():
    with tempfile.TemporaryDirectory() as tmp:
        proc = _spawn("--port", "0", "--clouds-yaml", os.path.join(tmp, "c.yaml"))
        try:
            line = proc.stdout.readline()
            m = LINE_RE.match(line)
            assert m, repr(line)
            url = "http://127.0.0.1:%s" % m.group(1)
            _wait_ready(url)
            config = openstack.config.OpenStackConfig(config_files=[os.path.join(tmp, "c.yaml")])
            conn = openstack.connection.Connection(config=config.get_one("emulator"))
            otc_sdk.register_otc_extensions(conn)
            q = conn.dms.create_queue(name=unique("lp"))
            g = conn.dms.create_group(q, unique("g"))
            token = conn.session.get_token()
            pid = conn.current_project_id

            def poll():
                try:
                    requests.get("%s/v1.0/%s/queues/%s/groups/%s/messages" % (url, pid, q.id, g.id),
                                 params={"time_wait": 60}, headers={"X-Auth-Token": token}, timeout=70)
                except requests.RequestException:
                    pass

            th = threading.Thread(target=poll, daemon=True)
            th.start()
            time.sleep(0.3)
            t0 = time.monotonic()
            proc.send_signal(signal.SIGTERM)
            rc = proc.wait(timeout=15)
            assert time.monotonic() - t0 < 5, "SIGTERM took %.1f s with a pending long poll" % (
                time.monotonic() - t0)
            assert rc in (0, -signal.SIGTERM), rc
        finally:
            _stop(proc)


# --------------------------------------------------------------------------
# --state persistence
# --------------------------------------------------------------------------
def test_state_survives_restart():
    with tempfile.TemporaryDirectory() as tmp:
        state = os.path.join(tmp, "state.sqlite")
        emu = Emulator(instance_delay=0.2, max_time_wait=0.3, state=state)
        emu.start()
        try:
            conn = emu.connect()
            pid = conn.current_project_id
            seed_before = emu.seed()
            q = conn.dms.create_queue(name=unique("persist"), queue_mode="FIFO", description="kept",
                                      redrive_policy="enable", max_consume_count=4)
            g = conn.dms.create_group(q, unique("g"))
            conn.dms.send_messages(q, [{"body": "p0"}, {"body": {"p": 1}, "attributes": {"a": "b"}},
                                       {"body": ["p", 2]}])
            first = list(conn.dms.consume_message(q, g))
            assert [m.body for m in first] == ["p0", {"p": 1}, ["p", 2]]
            conn.dms.ack_message(q, g, [first[0].id])
            conn.dms.ack_message(q, g, [first[1].id, first[2].id], status="fail")
            net = seeded_project(emu, "emulator")["network"]
            az_ids = [a["id"] for a in seed_before["availability_zones"]]
            inst = conn.dms.create_instance(**instance_attrs(net, az_ids, product_for(conn),
                                                             description="persisted"))
            inst = wait_running(conn, inst)
            conn.dms.create_topic(inst, id=unique("topic"), partition=5)

            emu.restart()

            assert emu.seed()["projects"] == seed_before["projects"]
            conn2 = emu.connect()
            assert conn2.current_project_id == pid
            got = conn2.dms.get_queue(q.id)
            assert (got.name, got.queue_mode, got.description) == (q.name, "FIFO", "kept")
            listed = [x for x in conn2.dms.queues(include_deadletter=True) if x.id == q.id][0]
            assert listed.max_consume_count == 4
            groups = list(conn2.dms.groups(q.id))
            assert [x.id for x in groups] == [g.id]
            assert groups[0].consumed_messages == 1
            rest = list(conn2.dms.consume_message(q.id, g.id))
            assert [m.body for m in rest] == [{"p": 1}, ["p", 2]]
            assert rest[0].attributes == {"a": "b"}

            inst2 = conn2.dms.get_instance(inst.id)
            assert inst2.status == "RUNNING"
            assert inst2.name == inst.name
            assert inst2.description == "persisted"
            assert inst2.storage == inst.storage
            assert inst2.connect_address == inst.connect_address
            assert inst2.created_at == inst.created_at
            topics = list(conn2.dms.topics(inst.id))
            assert [t.partition for t in topics] == [5]
            raw = Raw(emu, conn2)
            assert raw.get("/instances/%s/topics" % inst.id).json()["remain_partitions"] == 295
        finally:
            emu.cleanup()


def test_without_state_nothing_survives_restart():
    emu = Emulator(instance_delay=0.2, max_time_wait=0.3)
    emu.start()
    try:
        conn = emu.connect()
        q = conn.dms.create_queue(name=unique("gone"))
        emu.restart()
        conn2 = emu.connect()
        assert q.id not in [x.id for x in conn2.dms.queues()]
    finally:
        emu.cleanup()


# --------------------------------------------------------------------------
# thread safety
# --------------------------------------------------------------------------
def _run_threads(n, target):
    errors = []

    def wrapper(i):
        try:
            target(i)
        except BaseException as exc:  # noqa: B902 - collect for the main thread
            errors.append(exc)

    threads = [threading.Thread(target=wrapper, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert not any(t.is_alive() for t in threads)
    assert not errors, errors


def test_concurrent_send_and_consume(emulator, conn, raw, queue, group):
    n_threads, k_requests, per_request = 8, 5, 2
    token, url = raw.token, raw.url("/queues/%s/messages" % queue.id)

    def sender(i):
        http = requests.Session()
        for j in range(k_requests):
            body = {"messages": [{"body": "t%d-r%d-m%d" % (i, j, m)} for m in range(per_request)]}
            r = http.post(url, json=body, headers={"X-Auth-Token": token}, timeout=30)
            assert r.status_code == 200, r.text
            assert len(r.json()["messages"]) == per_request

    _run_threads(n_threads, sender)
    total = n_threads * k_requests * per_request
    grp = [g for g in conn.dms.groups(queue) if g.id == group.id][0]
    assert grp.produced_messages == total
    assert grp.available_messages == total

    received = []
    lock = threading.Lock()
    consume_url = raw.url("/queues/%s/groups/%s/messages" % (queue.id, group.id))
    ack_url = raw.url("/queues/%s/groups/%s/ack" % (queue.id, group.id))

    def consumer(i):
        http = requests.Session()
        while True:
            r = http.get(consume_url, params={"max_msgs": 3, "time_wait": 1, "ack_wait": 60},
                         headers={"X-Auth-Token": token}, timeout=30)
            assert r.status_code == 200, r.text
            data = r.json()
            if not data:
                return
            with lock:
                received.extend(m["message"]["body"] for m in data)
            a = http.post(ack_url, json={"message": [{"handler": m["handler"], "status": "success"}
                                                     for m in data]},
                          headers={"X-Auth-Token": token}, timeout=30)
            assert a.status_code == 200, a.text
            assert a.json() == {"success": len(data), "fail": 0}

    _run_threads(n_threads, consumer)
    assert len(received) == total, "%d deliveries for %d messages" % (len(received), total)
    assert len(set(received)) == total
    grp = [g for g in conn.dms.groups(queue) if g.id == group.id][0]
    assert grp.consumed_messages == total
    assert grp.available_messages == 0
    assert list(conn.dms.consume_message(queue, group)) == []


def test_concurrent_duplicate_queue_create(raw, conn):
    name = unique("race")
    results = []
    lock = threading.Lock()
    token, url = raw.token, raw.url("/queues")

    def create(i):
        r = requests.post(url, json={"name": name}, headers={"X-Auth-Token": token}, timeout=30)
        with lock:
            results.append((r.status_code, r.json()))

    try:
        _run_threads(8, create)
        ok = [b for s, b in results if s == 201]
        dup = [b for s, b in results if s == 400]
        assert len(ok) == 1, results
        assert len(dup) == 7 and all(b["error_code"] == "DMS.10240017" for b in dup), results
        assert [q.name for q in conn.dms.queues()].count(name) == 1
    finally:
        for q in conn.dms.queues():
            if q.name == name:
                conn.dms.delete_queue(q)


def test_concurrent_group_create_respects_limit(raw, conn, queue):
    results = []
    lock = threading.Lock()
    token, url = raw.token, raw.url("/queues/%s/groups" % queue.id)

    def create(i):
        r = requests.post(url, json={"groups": [{"name": "cg%d-%s" % (i, unique("x"))}]},
                          headers={"X-Auth-Token": token}, timeout=30)
        with lock:
            results.append((r.status_code, r.json()))

    _run_threads(8, create)
    assert sorted(s for s, _ in results) == [201] * 3 + [400] * 5, results
    assert all(b["error_code"] == "DMS.10240019" for s, b in results if s == 400)
    assert len(list(conn.dms.groups(queue))) == 3


def test_concurrent_topic_creation_partition_accounting(raw, conn, make_instance):
    inst = make_instance()
    token, url = raw.token, raw.url("/instances/%s/topics" % inst.id)
    results = []
    lock = threading.Lock()

    def create(i):
        r = requests.post(url, json={"id": "topic-%02d-%s" % (i, unique("c")), "partition": 50},
                          headers={"X-Auth-Token": token}, timeout=30)
        with lock:
            results.append(r.status_code)

    _run_threads(8, create)
    # 300 partitions: exactly 6 topics of 50 fit
    assert sorted(results) == [200] * 6 + [400] * 2, results
    body = raw.get("/instances/%s/topics" % inst.id).json()
    assert body["remain_partitions"] == 0
    assert body["total"] == 6


def test_concurrent_writes_with_state_file():
    """Thread safety also holds with the SQLite-backed --state store."""
    with tempfile.TemporaryDirectory() as tmp:
        emu = Emulator(instance_delay=0.2, max_time_wait=0.3, state=os.path.join(tmp, "s.sqlite"))
        emu.start()
        try:
            conn = emu.connect()
            raw = Raw(emu, conn)
            q = conn.dms.create_queue(name=unique("stq"))
            g = conn.dms.create_group(q, unique("g"))
            token, url = raw.token, raw.url("/queues/%s/messages" % q.id)

            def sender(i):
                http = requests.Session()
                for j in range(5):
                    r = http.post(url, json={"messages": [{"body": "s%d-%d-%d" % (i, j, m)} for m in range(3)]},
                                  headers={"X-Auth-Token": token}, timeout=30)
                    assert r.status_code == 200, r.text

            _run_threads(6, sender)
            got = list(conn.dms.consume_message(q, g))
            assert len(got) == 90
            assert len({m.body for m in got}) == 90
            conn.dms.ack_message(q, g, [m.id for m in got])
            assert [x.consumed_messages for x in conn.dms.groups(q)] == [90]
        finally:
            emu.cleanup()

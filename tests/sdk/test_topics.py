"""Kafka topics (contract §2.6, §3.6, §4 #4, #5)."""

import uuid

import pytest
from openstack import exceptions

from sdk_support import assert_error, assert_sdk_error, unique


def _topic_name():
    return unique("topic")


def _topics_body(raw, iid):
    resp = raw.get("/instances/%s/topics" % iid)
    assert resp.status_code == 200, resp.text
    return resp.json()


@pytest.fixture
def running(make_instance):
    """A fresh RUNNING 100MB instance (300 partitions) per test."""
    return make_instance(wait=True)


def test_create_list_delete_topic(conn, raw, running):
    name = _topic_name()
    topic = conn.dms.create_topic(running, id=name, partition=4, replication=2, retention_time=24,
                                  is_sync_replication=True, is_sync_flush=True)
    assert topic.id == name

    topics = {t.id: t for t in conn.dms.topics(running)}
    assert set(topics) == {name}
    t = topics[name]
    assert t.partition == 4
    assert t.replication == 2
    assert t.retention_time == 24
    assert t.is_sync_replication is True
    assert t.is_sync_flush is True

    body = _topics_body(raw, running.id)
    assert body["total"] == 1
    assert body["size"] == 1
    assert body["max_partitions"] == 300
    assert body["remain_partitions"] == 296
    entry = body["topics"][0]
    assert entry["id"] == name
    # Strings, as the real v1 API sends them (issue 13; the v1 contract said booleans)
    assert entry["sync_replication"] == "true" and entry["sync_message_flush"] == "true"

    conn.dms.delete_topic(running, [topic])
    assert list(conn.dms.topics(running)) == []
    body = _topics_body(raw, running.id)
    assert body["total"] == 0 and body["size"] == 0
    assert body["remain_partitions"] == 300


def test_topic_defaults(conn, raw, running):
    name = _topic_name()
    resp = raw.post("/instances/%s/topics" % running.id, json={"id": name})
    assert resp.status_code == 200, resp.text
    assert resp.json() == {"id": name}
    entry = [t for t in _topics_body(raw, running.id)["topics"] if t["id"] == name][0]
    assert entry["partition"] == 3
    assert entry["replication"] == 3
    assert entry["retention_time"] == 72
    # The strings "false", as the real v1 API sends them (issue 13)...
    assert entry["sync_replication"] == "false"
    assert entry["sync_message_flush"] == "false"
    # ...which otcextensions (attributes typed bool) reads as True: why otc.dms reads topics raw.
    sdk = [t for t in conn.dms.topics(running) if t.id == name][0]
    assert sdk.is_sync_replication is True and sdk.is_sync_flush is True


def test_sdk_style_create_body(conn, running):
    """The body the SDK sent in the wire trace (Appendix A), including ``name``."""
    name = _topic_name()
    conn.dms.create_topic(running, id=name, name=name, partition=3, replication=3, retention_time=72,
                          is_sync_replication=False, is_sync_flush=False)
    assert [t.id for t in conn.dms.topics(running.id)] == [name]


def test_partition_accounting_and_exhaustion(conn, raw, running):
    names = [_topic_name() for _ in range(3)]
    for n in names:
        conn.dms.create_topic(running, id=n, partition=100)
    body = _topics_body(raw, running.id)
    assert body["remain_partitions"] == 0
    assert body["total"] == 3
    with pytest.raises(exceptions.BadRequestException) as ei:
        conn.dms.create_topic(running, id=_topic_name(), partition=1)
    assert_sdk_error(ei, 400, "DMS.00400800")
    conn.dms.delete_topic(running, names[0])
    body = _topics_body(raw, running.id)
    assert body["remain_partitions"] == 100
    conn.dms.create_topic(running, id=_topic_name(), partition=60)
    with pytest.raises(exceptions.BadRequestException):
        conn.dms.create_topic(running, id=_topic_name(), partition=41)
    conn.dms.create_topic(running, id=_topic_name(), partition=40)
    assert _topics_body(raw, running.id)["remain_partitions"] == 0


def test_duplicate_topic(conn, running):
    name = _topic_name()
    conn.dms.create_topic(running, id=name)
    with pytest.raises(exceptions.BadRequestException) as ei:
        conn.dms.create_topic(running, id=name)
    assert_sdk_error(ei, 400, "DMS.00400800")
    assert [t.id for t in conn.dms.topics(running)] == [name]


@pytest.mark.parametrize("attrs,code", [
    ({"partition": 0}, "DMS.00400102"),
    ({"partition": 101}, "DMS.00400102"),
    ({"replication": 0}, "DMS.00400103"),
    ({"replication": 4}, "DMS.00400103"),
    ({"retention_time": 0}, "DMS.00400105"),
    ({"retention_time": 721}, "DMS.00400105"),
    ({"is_sync_replication": True, "replication": 1}, "DMS.00400800"),
    ({"id": "1topic"}, "DMS.00400101"),
    ({"id": "top"}, "DMS.00400101"),
    ({"id": "topic.with.dots"}, "DMS.00400101"),
    ({"id": "t" * 65}, "DMS.00400101"),
])
def test_topic_validation(conn, running, attrs, code):
    attrs = dict(attrs)
    attrs.setdefault("id", _topic_name())
    with pytest.raises(exceptions.BadRequestException) as ei:
        conn.dms.create_topic(running, **attrs)
    assert_sdk_error(ei, 400, code)
    assert list(conn.dms.topics(running)) == []


def test_topic_bounds_accepted(conn, raw, running):
    conn.dms.create_topic(running, id=_topic_name(), partition=100, replication=1, retention_time=720)
    conn.dms.create_topic(running, id=_topic_name(), partition=1, replication=3, retention_time=1)
    assert _topics_body(raw, running.id)["remain_partitions"] == 199


def test_batch_delete_result_body(conn, raw, running):
    a, b = _topic_name(), _topic_name()
    conn.dms.create_topic(running, id=a)
    conn.dms.create_topic(running, id=b)
    missing = _topic_name()
    resp = raw.post("/instances/%s/topics/delete" % running.id, json={"topics": [a, missing]})
    assert resp.status_code == 200, resp.text
    assert resp.json() == {"topics": [{"id": a, "success": True}, {"id": missing, "success": False}]}
    assert [t.id for t in conn.dms.topics(running)] == [b]
    # the SDK accepts an unknown name too (it only checks the status code)
    conn.dms.delete_topic(running, [_topic_name(), b])
    assert list(conn.dms.topics(running)) == []


def test_topic_ops_on_non_running_instance(conn, raw, make_instance):
    inst = make_instance(wait=False)
    with pytest.raises(exceptions.BadRequestException) as ei:
        conn.dms.create_topic(inst, id=_topic_name())
    assert_sdk_error(ei, 400, "DMS.00400026")
    inst = make_instance(wait=True)
    name = _topic_name()
    conn.dms.create_topic(inst, id=name)
    conn.dms.restart_instance(inst)
    with pytest.raises(exceptions.BadRequestException) as ei:
        conn.dms.create_topic(inst, id=_topic_name())
    assert_sdk_error(ei, 400, "DMS.00400026")
    assert_error(raw.post("/instances/%s/topics/delete" % inst.id, json={"topics": [name]}),
                 400, "DMS.00400026")


def test_topics_of_unknown_instance(conn, raw):
    missing = str(uuid.uuid4())
    with pytest.raises(exceptions.NotFoundException) as ei:
        list(conn.dms.topics(missing))
    assert_sdk_error(ei, 404, "DMS.00404022")
    assert_error(raw.post("/instances/%s/topics" % missing, json={"id": _topic_name()}),
                 404, "DMS.00404022")


def test_topics_isolated_between_projects(conn, other_conn, running):
    conn.dms.create_topic(running, id=_topic_name())
    with pytest.raises(exceptions.NotFoundException):
        list(other_conn.dms.topics(running.id))
    with pytest.raises(exceptions.NotFoundException):
        other_conn.dms.create_topic(running.id, id=_topic_name())
    assert len(list(conn.dms.topics(running))) == 1


def test_topics_survive_restart_of_instance(conn, running):
    from sdk_support import wait_running

    name = _topic_name()
    conn.dms.create_topic(running, id=name, partition=7)
    conn.dms.restart_instance(running)
    wait_running(conn, running)
    assert [(t.id, t.partition) for t in conn.dms.topics(running)] == [(name, 7)]

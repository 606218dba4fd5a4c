"""Consumer groups (contract §2.2, §3.4, §4 #20)."""

import uuid

import pytest
from openstack import exceptions

from sdk_support import GROUP_ID_RE, assert_error, assert_sdk_error, unique


def test_create_group_and_list(conn, queue):
    name = unique("g")
    grp = conn.dms.create_group(queue, name)
    assert grp.id and GROUP_ID_RE.match(grp.id), grp.id
    assert grp.name == name
    groups = list(conn.dms.groups(queue))
    assert [(g.id, g.name) for g in groups] == [(grp.id, name)]
    g = groups[0]
    assert g.produced_messages == 0
    assert g.consumed_messages == 0
    assert g.available_messages == 0


def test_create_groups_raw_multiple_in_order(raw, queue):
    names = [unique("ga"), unique("gb"), unique("gc")]
    resp = raw.post("/queues/%s/groups" % queue.id, json={"groups": [{"name": n} for n in names]})
    assert resp.status_code == 201, resp.text
    out = resp.json()["groups"]
    assert [g["name"] for g in out] == names
    assert all(GROUP_ID_RE.match(g["id"]) for g in out)
    assert len({g["id"] for g in out}) == 3


def test_find_group(conn, queue):
    grp = conn.dms.create_group(queue, unique("g"))
    assert conn.dms.find_group(queue, grp.name).id == grp.id
    assert conn.dms.find_group(queue, grp.id).name == grp.name
    with pytest.raises(exceptions.NotFoundException):
        conn.dms.find_group(queue, unique("nogroup"))
    assert conn.dms.find_group(queue, unique("nogroup"), ignore_missing=True) is None


def test_duplicate_group_name(conn, raw, queue):
    grp = conn.dms.create_group(queue, unique("g"))
    dup = conn.dms.create_group(queue, grp.name)
    # Group.create does not raise (§2.2, §4 #20): the id stays None
    assert dup.id is None
    assert_error(raw.post("/queues/%s/groups" % queue.id, json={"groups": [{"name": grp.name}]}),
                 400, "DMS.10240018")
    assert [g.name for g in conn.dms.groups(queue)] == [grp.name]


def test_fourth_group_rejected(conn, raw, queue):
    created = [conn.dms.create_group(queue, unique("g%d" % i)) for i in range(3)]
    assert all(g.id for g in created)
    fourth = conn.dms.create_group(queue, unique("g4"))
    assert fourth.id is None
    resp = raw.post("/queues/%s/groups" % queue.id, json={"groups": [{"name": unique("g5")}]})
    assert_error(resp, 400, "DMS.10240019")
    assert sorted(g.id for g in conn.dms.groups(queue)) == sorted(g.id for g in created)


def test_group_batch_over_limit_fails_as_a_whole(conn, raw, queue):
    conn.dms.create_group(queue, unique("g"))
    conn.dms.create_group(queue, unique("g"))
    resp = raw.post("/queues/%s/groups" % queue.id,
                    json={"groups": [{"name": unique("x")}, {"name": unique("y")}]})
    assert_error(resp, 400, "DMS.10240019")
    assert len(list(conn.dms.groups(queue))) == 2


def test_group_name_rules(conn, raw, queue):
    resp = raw.post("/queues/%s/groups" % queue.id, json={"groups": [{"name": "g" * 33}]})
    assert_error(resp, 400, "DMS.10240012")
    resp = raw.post("/queues/%s/groups" % queue.id, json={"groups": [{"name": "bad name!"}]})
    assert_error(resp, 400, "DMS.10240007")
    bad = conn.dms.create_group(queue, "g" * 33)
    assert bad.id is None
    ok = conn.dms.create_group(queue, "G_-" + "9" * 29)  # 32 chars
    assert ok.id
    assert [g.name for g in conn.dms.groups(queue)] == ["G_-" + "9" * 29]


def test_create_group_on_unknown_queue(conn, raw):
    missing = str(uuid.uuid4())
    resp = raw.post("/queues/%s/groups" % missing, json={"groups": [{"name": "g1"}]})
    assert_error(resp, 404, "DMS.10240401")
    grp = conn.dms.create_group(missing, "g1")
    assert grp.id is None


def test_list_groups_unknown_queue(conn):
    with pytest.raises(exceptions.NotFoundException) as ei:
        list(conn.dms.groups(str(uuid.uuid4())))
    assert_sdk_error(ei, 404, "DMS.10240401")


def test_delete_group(conn, raw, queue):
    keep = conn.dms.create_group(queue, unique("keep"))
    drop = conn.dms.create_group(queue, unique("drop"))
    conn.dms.delete_group(queue, drop)
    assert [g.id for g in conn.dms.groups(queue)] == [keep.id]
    # the deleted group cannot consume any more
    assert_error(raw.consume(queue.id, drop.id), 404, "DMS.10240405")
    # deleting again
    conn.dms.delete_group(queue, drop.id, ignore_missing=True)
    with pytest.raises(exceptions.NotFoundException) as ei:
        conn.dms.delete_group(queue, drop.id, ignore_missing=False)
    assert_sdk_error(ei, 404, "DMS.10240405")


def test_delete_group_raw_codes(raw, queue):
    resp = raw.post("/queues/%s/groups" % queue.id, json={"groups": [{"name": unique("g")}]})
    gid = resp.json()["groups"][0]["id"]
    resp = raw.delete("/queues/%s/groups/%s" % (queue.id, gid))
    assert resp.status_code == 204
    assert resp.content == b""
    assert_error(raw.delete("/queues/%s/groups/g-%s" % (queue.id, uuid.uuid4())), 404, "DMS.10240405")
    assert_error(raw.delete("/queues/%s/groups/not-a-group" % queue.id), 400, "DMS.10240016")
    assert_error(raw.delete("/queues/%s/groups/g-%s" % (uuid.uuid4(), uuid.uuid4())), 404, "DMS.10240401")


def test_deleted_group_name_can_be_reused(conn, queue):
    g = conn.dms.create_group(queue, unique("g"))
    conn.dms.delete_group(queue, g)
    again = conn.dms.create_group(queue, g.name)
    assert again.id and again.id != g.id


def test_group_list_body_and_flags(conn, raw, make_queue):
    q = make_queue(redrive_policy="enable", max_consume_count=2)
    grp = conn.dms.create_group(q, unique("g"))
    body = raw.groups(q.id).json()
    assert body["queue_id"] == q.id
    assert body["queue_name"] == q.name
    assert "redrive_policy" not in body
    entry = body["groups"][0]
    assert entry["id"] == grp.id and entry["name"] == grp.name
    for key in ("produced_messages", "consumed_messages", "available_messages"):
        assert entry[key] == 0, key
    assert "produced_deadletters" not in entry
    assert "available_deadletters" not in entry

    body = raw.groups(q.id, include_deadletter="true").json()
    assert body["redrive_policy"] == "enable"
    assert body["groups"][0]["produced_deadletters"] == 0
    assert body["groups"][0]["available_deadletters"] == 0

    body = raw.groups(q.id, include_messages_num="false").json()
    for key in ("produced_messages", "consumed_messages", "available_messages"):
        assert key not in body["groups"][0], key

    # the SDK spelling (True) is accepted
    sdk_groups = list(conn.dms.groups(q, include_deadletter=True))
    assert sdk_groups[0].produced_deadletters == 0
    assert sdk_groups[0].available_deadletters == 0


def test_group_counters_follow_consumption(conn, queue):
    grp = conn.dms.create_group(queue, unique("g"))
    other = conn.dms.create_group(queue, unique("g"))
    conn.dms.send_messages(queue, [{"body": "m%d" % i} for i in range(3)])
    got = list(conn.dms.consume_message(queue, grp, max_msgs=1))
    assert len(got) == 3
    conn.dms.ack_message(queue, grp, [got[0].id])
    counters = {g.id: g for g in conn.dms.groups(queue)}
    assert counters[grp.id].produced_messages == 3
    assert counters[grp.id].consumed_messages == 1
    assert counters[grp.id].available_messages == 2
    assert counters[other.id].produced_messages == 3
    assert counters[other.id].consumed_messages == 0
    assert counters[other.id].available_messages == 3


def test_group_list_paging(conn, raw, queue):
    names = [unique("p%d" % i) for i in range(3)]
    for n in names:
        conn.dms.create_group(queue, n)
    page1 = [g.name for g in conn.dms.groups(queue, page_size=2, current_page=1)]
    page2 = [g.name for g in conn.dms.groups(queue, page_size=2, current_page=2)]
    assert len(page1) == 2 and len(page2) == 1
    assert sorted(page1 + page2) == sorted(names)
    # both must be valid, otherwise everything is returned
    body = raw.groups(queue.id, page_size=0, current_page=1).json()
    assert len(body["groups"]) == 3
    body = raw.groups(queue.id, page_size=2).json()
    assert len(body["groups"]) == 3

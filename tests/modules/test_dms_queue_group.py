"""dms_queue_group and dms_queue_group_info against the emulator."""

from support.ansible_run import dms_requests


def make_queue(run, unique, **extra):
    name = unique("gq")
    result = run("dms_queue", dict({"name": name}, **extra))
    assert result.rc == 0, result.get("msg")
    return name, result["queue"]["id"]


def test_group_costs_and_the_clouds_view(emu, run, unique):
    """What the dms_queue_group target cannot see: requests per run and the SDK's view."""
    queue, queue_id = make_queue(run, unique)
    emu.reset_requests()
    created = run("dms_queue_group", {"queue": queue, "name": "billing"}, diff=True)
    assert created["changed"] is True and created["group"]["id"].startswith("g-")
    assert created["diff"]["before"] == {} and created["diff"]["after"]["name"] == "billing"
    assert [r["method"] for r in dms_requests(emu, write_only=True)] == ["POST"]
    assert created["group"]["queue_id"] == queue_id and created["group"]["queue_name"] == queue
    assert [g.name for g in emu.connect().dms.groups(queue_id)] == ["billing"]
    emu.reset_requests()
    by_name = run("dms_queue_group", {"queue": queue, "name": "billing"})
    assert by_name["changed"] is False and by_name["group"] == created["group"]
    # parent by name: one queue list and one group list
    assert [r["method"] for r in dms_requests(emu)] == ["GET", "GET"]
    emu.reset_requests()
    by_id = run("dms_queue_group", {"queue": queue_id, "name": created["group"]["id"]})
    assert by_id["changed"] is False
    assert [r["method"] for r in dms_requests(emu)] == ["GET"]  # parent by id: one read
    assert run("dms_queue_group", {"queue": queue, "name": "billing", "state": "absent"})["changed"]
    assert list(emu.connect().dms.groups(queue_id)) == []
    emu.reset_requests()
    assert run("dms_queue_group", {"queue": queue, "name": "billing", "state": "absent"})[
        "changed"] is False
    assert dms_requests(emu, write_only=True) == []


def test_a_fourth_group_fails_before_any_write_naming_the_limit_and_the_groups(emu, run, unique):
    queue, _ = make_queue(run, unique)
    for name in ("c-one", "a-two", "b-three"):
        assert run("dms_queue_group", {"queue": queue, "name": name})["changed"]
    emu.reset_requests()
    for check in (True, False):
        result = run("dms_queue_group", {"queue": queue, "name": "d-four"}, check=check)
        assert result.rc == 1
        assert result["msg"] == ("Cannot create consumer group 'd-four': queue '%s' already has 3 "
                                 "consumer groups (a-two, b-three, c-one), and DMS allows at most 3 "
                                 "per queue." % queue)
    assert dms_requests(emu, write_only=True) == []
    # An existing one is still fine.
    assert run("dms_queue_group", {"queue": queue, "name": "a-two"})["changed"] is False


def test_a_missing_queue_fails_present_and_is_unchanged_for_absent(emu, run, unique):
    missing = unique("noqueue")
    present = run("dms_queue_group", {"queue": missing, "name": "g"})
    assert present.rc == 1 and present["msg"] == "Queue '%s' does not exist." % missing
    absent = run("dms_queue_group", {"queue": missing, "name": "g", "state": "absent"})
    assert absent.rc == 0 and absent["changed"] is False and absent["group"] is None
    unknown_id = "0b5b7a5e-1111-4222-8333-944445555666"
    assert run("dms_queue_group", {"queue": unknown_id, "name": "g"})["msg"] == \
        "Queue '%s' does not exist." % unknown_id
    assert run("dms_queue_group", {"queue": unknown_id, "name": "g", "state": "absent"})["changed"] is False
    assert dms_requests(emu, write_only=True) == []


def test_group_info_with_and_without_dead_letters(emu, run, unique):
    queue, queue_id = make_queue(run, unique, queue_mode="normal", dead_letter=True,
                                 max_consume_count=1)
    for name in ("first", "second"):
        run("dms_queue_group", {"queue": queue, "name": name})
    conn = emu.connect()
    conn.dms.send_messages(queue_id, [{"body": "a"}, {"body": "b"}])
    first_id = [g.id for g in conn.dms.groups(queue_id) if g.name == "first"][0]
    handlers = [m.id for m in conn.dms.consume_message(queue_id, first_id, max_msgs=2)]
    conn.dms.ack_message(queue_id, first_id, handlers[:1], status="success")
    conn.dms.ack_message(queue_id, first_id, handlers[1:], status="fail")  # -> dead letter

    plain = run("dms_queue_group_info", {"queue": queue})
    assert plain.rc == 0 and plain["changed"] is False
    groups = {g["name"]: g for g in plain["groups"]}
    assert set(groups) == {"first", "second"}
    assert groups["first"]["consumed_messages"] == 1
    assert groups["first"]["available_messages"] == 0
    assert groups["second"]["available_messages"] == 2
    assert groups["first"]["produced_deadletters"] is None

    dead = run("dms_queue_group_info", {"queue": queue_id, "name": "first",
                                        "include_deadletter": True}, check=True)
    assert [(g["produced_deadletters"], g["available_deadletters"]) for g in dead["groups"]] == [(1, 1)]
    by_id = run("dms_queue_group_info", {"queue": queue, "name": first_id})
    assert [g["name"] for g in by_id["groups"]] == ["first"]


def test_group_info_returns_empty_for_a_missing_queue_or_group(emu, run, unique):
    queue, _ = make_queue(run, unique)
    assert run("dms_queue_group_info", {"queue": queue, "name": "nobody"})["groups"] == []
    assert run("dms_queue_group_info", {"queue": unique("none")})["groups"] == []
    result = run("dms_queue_group_info", {"queue": "0b5b7a5e-1111-4222-8333-944445555666"})
    assert result.rc == 0 and result["groups"] == []

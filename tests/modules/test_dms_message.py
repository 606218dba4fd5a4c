"""dms_message: send, consume and ack against the emulator, through Ansible."""

import concurrent.futures
import json

import pytest

from support.ansible_run import dms_requests, run_module


def make_queue(run, unique, groups=("readers",), **extra):
    name = unique("mq")
    result = run("dms_queue", dict({"name": name}, **extra))
    assert result.rc == 0, result.get("msg")
    for group in groups:
        assert run("dms_queue_group", {"queue": name, "name": group}).rc == 0
    return name, result["queue"]["id"]


def send(run, queue, bodies, **extra):
    result = run("dms_message", dict({"action": "send", "queue": queue,
                                      "messages": [{"body": b} for b in bodies]}, **extra))
    assert result.rc == 0, result.get("msg")
    return result


def consume(run, queue, group, **extra):
    result = run("dms_message", dict({"action": "consume", "queue": queue, "group": group}, **extra))
    assert result.rc == 0, result.get("msg")
    return result


def ack(run, queue, group, handlers, check=False, **extra):
    return run("dms_message", dict({"action": "ack", "queue": queue, "group": group,
                                    "handlers": handlers}, **extra), check=check)


@pytest.mark.slow
def test_a_thousand_messages_in_one_task_then_two_groups_consume_each_exactly_once(
        emu, run, unique):
    queue, queue_id = make_queue(run, unique, groups=("left", "right"))
    emu.reset_requests()
    bodies = ["message-%04d" % i for i in range(1000)]
    sent = send(run, queue, bodies)
    assert sent["changed"] is True and sent["sent"] == 1000 and sent["batches"] == 100
    assert len(set(sent["message_ids"])) == 1000
    posts = [r for r in dms_requests(emu, write_only=True)]
    assert len(posts) == 100 and all(r["path"].endswith("/messages") for r in posts)

    def consume_all(group):
        # Bounded tasks: each takes at most 10 messages and acknowledges exactly those.
        return [consume(run, queue, group, max_msgs=10, ack=True) for _ in range(101)]

    with concurrent.futures.ThreadPoolExecutor(2) as pool:
        runs = list(pool.map(consume_all, ["left", "right"]))
    for group, rounds in zip(["left", "right"], runs):
        seen = [m["body"] for r in rounds for m in r["messages"]]
        assert len(seen) == 1000 and sorted(seen) == bodies, group  # every message exactly once
        assert all(len(r["messages"]) <= 10 for r in rounds)
        assert all(r["acked"] == {"success": 10, "fail": 0} for r in rounds[:100])
        assert rounds[100]["messages"] == [] and rounds[100]["changed"] is False
    counters = {g.name: g for g in emu.connect().dms.groups(queue_id)}
    assert counters["left"].consumed_messages == counters["right"].consumed_messages == 1000
    assert counters["left"].available_messages == 0


def test_a_fail_ack_redelivers_at_once_and_a_success_ack_never(emu, run, unique):
    queue, _ = make_queue(run, unique)
    send(run, queue, ["one", "two"])
    got = consume(run, queue, "readers")
    by_body = {m["body"]: m["handler"] for m in got["messages"]}
    assert ack(run, queue, "readers", [by_body["one"]])["success"] == 1
    assert ack(run, queue, "readers", [by_body["two"]], status="fail")["fail"] == 1
    again = consume(run, queue, "readers")
    assert [m["body"] for m in again["messages"]] == ["two"]
    assert again["messages"][0]["handler"] != by_body["two"]
    ack(run, queue, "readers", [again["messages"][0]["handler"]])
    empty = consume(run, queue, "readers", time_wait=1)
    assert empty["messages"] == [] and empty["changed"] is False


def test_ack_wait_expiry_redelivers_and_the_old_handler_is_stale(fresh_emulator, unique):
    # An emulator of its own: its clock moves past ack_wait, and no other test reads it.
    emu = fresh_emulator

    def run(module, args=None, **kwargs):
        return run_module(emu, module, args, **kwargs)

    queue, _ = make_queue(run, unique)
    send(run, queue, ["slow"])
    first = consume(run, queue, "readers", ack_wait=15)
    assert [m["body"] for m in first["messages"]] == ["slow"]
    assert consume(run, queue, "readers")["messages"] == []  # hidden while in flight
    emu.advance_clock(15.5)  # past ack_wait, without waiting for it
    second = consume(run, queue, "readers")
    assert [m["body"] for m in second["messages"]] == ["slow"]
    stale = ack(run, queue, "readers", [first["messages"][0]["handler"]])
    assert stale.rc == 1
    assert "DMS.10542209" in stale["msg"] and "invalid, expired or already acknowledged" in stale["msg"]
    mixed = ack(run, queue, "readers", [second["messages"][0]["handler"], first["messages"][0]["handler"]])
    assert mixed.rc == 0 and (mixed["success"], mixed["fail"]) == (1, 1)
    assert mixed["failed_handlers"] == [first["messages"][0]["handler"]]
    assert "1 of 2 handlers could not be acknowledged" in json.dumps(mixed.get("warnings"))


def test_max_consume_count_moves_a_message_to_dead_letters_and_it_can_be_consumed_there(
        emu, run, unique):
    queue, _ = make_queue(run, unique, queue_mode="normal", dead_letter=True, max_consume_count=2)
    send(run, queue, [{"order": 7}])
    for _ in range(2):
        got = consume(run, queue, "readers")
        assert [m["body"] for m in got["messages"]] == [{"order": 7}]
        ack(run, queue, "readers", [got["messages"][0]["handler"]], status="fail")
    assert consume(run, queue, "readers", time_wait=1)["messages"] == []
    info = run("dms_queue_group_info", {"queue": queue, "include_deadletter": True})["groups"][0]
    assert (info["produced_deadletters"], info["available_deadletters"]) == (1, 1)
    dead = consume(run, queue, "readers", dead_letter=True)
    assert [m["body"] for m in dead["messages"]] == [{"order": 7}]
    done = ack(run, queue, "readers", [dead["messages"][0]["handler"]], dead_letter=True)
    assert done.rc == 0 and done["success"] == 1
    info = run("dms_queue_group_info", {"queue": queue, "include_deadletter": True})["groups"][0]
    assert (info["produced_deadletters"], info["available_deadletters"]) == (1, 0)


def test_bodies_and_attributes_round_trip_unchanged(emu, run, unique):
    queue, _ = make_queue(run, unique, queue_mode="fifo")
    messages = [
        {"body": "plain text", "attributes": {"source": "web", "n": 1}},
        {"body": {"id": 2, "items": [{"sku": "a"}], "paid": True}},
        {"body": [1, "two", 3.5, None]},
        {"body": 42},
        {"body": 3.25, "attributes": {"unit": "EUR"}},
        {"body": False},
        {"body": "ünïcödé ✓"},
    ]
    assert run("dms_message", {"action": "send", "queue": queue, "messages": messages}).rc == 0
    got = consume(run, queue, "readers", ack=True)["messages"]
    assert [m["body"] for m in got] == [m["body"] for m in messages]
    assert [m["attributes"] for m in got] == [m.get("attributes", {}) for m in messages]


def test_check_mode_sends_consumes_and_acks_nothing(emu, run, unique):
    queue, _ = make_queue(run, unique)
    emu.reset_requests()
    predicted = run("dms_message", {"action": "send", "queue": queue,
                                    "messages": [{"body": i} for i in range(12)]}, check=True)
    assert predicted["changed"] is True and predicted["sent"] == 12 and predicted["batches"] == 2
    # It sends nothing, but looks the queue up as the real run would (one read).
    assert predicted["message_ids"] == [] and [r["method"] for r in dms_requests(emu)] == ["GET"]
    missing = run("dms_message", {"action": "send", "queue": unique("nope"),
                                  "messages": [{"body": 1}]}, check=True)
    assert missing.rc == 1 and missing["msg"].endswith("' does not exist.")
    send(run, queue, ["a", "b", "c"])
    emu.reset_requests()
    would = run("dms_message", {"action": "consume", "queue": queue, "group": "readers",
                                "max_msgs": 2}, check=True)
    assert would["changed"] is True and would["would_consume"] == 2 and would["messages"] == []
    assert not [r for r in dms_requests(emu) if r["path"].endswith("/messages")]
    real = consume(run, queue, "readers")
    assert len(real["messages"]) == 3  # nothing was hidden by the check run
    emu.reset_requests()
    dry = ack(run, queue, "readers", [m["handler"] for m in real["messages"]], check=True)
    assert dry["changed"] is True
    assert dms_requests(emu, write_only=True) == []
    assert ack(run, queue, "readers", [m["handler"] for m in real["messages"]])["success"] == 3

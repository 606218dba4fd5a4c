"""Messages of a queue (v1): send, consume and acknowledge, dead letters too."""

import base64
import json
import time
import uuid

from flask import jsonify, request

from ..errors import bad_request
from ..util import as_bool, as_int, emu, json_body, json_size
from .queues import (ACKED, INFLIGHT, MAX_BATCH, MAX_MSG_BYTES, bp, fail_delivery, is_kafka,
                     load_group, load_queue, purge_expired, reap_expired, retention_cutoff)


@bp.route("/queues/<queue_id>/messages", methods=["POST"])
def send_messages(project_id, queue_id):
    e = emu()
    body = json_body("DMS.10540010", "DMS.10540012")
    messages = body.get("messages")
    if not isinstance(messages, list) or not 1 <= len(messages) <= MAX_BATCH:
        raise bad_request("DMS.10540010",
                          "The messages field must hold 1 to %d messages." % MAX_BATCH)
    prepared = []
    total = 0
    for item in messages:
        if not isinstance(item, dict) or "body" not in item:
            raise bad_request("DMS.10540010", "Every message needs a body.")
        attributes = item.get("attributes")
        if attributes is not None and not isinstance(attributes, dict):
            raise bad_request("DMS.10540001", "The message attributes must be a JSON object.")
        size = json_size(item["body"]) + (json_size(attributes) if attributes is not None else 0)
        total += size
        prepared.append((item["body"], attributes, size))
    if total > MAX_MSG_BYTES:
        raise bad_request("DMS.10540011", "The message size is %d, larger than the size limit %d."
                          % (total, MAX_MSG_BYTES))
    return_id = as_bool(body.get("returnId", False))
    if return_id is None:
        raise bad_request("DMS.10540001", "returnId must be a boolean.")
    now = e.clock()
    results = []
    with e.store.changed:
        with e.store.transaction() as db:
            queue = load_queue(db, queue_id)
            for msg_body, attributes, size in prepared:
                message_id = str(uuid.uuid4())
                db.execute("INSERT INTO messages (id, queue_id, body, attributes, size, created)"
                           " VALUES (?, ?, ?, ?, ?, ?)",
                           (message_id, queue["id"], json.dumps(msg_body),
                            None if attributes is None else json.dumps(attributes), size, now))
                result = {"state": 0}
                if return_id:
                    result["id"] = message_id
                results.append(result)
        e.store.changed.notify_all()
    return jsonify({"messages": results}), 200


def consume_params():
    def ranged(name, default, low, high, code, label):
        raw = request.args.get(name)
        if raw is None or raw == "":
            return default
        value = as_int(raw)
        if value is None or not low <= value <= high:
            raise bad_request(code, "The value of %s must be within the range of %d-%d."
                              % (label, low, high))
        return value

    return (ranged("max_msgs", 10, 1, 10, "DMS.10240014", "max_msgs"),
            ranged("time_wait", 3, 1, 60, "DMS.10240021", "time_wait"),
            ranged("ack_wait", 30, 15, 300, "DMS.10542206", "ack_wait"))


def pick_messages(db, queue, group_id, max_msgs, now, dead):
    """The next visible messages for a group (FIFO: a run stopping at an in-flight one)."""
    fifo = queue["queue_mode"] == "FIFO"
    if dead:
        states = ("dead", "dead_inflight") if fifo else ("dead",)
        sql = ("SELECT m.*, d.state FROM messages m JOIN deliveries d"
               " ON d.group_id = ? AND d.seq = m.seq WHERE m.queue_id = ? AND m.created >= ?"
               " AND d.state IN (%s) ORDER BY m.seq LIMIT ?" % ",".join("?" * len(states)))
    else:
        states = ("ready", "inflight") if fifo else ("ready",)
        sql = ("SELECT m.*, d.state FROM messages m LEFT JOIN deliveries d"
               " ON d.group_id = ? AND d.seq = m.seq WHERE m.queue_id = ? AND m.created >= ?"
               " AND (d.state IS NULL OR d.state IN (%s)) ORDER BY m.seq LIMIT ?"
               % ",".join("?" * len(states)))
    rows = db.execute(sql, (group_id, queue["id"], retention_cutoff(queue, now)) + states
                      + (max_msgs,)).fetchall()
    picked, total = [], 0
    for row in rows:
        if row["state"] in ("inflight", "dead_inflight"):
            break  # FIFO: nothing may overtake a message that is still in flight
        if picked and total + row["size"] > MAX_MSG_BYTES:
            break
        picked.append(row)
        total += row["size"]
    return picked


def next_deadline(db, group_id):
    row = db.execute("SELECT MIN(deadline) FROM deliveries WHERE group_id = ?"
                     " AND state IN ('inflight', 'dead_inflight')", (group_id,)).fetchone()
    return row[0]


def consume(queue_id, group_id, dead):
    e = emu()
    max_msgs, time_wait, ack_wait = consume_params()
    if e.config.max_time_wait is not None:
        time_wait = min(time_wait, e.config.max_time_wait)
    give_up = time.monotonic() + time_wait
    with e.store.changed:
        while True:
            now = e.clock()
            with e.store.transaction() as db:
                queue = load_queue(db, queue_id)
                group = load_group(db, queue, group_id)
                if dead and is_kafka(queue):
                    raise bad_request("DMS.00400800", "Kafka queues have no dead letters.")
                purge_expired(db, queue, now)
                reap_expired(db, queue, [group["id"]], now)
                picked = pick_messages(db, queue, group["id"], max_msgs, now, dead)
                handed_out = []
                for row in picked:
                    handler = base64.b64encode(uuid.uuid4().bytes).decode("ascii")
                    db.execute("INSERT INTO deliveries (group_id, seq, state, handler, deadline)"
                               " VALUES (?, ?, ?, ?, ?) ON CONFLICT (group_id, seq) DO UPDATE SET"
                               " state = excluded.state, handler = excluded.handler,"
                               " deadline = excluded.deadline",
                               (group["id"], row["seq"], INFLIGHT[dead], handler, now + ack_wait))
                    message = {"body": json.loads(row["body"])}
                    if row["attributes"] is not None:
                        message["attributes"] = json.loads(row["attributes"])
                    handed_out.append({"message": message, "handler": handler})
                wake = next_deadline(db, group["id"])
            remaining = give_up - time.monotonic()
            if handed_out or remaining <= 0:
                return jsonify(handed_out)
            if wake is not None:
                remaining = min(remaining, max(wake - e.clock(), 0.01))
            e.store.changed.wait(remaining)


def ack(queue_id, group_id, dead):
    e = emu()
    body = json_body("DMS.10540010", "DMS.10540010")
    entries = body.get("message")
    if not isinstance(entries, list) or not entries:
        raise bad_request("DMS.10540010", "The message field must be a non-empty list.")
    for entry in entries:
        if not isinstance(entry, dict) or not isinstance(entry.get("handler"), str):
            raise bad_request("DMS.10540010", "Every entry needs a handler.")
        if entry.get("status") not in ("success", "fail"):
            raise bad_request("DMS.10540003", "The status should not be '%s'."
                              % entry.get("status"))
    now = e.clock()
    with e.store.changed:
        with e.store.transaction() as db:
            queue = load_queue(db, queue_id)
            group = load_group(db, queue, group_id)
            if dead and is_kafka(queue):
                raise bad_request("DMS.00400800", "Kafka queues have no dead letters.")
            reap_expired(db, queue, [group["id"]], now)

            def lookup(handler):
                row = db.execute("SELECT * FROM deliveries WHERE handler = ?",
                                 (handler,)).fetchone()
                if row is None or row["state"] != INFLIGHT[dead]:
                    return None, False
                return (row, False) if row["group_id"] == group["id"] else (None, True)

            checked = [lookup(entry["handler"]) for entry in entries]
            if not any(row for row, _ in checked):
                if any(foreign for _, foreign in checked):
                    raise bad_request("DMS.10540004",
                                      "The message handler does not belong to this consumer group.")
                raise bad_request("DMS.10542209",
                                  "The message handler is invalid, expired or already acknowledged.")
            success = 0
            broken = False
            for entry in entries:
                row, _ = lookup(entry["handler"])  # again: a handler may repeat in one request
                if not broken and row is not None and entry["status"] == "success":
                    db.execute("UPDATE deliveries SET state = ?, handler = NULL, deadline = NULL"
                               " WHERE group_id = ? AND seq = ?",
                               (ACKED[dead], group["id"], row["seq"]))
                    success += 1
                    continue
                broken = True
                if row is not None:
                    fail_delivery(db, queue, group["id"], row, now)
        e.store.changed.notify_all()
    return jsonify({"success": success, "fail": len(entries) - success})


@bp.route("/queues/<queue_id>/groups/<group_id>/messages", methods=["GET"])
def consume_messages(project_id, queue_id, group_id):
    return consume(queue_id, group_id, dead=False)


@bp.route("/queues/<queue_id>/groups/<group_id>/ack", methods=["POST"])
def ack_messages(project_id, queue_id, group_id):
    return ack(queue_id, group_id, dead=False)


@bp.route("/queues/<queue_id>/groups/<group_id>/deadletters", methods=["GET"])
def consume_dead_letters(project_id, queue_id, group_id):
    return consume(queue_id, group_id, dead=True)


@bp.route("/queues/<queue_id>/groups/<group_id>/deadletters/ack", methods=["POST"])
def ack_dead_letters(project_id, queue_id, group_id):
    return ack(queue_id, group_id, dead=True)

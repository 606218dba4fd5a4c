"""Queues, consumer groups and messages (contract 2.1-2.4, 3.1-3.4)."""

import base64
import json
import time
import uuid

from flask import Blueprint, g, jsonify, request

from .errors import ApiError, bad_request, not_found
from .util import NAME_RE, UUID_RE, as_bool, as_int, emu, json_body, json_size, query_bool

bp = Blueprint("queues", __name__, url_prefix="/v1.0/<project_id>")

QUEUE_MODES = ("NORMAL", "FIFO", "KAFKA_HA", "KAFKA_HT")
KAFKA_MODES = ("KAFKA_HA", "KAFKA_HT")
MAX_MSG_BYTES = 524288          # per message, per send request and per consume answer
MAX_BATCH = 10
MAX_GROUPS = 3
DEFAULT_RETENTION_HOURS = 72    # NORMAL/FIFO keep messages 72 h; Kafka default (ASSUMED)
DEAD_LETTER_HOURS = 72
INFLIGHT = {False: "inflight", True: "dead_inflight"}
READY = {False: "ready", True: "dead"}
ACKED = {False: "acked", True: "dead_acked"}


@bp.before_request
def authenticate():
    e = emu()
    if e.config.retired_queues and request.path.split("/")[3:4] == ["queues"]:
        # What T Cloud Public's API gateway answers since the queue API was retired.
        raise ApiError(400, "APIGW.0201", "API request error.")
    g.project_id = e.authenticate(request.view_args["project_id"])


def now_ms(now):
    return int(now * 1000)


# -- look-ups ------------------------------------------------------------------

def load_queue(db, queue_id):
    if not UUID_RE.match(queue_id):
        raise bad_request("DMS.10240015", "The queue ID format is invalid.")
    row = db.execute("SELECT * FROM queues WHERE id = ? AND project_id = ?",
                     (queue_id, g.project_id)).fetchone()
    if row is None:
        raise not_found("DMS.10240401", "The queue does not exist.")
    return row


def load_group(db, queue, group_id):
    if not (group_id.startswith("g-") and UUID_RE.match(group_id[2:])):
        raise bad_request("DMS.10240016", "The group ID format is invalid.")
    row = db.execute("SELECT * FROM groups WHERE id = ? AND queue_id = ?",
                     (group_id, queue["id"])).fetchone()
    if row is None:
        raise not_found("DMS.10240405", "The consumer group does not exist.")
    return row


def is_kafka(queue):
    return queue["queue_mode"] in KAFKA_MODES


def retention_hours(queue):
    return queue["retention_hours"] or DEFAULT_RETENTION_HOURS


def retention_cutoff(queue, now):
    return now - retention_hours(queue) * 3600


def purge_expired(db, queue, now):
    """Drop messages past the queue's retention (and their per-group state)."""
    cutoff = retention_cutoff(queue, now)
    db.execute("DELETE FROM deliveries WHERE seq IN (SELECT seq FROM messages"
               " WHERE queue_id = ? AND created < ?)", (queue["id"], cutoff))
    db.execute("DELETE FROM messages WHERE queue_id = ? AND created < ?", (queue["id"], cutoff))
    db.execute("DELETE FROM deliveries WHERE state IN ('dead', 'dead_inflight') AND dead_at < ?"
               " AND group_id IN (SELECT id FROM groups WHERE queue_id = ?)",
               (now - DEAD_LETTER_HOURS * 3600, queue["id"]))


def fail_delivery(db, queue, group_id, row, now):
    """A failed consumption: visible again, or moved to the group's dead letters."""
    if row["state"] == "inflight":
        failures = row["failures"] + 1
        dead = (queue["redrive_policy"] == "enable" and not is_kafka(queue)
                and failures >= queue["max_consume_count"])
        db.execute("UPDATE deliveries SET state = ?, failures = ?, handler = NULL, deadline = NULL,"
                   " dead_at = ? WHERE group_id = ? AND seq = ?",
                   ("dead" if dead else "ready", failures, now if dead else None,
                    group_id, row["seq"]))
    else:  # a dead letter that failed again stays a dead letter
        db.execute("UPDATE deliveries SET state = 'dead', handler = NULL, deadline = NULL"
                   " WHERE group_id = ? AND seq = ?", (group_id, row["seq"]))


def reap_expired(db, queue, group_ids, now):
    """In-flight messages whose ack_wait ran out count as failed consumptions."""
    for group_id in group_ids:
        rows = db.execute("SELECT * FROM deliveries WHERE group_id = ? AND deadline <= ?"
                          " AND state IN ('inflight', 'dead_inflight')", (group_id, now)).fetchall()
        for row in rows:
            fail_delivery(db, queue, group_id, row, now)


def refresh(db, queue, now):
    purge_expired(db, queue, now)
    group_ids = [r["id"] for r in db.execute("SELECT id FROM groups WHERE queue_id = ?",
                                              (queue["id"],))]
    reap_expired(db, queue, group_ids, now)


# -- views -------------------------------------------------------------------------

def produced_messages(db, queue, now):
    return db.execute("SELECT COUNT(*) FROM messages WHERE queue_id = ? AND created >= ?",
                      (queue["id"], retention_cutoff(queue, now))).fetchone()[0]


def queue_view(db, queue, now, include_deadletter, include_messages_num, single):
    view = {
        "id": queue["id"], "name": queue["name"], "description": queue["description"],
        "queue_mode": queue["queue_mode"], "reservation": retention_hours(queue) * 60,
        "created": queue["created"], "eff_date": queue["created"],
        "max_msg_size_byte": MAX_MSG_BYTES,
    }
    if include_messages_num or single:
        view["produced_messages"] = produced_messages(db, queue, now)
    view["group_count"] = db.execute("SELECT COUNT(*) FROM groups WHERE queue_id = ?",
                                     (queue["id"],)).fetchone()[0]
    if is_kafka(queue):
        view["retention_hours"] = retention_hours(queue)
        if single:
            view["kafka_topic"] = queue["kafka_topic"]
    elif include_deadletter:
        view["redrive_policy"] = queue["redrive_policy"]
        if queue["redrive_policy"] == "enable":
            view["max_consume_count"] = queue["max_consume_count"]
    return view


def group_counters(db, queue, group_id, now):
    produced = produced_messages(db, queue, now)
    counts = dict(db.execute("SELECT state, COUNT(*) FROM deliveries WHERE group_id = ?"
                             " GROUP BY state", (group_id,)).fetchall())
    consumed = counts.get("acked", 0)
    dead_total = counts.get("dead", 0) + counts.get("dead_inflight", 0) + counts.get("dead_acked", 0)
    return {
        "produced_messages": produced,
        "consumed_messages": consumed,
        "available_messages": max(produced - consumed - dead_total, 0),
        "produced_deadletters": dead_total,
        "available_deadletters": counts.get("dead", 0) + counts.get("dead_inflight", 0),
    }


# -- queues ------------------------------------------------------------------------

def validate_queue(body):
    name = body.get("name")
    if not isinstance(name, str) or not 1 <= len(name) <= 64:
        raise bad_request("DMS.10240011", "The name length must be 1 to 64 characters.")
    if not NAME_RE.match(name):
        raise bad_request("DMS.10240007", "The name contains invalid characters.")
    description = body.get("description", "")
    if description is None:
        description = ""
    if not isinstance(description, str):
        raise bad_request("DMS.10240010", "The description contains invalid characters.")
    if "<" in description or ">" in description:
        raise bad_request("DMS.10240010", "The description contains invalid characters.")
    if len(description) > 160:
        raise bad_request("DMS.10240013", "The description length must not exceed 160 characters.")
    mode = body.get("queue_mode", "NORMAL") or "NORMAL"
    if mode not in QUEUE_MODES:
        raise bad_request("DMS.10240001", "Invalid queue_mode '%s'; expected one of %s."
                          % (mode, ", ".join(QUEUE_MODES)))
    redrive = body.get("redrive_policy", "disable") or "disable"
    if redrive not in ("enable", "disable"):
        raise bad_request("DMS.10240001", "Invalid redrive_policy '%s'; expected enable or disable."
                          % redrive)
    max_consume = None
    if mode in KAFKA_MODES:
        redrive = "disable"  # Kafka queues have no dead letters; the setting is ignored
    elif redrive == "enable":
        max_consume = as_int(body.get("max_consume_count"))
        if max_consume is None or not 1 <= max_consume <= 100:
            raise bad_request("DMS.10240022",
                              "The value of max Consume Count must be within the range of 1-100.")
    hours = None
    if body.get("retention_hours") is not None:
        if mode not in KAFKA_MODES:
            raise bad_request("DMS.10240028", "Non-kafka queues do not support retention_hours.")
        hours = as_int(body["retention_hours"])
        if hours is None or not 1 <= hours <= 72:
            raise bad_request("DMS.10240027",
                              "The value of retention_hours must be an integer in the range of 1-72.")
    elif mode in KAFKA_MODES:
        hours = DEFAULT_RETENTION_HOURS
    return {"name": name, "description": description, "queue_mode": mode,
            "redrive_policy": redrive, "max_consume_count": max_consume, "retention_hours": hours}


@bp.route("/queues", methods=["POST"])
def create_queue(project_id):
    e = emu()
    fields = validate_queue(json_body("DMS.00400004", "DMS.10240009"))
    now = e.clock()
    with e.store.transaction() as db:
        if db.execute("SELECT 1 FROM queues WHERE project_id = ? AND name = ?",
                      (g.project_id, fields["name"])).fetchone():
            raise bad_request("DMS.10240017", "The queue already exists.")
        used = db.execute("SELECT COUNT(*) FROM queues WHERE project_id = ?",
                          (g.project_id,)).fetchone()[0]
        if used >= e.config.queue_quota:
            raise bad_request("DMS.10240020", "The quota is insufficient.")
        queue_id = str(uuid.uuid4())
        kafka_topic = None
        if fields["queue_mode"] in KAFKA_MODES:
            kafka_topic = "k-%s-%s" % (g.project_id, queue_id)
        db.execute("INSERT INTO queues (id, project_id, name, description, queue_mode,"
                   " redrive_policy, max_consume_count, retention_hours, created, kafka_topic)"
                   " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                   (queue_id, g.project_id, fields["name"], fields["description"],
                    fields["queue_mode"], fields["redrive_policy"], fields["max_consume_count"],
                    fields["retention_hours"], now_ms(now), kafka_topic))
    body = {"id": queue_id, "name": fields["name"]}
    if kafka_topic:
        body["kafka_topic"] = kafka_topic
    return jsonify(body), 201


@bp.route("/queues", methods=["GET"])
def list_queues(project_id):
    e = emu()
    include_deadletter = query_bool("include_deadletter")
    include_messages_num = query_bool("include_messages_num")
    now = e.clock()
    with e.store.transaction() as db:
        rows = db.execute("SELECT * FROM queues WHERE project_id = ? ORDER BY created, name",
                          (g.project_id,)).fetchall()
        views = []
        for queue in rows:
            purge_expired(db, queue, now)
            views.append(queue_view(db, queue, now, include_deadletter, include_messages_num,
                                    single=False))
    return jsonify({"total": len(views), "queues": views})


@bp.route("/queues/<queue_id>", methods=["GET"])
def get_queue(project_id, queue_id):
    e = emu()
    now = e.clock()
    with e.store.transaction() as db:
        queue = load_queue(db, queue_id)
        purge_expired(db, queue, now)
        view = queue_view(db, queue, now, query_bool("include_deadletter"), True, single=True)
    return jsonify(view)


@bp.route("/queues/<queue_id>", methods=["DELETE"])
def delete_queue(project_id, queue_id):
    e = emu()
    with e.store.changed:
        with e.store.transaction() as db:
            queue = load_queue(db, queue_id)
            db.execute("DELETE FROM deliveries WHERE group_id IN"
                       " (SELECT id FROM groups WHERE queue_id = ?)", (queue["id"],))
            db.execute("DELETE FROM groups WHERE queue_id = ?", (queue["id"],))
            db.execute("DELETE FROM messages WHERE queue_id = ?", (queue["id"],))
            db.execute("DELETE FROM queues WHERE id = ?", (queue["id"],))
        e.store.changed.notify_all()  # long-polling consumers of this queue get their 404
    return "", 204


# -- consumer groups ---------------------------------------------------------------

@bp.route("/queues/<queue_id>/groups", methods=["POST"])
def create_groups(project_id, queue_id):
    e = emu()
    body = json_body("DMS.00400004", "DMS.10240009")
    wanted = body.get("groups")
    if not isinstance(wanted, list) or not wanted or not all(isinstance(x, dict) for x in wanted):
        raise bad_request("DMS.10240009", "The groups field must be a non-empty list of objects.")
    names = []
    for item in wanted:
        name = item.get("name")
        if not isinstance(name, str) or not 1 <= len(name) <= 32:
            raise bad_request("DMS.10240012", "The name length must be 1 to 32 characters.")
        if not NAME_RE.match(name):
            raise bad_request("DMS.10240007", "The name contains invalid characters.")
        if name in names:
            raise bad_request("DMS.10240018", "The consumer group already exists.")
        names.append(name)
    now = e.clock()
    with e.store.transaction() as db:
        queue = load_queue(db, queue_id)
        existing = {r["name"] for r in db.execute("SELECT name FROM groups WHERE queue_id = ?",
                                                  (queue["id"],))}
        if existing & set(names):
            raise bad_request("DMS.10240018", "The consumer group already exists.")
        if len(existing) + len(names) > MAX_GROUPS:
            raise bad_request("DMS.10240019",
                              "The number of consumer groups exceeds the upper limit.")
        created = []
        for offset, name in enumerate(names):
            group_id = "g-" + str(uuid.uuid4())
            db.execute("INSERT INTO groups (id, queue_id, name, created) VALUES (?, ?, ?, ?)",
                       (group_id, queue["id"], name, now_ms(now) + offset))
            created.append({"id": group_id, "name": name})
    return jsonify({"groups": created}), 201


@bp.route("/queues/<queue_id>/groups", methods=["GET"])
def list_groups(project_id, queue_id):
    e = emu()
    include_deadletter = query_bool("include_deadletter")
    include_messages_num = query_bool("include_messages_num", default=True)
    page_size = as_int(request.args.get("page_size"))
    current_page = as_int(request.args.get("current_page"))
    now = e.clock()
    with e.store.transaction() as db:
        queue = load_queue(db, queue_id)
        refresh(db, queue, now)
        rows = db.execute("SELECT * FROM groups WHERE queue_id = ? ORDER BY created, name",
                          (queue["id"],)).fetchall()
        if page_size and current_page and page_size > 0 and current_page > 0:
            rows = rows[(current_page - 1) * page_size:current_page * page_size]
        groups = []
        for group in rows:
            view = {"id": group["id"], "name": group["name"]}
            counters = group_counters(db, queue, group["id"], now)
            if include_messages_num:
                for key in ("produced_messages", "consumed_messages", "available_messages"):
                    view[key] = counters[key]
            if include_deadletter:
                for key in ("produced_deadletters", "available_deadletters"):
                    view[key] = counters[key]
            groups.append(view)
    body = {"queue_id": queue["id"], "queue_name": queue["name"]}
    if include_deadletter:
        body["redrive_policy"] = queue["redrive_policy"]
    body["groups"] = groups
    return jsonify(body)


@bp.route("/queues/<queue_id>/groups/<group_id>", methods=["DELETE"])
def delete_group(project_id, queue_id, group_id):
    e = emu()
    with e.store.changed:
        with e.store.transaction() as db:
            queue = load_queue(db, queue_id)
            group = load_group(db, queue, group_id)
            db.execute("DELETE FROM deliveries WHERE group_id = ?", (group["id"],))
            db.execute("DELETE FROM groups WHERE id = ?", (group["id"],))
        e.store.changed.notify_all()
    return "", 204


# -- messages ------------------------------------------------------------------------

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


# -- quotas --------------------------------------------------------------------------

@bp.route("/quotas/dms", methods=["GET"])
def quotas(project_id):
    e = emu()
    with e.store.transaction() as db:
        queues_used = db.execute("SELECT COUNT(*) FROM queues WHERE project_id = ?",
                                 (g.project_id,)).fetchone()[0]
        instances_used = db.execute("SELECT COUNT(*) FROM instances WHERE project_id = ?",
                                    (g.project_id,)).fetchone()[0]
    return jsonify({"quotas": {"resources": [
        {"type": "queue", "quota": e.config.queue_quota, "used": queues_used, "min": 0, "max": 500},
        {"type": "kafkaInstance", "quota": e.config.instance_quota, "used": instances_used,
         "min": 0, "max": 1000},
    ]}})

"""Queues (v1): the blueprint of the queue API area, the queue routes and the state every
queue call moves on lazily (retention, expired acknowledgement waits); quotas.

The consumer groups (groups.py) and messages (messages.py) of a queue are routes of this
blueprint too: the same authentication, the same retired-service answer.
"""

import uuid

from flask import Blueprint, g, jsonify, request

from ..errors import ApiError, bad_request, not_found
from ..util import (NAME_RE, UUID_RE, as_int, check_new_name_and_quota, emu, json_body,
                    query_bool)

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
        check_new_name_and_quota(
            db, "queues", g.project_id, fields["name"], e.config.queue_quota,
            ("DMS.10240017", "The queue already exists."),
            ("DMS.10240020", "The quota is insufficient."))
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

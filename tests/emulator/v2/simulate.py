"""Admin calls that stand in for what this machine does not have: Kafka clients (consumers
joining and leaving a group, committed offsets, produced messages), failures of the cloud's
own work, sold-out flavours, used storage. Routes of the admin blueprint (loopback only).
"""

import json

from flask import abort, jsonify, make_response, request

from .. import lifecycle
from ..admin import bp
from ..util import as_int, emu
from . import groups as kgroups
from .configs import effective
from .instances import broker_count, view
from .reference import FLAVOURS
from .topics import insert_topic, partitions_of, save_partition, topic_row
from .users import authorize


def _error(message, status=400):
    return jsonify({"error": message}), status


def _instance(db, instance_id):
    """The instance (of any project, timers applied); a 404 answer ends the call otherwise."""
    e = emu()
    row = db.execute("SELECT * FROM instances WHERE id = ?", (instance_id,)).fetchone()
    if row is not None:
        row = lifecycle.settle(e, db, row, e.clock())
    if row is None:
        abort(make_response(jsonify({"error": "no such instance"}), 404))
    return row


def _group(db, row, name):
    if kgroups.group_row(db, row["id"], name) is None:
        abort(make_response(jsonify({"error": "no such group"}), 404))


def _body():
    body = request.get_json(silent=True)
    return body if isinstance(body, dict) else {}


@bp.route("/next-failure", methods=["PUT"])
def next_failure():
    body = _body()
    operation, status = body.get("operation"), body.get("status")
    count = body.get("count", 1)
    if operation not in lifecycle.OPERATIONS or status not in lifecycle.OPERATIONS[operation]:
        return _error("operation/status must be one of %s" % json.dumps(lifecycle.OPERATIONS))
    if isinstance(count, bool) or not isinstance(count, int) or count < 1:
        return _error("count must be an integer >= 1")
    e = emu()
    with e.log_lock:
        e.next_failures[operation] = {"status": status, "count": count}
    return jsonify(e.next_failures)


@bp.route("/instances/<instance_id>/usage", methods=["PUT"])
def usage(instance_id):
    used = as_int(_body().get("used_storage_space"))
    if used is None or used < 0:
        return _error("used_storage_space must be an integer >= 0")
    e = emu()
    with e.store.transaction() as db:
        row = _instance(db, instance_id)
        doc = lifecycle.load_doc(row)
        doc["used_storage_space"] = used
        lifecycle.save_doc(db, row["id"], doc)
    return jsonify({"used_storage_space": used})


@bp.route("/instances/<instance_id>/topics/<topic>/messages", methods=["POST"])
def produce(instance_id, topic):
    """Append ``count`` messages (round robin with partition -1), at now or ``timestamp_ms``."""
    body = _body()
    count, partition = as_int(body.get("count", 1)), as_int(body.get("partition", -1))
    stamp = body.get("timestamp_ms")
    if count is None or count < 1 or partition is None or partition < -1:
        return _error("count >= 1 and partition >= -1 are integers")
    if stamp is not None and as_int(stamp) is None:
        return _error("timestamp_ms must be an integer")
    e = emu()
    now = e.clock()
    ms = as_int(stamp) if stamp is not None else int(now * 1000)
    with e.store.transaction() as db:
        row = _instance(db, instance_id)
        doc = lifecycle.load_doc(row)
        stored = topic_row(db, row["id"], topic)
        if stored is None:
            if not doc.get("_internal", {}).get("v2", {}).get("enable_auto_topic"):
                return _error("UNKNOWN_TOPIC_OR_PARTITION", 404)
            brokers = broker_count(doc)
            insert_topic(db, row["id"], topic, int(effective(doc, "num.partitions")),
                         min(int(effective(doc, "default.replication.factor")), brokers),
                         int(effective(doc, "log.retention.hours")), False, False, now)
            stored = topic_row(db, row["id"], topic)
        parts = partitions_of(db, row["id"], stored)
        if partition >= len(parts):
            return _error("UNKNOWN_TOPIC_OR_PARTITION", 404)
        targets = [parts[partition]] if partition >= 0 else parts
        per = {p["partition"]: 0 for p in targets}
        for i in range(count):
            per[targets[i % len(targets)]["partition"]] += 1
        for part in targets:
            added = per[part["partition"]]
            if added:
                part["batches"].append([part["leo"], added, ms])
                part["leo"] += added
                part["updated"] = ms
                save_partition(db, row["id"], topic, part)
    return jsonify({"partitions": [{"partition": p["partition"], "log_end_offset": p["leo"]}
                                   for p in targets]})


@bp.route("/instances/<instance_id>/topics/<topic>/partitions/<int:number>", methods=["PUT"])
def set_partition(instance_id, topic, number):
    body = _body()
    e = emu()
    with e.store.transaction() as db:
        row = _instance(db, instance_id)
        stored = topic_row(db, row["id"], topic)
        if stored is None or number >= stored["partition"]:
            return _error("no such topic or partition", 404)
        part = partitions_of(db, row["id"], stored)[number]
        lso = as_int(body.get("log_start_offset", part["lso"]))
        leo = as_int(body.get("log_end_offset", part["leo"]))
        if lso is None or leo is None or not 0 <= lso <= leo:
            return _error("0 <= log_start_offset <= log_end_offset")
        part.update(lso=lso, leo=leo, batches=[b for b in part["batches"] if b[0] < leo])
        save_partition(db, row["id"], topic, part)
    return jsonify({"partition": number, "log_start_offset": lso, "log_end_offset": leo})


def _group_for_client(e, db, row, name):
    """The group a client joins or commits to; created if auto.create.groups.enable."""
    stored = kgroups.group_row(db, row["id"], name)
    if stored is None:
        doc = lifecycle.load_doc(row)
        if effective(doc, "auto.create.groups.enable") != "true":
            return None
        kgroups.insert_group(e, db, row, doc, name, None, e.clock())
        stored = kgroups.group_row(db, row["id"], name)
    return stored


def _assign(db, row, members):
    """Range assignment of each topic's partitions over the members subscribed to it."""
    by_topic = {}
    for member in members:
        for topic in member.get("topics", []):
            by_topic.setdefault(topic, []).append(member)
    for member in members:
        member["assignment"] = []
    for topic, subscribers in sorted(by_topic.items()):
        stored = topic_row(db, row["id"], topic)
        count = stored["partition"] if stored else 0
        for index, member in enumerate(subscribers):
            mine = [p for p in range(count) if p * len(subscribers) // max(count, 1) == index]
            member["assignment"].append({"topic": topic, "partitions": mine})


@bp.route("/instances/<instance_id>/groups/<group>/members", methods=["PUT"])
def join(instance_id, group):
    body = _body()
    members = body.get("members")
    if not isinstance(members, list) or not members or not all(
            isinstance(m, dict) and m.get("member_id") for m in members):
        return _error("members must be a non-empty list of {member_id, client_id, host, topics}")
    e = emu()
    with e.store.transaction() as db:
        row = _instance(db, instance_id)
        stored = _group_for_client(e, db, row, group)
        if stored is None:
            return _error("GROUP_ID_NOT_FOUND")
        clean = [{"member_id": m["member_id"], "client_id": m.get("client_id", m["member_id"]),
                  "host": m.get("host", "/127.0.0.1"), "topics": list(m.get("topics", [])),
                  "assignment": m.get("assignment")} for m in members]
        if not all(m["assignment"] is not None for m in clean):
            _assign(db, row, clean)
        db.execute("UPDATE kafka_groups SET members = ?, state = 'STABLE', strategy = ?"
                   " WHERE instance_id = ? AND name = ?",
                   (json.dumps(clean), body.get("assignment_strategy", "range"), row["id"],
                    group))
    return jsonify({"group": group, "state": "STABLE", "members": clean})


@bp.route("/instances/<instance_id>/groups/<group>/members", methods=["DELETE"])
def leave(instance_id, group):
    e = emu()
    with e.store.transaction() as db:
        row = _instance(db, instance_id)
        _group(db, row, group)
        db.execute("UPDATE kafka_groups SET members = '[]', state = 'EMPTY'"
                   " WHERE instance_id = ? AND name = ?", (row["id"], group))
    return "", 204


@bp.route("/instances/<instance_id>/groups/<group>/offsets", methods=["PUT"])
def commit_offsets(instance_id, group):
    offsets = _body().get("offsets")
    if not isinstance(offsets, list) or not offsets:
        return _error("offsets must be a non-empty list of {topic, partition, offset}")
    e = emu()
    with e.store.transaction() as db:
        row = _instance(db, instance_id)
        if _group_for_client(e, db, row, group) is None:
            return _error("GROUP_ID_NOT_FOUND")
        for item in offsets:
            stored = topic_row(db, row["id"], str(item.get("topic")))
            partition, offset = as_int(item.get("partition")), as_int(item.get("offset"))
            if (stored is None or partition is None or not 0 <= partition < stored["partition"]
                    or offset is None or offset < 0):
                return _error("UNKNOWN_TOPIC_OR_PARTITION or a bad offset: %r" % (item,))
            kgroups.commit(db, row["id"], group, stored["name"], partition, offset, e.clock())
    return "", 204


@bp.route("/instances/<instance_id>/groups/<group>/state", methods=["PUT"])
def force_group_state(instance_id, group):
    state = _body().get("state")
    if state not in kgroups.GROUP_STATES:
        return _error("state must be one of %s" % ", ".join(kgroups.GROUP_STATES))
    e = emu()
    with e.store.transaction() as db:
        row = _instance(db, instance_id)
        _group(db, row, group)
        db.execute("UPDATE kafka_groups SET state = ? WHERE instance_id = ? AND name = ?",
                   (state, row["id"], group))
    return jsonify({"group": group, "state": state})


@bp.route("/instances/<instance_id>/authorize", methods=["GET"])
def check_access(instance_id):
    args = request.args
    if args.get("operation") not in ("pub", "sub") or not args.get("user") or \
            not args.get("topic"):
        return _error("user, topic and operation (pub or sub) are required")
    e = emu()
    with e.store.transaction() as db:
        row = _instance(db, instance_id)
        allowed, reason = authorize(db, row, lifecycle.load_doc(row), args["user"],
                                    args["topic"], args["operation"])
    return jsonify({"allowed": allowed, "reason": reason})


@bp.route("/instances/<instance_id>/internal", methods=["GET"])
def internal_state(instance_id):
    """Groups, offsets, message batches, pending static parameters, tasks; no password."""
    e = emu()
    with e.store.transaction() as db:
        row = _instance(db, instance_id)
        doc = lifecycle.load_doc(row)
        state = lifecycle.internal(doc)
        result = {
            "status": row["status"], "status_until": row["status_until"],
            "next_status": row["next_status"],
            "pending_static": state.get("pending_static", []),
            "groups": [{"name": g["name"], "state": g["state"], "committed": bool(g["committed"]),
                        "auto_delete": bool(g["auto_delete"]), "created": g["created"],
                        "members": json.loads(g["members"])}
                       for g in db.execute("SELECT * FROM kafka_groups WHERE instance_id = ?",
                                           (row["id"],))],
            "offsets": [dict(o) for o in db.execute(
                "SELECT group_name, topic, partition, offset FROM group_offsets"
                " WHERE instance_id = ?", (row["id"],))],
            "partitions": [dict(p, batches=json.loads(p["batches"])) for p in db.execute(
                "SELECT topic, partition, lso, leo, updated, batches FROM partitions"
                " WHERE instance_id = ?", (row["id"],))],
            "tasks": [dict(t) for t in db.execute(
                "SELECT id, name, status, bound FROM tasks WHERE instance_id = ?", (row["id"],))],
            "instance": view(e, row),
        }
    return jsonify(result)


@bp.route("/products/<product_id>/availability", methods=["PUT"])
def availability(product_id):
    zones = _body().get("unavailable_zones")
    e = emu()
    codes = [z["code"] for z in e.zones]
    if product_id not in FLAVOURS:
        return _error("no such v2 product", 404)
    if not isinstance(zones, list) or not set(zones) <= set(codes):
        return _error("unavailable_zones must list AZ codes of %s" % ", ".join(codes))
    with e.log_lock:
        e.sold_out[product_id] = set(zones)
    return jsonify({"product_id": product_id, "unavailable_zones": sorted(zones)})

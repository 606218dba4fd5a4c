"""Kafka consumer groups: create, list, get, details, delete, batch delete, offset reset and
coordinators. Members and committed offsets come from the admin calls that stand in for real
Kafka clients (admin.py of this package)."""

import hashlib
import json
import re

from flask import jsonify, request

from .. import lifecycle
from ..errors import bad_request, not_found
from ..util import as_int, emu, json_body
from . import common
from .configs import effective
from .instances import bp, broker_count, brokers_of
from .topics import existing_topic, partitions_of

GROUP_NAME_RE = re.compile(r"^[A-Za-z_][A-Za-z0-9._-]{2,63}$")
MAX_DESCRIPTION = 200
ACTIVE_STATES = ("STABLE", "PREPARING_REBALANCE", "COMPLETING_REBALANCE")
GROUP_STATES = ("EMPTY", "DEAD") + ACTIVE_STATES


def coordinator(name, brokers):
    return int(hashlib.sha256(name.encode()).hexdigest(), 16) % max(brokers, 1)


def group_row(db, instance_id, name):
    return db.execute("SELECT * FROM kafka_groups WHERE instance_id = ? AND name = ?",
                      (instance_id, name)).fetchone()


def missing_group(name):
    return not_found("DMS.10240405", "The consumer group %s does not exist." % name)


def insert_group(e, db, row, doc, name, desc, now):
    auto = effective(doc, "auto.create.groups.enable") == "true"
    db.execute("INSERT INTO kafka_groups (instance_id, name, description, created, state, members,"
               " strategy, committed, auto_delete) VALUES (?, ?, ?, ?, 'EMPTY', '[]', '', 0, ?)",
               (row["id"], name, desc, now, int(auto)))


def leo_of(db, instance_id):
    """(topic, partition) -> log end offset, for every topic of the instance."""
    out = {}
    for topic in db.execute("SELECT * FROM topics WHERE instance_id = ?", (instance_id,)):
        for p in partitions_of(db, instance_id, topic):
            out[(topic["name"], p["partition"])] = p["leo"]
    return out


def message_offsets(db, instance_id, name, ends=None):
    ends = leo_of(db, instance_id) if ends is None else ends
    out = []
    for o in db.execute("SELECT * FROM group_offsets WHERE instance_id = ? AND group_name = ?"
                        " ORDER BY topic, partition", (instance_id, name)):
        end = ends.get((o["topic"], o["partition"]), o["offset"])
        out.append({"partition": o["partition"], "lag": max(0, end - o["offset"]),
                    "topic": o["topic"], "message_current_offset": o["offset"],
                    "message_log_end_offset": end})
    return out


def summary(db, group, brokers, ends):
    offsets = message_offsets(db, group["instance_id"], group["name"], ends)
    return {"createdAt": int(group["created"] * 1000), "group_id": group["name"],
            "state": group["state"], "coordinator_id": coordinator(group["name"], brokers),
            "lag": sum(o["lag"] for o in offsets), "group_desc": group["description"]}


def described(db, group, brokers, with_assignment):
    members = []
    for m in json.loads(group["members"]):
        member = {"host": m["host"], "member_id": m["member_id"], "client_id": m["client_id"]}
        if with_assignment:
            member["assignment"] = m.get("assignment", [])
        members.append(member)
    return {"group_id": group["name"], "state": group["state"],
            "coordinator_id": coordinator(group["name"], brokers), "members": members,
            "group_message_offsets": message_offsets(db, group["instance_id"], group["name"]),
            "assignment_strategy": group["strategy"] if members else ""}


@bp.route("/v2/<project_id>/kafka/instances/<instance_id>/group", methods=["POST"])
def create_group(project_id, instance_id):
    e = emu()
    body = json_body("DMS.00400004", "DMS.00400005")
    name = body.get("group_name")
    if not isinstance(name, str) or not GROUP_NAME_RE.match(name):
        raise common.invalid("group_name must be 3-64 characters, starting with a letter or '_';"
                             " letters, digits, '.', '_' and '-'.")
    desc = body.get("group_desc")
    if desc is not None and (not isinstance(desc, str) or len(desc) > MAX_DESCRIPTION):
        raise common.invalid("group_desc must be at most %d characters." % MAX_DESCRIPTION)
    with e.store.transaction() as db:
        row = common.for_writing(db, instance_id)
        if group_row(db, row["id"], name):
            raise bad_request("DMS.10240018", "The consumer group already exists.")
        insert_group(e, db, row, lifecycle.load_doc(row), name, desc, e.clock())
    return "success", 200, {"Content-Type": "text/plain"}


@bp.route("/v2/<project_id>/instances/<instance_id>/groups", methods=["GET"])
def list_groups(project_id, instance_id):
    e = emu()
    offset, limit = common.page()
    wanted = request.args.get("group") or ""
    with e.store.transaction() as db:
        row = common.for_reading(db, instance_id)
        brokers = broker_count(lifecycle.load_doc(row))
        ends = leo_of(db, row["id"])
        groups = [summary(db, g, brokers, ends) for g in db.execute(
            "SELECT * FROM kafka_groups WHERE instance_id = ? ORDER BY created, name",
            (row["id"],)) if wanted in g["name"]]
    return jsonify({"groups": groups[offset:offset + limit], "total": len(groups)})


def show_group(project_id, instance_id, group, with_assignment):
    e = emu()
    with e.store.transaction() as db:
        row = common.for_reading(db, instance_id)
        brokers = broker_count(lifecycle.load_doc(row))
        stored = group_row(db, row["id"], group)
        if stored is None:
            if e.config.unknown_group == "dead":
                return jsonify({"group": {"group_id": group, "state": "DEAD", "coordinator_id":
                                          coordinator(group, brokers), "members": [],
                                          "group_message_offsets": [],
                                          "assignment_strategy": ""}})
            raise missing_group(group)
        return jsonify({"group": described(db, stored, brokers, with_assignment)})


@bp.route("/v2/<project_id>/instances/<instance_id>/groups/<group>", methods=["GET"])
def get_group(project_id, instance_id, group):
    return show_group(project_id, instance_id, group, with_assignment=False)


@bp.route("/v2/<project_id>/instances/<instance_id>/management/groups/<group>",
          methods=["GET"])
def group_details(project_id, instance_id, group):
    return show_group(project_id, instance_id, group, with_assignment=True)


def drop_group(db, instance_id, name):
    db.execute("DELETE FROM group_offsets WHERE instance_id = ? AND group_name = ?",
               (instance_id, name))
    db.execute("DELETE FROM kafka_groups WHERE instance_id = ? AND name = ?", (instance_id, name))


@bp.route("/v2/<project_id>/instances/<instance_id>/groups/<group>", methods=["DELETE"])
def delete_group(project_id, instance_id, group):
    e = emu()
    with e.store.transaction() as db:
        row = common.for_writing(db, instance_id)
        stored = group_row(db, row["id"], group)
        if stored is None:
            raise missing_group(group)
        if stored["state"] != "EMPTY":
            raise common.conflict("NON_EMPTY_GROUP: the group %s has active members." % group)
        drop_group(db, row["id"], group)
    return "", 204


@bp.route("/v2/<project_id>/instances/<instance_id>/groups/batch-delete", methods=["POST"])
def batch_delete_groups(project_id, instance_id):
    e = emu()
    body = json_body("DMS.00400004", "DMS.00400005")
    names = body.get("group_ids")
    if not isinstance(names, list) or not names:
        raise common.invalid("group_ids must be a non-empty list.")
    failed = []
    with e.store.transaction() as db:
        row = common.for_writing(db, instance_id)
        for name in names:
            stored = group_row(db, row["id"], str(name))
            if stored is None:
                failed.append({"group_id": name, "error_message": "GROUP_ID_NOT_FOUND"})
            elif stored["state"] != "EMPTY":
                failed.append({"group_id": name, "error_message": "NON_EMPTY_GROUP"})
            else:
                drop_group(db, row["id"], stored["name"])
    return jsonify({"failed_groups": failed, "total": len(failed)})


def offset_for_time(part, timestamp):
    """The first offset whose message time is >= ``timestamp`` (clamped to [lso, leo])."""
    for first, count, ms in part["batches"]:
        if ms >= timestamp:
            return max(first, part["lso"])
    return part["leo"]


def commit(db, instance_id, group, topic, partition, offset, now):
    db.execute("INSERT OR REPLACE INTO group_offsets (instance_id, group_name, topic, partition,"
               " offset, committed) VALUES (?, ?, ?, ?, ?, ?)",
               (instance_id, group, topic, partition, offset, now))
    db.execute("UPDATE kafka_groups SET committed = 1 WHERE instance_id = ? AND name = ?",
               (instance_id, group))


@bp.route("/v2/<project_id>/instances/<instance_id>/management/groups/<group>"
          "/reset-message-offset", methods=["POST"])
def reset_offsets(project_id, instance_id, group):
    e = emu()
    body = json_body("DMS.00400004", "DMS.00400005")
    partition = as_int(body.get("partition"))
    if partition is None or partition < -1:
        raise common.invalid("partition is required: a partition number, or -1 for all.")
    has_offset, has_time = body.get("message_offset") is not None, body.get("timestamp") is not None
    if has_offset == has_time:
        raise common.invalid("Give either message_offset or timestamp.")
    target = as_int(body["message_offset"] if has_offset else body["timestamp"])
    if target is None:
        raise common.invalid("message_offset and timestamp are integers.")
    if has_time and target <= 0:
        raise bad_request("DMS.00400142", "Timestamp is invalid.")
    if has_offset and target < 0:
        raise common.invalid("message_offset must be >= 0.")
    now = e.clock()
    with e.store.transaction() as db:
        row = common.for_writing(db, instance_id)
        stored = group_row(db, row["id"], group)
        if stored is None:
            raise missing_group(group)
        if stored["state"] in ACTIVE_STATES:
            raise common.conflict("The consumer group has active members; stop the consumers"
                                  " before resetting the offset.")
        if body.get("topic") is not None:
            topics = [existing_topic(db, row["id"], body["topic"])]
        else:
            names = sorted({o["topic"] for o in db.execute(
                "SELECT topic FROM group_offsets WHERE instance_id = ? AND group_name = ?",
                (row["id"], group))})
            topics = [existing_topic(db, row["id"], n) for n in names]
        for topic in topics:
            parts = partitions_of(db, row["id"], topic)
            if partition >= len(parts):
                raise common.conflict("Topic %s has %d partitions." % (topic["name"], len(parts)))
            for part in parts if partition == -1 else [parts[partition]]:
                offset = (offset_for_time(part, target) if has_time
                          else min(max(target, part["lso"]), part["leo"]))
                commit(db, row["id"], group, topic["name"], part["partition"], offset, now)
    return "", 204


@bp.route("/v2/<project_id>/instances/<instance_id>/management/coordinators",
          methods=["GET"])
def coordinators(project_id, instance_id):
    e = emu()
    with e.store.transaction() as db:
        row = common.for_reading(db, instance_id)
        doc = lifecycle.load_doc(row)
        brokers, ips = broker_count(doc), brokers_of(doc)
        names = [g["name"] for g in db.execute(
            "SELECT name FROM kafka_groups WHERE instance_id = ? ORDER BY created, name",
            (row["id"],))]
    out = []
    for name in names:
        number = coordinator(name, brokers)
        out.append({"group_id": name, "id": number,
                    "host": ips[number] if number < len(ips) else "", "port": 9092})
    return jsonify({"coordinators": out})

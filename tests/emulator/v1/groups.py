"""Consumer groups of a queue (v1): create, list, delete."""

import uuid

from flask import jsonify, request

from ..errors import bad_request
from ..util import NAME_RE, as_int, emu, json_body, query_bool
from .queues import MAX_GROUPS, bp, group_counters, load_group, load_queue, now_ms, refresh


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

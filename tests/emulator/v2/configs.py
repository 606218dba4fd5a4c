"""Kafka parameters of an instance (GET/PUT .../configs), its tags and its background tasks.

Routes of the v2 instances blueprint. Parameter defaults, ranges and dynamic/static types are
those of the user guide's "Modifying Kafka Instance Configuration Parameters".
"""

import datetime
import json
import re

from flask import g, jsonify, request

from .. import lifecycle
from ..errors import bad_request
from ..util import as_int, emu, json_body
from . import common, rules
from .instances import bp, extra, flavour_of

# name: (default, valid values, value type, static on 2.3.0/2.7/3.x, static on 1.1.0)
PARAMETERS = {
    "min.insync.replicas": ("1", "1~3", "integer", False, True),
    "message.max.bytes": ("10485760", "0~10485760", "integer", False, True),
    "auto.create.groups.enable": ("true", "true,false", "enum", False, False),
    "max.connections.per.ip": ("1000", "100~20000", "integer", False, True),
    "unclean.leader.election.enable": ("false", "true,false", "enum", False, True),
    "offsets.retention.minutes": ("20160", "1440~30240", "integer", False, False),
    "connections.max.idle.ms": ("600000", "5000~600000", "integer", True, True),
    "log.retention.hours": ("72", "1~168", "integer", True, True),
    "group.max.session.timeout.ms": ("1800000", "6000~1800000", "integer", True, True),
    "group.min.session.timeout.ms": ("6000", "6000~300000", "integer", True, True),
    "default.replication.factor": ("3", "1~3", "integer", True, True),
    "num.partitions": ("3", "1~200", "integer", True, True),
    "allow.everyone.if.no.acl.found": ("true", "true,false", "enum", True, True),
}
SASL_ONLY = ("allow.everyone.if.no.acl.found",)


def offered(doc):
    """The parameter names this instance lists."""
    return [n for n in PARAMETERS if n not in SASL_ONLY or doc.get("ssl_enable")]


def is_static(doc, name):
    default, valid, kind, static, static_old = PARAMETERS[name]
    return static_old if doc.get("engine_version") == "1.1.0" else static


def value_of(doc, name):
    """The current value (a string) of a parameter."""
    return extra(doc).get("configs", {}).get(name, PARAMETERS[name][0])


def effective(doc, name):
    """The value brokers run with: a static change counts only after a restart."""
    state = lifecycle.internal(doc)
    if name in state.get("pending_static", []):
        return state.get("before_restart", {}).get(name, PARAMETERS[name][0])
    return value_of(doc, name)


def valid_value(name, value):
    default, valid, kind, static, static_old = PARAMETERS[name]
    text = str(value).lower() if isinstance(value, bool) else str(value)
    if kind == "enum":
        return text if text in valid.split(",") else None
    number = as_int(text)
    low, high = (int(v) for v in valid.split("~"))
    return str(number) if number is not None and low <= number <= high else None


@bp.route("/v2/<project_id>/instances/<instance_id>/configs", methods=["GET"])
def get_configs(project_id, instance_id):
    e = emu()
    with e.store.transaction() as db:
        doc = lifecycle.load_doc(common.for_reading(db, instance_id))
    configs = []
    for name in offered(doc):
        default, valid, kind, _, _ = PARAMETERS[name]
        configs.append({"name": name, "valid_values": valid, "default_value": default,
                        "config_type": "static" if is_static(doc, name) else "dynamic",
                        "value": value_of(doc, name), "value_type": kind})
    return jsonify({"kafka_configs": configs})


@bp.route("/v2/<project_id>/instances/<instance_id>/configs", methods=["PUT"])
def modify_configs(project_id, instance_id):
    e = emu()
    body = json_body("DMS.00400004", "DMS.00400005")
    items = body.get("kafka_configs")
    if not isinstance(items, list) or not items:
        raise common.invalid("kafka_configs must be a non-empty list of {name, value}.")
    now = e.clock()
    with e.store.transaction() as db:
        row = common.for_writing(db, instance_id)
        doc = lifecycle.load_doc(row)
        if (flavour_of(doc) or {}).get("type") == "single":
            raise common.conflict("Single-node instances have no modifiable parameters.")
        wanted = {}
        for item in items:
            name = item.get("name") if isinstance(item, dict) else None
            if name not in offered(doc):
                raise bad_request("DMS.00400063", "Invalid configuration parameter %s." % name)
            value = valid_value(name, item.get("value"))
            if value is None:
                raise bad_request("DMS.00400066", "Invalid value %r of parameter %s (valid: %s)."
                                  % (item.get("value"), name, PARAMETERS[name][1]))
            wanted[name] = value
        state = lifecycle.internal(doc)
        configs = extra(doc).setdefault("configs", {})
        changes, static_count = [], 0
        for name, value in wanted.items():
            static = is_static(doc, name)
            static_count += static
            old = value_of(doc, name)
            if value != old:
                changes.append({"name": name, "old_value": old, "new_value": value})
                if static and name not in state.get("pending_static", []):
                    state.setdefault("before_restart", {})[name] = old
                    state.setdefault("pending_static", []).append(name)
            configs[name] = value
        lifecycle.save_doc(db, row["id"], doc)
        job = lifecycle.record_task(e, db, row["id"], "modifyConfig", {"kafka_configs": changes},
                                    now, common.user_of_request())
    return jsonify({"job_id": job, "dynamic_config": len(wanted) - static_count,
                    "static_config": static_count})


# -- tags ------------------------------------------------------------------------------------

@bp.route("/v2/<project_id>/kafka/<instance_id>/tags", methods=["GET"])
def get_tags(project_id, instance_id):
    e = emu()
    with e.store.transaction() as db:
        doc = lifecycle.load_doc(common.load(db, instance_id))
    return jsonify({"tags": doc.get("tags", [])})


@bp.route("/v2/<project_id>/kafka/<instance_id>/tags/action", methods=["POST"])
def tag_action(project_id, instance_id):
    e = emu()
    body = json_body("DMS.00400004", "DMS.00400005")
    action = body.get("action")
    if action not in ("create", "delete"):
        raise bad_request("DMS.10240040", "The action must be create or delete.")
    with e.store.transaction() as db:
        row = common.load(db, instance_id)
        if row["status"] == "DELETING":
            raise common.not_allowed(row)
        doc = lifecycle.load_doc(row)
        current = {t["key"]: t["value"] for t in doc.get("tags", [])}
        if action == "create":
            for tag in rules.tags(body.get("tags") or [], existing=current):
                current[tag["key"]] = tag["value"]
        else:
            items = body.get("tags") or []
            if not isinstance(items, list):
                raise bad_request("DMS.10240035", "tags must be a list of {key, value}.")
            for item in items:
                current.pop(item.get("key") if isinstance(item, dict) else None, None)
        doc["tags"] = [{"key": k, "value": v} for k, v in current.items()]
        lifecycle.save_doc(db, row["id"], doc)
    return "", 204


@bp.route("/v2/<project_id>/kafka/tags", methods=["GET"])
def project_tags(project_id):
    e = emu()
    values = {}
    with e.store.transaction() as db:
        for row in db.execute("SELECT doc FROM instances WHERE project_id = ?", (g.project_id,)):
            for tag in json.loads(row["doc"]).get("tags", []):
                values.setdefault(tag["key"], set()).add(tag["value"])
    return jsonify({"tags": [{"key": k, "values": sorted(v)} for k, v in sorted(values.items())]})


# -- background tasks --------------------------------------------------------------------------

TASK_ID_RE = re.compile(r"^[0-9a-f]{32}$")


def task_view(task):
    return {"id": task["id"], "name": task["name"], "user_name": task["user_name"],
            "user_id": task["user_id"], "params": task["params"], "status": task["status"],
            "created_at": lifecycle.iso(task["created"]),
            "updated_at": lifecycle.iso(task["updated"])}


def query_time(name):
    value = request.args.get(name)
    if not value:
        return None
    try:
        moment = datetime.datetime.strptime(value, "%Y%m%d%H%M%S")
    except ValueError:
        raise common.invalid("%s must be YYYYMMDDHHmmss (UTC)." % name) from None
    return moment.replace(tzinfo=datetime.timezone.utc).timestamp()


@bp.route("/v2/<project_id>/instances/<instance_id>/tasks", methods=["GET"])
def list_tasks(project_id, instance_id):
    e = emu()
    start, limit = common.page("start", "limit")
    start = max(start, 1)
    begin, end = query_time("begin_time"), query_time("end_time")
    with e.store.transaction() as db:
        row = common.load(db, instance_id)
        tasks = db.execute("SELECT * FROM tasks WHERE instance_id = ?"
                           " ORDER BY created DESC, rowid DESC", (row["id"],)).fetchall()
    tasks = [t for t in tasks if (begin is None or t["created"] >= begin)
             and (end is None or t["created"] <= end)]
    return jsonify({"task_count": str(len(tasks)),
                    "tasks": [task_view(t) for t in tasks[start - 1:start - 1 + limit]]})


def load_task(db, row, task_id):
    if not TASK_ID_RE.match(task_id):
        raise bad_request("DMS.00400070", "The task ID is invalid.")
    return db.execute("SELECT * FROM tasks WHERE id = ? AND instance_id = ?",
                      (task_id, row["id"])).fetchone()


@bp.route("/v2/<project_id>/instances/<instance_id>/tasks/<task_id>", methods=["GET"])
def get_task(project_id, instance_id, task_id):
    e = emu()
    with e.store.transaction() as db:
        task = load_task(db, common.load(db, instance_id), task_id)
    tasks = [task_view(task)] if task else []
    return jsonify({"task_count": str(len(tasks)), "tasks": tasks})


@bp.route("/v2/<project_id>/instances/<instance_id>/tasks/<task_id>", methods=["DELETE"])
def delete_task(project_id, instance_id, task_id):
    e = emu()
    with e.store.transaction() as db:
        task = load_task(db, common.load(db, instance_id), task_id)
        if task is not None:
            if task["status"] == "EXECUTING":
                raise bad_request("DMS.00400017", "The task is still running; try again later.")
            db.execute("DELETE FROM tasks WHERE id = ?", (task_id,))
    return "", 204


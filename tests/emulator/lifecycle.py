"""The life of a Kafka instance, shared by the v1 and v2 views of the one store.

Statuses move on timers that are applied lazily, whenever an instance is read: CREATING and
RESTARTING last ``--instance-delay``, EXTENDING ``--extend-delay``, DELETING ``--delete-delay``.
An extension's new values are applied in the same step that ends EXTENDING. Background tasks
(the v2 task API) finish with the transition they belong to, or after ``--task-delay``; their
effect (the auto-topic flag, say) is applied when they finish. Consumer groups that never
committed an offset disappear after ``--group-auto-delete`` seconds and on restart.
"""

import datetime
import json
import uuid

TRANSIENT = ("CREATING", "RESTARTING", "EXTENDING", "DELETING", "STARTING", "STOPPING")
FAILED = ("CREATEFAILED", "EXTENDEDFAILED", "ERROR")
GONE = "GONE"  # next_status of a DELETING instance
OPERATIONS = {"create": ("CREATEFAILED", "ERROR"), "extend": ("EXTENDEDFAILED", "ERROR"),
              "restart": ("ERROR",)}
# Tables below an instance, removed with it.
CHILD_TABLES = ("topics", "partitions", "kafka_users", "acls", "kafka_groups", "group_offsets",
                "tasks")


def internal(doc):
    """The emulator's own per-instance state inside the stored document (never shown)."""
    return doc.setdefault("_internal", {})


def brokers_of(doc):
    """The broker addresses of an instance (one per broker, in v1 and v2 alike)."""
    return [ip for ip in doc.get("connect_address", "").split(",") if ip]


def load_doc(row):
    return json.loads(row["doc"])


def save_doc(db, instance_id, doc):
    db.execute("UPDATE instances SET doc = ? WHERE id = ?", (json.dumps(doc), instance_id))


def fetch(db, instance_id):
    return db.execute("SELECT * FROM instances WHERE id = ?", (instance_id,)).fetchone()


def remove_instance(db, instance_id):
    for table in CHILD_TABLES:
        db.execute("DELETE FROM %s WHERE instance_id = ?" % table, (instance_id,))
    db.execute("DELETE FROM instances WHERE id = ?", (instance_id,))


def remove_failed(db, project_id):
    """The batch "delete every failed instance" of a project (v1 allFailure, v2 all_failure)."""
    for row in db.execute("SELECT id FROM instances WHERE project_id = ? AND status ="
                          " 'CREATEFAILED'", (project_id,)).fetchall():
        remove_instance(db, row["id"])


def apply_changes(doc, changes):
    """``{"doc": {...}, "v2": {...}}``: top-level fields and v2-only fields of an instance."""
    doc.update(changes.get("doc") or {})
    internal(doc).setdefault("v2", {}).update(changes.get("v2") or {})


def take_failure(e, operation):
    """The status an injected failure makes ``operation`` end in, once; None without one."""
    with e.log_lock:
        pending = e.next_failures.get(operation)
        if not pending:
            return None
        pending["count"] -= 1
        if pending["count"] <= 0:
            del e.next_failures[operation]
        return pending["status"]


def start_transition(db, row, now, status, seconds, kind, apply=None, end="RUNNING"):
    """Put an instance into a transient ``status`` that ends in ``end`` after ``seconds``."""
    doc = load_doc(row)
    internal(doc)["transition"] = {"kind": kind, "apply": apply or {}}
    save_doc(db, row["id"], doc)
    db.execute("UPDATE instances SET status = ?, status_until = ?, next_status = ? WHERE id = ?",
               (status, now + seconds, end, row["id"]))


def restart(e, db, row, now, user):
    """RESTARTING for ``--instance-delay``, then RUNNING (or an injected failure), with its
    task; the end applies pending static parameters and drops never-committed groups."""
    end = take_failure(e, "restart") or "RUNNING"
    start_transition(db, row, now, "RESTARTING", e.config.instance_delay, "restart", end=end)
    record_task(e, db, row["id"], "restartInstance", {}, now, user, bound=True)


def begin_delete(e, db, row, now):
    """DELETING for ``--delete-delay`` seconds, then gone; gone at once with no delay."""
    if e.config.delete_delay <= 0:
        remove_instance(db, row["id"])
        return
    db.execute("UPDATE instances SET status = 'DELETING', status_until = ?, next_status = ?"
               " WHERE id = ?", (now + e.config.delete_delay, GONE, row["id"]))


def force(db, row, status, until=None, after_seconds=None, now=0.0):
    """Admin: a status with no timer, or one that turns into ``until`` after some seconds."""
    if until:
        db.execute("UPDATE instances SET status = ?, status_until = ?, next_status = ?"
                   " WHERE id = ?", (status, now + (after_seconds or 0), until, row["id"]))
    else:
        db.execute("UPDATE instances SET status = ?, status_until = NULL, next_status = NULL"
                   " WHERE id = ?", (status, row["id"]))


def _finish_transition(e, db, row):
    until, end = row["status_until"], row["next_status"]
    if end == GONE:
        remove_instance(db, row["id"])
        return None
    doc = load_doc(row)
    state = internal(doc)
    transition = state.pop("transition", None) or {}
    if end == "RUNNING":
        apply_changes(doc, transition.get("apply") or {})
        if transition.get("kind") == "restart":
            state.pop("pending_static", None)  # static parameters take effect now
            state.pop("before_restart", None)
            # A restart drops the groups that never committed an offset (user guide).
            db.execute("DELETE FROM kafka_groups WHERE instance_id = ? AND committed = 0",
                       (row["id"],))
    save_doc(db, row["id"], doc)
    next_until, next_end = None, None
    if end == "EXTENDEDFAILED" and e.config.extend_failed_recovery is not None:
        next_until, next_end = until + e.config.extend_failed_recovery, "RUNNING"
    db.execute("UPDATE instances SET status = ?, status_until = ?, next_status = ? WHERE id = ?",
               (end, next_until, next_end, row["id"]))
    outcome = "FAILED" if end in FAILED else "SUCCESS"
    db.execute("UPDATE tasks SET status = ?, updated = ? WHERE instance_id = ? AND bound = 1"
               " AND status = 'EXECUTING'", (outcome, until, row["id"]))
    return fetch(db, row["id"])


def _finish_tasks(db, row, now):
    due = db.execute("SELECT * FROM tasks WHERE instance_id = ? AND bound = 0"
                     " AND status = 'EXECUTING' AND until <= ? ORDER BY created",
                     (row["id"], now)).fetchall()
    if not due:
        return row
    doc = load_doc(row)
    for task in due:
        apply_changes(doc, json.loads(task["effect"] or "{}"))
        db.execute("UPDATE tasks SET status = 'SUCCESS', updated = until WHERE id = ?",
                   (task["id"],))
    save_doc(db, row["id"], doc)
    return fetch(db, row["id"])


def _expire_groups(e, db, row, now):
    if e.config.group_auto_delete <= 0:
        return
    db.execute("DELETE FROM kafka_groups WHERE instance_id = ? AND committed = 0"
               " AND auto_delete = 1 AND members = '[]' AND created <= ?",
               (row["id"], now - e.config.group_auto_delete))


def settle(e, db, row, now):
    """Apply whatever became due by ``now``; the fresh row, or None once it is gone."""
    while row is not None and row["status_until"] is not None and now >= row["status_until"]:
        row = _finish_transition(e, db, row)
    if row is None:
        return None
    row = _finish_tasks(db, row, now)
    _expire_groups(e, db, row, now)
    return row


def settle_due(e, db, project_id, now):
    """Apply every transition of the project that is due by ``now``, so a name or a quota place
    that a finished deletion freed counts as free at once (as on the real service)."""
    for row in db.execute("SELECT * FROM instances WHERE project_id = ? AND status_until IS NOT"
                          " NULL AND status_until <= ?", (project_id, now)).fetchall():
        settle(e, db, row, now)


def iso(ts):
    return datetime.datetime.fromtimestamp(ts, datetime.timezone.utc).strftime(
        "%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


def record_task(e, db, instance_id, name, params, now, user=None, bound=False, effect=None,
                delay=None):
    """A background task; ``bound`` ones finish with the instance's transition."""
    task_id = uuid.uuid4().hex
    user = user or {"id": "", "name": ""}
    seconds = e.config.task_delay if delay is None else delay
    db.execute("INSERT INTO tasks (id, instance_id, name, params, status, created, updated, until,"
               " bound, effect, user_id, user_name) VALUES (?, ?, ?, ?, 'EXECUTING', ?, ?, ?, ?,"
               " ?, ?, ?)",
               (task_id, instance_id, name, json.dumps(params, separators=(",", ":")), now, now,
                now + seconds, int(bound), json.dumps(effect or {}), user["id"], user["name"]))
    return task_id

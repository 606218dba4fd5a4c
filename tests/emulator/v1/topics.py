"""Topics of a Kafka instance (v1): list, create, delete in batches.

Routes of the instances blueprint (instances.py): the same path prefix and authentication.
"""

import json
import re

from flask import jsonify

from ..errors import bad_request
from ..util import as_bool, as_int, emu, json_body
from .. import lifecycle
from .instances import bp, load_instance

TOPIC_NAME_RE = re.compile(r"^[A-Za-z][A-Za-z0-9_-]{3,63}$")


def drop_topic(db, instance_id, name):
    """Delete a topic with its partitions' offsets, its ACLs and every group's offsets on it."""
    deleted = db.execute("DELETE FROM topics WHERE instance_id = ? AND name = ?",
                         (instance_id, name)).rowcount
    for table in ("partitions", "acls", "group_offsets"):
        db.execute("DELETE FROM %s WHERE instance_id = ? AND topic = ?" % table,
                   (instance_id, name))
    return bool(deleted)


def running_instance(db, instance_id, now):
    row = load_instance(db, instance_id, now)
    if row["status"] != "RUNNING":
        raise bad_request("DMS.00400026", "The instance is not running (status %s)."
                          % row["status"])
    return row


def partition_budget(db, row):
    maximum = int(json.loads(row["doc"])["partition_num"])
    used = db.execute("SELECT COALESCE(SUM(partition), 0) FROM topics WHERE instance_id = ?",
                      (row["id"],)).fetchone()[0]
    return maximum, maximum - used


def topic_view(topic):
    return {"id": topic["name"], "replication": topic["replication"],
            "partition": topic["partition"], "retention_time": topic["retention_time"],
            # Strings, as the real v1 API sends them (its reference example, the Go SDK's
            # v1 topic struct, the Terraform v1 topic resource).
            "sync_replication": "true" if topic["sync_replication"] else "false",
            "sync_message_flush": "true" if topic["sync_message_flush"] else "false",
            "topic_type": 0, "policiesOnly": False, "external_configs": {}}


@bp.route("/instances/<instance_id>/topics", methods=["GET"])
def list_topics(project_id, instance_id):
    e = emu()
    with e.store.transaction() as db:
        row = load_instance(db, instance_id, e.clock())
        topics = db.execute("SELECT * FROM topics WHERE instance_id = ? ORDER BY created, name",
                            (row["id"],)).fetchall()
        maximum, remaining = partition_budget(db, row)
    return jsonify({"total": len(topics), "size": len(topics), "remain_partitions": remaining,
                    "max_partitions": maximum, "topics": [topic_view(t) for t in topics]})


def topic_setting(body, key, default, low, high, code, label):
    value = body.get(key)
    if value is None:
        return default
    number = as_int(value)
    if number is None or not low <= number <= high:
        raise bad_request(code, "The %s must be %d-%d." % (label, low, high))
    return number


def topic_flag(body, key):
    value = body.get(key)
    if value is None:
        return False
    flag = as_bool(value)
    if flag is None:
        raise bad_request("DMS.00400800", "%s must be a boolean." % key)
    return flag


@bp.route("/instances/<instance_id>/topics", methods=["POST"])
def create_topic(project_id, instance_id):
    e = emu()
    body = json_body("DMS.00400004", "DMS.00400005")
    name = body.get("id")
    if not isinstance(name, str) or not TOPIC_NAME_RE.match(name):
        raise bad_request("DMS.00400101", "The topic name is invalid: 4-64 characters, starting"
                          " with a letter; letters, digits, hyphens and underscores only.")
    partitions = topic_setting(body, "partition", 3, 1, 100, "DMS.00400102", "number of partitions")
    replicas = topic_setting(body, "replication", 3, 1, 3, "DMS.00400103", "number of replicas")
    retention = topic_setting(body, "retention_time", 72, 1, 720, "DMS.00400105",
                              "retention time in hours")
    sync_replication = topic_flag(body, "sync_replication")
    sync_flush = topic_flag(body, "sync_message_flush")
    if sync_replication and replicas == 1:
        raise bad_request("DMS.00400800", "Synchronous replication needs more than one replica.")
    now = e.clock()
    with e.store.transaction() as db:
        row = running_instance(db, instance_id, now)
        if replicas > len(lifecycle.brokers_of(json.loads(row["doc"]))):
            raise bad_request("DMS.00400861", "The number of replicas exceeds the number of brokers.")
        if db.execute("SELECT 1 FROM topics WHERE instance_id = ? AND name = ?",
                      (row["id"], name)).fetchone():
            raise bad_request("DMS.00400800", "The topic %s already exists." % name)
        maximum, remaining = partition_budget(db, row)
        if partitions > remaining:
            raise bad_request("DMS.00400800", "Not enough partitions left: %d requested, %d of %d"
                              " remain." % (partitions, remaining, maximum))
        db.execute("INSERT INTO topics (instance_id, name, partition, replication,"
                   " retention_time, sync_replication, sync_message_flush, created)"
                   " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                   (row["id"], name, partitions, replicas, retention, int(sync_replication),
                    int(sync_flush), now))
    return jsonify({"id": name}), 200


@bp.route("/instances/<instance_id>/topics/delete", methods=["POST"])
def delete_topics(project_id, instance_id):
    e = emu()
    body = json_body("DMS.00400004", "DMS.00400005")
    names = body.get("topics")
    if not isinstance(names, list) or not names:
        raise bad_request("DMS.00400800", "topics must be a non-empty list of topic names.")
    results = []
    with e.store.transaction() as db:
        row = running_instance(db, instance_id, e.clock())
        for name in names:
            results.append({"id": name, "success": drop_topic(db, row["id"], str(name))})
    return jsonify({"topics": results})

"""Topics on v2: create, list (with the partition budget), modify in place, batch delete,
details (partitions, replicas, subscribed groups) and the partition list with offsets.

The topics are the v1 ones (one table): v1 sees topics created here and the other way round.
Routes of the v2 instances blueprint.
"""

import json
import re

from flask import jsonify, request

from .. import lifecycle
from ..errors import bad_request
from ..util import as_int, emu, json_body
from ..v1.topics import drop_topic, partition_budget, topic_setting
from . import common, rules
from .instances import bp, broker_count

TOPIC_NAME_RE = re.compile(r"^[A-Za-z_][A-Za-z0-9._-]{2,199}$")
RESERVED = ("__consumer_offsets", "__transaction_state", "__trace", "__connect-status",
            "__connect-configs", "__connect-offsets", "__dms_dial_test")
TOPIC_MAX_PARTITIONS = 200
MAX_RETENTION = 720
MAX_DESCRIPTION = 200
# Topic parameters: name -> (default, valid values as the list shows them, type)
TOPIC_CONFIGS = {
    "max.message.bytes": ("10485760", "[0...10485760]", "int"),
    "message.timestamp.type": ("CreateTime", "[CreateTime, LogAppendTime]", "string"),
}
MESSAGE_SIZE = 1024  # bytes per simulated message (the replica ``size`` of the details)


def topic_row(db, instance_id, name):
    return db.execute("SELECT * FROM topics WHERE instance_id = ? AND name = ?",
                      (instance_id, name)).fetchone()


def unknown_topic(name):
    return bad_request("DMS.00400975", "Failed to query the topic %s: check whether it exists."
                       % name)


def existing_topic(db, instance_id, name):
    row = topic_row(db, instance_id, name) if isinstance(name, str) else None
    if row is None:
        raise unknown_topic(name)
    return row


def topic_configs(body, current=None):
    """The topic's parameters after applying ``topic_other_configs`` of a request."""
    configs = dict(current or {})
    items = body.get("topic_other_configs")
    if items is None:
        return configs
    if not isinstance(items, list):
        raise common.invalid("topic_other_configs must be a list of {name, value}.")
    for item in items:
        name = item.get("name") if isinstance(item, dict) else None
        value = item.get("value") if isinstance(item, dict) else None
        if name == "max.message.bytes":
            number = as_int(value)
            if number is None or not 0 <= number <= 10485760:
                raise common.invalid("max.message.bytes must be 0-10485760.")
            configs[name] = str(number)
        elif name == "message.timestamp.type":
            if value not in ("CreateTime", "LogAppendTime"):
                raise common.invalid("message.timestamp.type must be CreateTime or"
                                     " LogAppendTime.")
            configs[name] = value
        else:
            raise common.invalid("Topic parameter %r cannot be set; allowed: %s."
                                 % (name, ", ".join(TOPIC_CONFIGS)))
    return configs


def description(body, current=""):
    if body.get("topic_desc") is None:
        return current
    value = body["topic_desc"]
    if not isinstance(value, str) or len(value) > MAX_DESCRIPTION:
        raise common.invalid("topic_desc must be at most %d characters." % MAX_DESCRIPTION)
    return value


def collides(db, instance_id, name):
    """An existing topic whose name equals ``name`` once '.' and '_' are the same."""
    key = name.replace(".", "_")
    for row in db.execute("SELECT name FROM topics WHERE instance_id = ?", (instance_id,)):
        if row["name"].replace(".", "_") == key:
            return row["name"]
    return None


@bp.route("/v2/<project_id>/instances/<instance_id>/topics", methods=["POST"])
def create_topic(project_id, instance_id):
    e = emu()
    body = json_body("DMS.00400004", "DMS.00400005")
    name = body.get("id")
    if not isinstance(name, str) or not TOPIC_NAME_RE.match(name) or name in RESERVED:
        raise bad_request("DMS.00400101", "The topic name is invalid: 3-200 characters, starting"
                          " with a letter or '_'; letters, digits, '.', '_', '-'; not a name"
                          " Kafka reserves.")
    partitions = topic_setting(body, "partition", 3, 1, TOPIC_MAX_PARTITIONS, "DMS.00400102",
                        "number of partitions")
    retention = topic_setting(body, "retention_time", 72, 1, MAX_RETENTION, "DMS.00400105",
                       "retention time in hours")
    sync_replication = rules.flag(body, "sync_replication")
    sync_flush = rules.flag(body, "sync_message_flush")
    configs = topic_configs(body)
    desc = description(body)
    now = e.clock()
    with e.store.transaction() as db:
        row = common.for_writing(db, instance_id)
        brokers = broker_count(lifecycle.load_doc(row))
        replicas = topic_setting(body, "replication", min(3, brokers), 1, 3, "DMS.00400103",
                          "number of replicas")
        if replicas > brokers:
            raise bad_request("DMS.00400861", "The number of replicas (%d) exceeds the number of"
                              " brokers (%d)." % (replicas, brokers))
        if sync_replication and replicas == 1:
            raise common.conflict("Synchronous replication needs more than one replica.")
        other = collides(db, row["id"], name)
        if other:
            raise common.conflict("The topic %s already exists%s." % (
                name, "" if other == name else " as %s ('.' and '_' collide)" % other))
        maximum, remaining = partition_budget(db, row)
        if partitions > remaining:
            raise common.conflict("Not enough partitions left: %d requested, %d of %d remain."
                                  % (partitions, remaining, maximum))
        insert_topic(db, row["id"], name, partitions, replicas, retention, sync_replication,
                     sync_flush, now, configs, desc)
    return jsonify({"name": name})


def insert_topic(db, instance_id, name, partitions, replicas, retention, sync_replication,
                 sync_flush, now, configs=None, desc=""):
    db.execute("INSERT INTO topics (instance_id, name, partition, replication, retention_time,"
               " sync_replication, sync_message_flush, created, configs, description)"
               " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
               (instance_id, name, partitions, replicas, retention, int(sync_replication),
                int(sync_flush), now, json.dumps(configs or {}), desc))


def configs_view(topic):
    configs = json.loads(topic["configs"] or "{}")
    return [{"name": n, "valid_values": valid, "default_value": default, "config_type": "dynamic",
             "value": configs.get(n, default), "value_type": kind}
            for n, (default, valid, kind) in TOPIC_CONFIGS.items()]


def topic_view(topic, internal=False):
    return {"policiesOnly": False, "name": topic["name"], "replication": topic["replication"],
            "partition": topic["partition"], "retention_time": topic["retention_time"],
            "sync_replication": bool(topic["sync_replication"]),
            "sync_message_flush": bool(topic["sync_message_flush"]),
            "external_configs": {}, "topic_type": 1 if internal else 0,
            "topic_other_configs": configs_view(topic),
            "topic_desc": topic["description"] or "",
            "created_at": int(topic["created"] * 1000)}


@bp.route("/v2/<project_id>/instances/<instance_id>/topics", methods=["GET"])
def list_topics(project_id, instance_id):
    e = emu()
    offset, limit = common.page()
    with e.store.transaction() as db:
        row = common.for_reading(db, instance_id)
        topics = [topic_view(t) for t in db.execute(
            "SELECT * FROM topics WHERE instance_id = ? ORDER BY name", (row["id"],))]
        maximum, remaining = partition_budget(db, row)
        if e.config.seed_system_topics:
            dial = {"name": "__dms_dial_test", "partition": 1, "replication":
                    min(3, broker_count(lifecycle.load_doc(row))), "retention_time": 72,
                    "sync_replication": 0, "sync_message_flush": 0, "configs": "{}",
                    "description": "", "created": row["created"]}
            topics = [topic_view(dial, internal=True)] + topics
    shown = topics[offset:offset + limit]
    return jsonify({"total": len(topics), "size": len(shown), "remain_partitions": remaining,
                    "max_partitions": maximum, "topic_max_partitions": TOPIC_MAX_PARTITIONS,
                    "topics": shown})


@bp.route("/v2/<project_id>/instances/<instance_id>/topics", methods=["PUT"])
def modify_topics(project_id, instance_id):
    e = emu()
    body = json_body("DMS.00400004", "DMS.00400005")
    items = body.get("topics")
    if not isinstance(items, list) or not items:
        raise common.invalid("topics must be a non-empty list.")
    with e.store.transaction() as db:
        row = common.for_writing(db, instance_id)
        brokers = broker_count(lifecycle.load_doc(row))
        maximum, remaining = partition_budget(db, row)
        updates = []
        for item in items:  # every item is checked before anything changes
            if not isinstance(item, dict):
                raise common.invalid("Each topic must be an object.")
            topic = existing_topic(db, row["id"], item.get("id"))
            retention = topic_setting(item, "retention_time", topic["retention_time"], 1, MAX_RETENTION,
                               "DMS.00400105", "retention time in hours")
            sync_replication = rules.flag(item, "sync_replication",
                                          bool(topic["sync_replication"]))
            sync_flush = rules.flag(item, "sync_message_flush", bool(topic["sync_message_flush"]))
            if sync_replication and topic["replication"] == 1:
                raise common.conflict("Synchronous replication needs more than one replica.")
            partitions = topic["partition"]
            if item.get("new_partition_numbers") is not None:
                partitions = as_int(item["new_partition_numbers"])
                if partitions is None:
                    raise common.invalid("new_partition_numbers must be an integer.")
                if partitions > TOPIC_MAX_PARTITIONS:
                    raise bad_request("DMS.00400102", "A topic has at most %d partitions."
                                      % TOPIC_MAX_PARTITIONS)
                if partitions < topic["partition"]:
                    raise common.conflict("Partitions can only be added: %s has %d."
                                          % (topic["name"], topic["partition"]))
                if partitions - topic["partition"] > remaining:
                    raise common.conflict("Not enough partitions left: %d more requested, %d of"
                                          " %d remain." % (partitions - topic["partition"],
                                                           remaining, maximum))
                remaining -= partitions - topic["partition"]
            placement = item.get("new_partition_brokers")
            if placement is not None and (
                    item.get("new_partition_numbers") is None or not isinstance(placement, list)
                    or any(as_int(b) is None or not 0 <= as_int(b) < brokers
                           for b in placement)):
                raise common.conflict("new_partition_brokers must list broker ids 0-%d, with"
                                      " new_partition_numbers." % (brokers - 1))
            configs = topic_configs(item, json.loads(topic["configs"] or "{}"))
            desc = description(item, topic["description"] or "")
            updates.append((partitions, retention, int(sync_replication), int(sync_flush),
                            json.dumps(configs), desc, row["id"], topic["name"]))
        db.executemany("UPDATE topics SET partition = ?, retention_time = ?, sync_replication = ?,"
                       " sync_message_flush = ?, configs = ?, description = ?"
                       " WHERE instance_id = ? AND name = ?", updates)
    return "", 204


@bp.route("/v2/<project_id>/instances/<instance_id>/topics/delete", methods=["POST"])
def delete_topics(project_id, instance_id):
    e = emu()
    body = json_body("DMS.00400004", "DMS.00400005")
    names = body.get("topics")
    if not isinstance(names, list) or not names:
        raise common.invalid("topics must be a non-empty list of topic names.")
    with e.store.transaction() as db:
        row = common.for_writing(db, instance_id)
        results = [{"id": name, "success": drop_topic(db, row["id"], str(name))}
                   for name in names]
    return jsonify({"topics": results})


# -- partitions and details ------------------------------------------------------------------

def partitions_of(db, instance_id, topic):
    """Per partition: log start and end offsets, last update, message batches [[offset, ms]]."""
    stored = {p["partition"]: p for p in db.execute(
        "SELECT * FROM partitions WHERE instance_id = ? AND topic = ?",
        (instance_id, topic["name"]))}
    created = int(topic["created"] * 1000)
    out = []
    for number in range(topic["partition"]):
        p = stored.get(number)
        out.append({"partition": number, "lso": p["lso"] if p else 0, "leo": p["leo"] if p else 0,
                    "updated": p["updated"] if p else created,
                    "batches": json.loads(p["batches"]) if p else []})
    return out


def save_partition(db, instance_id, topic, part):
    db.execute("INSERT OR REPLACE INTO partitions (instance_id, topic, partition, lso, leo,"
               " updated, batches) VALUES (?, ?, ?, ?, ?, ?, ?)",
               (instance_id, topic, part["partition"], part["lso"], part["leo"], part["updated"],
                json.dumps(part["batches"])))


def subscribed_groups(db, instance_id, topic):
    names = {r["group_name"] for r in db.execute(
        "SELECT DISTINCT group_name FROM group_offsets WHERE instance_id = ? AND topic = ?",
        (instance_id, topic))}
    for group in db.execute("SELECT name, members FROM kafka_groups WHERE instance_id = ?",
                            (instance_id,)):
        if any(a["topic"] == topic for m in json.loads(group["members"])
               for a in m.get("assignment", [])):
            names.add(group["name"])
    return sorted(names)


@bp.route("/v2/<project_id>/instances/<instance_id>/management/topics/<topic>",
          methods=["GET"])
def topic_details(project_id, instance_id, topic):
    e = emu()
    with e.store.transaction() as db:
        row = common.for_reading(db, instance_id)
        stored = existing_topic(db, row["id"], topic)
        brokers = broker_count(lifecycle.load_doc(row))
        parts = partitions_of(db, row["id"], stored)
        groups = subscribed_groups(db, row["id"], topic)
    out = []
    for p in parts:
        leader = p["partition"] % brokers
        size = (p["leo"] - p["lso"]) * MESSAGE_SIZE
        out.append({"partition": p["partition"], "leader": leader, "leo": p["leo"], "hw": p["leo"],
                    "lso": p["lso"], "last_update_timestamp": p["updated"],
                    "replicas": [{"broker": (leader + i) % brokers, "leader": i == 0,
                                  "in_sync": True, "size": size, "lag": 0}
                                 for i in range(stored["replication"])]})
    return jsonify({"topic": topic, "partitions": out, "group_subscribed": groups})


@bp.route("/v2/<project_id>/kafka/instances/<instance_id>/topics/<topic>/partitions",
          methods=["GET"])
def topic_partitions(project_id, instance_id, topic):
    e = emu()
    if "start" in request.args and "offset" not in request.args:
        start, limit = common.page("start", "limit")
        offset = max(start, 1) - 1
    else:
        offset, limit = common.page()
    with e.store.transaction() as db:
        row = common.for_reading(db, instance_id)
        parts = partitions_of(db, row["id"], existing_topic(db, row["id"], topic))
    return jsonify({"total": len(parts), "partitions": [
        {"partition": p["partition"], "start_offset": p["lso"], "last_offset": p["leo"],
         "message_count": p["leo"] - p["lso"], "last_update_time": p["updated"]}
        for p in parts[offset:offset + limit]]})


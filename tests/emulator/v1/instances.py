"""Kafka premium instances (v1): create, list, read, update, delete, batch actions.

Their topics are in topics.py, on this blueprint.
"""

import hashlib
import json
import re
import uuid

from flask import Blueprint, g, jsonify, request

from . import reference
from .. import lifecycle
from ..errors import ApiError, bad_request, not_found
from ..util import (UUID_RE, as_bool, as_int, check_new_name_and_quota, emu, json_body,
                    query_bool)

bp = Blueprint("instances", __name__, url_prefix="/v1.0/<project_id>")

STATUSES = ("CREATING", "RUNNING", "ERROR", "RESTARTING", "EXTENDING", "EXTENDEDFAILED",
            "CREATEFAILED", "STARTING", "STOPPING", "CLOSING", "FROZEN")
NOT_DELETABLE = ("CREATING", "STARTING", "STOPPING", "RESTARTING")
INSTANCE_NAME_RE = re.compile(r"^[A-Za-z][A-Za-z0-9_-]{3,63}$")
ACCESS_USER_RE = re.compile(r"^[A-Za-z0-9-]{4,64}$")
PASSWORD_SPECIALS = set("`~!@#$%^&*()-_=+\\|[{}];:',<.>/? ")
WINDOW_STARTS = ("22:00:00", "02:00:00", "06:00:00", "10:00:00", "14:00:00", "18:00:00")
RETENTION_POLICIES = ("time_base", "produce_reject")
LIST_ONLY_HIDDEN = ("subnet_name", "subnet_cidr")
MAX_BATCH_INSTANCES = 50


@bp.before_request
def authenticate():
    g.project_id = emu().authenticate(request.view_args["project_id"])


def advance(db, row, now):
    """Apply whatever became due (status timers, tasks); the fresh row, None once gone."""
    return lifecycle.settle(emu(), db, row, now)


def instance_view(row, listing=False):
    doc = json.loads(row["doc"])
    doc.pop("_internal", None)  # the emulator's own state and the v2-only fields
    doc["status"] = row["status"]
    doc["name"] = row["name"]
    if listing:
        for key in LIST_ONLY_HIDDEN:
            doc.pop(key, None)
    return doc


def load_instance(db, instance_id, now):
    if not UUID_RE.match(instance_id):
        raise bad_request("DMS.00400061", "The instance ID is invalid.")
    row = db.execute("SELECT * FROM instances WHERE id = ? AND project_id = ?",
                     (instance_id, g.project_id)).fetchone()
    if row is not None:
        row = advance(db, row, now)
    if row is None:
        raise not_found("DMS.00404022", "The instance does not exist.")
    return row


def save_doc(db, instance_id, doc):
    lifecycle.save_doc(db, instance_id, doc)


# -- validation ----------------------------------------------------------------------

def normalise_time(value):
    """HH:mm or HH:mm:ss -> HH:mm:ss, else None."""
    if not isinstance(value, str):
        return None
    match = re.fullmatch(r"(\d{1,2}):(\d{2})(?::(\d{2}))?", value.strip())
    if not match:
        return None
    hours, minutes, seconds = int(match[1]), int(match[2]), int(match[3] or 0)
    if hours > 23 or minutes > 59 or seconds > 59:
        return None
    return "%02d:%02d:%02d" % (hours, minutes, seconds)


def maintenance_window(body):
    """(begin, end) normalised, None when absent; 400 unless a valid pair of slots."""
    begin, end = body.get("maintain_begin"), body.get("maintain_end")
    if begin is None and end is None:
        return None
    nbegin, nend = normalise_time(begin), normalise_time(end)
    if nbegin is None or nend is None or nbegin not in WINDOW_STARTS:
        raise bad_request("DMS.00400106", "The maintenance time window is invalid: maintain_begin"
                          " and maintain_end must be given together as one of the slots.")
    expected = "%02d:00:00" % ((int(nbegin[:2]) + 4) % 24)
    if nend != expected:
        raise bad_request("DMS.00400106", "The maintenance time window is invalid: a window"
                          " starting at %s ends at %s." % (nbegin, expected))
    return nbegin, nend


def validate_name(name):
    if not isinstance(name, str) or not INSTANCE_NAME_RE.match(name):
        raise bad_request("DMS.00400010", "The instance name is invalid: 4-64 characters, starting"
                          " with a letter; letters, digits, hyphens and underscores only.")


def validate_description(description):
    if description is not None and (not isinstance(description, str) or len(description) > 1024):
        raise bad_request("DMS.00400011", "The description is invalid (at most 1024 characters).")


def validate_password(password, user):
    if not isinstance(password, str) or not 8 <= len(password) <= 32:
        raise bad_request("DMS.00400012", "The password must be 8-32 characters long and contain"
                          " at least three of: lowercase, uppercase, digits, special characters.")
    kinds = [any(c.islower() for c in password), any(c.isupper() for c in password),
             any(c.isdigit() for c in password), any(c in PASSWORD_SPECIALS for c in password)]
    allowed = all(c.isascii() and (c.isalnum() or c in PASSWORD_SPECIALS) for c in password)
    if sum(kinds) < 3 or not allowed:
        raise bad_request("DMS.00400012", "The password must be 8-32 characters long and contain"
                          " at least three of: lowercase, uppercase, digits, special characters.")
    if password in (user, user[::-1]):
        raise bad_request("DMS.00400019", "The password cannot be the username or the username"
                          " spelt backwards.")


def validate_retention_policy(value):
    if value not in RETENTION_POLICIES:
        raise bad_request("DMS.00400062", "retention_policy must be time_base or produce_reject.")


def check_network(account, body):
    network = account["network"]
    for key, code in (("vpc_id", "DMS.00400013"), ("security_group_id", "DMS.00400014"),
                      ("subnet_id", "DMS.00400016")):
        if not isinstance(body.get(key), str) or not body[key]:
            raise bad_request(code, "%s must not be empty." % key)
    if body["vpc_id"] != network["vpc_id"]:
        raise bad_request("DMS.00400068", "The VPC does not exist.")
    if body["subnet_id"] != network["subnet_id"]:
        raise bad_request("DMS.00400018", "The subnet does not belong to the VPC.")
    check_security_group(account, body["security_group_id"])


def check_security_group(account, security_group_id):
    if security_group_id != account["network"]["security_group_id"]:
        raise bad_request("DMS.00400046", "The security group does not exist.")


def validate_create(e, account, body):
    validate_name(body.get("name"))
    validate_description(body.get("description"))
    if body.get("engine") != "kafka":
        raise bad_request("DMS.00400022", "The engine does not match the product: only kafka.")
    if body.get("engine_version") not in reference.ENGINE_VERSIONS:
        raise bad_request("DMS.00400008", "The engine version is not supported: one of %s."
                          % ", ".join(reference.ENGINE_VERSIONS))
    spec = reference.SPECS_BY_PRODUCT.get(body.get("product_id"))
    if spec is None:
        raise bad_request("DMS.00400009", "The product ID is invalid.")
    if body.get("specification") not in (None, spec["bandwidth"]):
        raise bad_request("DMS.00400062", "specification %s does not match product %s (%s)."
                          % (body["specification"], spec["product_id"], spec["bandwidth"]))
    if body.get("partition_num") is not None:
        partitions = as_int(body["partition_num"])
        if partitions != int(spec["partition_num"]):
            raise bad_request("DMS.00400062", "partition_num must be %s for %s."
                              % (spec["partition_num"], spec["bandwidth"]))
    storage = as_int(body.get("storage_space"))
    if storage is None or not int(spec["storage"]) <= storage <= spec["max_storage"]:
        raise bad_request("DMS.00400500", "storage_space must be %s-%d GB for %s."
                          % (spec["storage"], spec["max_storage"], spec["bandwidth"]))
    io_codes = [reference.IO_TYPES[t]["storage_spec_code"] for t in spec["io_types"]]
    if body.get("storage_spec_code") not in io_codes:
        raise bad_request("DMS.00400062", "storage_spec_code must be one of %s for %s."
                          % (", ".join(io_codes), spec["bandwidth"]))
    check_network(account, body)
    zones = body.get("available_zones")
    if not isinstance(zones, list) or not zones or len(zones) == 2:
        raise bad_request("DMS.00400067", "available_zones must list one AZ or at least three.")
    by_id = {z["id"]: z for z in e.zones}
    for zone_id in zones:
        if zone_id not in by_id:
            raise bad_request("DMS.00400042", "The AZ %s does not exist." % zone_id)
        if by_id[zone_id]["soldOut"]:
            raise bad_request("DMS.00400055", "The product is sold out in %s."
                              % by_id[zone_id]["code"])
    window = maintenance_window(body) or ("02:00:00", "06:00:00")
    ssl = as_bool(body.get("ssl_enable", False))
    if ssl is None:
        raise bad_request("DMS.00400062", "ssl_enable must be a boolean.")
    if ssl:
        user = body.get("access_user")
        if not isinstance(user, str) or not ACCESS_USER_RE.match(user):
            raise bad_request("DMS.00400015", "access_user must be 4-64 letters, digits or hyphens.")
        validate_password(body.get("password"), user)
    public = as_bool(body.get("enable_publicip", False))
    bandwidth = 0
    if public is None:
        raise bad_request("DMS.00400128", "enable_publicip must be a boolean.")
    if public:
        low, high = spec["public_bandwidth"]
        bandwidth = as_int(body.get("public_bandwidth", body.get("public_boundwidth")))
        if not body.get("publicip_id"):
            raise bad_request("DMS.00400128", "Public access needs publicip_id (EIP ids).")
        if bandwidth is None or not low <= bandwidth <= high or bandwidth % spec["brokers"]:
            raise bad_request("DMS.00400128", "public_bandwidth must be %d-%d and a multiple of %d."
                              % (low, high, spec["brokers"]))
    policy = body.get("retention_policy", "time_base")
    validate_retention_policy(policy)
    return {"spec": spec, "storage": storage, "zones": zones, "window": window, "ssl": ssl,
            "public": public, "bandwidth": bandwidth, "policy": policy}


def broker_addresses(account, instance_id, brokers):
    prefix = account["network"]["subnet_cidr"].rsplit(".", 1)[0]
    start = 10 + int(hashlib.sha256(instance_id.encode()).hexdigest(), 16) % 200
    return ["%s.%d" % (prefix, (start + i) % 250 + 2) for i in range(brokers)]


# -- instances -------------------------------------------------------------------------

@bp.route("/instances", methods=["POST"])
def create_instance(project_id):
    e = emu()
    body = json_body("DMS.00400004", "DMS.00400005")
    account = e.account_for_project(g.project_id)
    checked = validate_create(e, account, body)
    spec = checked["spec"]
    now = e.clock()
    with e.store.transaction() as db:
        lifecycle.settle_due(e, db, g.project_id, now)
        check_new_name_and_quota(
            db, "instances", g.project_id, body["name"], e.config.instance_quota,
            ("DMS.00400060", "The instance name already exists."),
            ("DMS.00400035", "The instance quota is insufficient."))
        instance_id = str(uuid.uuid4())
        user = e.account_for_user(g.user_id)["user"]
        network = account["network"]
        addresses = broker_addresses(account, instance_id, spec["brokers"])
        doc = {
            "name": body["name"], "description": body.get("description") or "",
            "engine": "kafka", "engine_version": body["engine_version"],
            "specification": spec["bandwidth"],
            "storage_space": round(checked["storage"] * e.config.storage_usable_ratio),
            "total_storage_space": checked["storage"], "used_storage_space": 0,
            "partition_num": spec["partition_num"],
            "connect_address": ",".join(addresses),
            "port": 9093 if checked["ssl"] else 9092,
            "status": "CREATING", "instance_id": instance_id,
            "resource_spec_code": spec["spec_code"], "type": "cluster", "charging_mode": 1,
            "vpc_id": network["vpc_id"], "vpc_name": network["vpc_name"],
            "created_at": str(int(now * 1000)), "product_id": spec["product_id"],
            "security_group_id": network["security_group_id"],
            "security_group_name": network["security_group_name"],
            "subnet_id": network["subnet_id"], "subnet_name": network["subnet_name"],
            "subnet_cidr": network["subnet_cidr"], "available_zones": list(checked["zones"]),
            "user_id": user["id"], "user_name": user["name"],
            "access_user": body["access_user"] if checked["ssl"] else "",
            "maintain_begin": checked["window"][0], "maintain_end": checked["window"][1],
            "enable_publicip": checked["public"], "ssl_enable": checked["ssl"],
            "storage_resource_id": str(uuid.uuid4()),
            "storage_spec_code": body["storage_spec_code"], "service_type": "advanced",
            "storage_type": "hec", "retention_policy": checked["policy"],
            "kafka_public_status": "true" if checked["public"] else "closed",
            "public_bandwidth": checked["bandwidth"], "disk_encrypted": False,
            "enterprise_project_id": "0", "tags": [],
        }
        if checked["public"]:
            doc["public_connect_address"] = ",".join(
                "80.158.%d.%d:9094" % (int(a.rsplit(".", 1)[1]) % 250, i + 10)
                for i, a in enumerate(addresses))
        end = lifecycle.take_failure(e, "create") or "RUNNING"
        db.execute("INSERT INTO instances (id, project_id, name, status, status_until, next_status,"
                   " created, doc) VALUES (?, ?, ?, 'CREATING', ?, ?, ?, ?)",
                   (instance_id, g.project_id, body["name"], now + e.config.instance_delay, end,
                    now, json.dumps(doc)))
        lifecycle.record_task(e, db, instance_id, "createInstance",
                              {"name": body["name"], "product_id": spec["product_id"]}, now,
                              user, bound=True)
    return jsonify({"instance_id": instance_id}), 200


@bp.route("/instances", methods=["GET"])
def list_instances(project_id):
    e = emu()
    args = request.args
    exact = query_bool("exactMatchName")
    include_failure = query_bool("includeFailure")
    now = e.clock()
    with e.store.transaction() as db:
        rows = db.execute("SELECT * FROM instances WHERE project_id = ?"
                          " ORDER BY created DESC, name", (g.project_id,)).fetchall()
        rows = [r for r in (advance(db, row, now) for row in rows) if r is not None]
    selected = []
    for row in rows:
        if args.get("engine") and args["engine"] != "kafka":
            continue
        if args.get("id") and row["id"] != args["id"]:
            continue
        if args.get("name"):
            if exact and row["name"] != args["name"]:
                continue
            if not exact and args["name"] not in row["name"]:
                continue
        if args.get("status") and row["status"] != args["status"]:
            continue
        if row["status"] == "CREATEFAILED" and not include_failure:
            continue
        selected.append(row)
    total = len(selected)
    start, limit = as_int(args.get("start")), as_int(args.get("limit"))
    if start and start > 0 and limit and limit > 0:
        selected = selected[start - 1:start - 1 + limit]
    return jsonify({"instances": [instance_view(r, listing=True) for r in selected],
                    "instance_num": total})


@bp.route("/instances/<instance_id>", methods=["GET"])
def get_instance(project_id, instance_id):
    e = emu()
    with e.store.transaction() as db:
        row = load_instance(db, instance_id, e.clock())
    return jsonify(instance_view(row))


@bp.route("/instances/<instance_id>", methods=["PUT"])
def update_instance(project_id, instance_id):
    e = emu()
    body = json_body("DMS.00400004", "DMS.00400005")
    account = e.account_for_project(g.project_id)
    window = check_update(account, body)
    with e.store.transaction() as db:
        row = load_instance(db, instance_id, e.clock())
        if row["status"] != "RUNNING":
            raise bad_request("DMS.00400026", "The instance is not running (status %s)."
                              % row["status"])
        doc = apply_update(db, row, body, account, window)
        if "retention_policy" in body:
            doc["retention_policy"] = body["retention_policy"]
        save_doc(db, instance_id, doc)
    return "", 204


def check_update(account, body, window_of=maintenance_window):
    """The checks of an instance update (v1 and v2) before any read; the window, if any."""
    if "name" in body:
        validate_name(body["name"])
    if "description" in body:
        validate_description(body["description"])
    window = window_of(body)
    if "security_group_id" in body:
        check_security_group(account, body["security_group_id"])
    if "retention_policy" in body:
        validate_retention_policy(body["retention_policy"])
    return window


def apply_update(db, row, body, account, window):
    """The stored document with an update's name, description, window, SG and enterprise
    project applied (the name is unique in the project); the caller saves it."""
    doc = json.loads(row["doc"])
    if "name" in body and body["name"] != row["name"]:
        if db.execute("SELECT 1 FROM instances WHERE project_id = ? AND name = ? AND id != ?",
                      (row["project_id"], body["name"], row["id"])).fetchone():
            raise bad_request("DMS.00400060", "The instance name already exists.")
        db.execute("UPDATE instances SET name = ? WHERE id = ?", (body["name"], row["id"]))
        doc["name"] = body["name"]
    if "description" in body:
        doc["description"] = body["description"] or ""
    if window:
        doc["maintain_begin"], doc["maintain_end"] = window
    if "security_group_id" in body:
        doc["security_group_id"] = body["security_group_id"]
        doc["security_group_name"] = account["network"]["security_group_name"]
    if "enterprise_project_id" in body:
        doc["enterprise_project_id"] = str(body["enterprise_project_id"])
    return doc


@bp.route("/instances/<instance_id>", methods=["DELETE"])
def delete_instance(project_id, instance_id):
    e = emu()
    with e.store.transaction() as db:
        row = load_instance(db, instance_id, e.clock())
        if row["status"] == "DELETING":
            return "", 204
        if row["status"] in NOT_DELETABLE:
            raise bad_request("DMS.00400099", "The instance cannot be deleted while %s."
                              % row["status"])
        lifecycle.begin_delete(e, db, row, e.clock())
    return "", 204


@bp.route("/instances/action", methods=["POST"])
def instance_action(project_id):
    e = emu()
    body = json_body("DMS.00400004", "DMS.00400005")
    action = body.get("action")
    if action not in ("restart", "delete"):
        raise bad_request("DMS.00400064", "The action must be restart or delete.")
    now = e.clock()
    if action == "delete" and body.get("allFailure") is not None:
        if body["allFailure"] != "kafka":
            raise bad_request("DMS.00400062", "allFailure must be kafka.")
        with e.store.transaction() as db:
            lifecycle.remove_failed(db, g.project_id)
        return "", 204
    results = batch(e, body.get("instances"), action, load_instance, now,
                    can_restart=lambda status: status == "RUNNING",
                    can_delete=lambda status: status not in NOT_DELETABLE)
    return jsonify({"results": results})


def batch(e, ids, action, load, now, can_restart, can_delete):
    """The per-instance results of a batch restart or delete (v1 and v2): ``failed`` for an
    unknown id or a state the action is not allowed in; a DELETING instance counts as deleted."""
    if not isinstance(ids, list) or not ids:
        raise bad_request("DMS.00400065", "The instances list is empty.")
    if len(ids) > MAX_BATCH_INSTANCES:
        raise bad_request("DMS.00400100", "At most %d instances per request."
                          % MAX_BATCH_INSTANCES)
    results = []
    with e.store.transaction() as db:
        for instance_id in ids:
            try:
                row = load(db, str(instance_id), now)
            except ApiError:
                row = None
            if row is not None and action == "restart" and can_restart(row["status"]):
                lifecycle.restart(e, db, row, now, e.account_for_user(g.user_id)["user"])
            elif row is not None and action == "delete" and (
                    row["status"] == "DELETING" or can_delete(row["status"])):
                if row["status"] != "DELETING":
                    lifecycle.begin_delete(e, db, row, now)
            else:
                results.append({"result": "failed", "instance": instance_id})
                continue
            results.append({"result": "success", "instance": instance_id})
    return results


# -- topics ------------------------------------------------------------------------------

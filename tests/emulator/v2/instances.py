"""Kafka instances on v2: create, list, read, update, delete, batch restart/delete, extend and
its options, cross-VPC addresses, the initial user's password, automatic topic creation.

One stored document per instance serves v1 and v2: the v1 fields as v1 shows them, the v2-only
ones under ``_internal["v2"]``; an instance created through v1 is shown here with the values v2
gives old flavours (see the README).
"""

import hashlib
import json
import uuid

from flask import Blueprint, g, jsonify, request

from .. import lifecycle
from ..errors import bad_request, not_found
from ..util import as_int, check_new_name_and_quota, emu, json_body, query_bool
from ..v1 import reference as v1_reference
from ..v1.instances import (apply_update, batch, broker_addresses, check_network, check_update,
                            validate_description, validate_name,
                            validate_retention_policy)
from . import common, rules
from .reference import (ENGINE_VERSIONS, FLAVOURS, IO_SPECS, instance_type, is_single,
                        product_entry)

bp = Blueprint("v2_instances", __name__)
bp.before_request(common.authenticate)

SECURITY_PROTOCOLS = ("SASL_SSL", "SASL_PLAINTEXT")
SASL_MECHANISMS = ("PLAIN", "SCRAM-SHA-512")
DELETABLE = ("RUNNING", "ERROR", "CREATEFAILED", "FROZEN")
RESTARTABLE = ("RUNNING", "ERROR")
MAX_EXTENSIONS = 20
CROSS_VPC_PORT = 9011
FALSE_FIELDS = ("broker_ssl_enable", "ssl_two_way_enable", "cert_replaced", "new_auth_cert",
                "connector_enable", "rest_enable", "ipv6_enable", "dr_enable",
                "enable_log_collection", "trace_enable", "agent_enable")


# -- the v2 view ---------------------------------------------------------------------------

def extra(doc):
    return lifecycle.internal(doc).setdefault("v2", {})


def brokers_of(doc):
    return lifecycle.brokers_of(doc)


def broker_count(doc):
    return len(lifecycle.brokers_of(doc))


def flavour_of(doc):
    return FLAVOURS.get(doc.get("product_id"))


def port_id(instance_id, ip):
    digest = hashlib.sha256(("%s/%s" % (instance_id, ip)).encode()).hexdigest()
    return "%s-%s-%s-%s-%s" % (digest[:8], digest[8:12], digest[12:16], digest[16:20],
                               digest[20:32])


def cross_vpc(doc, v2):
    advertised = v2.get("advertised", {})
    return {ip: {"advertised_ip": advertised.get(ip, ip), "port": CROSS_VPC_PORT,
                 "port_id": port_id(doc["instance_id"], ip)} for ip in brokers_of(doc)}


def view(e, row):
    """The instance as GET /v2/{project_id}/instances/{id} shows it."""
    doc = json.loads(row["doc"])
    state = doc.pop("_internal", {})
    v2 = state.get("v2", {})
    out = dict(doc)
    out["status"], out["name"] = row["status"], row["name"]
    ips = brokers_of(doc)
    ssl = bool(doc.get("ssl_enable"))
    flavour = flavour_of(doc)
    brokers = broker_count(doc)
    names = {z["id"]: z["name"] for z in e.zones}
    out.update({
        "broker_num": brokers, "node_num": brokers,
        "kafka_private_connect_address": ",".join("%s:%d" % (ip, doc["port"]) for ip in ips),
        "cross_vpc_info": json.dumps(cross_vpc(doc, v2), separators=(",", ":")),
        "available_zone_names": [names.get(z, z) for z in doc.get("available_zones", [])],
        "kafka_security_protocol": v2.get("kafka_security_protocol", "SASL_SSL"),
        "sasl_enabled_mechanisms": (v2.get("sasl_enabled_mechanisms", ["PLAIN"])
                                    if ssl else []),
        "public_access_enabled": "true" if doc.get("enable_publicip") else "false",
        "enable_acl": ssl, "enable_auto_topic": bool(v2.get("enable_auto_topic", False)),
        "type": instance_type(flavour) if flavour else "cluster",
        "management_connect_address": "" if flavour or not ips else "https://%s:9999" % ips[0],
        "pod_connect_address": ",".join("100.86.%s:9080" % ip.split(".", 2)[2] for ip in ips),
        "rest_connect_address": "", "connector_node_num": v2.get("connector_node_num", 0),
        "disk_encrypted": bool(v2.get("disk_encrypted", False)),
        "disk_encrypted_key": v2.get("disk_encrypted_key", ""),
        "ipv6_connect_addresses": [], "ces_version": "linux",
        "new_spec_billing_enable": bool(flavour), "extend_times": v2.get("extend_times", 0),
    })
    for key in FALSE_FIELDS:
        out.setdefault(key, False)
    out["connector_enable"] = bool(v2.get("connector_enable", False))
    if not e.config.auto_topic_field:
        # The OTC API reference does not list the field (Huawei Cloud's does): a client must
        # cope without it (contract 3.3).
        del out["enable_auto_topic"]
    return out


def save(db, row, doc):
    lifecycle.save_doc(db, row["id"], doc)


# -- create ------------------------------------------------------------------------------

def check_zones(e, flavour, value):
    zones = []
    for item in value if isinstance(value, list) else []:
        zones.extend(z.strip() for z in str(item).split(",") if z.strip())
    if not zones:
        raise bad_request("DMS.00400067", "available_zones must list the AZ ids.")
    if is_single(flavour) and len(zones) != 1:
        raise bad_request("DMS.00400067", "A single-node instance is in exactly one AZ.")
    if len(zones) == 2:
        raise bad_request("DMS.00400067", "A cluster is in one AZ or in at least three.")
    by_id = {z["id"]: z for z in e.zones}
    sold_out = e.sold_out.get(flavour["product_id"], set())
    for zone_id in zones:
        if zone_id not in by_id:
            raise bad_request("DMS.00400042", "The AZ %s does not exist." % zone_id)
        if by_id[zone_id]["soldOut"] or by_id[zone_id]["code"] in sold_out:
            raise bad_request("DMS.00400055", "%s is sold out in %s."
                              % (flavour["product_id"], by_id[zone_id]["code"]))
    return zones


def storage_range(e, flavour, brokers):
    return brokers * e.config.min_storage_per_node, brokers * flavour["max_storage_per_node"]


def check_storage(e, flavour, brokers, total):
    low, high = storage_range(e, flavour, brokers)
    if total is None or not low <= total <= high or (
            e.config.strict_storage_multiple and total % brokers):
        raise bad_request("DMS.00400500", "storage_space must be %d-%d GB for %d brokers of %s%s."
                          % (low, high, brokers, flavour["product_id"],
                             ", a multiple of the broker count"
                             if e.config.strict_storage_multiple else ""))


def validate_create(e, account, body):
    validate_name(body.get("name"))
    validate_description(body.get("description"))
    if body.get("engine") != "kafka":
        raise bad_request("DMS.00400007", "The engine must be kafka.")
    flavour = FLAVOURS.get(body.get("product_id"))
    if flavour is None:
        raise bad_request("DMS.00400009", "The product ID %r is not a v2 flavour."
                          % body.get("product_id"))
    if body.get("engine_version") not in flavour["engine_versions"]:
        raise bad_request("DMS.00400008", "engine_version must be one of %s for %s."
                          % (", ".join(flavour["engine_versions"]), flavour["product_id"]))
    brokers = as_int(body.get("broker_num"))
    if brokers is None or not flavour["min_broker"] <= brokers <= flavour["max_broker"]:
        raise common.invalid("broker_num must be %d-%d for %s." % (
            flavour["min_broker"], flavour["max_broker"], flavour["product_id"]))
    storage = as_int(body.get("storage_space"))
    check_storage(e, flavour, brokers, storage)
    if body.get("storage_spec_code") not in IO_SPECS:
        raise bad_request("DMS.00400125", "storage_spec_code must be one of %s."
                          % ", ".join(IO_SPECS))
    check_network(account, body)
    zones = check_zones(e, flavour, body.get("available_zones"))
    ssl = rules.flag(body, "ssl_enable")
    if ssl and is_single(flavour) and e.config.single_node_sasl == "reject":
        raise common.conflict("Ciphertext access is unavailable for single-node instances.")
    protocol = body.get("kafka_security_protocol") or "SASL_SSL"
    if protocol not in SECURITY_PROTOCOLS:
        raise common.invalid("kafka_security_protocol must be SASL_SSL or SASL_PLAINTEXT.")
    mechanisms = body.get("sasl_enabled_mechanisms") or ["PLAIN"]
    if (not isinstance(mechanisms, list) or not set(mechanisms) <= set(SASL_MECHANISMS)
            or len(set(mechanisms)) != len(mechanisms)):
        raise common.invalid("sasl_enabled_mechanisms must be a non-empty subset of PLAIN,"
                             " SCRAM-SHA-512.")
    user = body.get("access_user")
    if ssl:
        if not isinstance(user, str) or not rules.SASL_NAME_RE.match(user):
            raise bad_request("DMS.00400015", "access_user must be 4-64 characters, starting with"
                              " a letter; letters, digits, hyphens and underscores only.")
        rules.password(body.get("password"), user)
    window = rules.maintenance_window(body) or ("02:00:00", "06:00:00")
    policy = body.get("retention_policy") or "time_base"
    validate_retention_policy(policy)
    public = rules.flag(body, "enable_publicip")
    if public:
        ids = [i for i in str(body.get("publicip_id") or "").split(",") if i.strip()]
        if len(ids) != brokers:
            raise bad_request("DMS.00400128", "Public access needs publicip_id with one EIP id"
                              " per broker (%d)." % brokers)
    if rules.flag(body, "ipv6_enable"):
        raise bad_request("DMS.00400049", "The subnet does not support IPv6.")
    encrypted = rules.flag(body, "disk_encrypted_enable")
    if encrypted and not body.get("disk_encrypted_key"):
        raise bad_request("DMS.00400136", "disk_encrypted_key is required with disk encryption.")
    connector = rules.flag(body, "connector_enable")
    if connector and is_single(flavour):
        raise common.conflict("Smart Connect is unavailable for single-node instances.")
    if body.get("arch_type") not in (None, "X86"):
        raise common.invalid("arch_type must be X86.")
    bss = body.get("bss_param")
    if isinstance(bss, dict) and str(bss.get("charging_mode", "")).lower() == "prepaid":
        raise common.invalid("Only pay-per-use instances can be created here.")
    return {"flavour": flavour, "brokers": brokers, "storage": storage, "zones": zones,
            "ssl": ssl, "protocol": protocol, "mechanisms": mechanisms, "window": window,
            "policy": policy, "public": public, "encrypted": encrypted, "connector": connector,
            "auto_topic": rules.flag(body, "enable_auto_topic"),
            "tags": rules.tags(body.get("tags") or [])}


@bp.route("/v2/<engine>/<project_id>/instances", methods=["POST"])
def create_instance(engine, project_id):
    e = emu()
    if engine != "kafka":
        raise not_found("DMS.00404001", "The URL does not exist.")
    body = json_body("DMS.00400004", "DMS.00400005")
    account = e.account_for_project(g.project_id)
    checked = validate_create(e, account, body)
    flavour, brokers = checked["flavour"], checked["brokers"]
    now = e.clock()
    with e.store.transaction() as db:
        lifecycle.settle_due(e, db, g.project_id, now)
        check_new_name_and_quota(
            db, "instances", g.project_id, body["name"], e.config.instance_quota,
            ("DMS.00400060", "The instance name already exists."),
            ("DMS.00400035", "The instance quota is insufficient."))
        instance_id = str(uuid.uuid4())
        user = common.user_of_request()
        network = account["network"]
        ips = broker_addresses(account, instance_id, brokers)
        port = 9093 if checked["ssl"] else 9092
        doc = {
            "name": body["name"], "description": body.get("description") or "",
            "engine": "kafka", "engine_version": body["engine_version"],
            "specification": "%s*%d" % (flavour["alias"], brokers),
            "storage_space": round(checked["storage"] * e.config.storage_usable_ratio),
            "total_storage_space": checked["storage"], "used_storage_space": 0,
            "partition_num": str(flavour["partitions_per_broker"] * brokers),
            "connect_address": ",".join(ips), "port": port,
            "status": "CREATING", "instance_id": instance_id, "resource_spec_code": "",
            "type": instance_type(flavour), "charging_mode": 1,
            "vpc_id": network["vpc_id"], "vpc_name": network["vpc_name"],
            "created_at": str(int(now * 1000)), "product_id": flavour["product_id"],
            "security_group_id": network["security_group_id"],
            "security_group_name": network["security_group_name"],
            "subnet_id": network["subnet_id"], "subnet_name": network["subnet_name"],
            "subnet_cidr": network["subnet_cidr"], "available_zones": checked["zones"],
            "user_id": user["id"], "user_name": user["name"],
            "access_user": body["access_user"] if checked["ssl"] else "",
            "maintain_begin": checked["window"][0], "maintain_end": checked["window"][1],
            "enable_publicip": checked["public"], "ssl_enable": checked["ssl"],
            "storage_resource_id": str(uuid.uuid4()),
            "storage_spec_code": body["storage_spec_code"], "service_type": "advanced",
            "storage_type": "hec", "retention_policy": checked["policy"],
            "kafka_public_status": "true" if checked["public"] else "closed",
            "public_bandwidth": 0, "disk_encrypted": checked["encrypted"],
            "enterprise_project_id": str(body.get("enterprise_project_id") or "0"),
            "tags": checked["tags"],
        }
        if checked["public"]:
            doc["public_connect_address"] = ",".join(
                "80.158.%d.%d:%d" % (int(ip.rsplit(".", 1)[1]) % 250, i + 10,
                                     9095 if checked["ssl"] else 9094)
                for i, ip in enumerate(ips))
        extra(doc).update({
            "kafka_security_protocol": checked["protocol"],
            "sasl_enabled_mechanisms": list(checked["mechanisms"]),
            "enable_auto_topic": checked["auto_topic"],
            "disk_encrypted": checked["encrypted"],
            "disk_encrypted_key": body.get("disk_encrypted_key", "") if checked["encrypted"]
            else "", "connector_enable": checked["connector"],
            "connector_node_num": 2 if checked["connector"] else 0,
        })
        end = lifecycle.take_failure(e, "create") or "RUNNING"
        db.execute("INSERT INTO instances (id, project_id, name, status, status_until,"
                   " next_status, created, doc) VALUES (?, ?, ?, 'CREATING', ?, ?, ?, ?)",
                   (instance_id, g.project_id, body["name"], now + e.config.instance_delay, end,
                    now, json.dumps(doc)))
        lifecycle.record_task(e, db, instance_id, "createInstance",
                              {"name": body["name"], "product_id": flavour["product_id"]},
                              now, user, bound=True)
    return jsonify({"instance_id": instance_id})


# -- list, get, update, delete -------------------------------------------------------------

@bp.route("/v2/<project_id>/instances", methods=["GET"])
def list_instances(project_id):
    e = emu()
    args = request.args
    offset, limit = common.page()
    exact = query_bool("exact_match_name")
    include_failure = query_bool("include_failure")
    now = e.clock()
    with e.store.transaction() as db:
        rows = db.execute("SELECT * FROM instances WHERE project_id = ?"
                          " ORDER BY created DESC, name", (g.project_id,)).fetchall()
        rows = [r for r in (lifecycle.settle(e, db, row, now) for row in rows) if r is not None]
        views = [view(e, r) for r in rows]
    selected = []
    for item in views:
        if args.get("engine") and args["engine"] != "kafka":
            continue
        if args.get("instance_id") and item["instance_id"] != args["instance_id"]:
            continue
        if args.get("name") and not (item["name"] == args["name"] if exact
                                     else args["name"] in item["name"]):
            continue
        if args.get("status") and item["status"] != args["status"]:
            continue
        if item["status"] == "CREATEFAILED" and not include_failure:
            continue
        if (args.get("enterprise_project_id")
                and item["enterprise_project_id"] != args["enterprise_project_id"]):
            continue
        selected.append(item)
    return jsonify({"instances": selected[offset:offset + limit], "instance_num": len(selected)})


@bp.route("/v2/<project_id>/instances/<instance_id>", methods=["GET"])
def get_instance(project_id, instance_id):
    e = emu()
    with e.store.transaction() as db:
        row = common.load(db, instance_id)
        return jsonify(view(e, row))


@bp.route("/v2/<project_id>/instances/<instance_id>", methods=["PUT"])
def update_instance(project_id, instance_id):
    e = emu()
    body = json_body("DMS.00400004", "DMS.00400005")
    account = e.account_for_project(g.project_id)
    window = check_update(account, body, rules.maintenance_window)
    now = e.clock()
    with e.store.transaction() as db:
        row = common.for_writing(db, instance_id)
        doc = apply_update(db, row, body, account, window)
        policy = body.get("retention_policy")
        if policy and policy != doc.get("retention_policy"):
            lifecycle.record_task(e, db, instance_id, "changeRetentionPolicy",
                                  {"new_retention_policy": policy,
                                   "origin_retention_policy": doc.get("retention_policy")},
                                  now, common.user_of_request())
            doc["retention_policy"] = policy
        save(db, row, doc)
    return "", 204


@bp.route("/v2/<project_id>/instances/<instance_id>", methods=["DELETE"])
def delete_instance(project_id, instance_id):
    e = emu()
    with e.store.transaction() as db:
        row = common.load(db, instance_id)
        if row["status"] == "DELETING":
            return "", 204
        if row["status"] not in DELETABLE:
            raise common.not_allowed(row)
        lifecycle.begin_delete(e, db, row, e.clock())
    return "", 204


@bp.route("/v2/<project_id>/instances/action", methods=["POST"])
def instance_action(project_id):
    e = emu()
    body = json_body("DMS.00400004", "DMS.00400005")
    action = body.get("action")
    if action not in ("restart", "delete"):
        raise bad_request("DMS.00400064", "The action must be restart or delete.")
    now = e.clock()
    if body.get("all_failure") is not None:
        if action != "delete" or body["all_failure"] != "kafka":
            raise common.invalid("all_failure is only for delete, with the value kafka.")
        with e.store.transaction() as db:
            lifecycle.remove_failed(db, g.project_id)
        return "", 204
    results = batch(e, body.get("instances"), action, common.load, now,
                    can_restart=lambda status: status in RESTARTABLE,
                    can_delete=lambda status: status in DELETABLE)
    return jsonify({"results": results})


# -- extend ----------------------------------------------------------------------------------

def upgrades(flavour):
    """The flavours an instance of ``flavour`` may move to: itself and faster clusters."""
    if flavour is None or is_single(flavour):
        return [flavour] if flavour else []
    return [flavour] + sorted((f for f in FLAVOURS.values()
                               if not is_single(f) and f["tps"] > flavour["tps"]),
                              key=lambda f: f["tps"])


def plan_extend(e, account, row, doc, body):
    """The document fields an extension changes, validated; 400 in the API's words."""
    kind = body.get("oper_type")
    flavour = flavour_of(doc)
    brokers = broker_count(doc)
    total = doc["total_storage_space"]
    if kind not in ("storage", "horizontal", "vertical"):
        raise common.invalid("oper_type must be storage, horizontal or vertical.")
    if flavour and is_single(flavour):
        raise common.conflict("Specifications of single-node instances cannot be modified.")
    if flavour is None and kind != "storage":
        raise common.conflict("Instances of old flavours can only grow their storage.")
    if kind == "storage" and extra(doc).get("extend_times", 0) >= MAX_EXTENSIONS:
        raise bad_request("DMS.00400124", "The storage of an instance can grow %d times at most."
                          % MAX_EXTENSIONS)
    max_per_broker = (flavour["max_storage_per_node"] if flavour
                      else v1_reference.SPECS_BY_PRODUCT[doc["product_id"]]["max_storage"]
                      // brokers)
    changes = {}
    if kind == "storage":
        new_total = as_int(body.get("new_storage_space"))
        if new_total is None:
            raise common.invalid("new_storage_space is required.")
        step = e.config.min_storage_step * brokers
        if (new_total < total + step or new_total > brokers * max_per_broker
                or (e.config.strict_storage_multiple and new_total % brokers)):
            raise bad_request("DMS.00400500", "new_storage_space must be %d-%d GB (at least %d GB"
                              " per broker more, a multiple of %d)."
                              % (total + step, brokers * max_per_broker,
                                 e.config.min_storage_step, brokers))
        changes["total_storage_space"] = new_total
    elif kind == "horizontal":
        new_brokers = as_int(body.get("new_broker_num"))
        if new_brokers is None:
            raise common.invalid("new_broker_num is required.")
        if not brokers < new_brokers <= flavour["max_broker"]:
            raise bad_request("DMS.00400800", "new_broker_num must be %d-%d."
                              % (brokers + 1, flavour["max_broker"]))
        per_broker = total // brokers
        new_total = new_brokers * per_broker
        if body.get("new_storage_space") is not None and \
                as_int(body["new_storage_space"]) != new_total:
            raise bad_request("DMS.00400500", "With %d brokers of %d GB each, new_storage_space"
                              " is %d." % (new_brokers, per_broker, new_total))
        added = new_brokers - brokers
        ips = brokers_of(doc)
        wanted = body.get("tenant_ips") or []
        prefix = account["network"]["subnet_cidr"].rsplit(".", 1)[0] + "."
        if (not isinstance(wanted, list) or len(wanted) > added
                or any(not str(ip).startswith(prefix) or ip in ips for ip in wanted)
                or len(set(wanted)) != len(wanted)):
            raise bad_request("DMS.00400800", "tenant_ips: at most %d unused addresses in %s."
                              % (added, account["network"]["subnet_cidr"]))
        if doc.get("enable_publicip"):
            eips = [i for i in str(body.get("publicip_id") or "").split(",") if i.strip()]
            if len(eips) != added:
                raise bad_request("DMS.00400128", "publicip_id must hold %d EIP ids." % added)
        new_ips = list(wanted)
        candidates = (broker_addresses(account, row["id"] + str(n), 1)[0] for n in range(1000))
        for ip in candidates:
            if len(new_ips) == added:
                break
            if ip not in ips and ip not in new_ips:
                new_ips.append(ip)
        changes.update({"total_storage_space": new_total,
                        "connect_address": ",".join(ips + new_ips),
                        "partition_num": str(flavour["partitions_per_broker"] * new_brokers),
                        "specification": "%s*%d" % (flavour["alias"], new_brokers)})
    else:
        target = FLAVOURS.get(body.get("new_product_id"))
        if target is None or target not in upgrades(flavour)[1:]:
            raise bad_request("DMS.00400009", "new_product_id must be one of %s."
                              % ", ".join(f["product_id"] for f in upgrades(flavour)[1:]))
        changes.update({"product_id": target["product_id"],
                        "partition_num": str(target["partitions_per_broker"] * brokers),
                        "specification": "%s*%d" % (target["alias"], brokers)})
    if "total_storage_space" in changes:
        changes["storage_space"] = round(changes["total_storage_space"]
                                         * e.config.storage_usable_ratio)
    return changes


@bp.route("/v2/<engine>/<project_id>/instances/<instance_id>/extend", methods=["POST"])
def extend(engine, project_id, instance_id):
    e = emu()
    if engine != "kafka":
        raise not_found("DMS.00404001", "The URL does not exist.")
    body = json_body("DMS.00400004", "DMS.00400005")
    account = e.account_for_project(g.project_id)
    now = e.clock()
    with e.store.transaction() as db:
        row = common.for_writing(db, instance_id)
        doc = lifecycle.load_doc(row)
        changes = plan_extend(e, account, row, doc, body)
        v2 = {}  # the broker count is the number of broker addresses
        if body.get("oper_type") == "storage":
            v2["extend_times"] = extra(doc).get("extend_times", 0) + 1
        changes = {"doc": changes, "v2": v2}
        end = lifecycle.take_failure(e, "extend") or "RUNNING"
        lifecycle.start_transition(db, row, now, "EXTENDING", e.config.extend_delay, "extend",
                                   apply=changes, end=end)
        job = lifecycle.record_task(e, db, row["id"], "extendInstance", body, now,
                                    common.user_of_request(), bound=True)
    return jsonify({"job_id": job})


@bp.route("/v2/<engine>/<project_id>/instances/<instance_id>/extend", methods=["GET"])
def extend_options(engine, project_id, instance_id):
    e = emu()
    if engine != "kafka":
        raise not_found("DMS.00404001", "The URL does not exist.")
    if request.args.get("type", "advanced") != "advanced":
        raise common.invalid("type must be advanced.")
    with e.store.transaction() as db:
        row = common.load(db, instance_id)
        doc = lifecycle.load_doc(row)
    flavour = flavour_of(doc)
    io = (doc["storage_spec_code"],) if doc["storage_spec_code"] in IO_SPECS else IO_SPECS
    products = [product_entry(e, f, io, extend_view=True) for f in upgrades(flavour)]
    return jsonify({"engine": "kafka", "versions": list(ENGINE_VERSIONS), "products": products})


# -- cross-VPC addresses, password, automatic topic creation -------------------------------

@bp.route("/v2/<project_id>/instances/<instance_id>/crossvpc/modify", methods=["POST"])
def modify_cross_vpc(project_id, instance_id):
    e = emu()
    body = json_body("DMS.00400004", "DMS.00400005")
    contents = body.get("advertised_ip_contents")
    if not isinstance(contents, dict) or not contents:
        raise common.invalid("advertised_ip_contents must map listener IPs to addresses.")
    with e.store.transaction() as db:
        row = common.for_writing(db, instance_id)
        doc = lifecycle.load_doc(row)
        ips = brokers_of(doc)
        advertised = extra(doc).setdefault("advertised", {})
        results = []
        for ip, address in contents.items():
            ok = ip in ips and isinstance(address, str) and bool(address)
            if ok:
                advertised[ip] = address
            results.append({"advertised_ip": address, "success": ok, "ip": ip})
        save(db, row, doc)
    return jsonify({"success": all(r["success"] for r in results), "results": results})


@bp.route("/v2/<project_id>/instances/<instance_id>/password", methods=["POST"])
def reset_password(project_id, instance_id):
    e = emu()
    body = json_body("DMS.00400004", "DMS.00400005")
    with e.store.transaction() as db:
        row = common.load(db, instance_id)
        doc = lifecycle.load_doc(row)
        if not doc.get("ssl_enable"):
            raise bad_request("DMS.00400971", "The instance ssl is off.")
        if row["status"] != "RUNNING":
            raise common.not_allowed(row)
        if (flavour_of(doc) or {}).get("type") == "single":
            raise common.conflict("Single-node instances do not support password resets.")
        if body.get("new_password") is None:
            raise common.invalid("new_password is required.")
        rules.password(body["new_password"], doc.get("access_user"))
    return "", 204


@bp.route("/v2/<project_id>/instances/<instance_id>/autotopic", methods=["POST"])
def auto_topic(project_id, instance_id):
    e = emu()
    body = json_body("DMS.00400004", "DMS.00400005")
    if body.get("enable_auto_topic") is None:
        raise common.invalid("enable_auto_topic is required.")
    wanted = rules.flag(body, "enable_auto_topic")
    now = e.clock()
    with e.store.transaction() as db:
        row = common.for_writing(db, instance_id)
        doc = lifecycle.load_doc(row)
        current = bool(extra(doc).get("enable_auto_topic", False))
        effect = {"v2": {"enable_auto_topic": wanted}}
        params = {"old_auto_status": current, "new_auto_status": wanted}
        if e.config.autotopic_restarts:
            lifecycle.start_transition(db, row, now, "RESTARTING", e.config.instance_delay,
                                       "restart", apply=effect)
            lifecycle.record_task(e, db, row["id"], "modifyAutoTopic", params, now,
                                  common.user_of_request(), bound=True)
        else:
            lifecycle.record_task(e, db, row["id"], "modifyAutoTopic", params, now,
                                  common.user_of_request(), effect=effect)
    return "", 200

"""SASL users (v2) and topic permissions (ACLs, served on /v1/{project_id}).

The initial user is the instance's ``access_user``: listed first, never deletable. Users and
ACLs need SASL (``ssl_enable``) and are refused on single-node instances.
"""

from flask import Blueprint, jsonify

from .. import lifecycle
from ..errors import bad_request
from ..util import emu, json_body
from . import common, rules
from .configs import effective
from .instances import bp, flavour_of
from .topics import existing_topic

acl_bp = Blueprint("v2_acl", __name__)
acl_bp.before_request(common.authenticate)

POLICIES = ("all", "pub", "sub")
MAX_DESCRIPTION = 200


def sasl_instance(db, instance_id, write):
    """The instance row when users may be read (or, with ``write``, changed) on it."""
    row = common.for_writing(db, instance_id) if write else common.for_reading(db, instance_id)
    doc = lifecycle.load_doc(row)
    if not doc.get("ssl_enable"):
        raise bad_request("DMS.00400971", "The instance ssl is off.")
    if write and (flavour_of(doc) or {}).get("type") == "single":
        raise common.conflict("Single-node instances do not support user management.")
    return row, doc


def users_of(db, row, doc):
    """The initial user first, then the others by creation time."""
    initial = {"user_name": doc["access_user"], "user_desc": "", "role": "guest",
               "default_app": True, "created_time": int(row["created"] * 1000)}
    others = [{"user_name": u["name"], "user_desc": u["description"], "role": "guest",
               "default_app": False, "created_time": int(u["created"] * 1000)}
              for u in db.execute("SELECT * FROM kafka_users WHERE instance_id = ?"
                                  " ORDER BY created, name", (row["id"],))]
    return [initial] + others


@bp.route("/v2/<project_id>/instances/<instance_id>/users", methods=["POST"])
def create_user(project_id, instance_id):
    e = emu()
    body = json_body("DMS.00400004", "DMS.00400005")
    name, secret = body.get("user_name"), body.get("user_passwd")
    if name is None or secret is None:
        raise common.invalid("user_name and user_passwd are required.")
    if not isinstance(name, str) or not rules.SASL_NAME_RE.match(name):
        raise bad_request("DMS.00400015", "The user name is invalid: 4-64 characters, starting"
                          " with a letter; letters, digits, '_' and '-'.")
    rules.password(secret, name)
    desc = body.get("user_desc") or ""
    if not isinstance(desc, str) or len(desc) > MAX_DESCRIPTION:
        raise common.invalid("user_desc must be at most %d characters." % MAX_DESCRIPTION)
    with e.store.transaction() as db:
        row, doc = sasl_instance(db, instance_id, write=True)
        users = users_of(db, row, doc)
        if any(u["user_name"] == name for u in users):
            raise common.conflict("The user %s already exists." % name)
        if len(users) >= e.config.max_users:
            raise bad_request("DMS.00400039", "The quota limit has been reached (%d users)."
                              % e.config.max_users)
        db.execute("INSERT INTO kafka_users (instance_id, name, description, created)"
                   " VALUES (?, ?, ?, ?)", (row["id"], name, desc, e.clock()))
    return "", 204


@bp.route("/v2/<project_id>/instances/<instance_id>/users", methods=["GET"])
def list_users(project_id, instance_id):
    e = emu()
    with e.store.transaction() as db:
        row, doc = sasl_instance(db, instance_id, write=False)
        return jsonify({"users": users_of(db, row, doc)})


@bp.route("/v2/<project_id>/instances/<instance_id>/users/<user_name>", methods=["PUT"])
def reset_user_password(project_id, instance_id, user_name):
    e = emu()
    body = json_body("DMS.00400004", "DMS.00400005")
    if body.get("new_password") is None:
        raise common.invalid("new_password is required.")
    with e.store.transaction() as db:
        row, doc = sasl_instance(db, instance_id, write=True)
        if not any(u["user_name"] == user_name for u in users_of(db, row, doc)):
            raise common.conflict("The user %s does not exist." % user_name)
        rules.password(body["new_password"], user_name)
    return "", 204


@bp.route("/v2/<project_id>/instances/<instance_id>/users", methods=["PUT"])
def delete_users(project_id, instance_id):
    e = emu()
    body = json_body("DMS.00400004", "DMS.00400005")
    names = body.get("users")
    if body.get("action") != "delete" or not isinstance(names, list) or not names:
        raise common.invalid("The body must be {\"action\": \"delete\", \"users\": [names]}.")
    with e.store.transaction() as db:
        row, doc = sasl_instance(db, instance_id, write=True)
        if doc["access_user"] in names:
            raise common.conflict("The initial user %s cannot be deleted." % doc["access_user"])
        for name in names:
            db.execute("DELETE FROM kafka_users WHERE instance_id = ? AND name = ?",
                       (row["id"], str(name)))
            db.execute("DELETE FROM acls WHERE instance_id = ? AND user_name = ?",
                       (row["id"], str(name)))
    return "", 204


# -- topic permissions (/v1/{project_id}) ------------------------------------------------------

def acl_instance(db, instance_id, write):
    row = common.for_writing(db, instance_id) if write else common.for_reading(db, instance_id)
    doc = lifecycle.load_doc(row)
    if not doc.get("ssl_enable"):
        raise bad_request("DMS.00400971", "The instance ssl is off.")
    if (flavour_of(doc) or {}).get("type") == "single":
        raise common.conflict("Single-node instances do not support topic permissions.")
    return row, doc


def policies_of(db, instance_id, topic):
    return [{"owner": False, "user_name": p["user_name"], "access_policy": p["policy"]}
            for p in db.execute("SELECT * FROM acls WHERE instance_id = ? AND topic = ?"
                                " ORDER BY seq", (instance_id, topic))]


@acl_bp.route("/v1/<project_id>/instances/<instance_id>/topics/accesspolicy",
              methods=["POST"])
def grant(project_id, instance_id):
    e = emu()
    body = json_body("DMS.00400004", "DMS.00400005")
    topics = body.get("topics")
    if not isinstance(topics, list) or not topics:
        raise common.invalid("topics must be a non-empty list of {name, policies}.")
    now = e.clock()
    with e.store.transaction() as db:
        row, doc = acl_instance(db, instance_id, write=True)
        users = {u["user_name"] for u in users_of(db, row, doc)}
        planned = []
        for item in topics:  # all-or-nothing: check everything first
            if not isinstance(item, dict) or not isinstance(item.get("policies"), list):
                raise common.invalid("Each topic needs a name and a policies list.")
            existing_topic(db, row["id"], item.get("name"))
            seen = set()
            for policy in item["policies"]:
                if not isinstance(policy, dict) or policy.get("access_policy") not in POLICIES:
                    raise common.invalid("access_policy must be all, pub or sub.")
                user = policy.get("user_name")
                if user not in users:
                    raise common.conflict("The user %s does not exist." % user)
                if user in seen:
                    raise common.conflict("The user %s is given twice for topic %s."
                                          % (user, item["name"]))
                seen.add(user)
            planned.append(item)
        for item in planned:
            db.execute("DELETE FROM acls WHERE instance_id = ? AND topic = ?",
                       (row["id"], item["name"]))
            for seq, policy in enumerate(item["policies"]):
                db.execute("INSERT INTO acls (instance_id, topic, user_name, policy, seq)"
                           " VALUES (?, ?, ?, ?, ?)", (row["id"], item["name"],
                                                       policy["user_name"],
                                                       policy["access_policy"], seq))
        lifecycle.record_task(e, db, row["id"], "updateTopicAccessPolicy",
                              {"topics": [i["name"] for i in planned]}, now,
                              common.user_of_request())
    return "", 204


@acl_bp.route("/v1/<project_id>/instances/<instance_id>/topics/<topic>/accesspolicy",
              methods=["GET"])
def query(project_id, instance_id, topic):
    e = emu()
    with e.store.transaction() as db:
        row, doc = acl_instance(db, instance_id, write=False)
        existing_topic(db, row["id"], topic)
        return jsonify({"name": topic, "topic_type": 0,
                        "policies": policies_of(db, row["id"], topic)})


def authorize(db, row, doc, user, topic, operation):
    """Contract 7.3: may ``user`` publish (pub) or subscribe (sub) to ``topic``?"""
    if user == doc.get("access_user"):
        return True, "initial user"
    if not any(u["user_name"] == user for u in users_of(db, row, doc)):
        return False, "unknown user"
    policies = policies_of(db, row["id"], topic)
    for policy in policies:
        if policy["user_name"] == user and policy["access_policy"] in ("all", operation):
            return True, "policy %s" % policy["access_policy"]
    if not policies and effective(doc, "allow.everyone.if.no.acl.found") == "true":
        return True, "no ACL on the topic and allow.everyone.if.no.acl.found"
    return False, "no matching policy"


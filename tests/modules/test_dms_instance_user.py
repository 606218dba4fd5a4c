"""dms_instance_user, dms_instance_user_info and dms_instance_topic_permission (DMS for Kafka v2),
run as Ansible runs them, against the emulator."""

import json

import pytest

from support.ansible_run import dms_requests, tuned_clouds
from support.kafka_args import network
from support.kafka_v2 import (
    az_ids, bodies, drop_instance, make_instance, make_topics, make_v1_instance, reads,
    wait_for_log, writes)
from v2_support import V2, sasl

PASSWORDS = ("Billing-Pass-301", "Report-Pass-402", "Rotated-Pass-503")
HINT = ("The API cannot change a user's description: it is set when the user is created. "
        "Deleting and creating the user again would drop its topic permissions, so the module "
        "does not do it; delete the user yourself (state=absent) if that is what you want.")


@pytest.fixture
def kafka(emu):
    """A RUNNING SASL cluster (initial user root), deleted afterwards."""
    made = make_instance(emu, **sasl())
    emu.reset_requests()
    yield made
    drop_instance(emu, made)


@pytest.fixture
def plain(emu):
    made = make_instance(emu)
    emu.reset_requests()
    yield made
    drop_instance(emu, made)


def raw_users(kafka):
    return {u["user_name"]: u for u in kafka["v2"].ok(
        "GET", "/instances/%s/users" % kafka["id"])["users"]}


def raw_policies(kafka, topic):
    return {p["user_name"]: p["access_policy"] for p in kafka["v2"].ok(
        "GET", "/instances/%s/topics/%s/accesspolicy" % (kafka["id"], topic),
        family="acl")["policies"]}


def make_users(kafka, *names):
    for name in names:
        kafka["v2"].ok("POST", "/instances/%s/users" % kafka["id"], status=204, json={
            "user_name": name, "user_passwd": PASSWORDS[0]})


def grant(kafka, topic, **access):
    kafka["v2"].ok("POST", "/instances/%s/topics/accesspolicy" % kafka["id"], status=204,
                   family="acl", json={"topics": [{"name": topic, "policies": [
                       {"user_name": u, "access_policy": a} for u, a in access.items()]}]})


def secret_free(*results):
    text = json.dumps([dict(r) for r in results]) + "".join(r.stdout + r.stderr for r in results)
    for secret in PASSWORDS:
        assert secret not in text


def user(kafka, name, description="", initial_user=False):
    return {"name": name, "description": description, "role": "guest",
            "initial_user": initial_user, "instance_id": kafka["id"]}


def without_created(view):
    return dict((k, v) for k, v in view.items() if k != "created")


# -- users ------------------------------------------------------------------------------------

def test_user_quartet_create_then_delete_and_unchanged_cost(emu, run, kafka):
    args = {"instance": kafka["name"], "name": "billing", "password": PASSWORDS[0],
            "description": "billing producer"}
    first = run("dms_instance_user", args, check=True, diff=True)
    assert first.rc == 0 and first["changed"] is True, first.get("msg")
    assert first["user"] == dict(user(kafka, "billing", "billing producer"), created=None)
    assert first["diff"]["before"] == {}
    assert writes(emu) == [] and sorted(raw_users(kafka)) == ["root"]

    second = run("dms_instance_user", args, diff=True)
    assert second.rc == 0 and second["changed"] is True, second.get("msg")
    assert without_created(second["user"]) == user(kafka, "billing", "billing producer")
    assert writes(emu) == [("POST", "instances/%s/users" % kafka["id"])]
    assert bodies(emu, "/users") == [{"user_name": "billing", "user_passwd": PASSWORDS[0],
                                      "user_desc": "billing producer"}]
    assert raw_users(kafka)["billing"]["user_desc"] == "billing producer"

    assert run("dms_instance_user", args, check=True)["changed"] is False
    emu.reset_requests()
    fourth = run("dms_instance_user", args, diff=True)
    assert fourth.rc == 0 and fourth["changed"] is False and fourth["user"] == second["user"]
    # One identity exchange, the instance, the users; the password was neither sent nor compared.
    assert [r["path"].rsplit("/", 1)[-1] for r in emu.requests()] == ["tokens", "instances", "users"]
    emu.reset_requests()
    assert run("dms_instance_user", dict(args, instance=kafka["id"]))["changed"] is False
    assert [r.split("?")[0] for r in reads(emu)] == ["instances/%s" % kafka["id"],
                                                     "instances/%s/users" % kafka["id"]]

    gone = {"instance": kafka["name"], "name": "billing", "state": "absent"}
    emu.reset_requests()
    fifth = run("dms_instance_user", gone, check=True, diff=True)
    assert fifth["changed"] is True and fifth["diff"]["after"] == {} and writes(emu) == []
    sixth = run("dms_instance_user", gone)
    assert sixth.rc == 0 and sixth["changed"] is True
    assert writes(emu) == [("PUT", "instances/%s/users" % kafka["id"])]
    assert bodies(emu, "/users", "PUT") == [{"action": "delete", "users": ["billing"]}]
    assert sorted(raw_users(kafka)) == ["root"]
    assert run("dms_instance_user", gone, check=True)["changed"] is False
    emu.reset_requests()
    last = run("dms_instance_user", gone)
    assert last["changed"] is False and last["user"] is None and writes(emu) == []
    secret_free(first, second, fourth, fifth, sixth)


def test_update_password_on_create_sends_nothing_and_always_resets_each_run(emu, run, kafka):
    make_users(kafka, "billing")
    emu.reset_requests()
    args = {"instance": kafka["id"], "name": "billing", "password": PASSWORDS[2]}
    same = run("dms_instance_user", args)
    assert same["changed"] is False and writes(emu) == []
    always = dict(args, update_password="always")
    check = run("dms_instance_user", always, check=True, diff=True)
    assert check.rc == 0 and check["changed"] is True and writes(emu) == []
    assert check["diff"]["before"] == check["diff"]["after"]  # a password is never shown
    results = []
    for _ in range(2):
        emu.reset_requests()
        done = run("dms_instance_user", always, diff=True)
        assert done.rc == 0 and done["changed"] is True, done.get("msg")
        assert writes(emu) == [("PUT", "instances/%s/users/billing" % kafka["id"])]
        assert bodies(emu, "/users/billing", "PUT") == [{"new_password": PASSWORDS[2]}]
        results.append(done)
    # The initial user's password is reset the same way; set mode reports it as updated.
    root = run("dms_instance_user", {"instance": kafka["id"], "users": [
        {"name": "root", "password": PASSWORDS[2]}], "update_password": "always"})
    assert root.rc == 0 and root["updated"] == ["root"], root.get("msg")
    # A password the API's rules refuse is refused before any request, without its value.
    emu.reset_requests()
    weak = run("dms_instance_user", dict(always, password="billing1"))
    assert weak.rc == 1 and weak["msg"] == (
        "password needs at least three of: lower case, upper case, digits, special characters.")
    assert dms_requests(emu) == []
    secret_free(check, root, weak, *results)


def test_another_description_is_refused_as_immutable_with_zero_writes(emu, run, kafka):
    kafka["v2"].ok("POST", "/instances/%s/users" % kafka["id"], status=204, json={
        "user_name": "billing", "user_passwd": PASSWORDS[0], "user_desc": "old words"})
    emu.reset_requests()
    for check in (True, False):
        result = run("dms_instance_user", {"instance": kafka["name"], "name": "billing",
                                           "description": "new words"}, check=check)
        assert result.rc == 1
        assert result["msg"] == ("Cannot change user 'billing' in place: description is 'old "
                                 "words' (wanted 'new words'). " + HINT)
    assert writes(emu) == []


def test_set_mode_with_purge_never_purges_the_initial_user(emu, run, kafka):
    make_users(kafka, "legacy-app", "old-app")
    emu.reset_requests()
    args = {"instance": kafka["name"], "purge": True, "users": [
        {"name": "billing", "password": PASSWORDS[0]},
        {"name": "reporting", "password": PASSWORDS[1], "description": "reads orders"},
        {"name": "old-app"}]}
    first = run("dms_instance_user", args, check=True, diff=True)
    assert first.rc == 0 and first["changed"] is True, first.get("msg")
    assert (first["created"], first["deleted"], first["updated"]) == (
        ["billing", "reporting"], ["legacy-app"], [])
    assert writes(emu) == []
    second = run("dms_instance_user", args)
    assert second.rc == 0, second.get("msg")
    assert writes(emu) == [("PUT", "instances/%s/users" % kafka["id"]),
                           ("POST", "instances/%s/users" % kafka["id"]),
                           ("POST", "instances/%s/users" % kafka["id"])]
    assert sorted(raw_users(kafka)) == ["billing", "old-app", "reporting", "root"]
    assert [u["name"] for u in second["users"] if u["initial_user"]] == ["root"]
    assert run("dms_instance_user", args, check=True)["changed"] is False
    emu.reset_requests()
    assert run("dms_instance_user", args)["changed"] is False and writes(emu) == []

    initial = run("dms_instance_user", {"instance": kafka["name"], "state": "absent",
                                        "users": [{"name": "old-app"}, {"name": "root"}]})
    assert initial.rc == 1
    assert initial["msg"] == ("user 'root' is the initial user of Kafka instance '%s' (id %s) "
                              "(its access_user): the API cannot delete it; it goes with the "
                              "instance." % (kafka["name"], kafka["id"]))
    assert writes(emu) == []
    secret_free(first, second, initial)


def test_refusals_before_any_write(emu, run, kafka, plain, unique):
    emu.reset_requests()
    nopass = run("dms_instance_user", {"instance": kafka["id"], "users": [
        {"name": "billing"}, {"name": "reporting", "password": PASSWORDS[1]}]})
    assert nopass.rc == 1
    assert nopass["msg"] == "user 'billing': a password is needed to create it."
    nosasl = run("dms_instance_user", {"instance": plain["name"], "name": "billing",
                                       "password": PASSWORDS[0]})
    assert nosasl.rc == 1
    assert nosasl["msg"] == ("Kafka instance '%s' (id %s) has no SASL (ssl_enable is false), so "
                             "managing its SASL users is not possible: SASL is chosen when an "
                             "instance is created." % (plain["name"], plain["id"]))
    # Nothing to delete where there are no users.
    assert run("dms_instance_user", {"instance": plain["id"], "name": "billing",
                                     "state": "absent"})["changed"] is False
    missing = run("dms_instance_user", {"instance": unique("none"), "name": "billing",
                                        "password": PASSWORDS[0]})
    assert missing.rc == 1 and missing["msg"].endswith("does not exist.")
    assert writes(emu) == []
    info = run("dms_instance_user_info", {"instance": plain["id"]})
    assert info.rc == 0 and info["users"] == []


def test_single_node_instances_have_no_user_management(emu, run):
    single = make_instance(emu, product_id="c6.2u4g.single", broker_num=1, storage_space=100,
                           engine_version="2.7", **sasl())
    try:
        emu.reset_requests()
        result = run("dms_instance_user", {"instance": single["id"], "name": "billing",
                                           "password": PASSWORDS[0]})
        assert result.rc == 1
        assert result["msg"] == ("Kafka instance '%s' (id %s) is a single-node instance: "
                                 "single-node flavours have no user management."
                                 % (single["name"], single["id"]))
        assert writes(emu) == []
        info = run("dms_instance_user_info", {"instance": single["id"]})
        assert [u["name"] for u in info["users"]] == ["root"]
    finally:
        drop_instance(emu, single)


def test_user_info_lists_all_or_one_and_never_a_password(emu, run, kafka):
    kafka["v2"].ok("POST", "/instances/%s/users" % kafka["id"], status=204, json={
        "user_name": "billing", "user_passwd": PASSWORDS[0], "user_desc": "pays"})
    emu.reset_requests()
    every = run("dms_instance_user_info", {"instance": kafka["name"]})
    assert every.rc == 0
    assert [without_created(u) for u in every["users"]] == [
        user(kafka, "billing", "pays"), user(kafka, "root", initial_user=True)]
    assert all(u["created"].endswith("Z") for u in every["users"])
    assert len(dms_requests(emu)) == 2
    one = run("dms_instance_user_info", {"instance": kafka["id"], "name": "billing"}, check=True)
    assert [u["name"] for u in one["users"]] == ["billing"]
    assert run("dms_instance_user_info", {"instance": kafka["id"], "name": "nobody"})["users"] == []
    assert run("dms_instance_user_info", {"instance": "no-such-kafka"})["users"] == []
    secret_free(every, one)


def test_a_lost_answer_to_a_user_create_converges_without_a_duplicate(emu, run, kafka, tmp_path):
    quick = tuned_clouds(emu, tmp_path, "status_code_retry_delay: 0.05")
    emu.set_faults(error_rate=1.0, statuses=[502], methods=["POST"], lost_response_rate=1.0, seed=7)
    made = run("dms_instance_user", {"instance": kafka["id"], "name": "billing",
                                     "password": PASSWORDS[0]}, env=quick)
    emu.clear_faults()
    assert made.rc == 0 and made["changed"] is True, made.get("msg")
    assert "The cloud answered the creation of user 'billing'" in json.dumps(made["warnings"])
    assert sorted(raw_users(kafka)) == ["billing", "root"]
    secret_free(made)


def test_deleting_a_user_drops_its_topic_permissions(emu, run, kafka):
    make_topics(kafka, orders=3)
    make_users(kafka, "billing")
    grant(kafka, "orders", billing="pub", root="all")
    assert run("dms_instance_user", {"instance": kafka["id"], "name": "billing",
                                     "state": "absent"})["changed"] is True
    assert raw_policies(kafka, "orders") == {"root": "all"}


# -- topic permissions -------------------------------------------------------------------------

def test_permission_quartet_merges_and_writes_the_whole_list_once(emu, run, kafka):
    make_topics(kafka, orders=3)
    make_users(kafka, "billing", "reporting")
    grant(kafka, "orders", reporting="sub")
    emu.reset_requests()
    args = {"instance": kafka["name"], "topic": "orders", "permissions": [
        {"user": "billing", "access": "pub"}, {"user": "root", "access": "all"}]}
    wanted = [{"user": "billing", "access": "pub", "owner": False, "initial_user": False},
              {"user": "reporting", "access": "sub", "owner": False, "initial_user": False},
              {"user": "root", "access": "all", "owner": False, "initial_user": True}]
    first = run("dms_instance_topic_permission", args, check=True, diff=True)
    assert first.rc == 0 and first["changed"] is True, first.get("msg")
    assert first["permissions"] == wanted
    assert first["diff"]["before"] == {"permissions": [wanted[1]]}
    assert writes(emu) == []

    second = run("dms_instance_topic_permission", args)
    assert second.rc == 0 and second["changed"] is True and second["permissions"] == wanted
    assert writes(emu) == [("POST", "instances/%s/topics/accesspolicy" % kafka["id"])]
    assert bodies(emu, "/accesspolicy") == [{"topics": [{"name": "orders", "policies": [
        {"user_name": "billing", "access_policy": "pub"},
        {"user_name": "reporting", "access_policy": "sub"},
        {"user_name": "root", "access_policy": "all"}]}]}]
    assert raw_policies(kafka, "orders") == {"billing": "pub", "reporting": "sub", "root": "all"}

    assert run("dms_instance_topic_permission", args, check=True)["changed"] is False
    emu.reset_requests()
    fourth = run("dms_instance_topic_permission", args)
    assert fourth["changed"] is False and fourth["permissions"] == wanted
    # One identity exchange, the instance, one policy read.
    assert [r["path"].rsplit("/", 1)[-1] for r in emu.requests()] == [
        "tokens", "instances", "accesspolicy"]

    # Another access for a listed user is a change of that entry only.
    changed = run("dms_instance_topic_permission", dict(args, permissions=[
        {"user": "billing", "access": "all"}]))
    assert changed["changed"] is True
    assert raw_policies(kafka, "orders") == {"billing": "all", "reporting": "sub", "root": "all"}


def test_purge_makes_the_list_exact_and_absent_removes_only_the_listed(emu, run, kafka):
    make_topics(kafka, orders=3)
    make_users(kafka, "billing", "reporting")
    grant(kafka, "orders", billing="pub", reporting="sub")
    exact = {"instance": kafka["id"], "topic": "orders", "purge": True,
             "permissions": [{"user": "reporting", "access": "all"}]}
    assert run("dms_instance_topic_permission", exact, check=True)["permissions"] == [
        {"user": "reporting", "access": "all", "owner": False, "initial_user": False}]
    assert run("dms_instance_topic_permission", exact)["changed"] is True
    assert raw_policies(kafka, "orders") == {"reporting": "all"}
    assert run("dms_instance_topic_permission", exact)["changed"] is False

    grant(kafka, "orders", reporting="all", billing="sub")
    gone = {"instance": kafka["id"], "topic": "orders", "state": "absent",
            "permissions": [{"user": "billing"}, {"user": "nobody-here"}]}
    check = run("dms_instance_topic_permission", gone, check=True, diff=True)
    assert check["changed"] is True and [p["user"] for p in check["permissions"]] == ["reporting"]
    assert run("dms_instance_topic_permission", gone)["changed"] is True
    assert raw_policies(kafka, "orders") == {"reporting": "all"}
    emu.reset_requests()
    assert run("dms_instance_topic_permission", gone)["changed"] is False and writes(emu) == []
    # Purged to nothing: the topic grants no one (posted as an empty list).
    empty = run("dms_instance_topic_permission", dict(exact, permissions=[]))
    assert empty["changed"] is True and empty["permissions"] == []
    assert raw_policies(kafka, "orders") == {}


def test_set_mode_writes_every_changed_topic_in_one_request(emu, run, kafka):
    make_topics(kafka, orders=3, audit=1, clicks=1)
    make_users(kafka, "billing", "reporting")
    grant(kafka, "clicks", reporting="sub")
    emu.reset_requests()
    args = {"instance": kafka["name"], "topics": [
        {"topic": "orders", "permissions": [{"user": "billing", "access": "all"}]},
        {"topic": "audit", "permissions": [{"user": "reporting", "access": "sub"}]},
        {"topic": "clicks", "permissions": [{"user": "reporting", "access": "sub"}]}]}
    first = run("dms_instance_topic_permission", args, check=True, diff=True)
    assert first.rc == 0 and first["updated"] == ["orders", "audit"], first.get("msg")
    assert [t["topic"] for t in first["topics"]] == ["orders", "audit", "clicks"]
    assert writes(emu) == []
    second = run("dms_instance_topic_permission", args)
    assert second.rc == 0 and second["updated"] == ["orders", "audit"]
    assert writes(emu) == [("POST", "instances/%s/topics/accesspolicy" % kafka["id"])]
    assert [t["name"] for t in bodies(emu, "/accesspolicy")[0]["topics"]] == ["orders", "audit"]
    emu.reset_requests()
    third = run("dms_instance_topic_permission", args)
    assert third["changed"] is False and third["updated"] == []
    # One policy read per declared topic, after the instance.
    assert len([r for r in reads(emu) if "accesspolicy" in r]) == 3
    assert len(dms_requests(emu)) == 4


def test_unknown_users_topics_and_instances_without_sasl_fail_in_one_line(emu, run, kafka, plain):
    make_topics(kafka, orders=3)
    make_topics(plain, orders=3)
    make_users(kafka, "billing")
    emu.reset_requests()
    users = run("dms_instance_topic_permission", {"instance": kafka["id"], "topic": "orders",
                                                   "permissions": [
                                                       {"user": "ghost-one", "access": "pub"},
                                                       {"user": "billing", "access": "pub"},
                                                       {"user": "ghost-two", "access": "sub"}]})
    assert users.rc == 1
    assert users["msg"] == ("Kafka instance '%s' (id %s) has no SASL users 'ghost-one', "
                            "'ghost-two': create them first (otc.dms.dms_instance_user)."
                            % (kafka["name"], kafka["id"]))
    topics = run("dms_instance_topic_permission", {"instance": kafka["id"], "topics": [
        {"topic": "nope", "permissions": [{"user": "billing", "access": "pub"}]},
        {"topic": "orders", "permissions": [{"user": "billing", "access": "pub"}]},
        {"topic": "never.there", "permissions": [{"user": "billing", "access": "pub"}]}]})
    assert topics.rc == 1
    assert topics["msg"] == ("Kafka instance '%s' (id %s) has no topics 'nope', 'never.there'."
                             % (kafka["name"], kafka["id"]))
    nosasl = run("dms_instance_topic_permission", {"instance": plain["id"], "topic": "orders",
                                                    "permissions": [{"user": "billing",
                                                                     "access": "pub"}]})
    assert nosasl.rc == 1 and "has no SASL (ssl_enable is false)" in nosasl["msg"]
    assert run("dms_instance_topic_permission", {
        "instance": plain["id"], "topic": "orders", "state": "absent",
        "permissions": [{"user": "billing"}]})["changed"] is False
    noaccess = run("dms_instance_topic_permission", {"instance": kafka["id"], "topic": "orders",
                                                      "permissions": [{"user": "billing"}]})
    assert noaccess.rc == 1
    assert noaccess["msg"] == ("permissions[0].access is required with state: present (one of "
                               "all, pub, sub).")
    assert writes(emu) == []


def test_permissions_on_a_topic_of_a_v1_created_instance(emu, run, unique):
    old = make_v1_instance(emu, unique("old"), ssl_enable=True, access_user="root",
                           password=PASSWORDS[0])
    try:
        old["conn"].dms.create_topic(old["id"], id="legacy", partition=3)
        made = run("dms_instance_user", {"instance": old["name"], "name": "billing",
                                         "password": PASSWORDS[1]})
        assert made.rc == 0, made.get("msg")
        args = {"instance": old["name"], "topic": "legacy",
                "permissions": [{"user": "billing", "access": "sub"}]}
        done = run("dms_instance_topic_permission", args)
        assert done.rc == 0 and done["changed"] is True, done.get("msg")
        assert raw_policies(old, "legacy") == {"billing": "sub"}
        assert run("dms_instance_topic_permission", args)["changed"] is False
    finally:
        drop_instance(emu, old)


def test_a_lost_answer_to_a_policy_write_converges(emu, run, kafka, tmp_path):
    make_topics(kafka, orders=3)
    make_users(kafka, "billing")
    quick = tuned_clouds(emu, tmp_path, "status_code_retry_delay: 0.05")
    emu.set_faults(error_rate=1.0, statuses=[502], methods=["POST"], lost_response_rate=1.0, seed=9)
    done = run("dms_instance_topic_permission", {"instance": kafka["id"], "topic": "orders",
                                                  "permissions": [{"user": "billing",
                                                                   "access": "pub"}]}, env=quick)
    emu.clear_faults()
    assert done.rc == 0 and done["changed"] is True, done.get("msg")
    assert "but it shows the change now" in json.dumps(done["warnings"])
    assert raw_policies(kafka, "orders") == {"billing": "pub"}


def test_writes_wait_for_a_restarting_instance_and_check_mode_does_not(emu, run, kafka):
    import threading

    make_topics(kafka, orders=3)
    make_users(kafka, "billing")
    emu.force_status(kafka["id"], "RESTARTING")
    emu.reset_requests()
    args = {"instance": kafka["id"], "topic": "orders",
            "permissions": [{"user": "billing", "access": "pub"}]}
    check = run("dms_instance_topic_permission", args, check=True)
    assert check.rc == 0 and check["changed"] is True, check.get("msg")
    refused = run("dms_instance_topic_permission", dict(args, wait=False))
    assert refused.rc == 1 and "is RESTARTING, not RUNNING; changing topic permissions" in \
        refused["msg"]
    assert writes(emu) == []
    done = {}
    emu.reset_requests()
    worker = threading.Thread(target=lambda: done.update(
        result=run("dms_instance_topic_permission", dict(args, timeout=60))))
    worker.start()
    try:
        wait_for_log(emu, "/users")
        emu.force_status(kafka["id"], "RUNNING")
    finally:
        worker.join(120)
    assert done["result"].rc == 0 and done["result"]["changed"] is True, done["result"].get("msg")
    assert raw_policies(kafka, "orders") == {"billing": "pub"}


def test_a_creating_instance_is_predicted_in_check_mode(emu, run):
    v2 = V2(emu.connect())
    iid = v2.create(network(emu), az_ids(emu), wait=False, **sasl())
    emu.force_status(iid, "CREATING")
    try:
        emu.reset_requests()
        users = run("dms_instance_user", {"instance": iid, "name": "billing",
                                          "password": PASSWORDS[0]}, check=True)
        assert users.rc == 0 and users["changed"] is True, users.get("msg")
        perms = run("dms_instance_topic_permission", {"instance": iid, "topic": "orders",
                                                       "permissions": [{"user": "billing",
                                                                        "access": "pub"}]},
                    check=True)
        assert perms.rc == 0 and perms["changed"] is True, perms.get("msg")
        assert "cannot be read yet" in json.dumps(perms["warnings"])
        assert [r.split("?")[0] for r in reads(emu)] == ["instances/%s" % iid] * 2
        assert writes(emu) == []
    finally:
        drop_instance(emu, {"id": iid, "v2": v2})

"""dms_instance (DMS for Kafka v2) and the look-up modules against the emulator, through Ansible."""

import json
import re

import pytest

from emulator.testing import Emulator
from support.ansible_run import dms_requests, run_module, tuned_clouds
from support.kafka_args import CLUSTER, ULTRA, create_args, network
from v2_support import V2

PASSWORD = "Kafka-Secret-917"


def az_ids(emu):
    return {z["code"]: z["id"] for z in emu.seed()["availability_zones"]}


def v2_of(emu):
    return V2(emu.connect())


def raw_instance(emu, instance_id):
    resp = v2_of(emu).get("/instances/%s" % instance_id)
    return resp.json() if resp.status_code == 200 else None


def writes(emu):
    """(method, the path after the project id) of the DMS writes in the log."""
    return [(r["method"], re.sub(r"^/v[0-9.]+(/kafka)?/[0-9a-f]{32}/", "", r["path"]))
            for r in dms_requests(emu, write_only=True)]


def bodies(emu, suffix, method="POST"):
    """The JSON bodies of the requests whose path ends with ``suffix``."""
    return [json.loads(r["request_body"]) for r in emu.requests(bodies=True)
            if r["method"] == method and r["path"].endswith(suffix)]


@pytest.fixture
def instance(emu, run, unique):
    """A RUNNING three-broker cluster made by the module; deleted afterwards."""
    name = unique("kafka")
    result = run("dms_instance", create_args(emu, name))
    assert result.rc == 0, result.get("msg")
    yield result["instance"]
    run("dms_instance", {"id": result["instance"]["id"], "state": "absent"})


def test_create_quartet_waits_for_running_and_costs_one_read_when_unchanged(emu, run, unique):
    name = unique("kafka")
    args = create_args(emu, name, ssl_enable=True, access_user="kafka-admin", password=PASSWORD,
                       security_protocol="SASL_PLAINTEXT", sasl_mechanisms=["SCRAM-SHA-512"],
                       maintain_begin="22:00", maintain_end="02:00", description="orders",
                       tags={"team": "orders", "env": "test"})
    first = run("dms_instance", args, check=True, diff=True)
    assert first.rc == 0 and first["changed"] is True, first.get("msg")
    predicted = first["instance"]
    assert predicted["id"] is None and predicted["flavor"] == CLUSTER
    assert predicted["availability_zones"] == [az_ids(emu)["eu-de-01"]]
    assert predicted["port"] == 9093 and predicted["maintain_begin"] == "22:00:00"
    assert (predicted["partition_num"], predicted["specification"]) == (750, "kafka.2u4g.cluster*3")
    assert first["diff"]["before"] == {} and first["diff"]["after"]["name"] == name
    assert dms_requests(emu, write_only=True) == []

    second = run("dms_instance", args, diff=True)
    assert second.rc == 0 and second["changed"] is True, second.get("msg")
    made = second["instance"]
    assert made["status"] == "RUNNING" and made["id"]
    assert (made["storage_space"], made["usable_storage_space"]) == (300, 246)
    assert (made["broker_num"], made["partition_num"], made["type"]) == (3, 750, "cluster")
    assert made["access_user"] == "kafka-admin" and made["ssl_enable"] is True
    assert (made["security_protocol"], made["sasl_mechanisms"]) == ("SASL_PLAINTEXT", ["SCRAM-SHA-512"])
    assert len(made["private_addresses"]) == 3 and made["port"] == 9093
    assert [b["port"] for b in made["brokers"]] == [9011] * 3
    assert sorted(b["listener_ip"] for b in made["brokers"]) == sorted(made["connect_address"].split(","))
    assert (made["maintain_begin"], made["maintain_end"]) == ("22:00:00", "02:00:00")
    assert made["tags"] == {"team": "orders", "env": "test"}
    assert set(predicted) == set(made)
    for key in ("name", "flavor", "broker_num", "storage_space", "partition_num", "specification",
                "availability_zones", "port", "ssl_enable", "access_user", "description",
                "security_protocol", "sasl_mechanisms", "tags", "type", "maintain_begin"):
        assert predicted[key] == made[key], key
    sent = [b for b in bodies(emu, "/instances") if b.get("name") == name][0]
    assert (sent["sasl_enabled_mechanisms"], sent["maintain_begin"], sent["tags"]) == (
        ["SCRAM-SHA-512"], "22:00", [{"key": "env", "value": "test"}, {"key": "team", "value": "orders"}])

    third = run("dms_instance", args, check=True)
    assert third.rc == 0 and third["changed"] is False

    emu.reset_requests()
    fourth = run("dms_instance", args, diff=True)
    assert fourth["changed"] is False and fourth["instance"] == made
    # One identity exchange and one DMS read: the AZ codes are the instance's own AZ names.
    assert [(r["method"], r["path"].rsplit("/", 1)[-1]) for r in emu.requests()] == \
        [("POST", "tokens"), ("GET", "instances")]

    by_ids = dict(args, availability_zones=[az_ids(emu)["eu-de-01"]])
    emu.reset_requests()
    assert run("dms_instance", by_ids)["changed"] is False
    assert [r["method"] for r in dms_requests(emu)] == ["GET"]

    gone = {"name": name, "state": "absent"}
    assert run("dms_instance", gone, check=True)["changed"] is True
    assert raw_instance(emu, made["id"]) is not None
    deleted = run("dms_instance", gone)
    assert deleted["changed"] is True and deleted["instance"]["id"] == made["id"]
    assert raw_instance(emu, made["id"]) is None  # waited until gone
    assert run("dms_instance", gone, check=True)["changed"] is False
    emu.reset_requests()
    assert run("dms_instance", gone)["changed"] is False
    assert dms_requests(emu, write_only=True) == []


def test_update_in_place_quartet(emu, run, instance):
    args = {"name": instance["name"], "description": "new words", "retention_policy": "produce_reject",
            "maintain_begin": "06:00:00", "maintain_end": "10:00:00"}
    emu.reset_requests()
    first = run("dms_instance", args, check=True, diff=True)
    assert first["changed"] is True and first["instance"]["description"] == "new words"
    assert first["diff"]["before"]["description"] == ""
    assert dms_requests(emu, write_only=True) == []
    second = run("dms_instance", args)
    assert second["changed"] is True
    assert (second["instance"]["description"], second["instance"]["retention_policy"],
            second["instance"]["maintain_begin"]) == ("new words", "produce_reject", "06:00:00")
    assert writes(emu) == [("PUT", "instances/%s" % instance["id"])]
    real = raw_instance(emu, instance["id"])
    assert (real["description"], real["retention_policy"]) == ("new words", "produce_reject")
    assert run("dms_instance", args, check=True)["changed"] is False
    assert run("dms_instance", args)["changed"] is False
    cleared = run("dms_instance", {"name": instance["name"], "description": ""})
    assert cleared["changed"] is True and cleared["instance"]["description"] == ""


def test_tags_with_and_without_purge_send_only_the_difference(emu, run, instance):
    name = instance["name"]
    first = {"name": name, "tags": {"team": "orders", "env": "test"}}
    emu.reset_requests()
    assert run("dms_instance", first, check=True)["changed"] is True
    assert writes(emu) == []
    assert run("dms_instance", first)["instance"]["tags"] == {"team": "orders", "env": "test"}
    assert run("dms_instance", first, check=True)["changed"] is False
    assert run("dms_instance", first)["changed"] is False

    # Without purge: only the new tag is sent; the others stay.
    kept = {"name": name, "tags": {"cost": "4711"}, "purge_tags": False}
    emu.reset_requests()
    check = run("dms_instance", kept, check=True, diff=True)
    assert check["changed"] is True and check["instance"]["tags"] == {
        "team": "orders", "env": "test", "cost": "4711"}
    assert writes(emu) == []
    done = run("dms_instance", kept)
    assert done["instance"]["tags"] == {"team": "orders", "env": "test", "cost": "4711"}
    assert bodies(emu, "/tags/action") == [{"action": "create", "tags": [{"key": "cost", "value": "4711"}]}]
    assert run("dms_instance", kept)["changed"] is False

    # With purge: what is not listed goes, a changed value is overwritten.
    exact = {"name": name, "tags": {"team": "billing"}}
    emu.reset_requests()
    done = run("dms_instance", exact)
    assert done["changed"] is True and done["instance"]["tags"] == {"team": "billing"}
    assert bodies(emu, "/tags/action") == [{"action": "delete", "tags": [{"key": "cost", "value": "4711"},
                                                     {"key": "env", "value": "test"}]},
                      {"action": "create", "tags": [{"key": "team", "value": "billing"}]}]
    assert run("dms_instance", exact)["changed"] is False
    bad = run("dms_instance", {"name": name, "tags": {"_sys_x": "1"}})
    assert bad.rc == 1 and "tags: key '_sys_x' is invalid" in bad["msg"]


def test_automatic_topic_creation_quartet(emu, run, instance):
    args = {"name": instance["name"], "enable_auto_topic": True}
    emu.reset_requests()
    assert run("dms_instance", args, check=True)["changed"] is True
    assert writes(emu) == []
    done = run("dms_instance", args)
    assert done["changed"] is True and done["instance"]["enable_auto_topic"] is True
    assert writes(emu) == [("POST", "instances/%s/autotopic" % instance["id"])]
    assert raw_instance(emu, instance["id"])["enable_auto_topic"] is True  # waited for the task
    assert run("dms_instance", args, check=True)["changed"] is False
    assert run("dms_instance", args)["changed"] is False
    off = run("dms_instance", dict(args, enable_auto_topic=False))
    assert off["changed"] is True and off["instance"]["enable_auto_topic"] is False


def test_password_on_create_and_always(emu, run, unique):
    name = unique("kafka")
    args = create_args(emu, name, ssl_enable=True, access_user="kafka-admin", password=PASSWORD)
    assert run("dms_instance", args)["changed"] is True
    emu.reset_requests()
    # on_create (the default): an existing instance's password is neither compared nor sent.
    assert run("dms_instance", dict(args, password="Other-Secret-42"))["changed"] is False
    assert writes(emu) == []
    always = dict(args, password="Other-Secret-42", update_password="always")
    check = run("dms_instance", always, check=True)
    assert check["changed"] is True and writes(emu) == []
    for _ in range(2):
        emu.reset_requests()
        done = run("dms_instance", always)
        assert done.rc == 0 and done["changed"] is True, done.get("msg")
        assert writes(emu) == [("POST", "instances/%s/password" % done["instance"]["id"])]
    run("dms_instance", {"name": name, "state": "absent"})


def test_growth_quartets_one_extension_after_another(emu, run, instance):
    name, iid = instance["name"], instance["id"]
    brokers = {"name": name, "broker_num": 4}
    emu.reset_requests()
    check = run("dms_instance", brokers, check=True, diff=True)
    assert check["changed"] is True
    assert (check["instance"]["broker_num"], check["instance"]["storage_space"],
            check["instance"]["partition_num"]) == (4, 400, 1000)
    assert check["diff"]["before"]["broker_num"] == 3
    assert writes(emu) == []
    done = run("dms_instance", brokers)
    assert done.rc == 0 and done["changed"] is True, done.get("msg")
    grown = done["instance"]
    assert (grown["status"], grown["broker_num"], grown["storage_space"], len(grown["brokers"])) == \
        ("RUNNING", 4, 400, 4)
    assert writes(emu) == [("POST", "instances/%s/extend" % iid)]
    assert run("dms_instance", brokers, check=True)["changed"] is False
    assert run("dms_instance", brokers)["changed"] is False

    # More brokers and more storage: two extensions, brokers first.
    both = {"name": name, "broker_num": 5, "storage_space": 1000}
    emu.reset_requests()
    done = run("dms_instance", both)
    assert done.rc == 0 and (done["instance"]["broker_num"], done["instance"]["storage_space"]) == (5, 1000)
    assert bodies(emu, "/extend") == [{"oper_type": "horizontal", "new_broker_num": 5},
                      {"oper_type": "storage", "new_storage_space": 1000}]
    assert run("dms_instance", both)["changed"] is False

    # Storage alone: one storage extension.
    storage = {"name": name, "storage_space": 1500}
    emu.reset_requests()
    check = run("dms_instance", storage, check=True, diff=True)
    assert check["changed"] is True and check["instance"]["storage_space"] == 1500
    assert check["diff"]["before"]["storage_space"] == 1000 and writes(emu) == []
    done = run("dms_instance", storage)
    assert done["changed"] is True and done["instance"]["storage_space"] == 1500
    assert bodies(emu, "/extend") == [{"oper_type": "storage", "new_storage_space": 1500}]
    assert run("dms_instance", storage, check=True)["changed"] is False
    assert run("dms_instance", storage)["changed"] is False

    # A larger flavour, offered by the extend options.
    bigger = {"name": name, "flavor": "c6.4u8g.cluster"}
    emu.reset_requests()
    assert run("dms_instance", bigger, check=True)["instance"]["partition_num"] == 2500
    assert writes(emu) == []
    done = run("dms_instance", bigger)
    assert done["changed"] is True and done["instance"]["flavor"] == "c6.4u8g.cluster"
    assert done["instance"]["partition_num"] == 2500
    assert run("dms_instance", bigger)["changed"] is False

    # Refusals, before any write.
    emu.reset_requests()
    cases = [
        ({"broker_num": 3, "storage_space": 500},
         "Cannot shrink Kafka instance '%s' (id %s): broker_num is 5 (wanted 3), storage_space is "
         "1500 (wanted 500). The API can only grow an instance." % (name, iid)),
        ({"broker_num": 8, "storage_space": 1500},
         "storage_space 1500 GB is less than the 2400 GB that 8 brokers hold: adding brokers keeps "
         "the storage per broker (300 GB). Ask for at least 2400 GB."),
        ({"flavor": CLUSTER}, "flavor 'c6.2u4g.cluster' is not a flavour"),
        ({"broker_num": 31, "storage_space": 9300},
         "broker_num 31 is not offered by flavour c6.4u8g.cluster (growing it): it takes 3 to 30 brokers."),
        ({"storage_space": 200000}, "storage_space 200000 GB is outside what 5 brokers of flavour"),
    ]
    for extra, message in cases:
        result = run("dms_instance", dict(extra, name=name))
        assert result.rc == 1 and message in result.get("msg", ""), (extra, result.stdout[-2000:])
    assert writes(emu) == []


def test_single_node_flavours_refuse_growth_and_password_resets(emu, run, unique):
    name = unique("kafka")
    args = create_args(emu, name, flavor="c6.2u4g.single", broker_num=None, engine_version="2.7",
                       storage_space=100, ssl_enable=True, access_user="kafka-admin",
                       password=PASSWORD)
    made = run("dms_instance", args)
    assert made.rc == 0, made.get("msg")
    assert (made["instance"]["type"], made["instance"]["broker_num"]) == ("single", 1)
    emu.reset_requests()
    grow = run("dms_instance", {"name": name, "storage_space": 200})
    assert grow.rc == 1 and grow["msg"] == (
        "Kafka instance '%s' (id %s) is a single-node instance: the API cannot change "
        "storage_space there." % (name, made["instance"]["id"]))
    reset = run("dms_instance", dict(args, update_password="always"))
    assert reset.rc == 1 and "password (update_password: always)" in reset["msg"]
    assert writes(emu) == []
    three = run("dms_instance", create_args(emu, unique("kafka"), flavor="c6.2u4g.single",
                                            broker_num=None, engine_version="2.7",
                                            storage_space=100,
                                            availability_zones=["eu-de-01", "eu-de-02", "eu-de-03"]))
    assert three.rc == 1 and "a single-node flavour (c6.2u4g.single) takes exactly one AZ, got 3" \
        in three["msg"]
    run("dms_instance", {"name": name, "state": "absent"})


def test_settings_the_api_fixes_fail_before_any_write(emu, run, instance):
    emu.reset_requests()
    args = create_args(emu, instance["name"], engine_version="2.7",
                       storage_spec_code="dms.physical.storage.high.v2",
                       description="ignored because we fail")
    result = run("dms_instance", args, diff=True)
    assert result.rc == 1
    assert result["msg"] == (
        "Cannot change Kafka instance '%s' in place: engine_version is '3.x' (wanted '2.7'), "
        "storage_spec_code is '%s' (wanted 'dms.physical.storage.high.v2'). The DMS API fixes "
        "these when an instance is created: create a new instance (or delete this one first)."
        % (instance["name"], ULTRA))
    assert dms_requests(emu, write_only=True) == []
    zones = run("dms_instance", dict(create_args(emu, instance["name"]),
                                     availability_zones=["eu-de-01", "eu-de-02", "eu-de-03"]))
    assert zones.rc == 1 and "availability_zones is [" in zones["msg"]
    sasl = run("dms_instance", create_args(emu, instance["name"], ssl_enable=True,
                                           access_user="kafka-admin", password=PASSWORD))
    assert sasl.rc == 1 and "ssl_enable is false (wanted true)" in sasl["msg"]
    assert dms_requests(emu, write_only=True) == []


def test_rename_only_when_asked(emu, run, unique, instance):
    renamed = unique("renamed")
    result = run("dms_instance", {"name": instance["name"], "new_name": renamed})
    assert result["changed"] is True and result["instance"]["name"] == renamed
    assert run("dms_instance", {"name": renamed})["changed"] is False
    back = run("dms_instance", {"id": instance["id"], "name": instance["name"]})
    assert back["changed"] is True and back["instance"]["name"] == instance["name"]
    assert run("dms_instance", {"id": instance["id"], "name": instance["name"]})["changed"] is False


def test_restart_quartet_waits_for_running(emu, run, instance):
    emu.reset_requests()
    check = run("dms_instance", {"name": instance["name"], "state": "restarted"}, check=True)
    assert check["changed"] is True and dms_requests(emu, write_only=True) == []
    real = run("dms_instance", {"name": instance["name"], "state": "restarted"})
    assert real["changed"] is True and real["instance"]["status"] == "RUNNING"
    assert writes(emu) == [("POST", "instances/action")]
    no_wait = run("dms_instance", {"name": instance["name"], "state": "restarted", "wait": False})
    assert no_wait["instance"]["status"] == "RESTARTING"
    missing = run("dms_instance", {"name": "kafka-none-here", "state": "restarted"})
    assert missing.rc == 1 and missing["msg"] == \
        "Cannot restart Kafka instance 'kafka-none-here': it does not exist."


def test_choices_are_checked_against_the_flavours_before_any_write(emu, run, unique):
    name = unique("kafka")
    result = run("dms_instance", create_args(emu, name, availability_zones=[
        "eu-de-01", "eu-de-02", "eu-de-03"], storage_spec_code="dms.physical.storage.high.v2",
        broker_num=None, wait=False))
    assert result.rc == 0, result.get("msg")
    made = result["instance"]
    assert made["status"] == "CREATING" and made["broker_num"] == 3
    assert sorted(made["availability_zones"]) == sorted(az_ids(emu).values())
    run("dms_instance", {"id": made["id"], "state": "absent"})  # waits out CREATING first
    assert raw_instance(emu, made["id"]) is None

    emu.admin("PUT", "products/c6.4u8g.cluster/availability", {"unavailable_zones": ["eu-de-02"]})
    emu.reset_requests()
    cases = [
        (dict(flavor="c9.9u9g.cluster"), "flavor 'c9.9u9g.cluster' is not a Kafka flavour of this "
         "region (offered: c6.12u24g.cluster, c6.16u32g.cluster, c6.2u4g.cluster, "),
        (dict(flavor="c6.2u4g.single", broker_num=None, storage_space=100),
         "engine_version '3.x' is not offered by flavour c6.2u4g.single; it offers 2.7."),
        (dict(broker_num=2, storage_space=200),
         "broker_num 2 is not offered by flavour c6.2u4g.cluster (creating it): it takes 3 to 30 brokers."),
        (dict(storage_space=200), "storage_space 200 GB is outside what 3 brokers of flavour "
         "c6.2u4g.cluster hold (creating it): 300 to 30000 GB (100 to 10000 GB per broker)."),
        (dict(storage_spec_code="dms.physical.storage.ultra"),
         "storage_spec_code 'dms.physical.storage.ultra' is not offered by flavour c6.2u4g.cluster; "
         "it offers dms.physical.storage.high.v2, dms.physical.storage.ultra.v2."),
        (dict(storage_spec_code=None), "storage_spec_code is required: flavour c6.2u4g.cluster offers"),
        (dict(flavor="c6.4u8g.cluster", availability_zones=["eu-de-02"]),
         "Flavour c6.4u8g.cluster with dms.physical.storage.ultra.v2 is not offered in eu-de-02; "
         "it is offered in eu-de-01, eu-de-03."),
        (dict(availability_zones=["eu-de-09"]),
         "availability_zones: 'eu-de-09' is not an availability zone of this region"),
        (dict(enable_publicip=True, publicip_ids=["eip-1"]),
         "enable_publicip needs one elastic IP per broker in publicip_ids: 3 brokers, got 1."),
        (dict(maintain_begin="23:00", maintain_end="03:00"),
         "maintain_begin/maintain_end 23:00-03:00 is not a maintenance window; use one of 22:00-02:00"),
        (dict(engine_version=None), "creating it needs engine_version."),
        (dict(flavor=None), "creating it needs flavor."),
    ]
    try:
        for extra, message in cases:
            result = run("dms_instance", create_args(emu, unique("kafka"), **extra))
            assert result.rc == 1 and message in result["msg"], (extra, result["msg"])
    finally:
        emu.admin("PUT", "products/c6.4u8g.cluster/availability", {"unavailable_zones": []})
    assert dms_requests(emu, write_only=True) == []


def test_createfailed_extendedfailed_and_timeouts_name_status_and_id(run, unique):
    with Emulator(instance_delay=30) as slow:
        args = create_args(slow, unique("kafka"), timeout=2)
        result = run_module(slow, "dms_instance", args)
        assert result.rc == 1
        instance_id = v2_of(slow).ok("GET", "/instances")["instances"][0]["instance_id"]
        assert result["msg"] == ("Timed out after 2 seconds waiting for Kafka instance '%s' (id %s) "
                                 "to become RUNNING; last status seen: CREATING." % (args["name"], instance_id))

    with Emulator(instance_delay=0.3, extra_args=("--extend-delay", "0.3")) as emu:
        emu.admin("PUT", "next-failure", {"operation": "create", "status": "CREATEFAILED"})
        other = create_args(emu, unique("kafka"))
        failed = run_module(emu, "dms_instance", other)
        assert failed.rc == 1
        assert failed["msg"].startswith("Kafka instance '%s' (id " % other["name"])
        assert failed["msg"].endswith("to become RUNNING failed: status CREATEFAILED.")
        again = run_module(emu, "dms_instance", other)
        assert again.rc == 1 and "is CREATEFAILED. Delete it (state: absent)" in again["msg"]
        info = run_module(emu, "dms_instance_info", {"include_failed": True})
        assert [i["status"] for i in info["instances"]] == ["CREATEFAILED"]
        assert run_module(emu, "dms_instance_info", {})["instances"] == []
        gone = run_module(emu, "dms_instance", {"name": other["name"], "state": "absent"})
        assert gone.rc == 0 and gone["changed"] is True

        made = run_module(emu, "dms_instance", create_args(emu, unique("kafka")))
        assert made.rc == 0, made.get("msg")
        emu.admin("PUT", "next-failure", {"operation": "extend", "status": "EXTENDEDFAILED"})
        grow = run_module(emu, "dms_instance", {"name": made["instance"]["name"], "broker_num": 4})
        assert grow.rc == 1
        assert grow["msg"].startswith("Kafka instance '%s' (id %s) to add brokers to 4 failed: "
                                      "status EXTENDEDFAILED. (task extendInstance "
                                      % (made["instance"]["name"], made["instance"]["id"]))
        assert grow["msg"].endswith(": FAILED)")
        assert grow["instance"]["status"] == "EXTENDEDFAILED" and grow["instance"]["broker_num"] == 3
        gone = run_module(emu, "dms_instance", {"name": made["instance"]["name"], "state": "absent"})
        assert gone.rc == 1 and "is EXTENDEDFAILED" in gone["msg"]


def test_an_instance_created_through_v1_is_managed_through_v2(emu, run, unique):
    seed = emu.seed()
    net = seed["projects"][0]["network"]
    name = unique("kafka")
    old = emu.connect().dms.create_instance(
        name=name, engine="kafka", engine_version="2.3.0", storage=600,
        router_id=net["vpc_id"], network_id=net["subnet_id"],
        security_group_id=net["security_group_id"],
        availability_zones=[seed["availability_zones"][0]["id"]],
        product_id="00300-30308-0--0", storage_spec_code="dms.physical.storage.ultra")
    found = run("dms_instance_info", {"name": name})["instances"]
    assert [(i["id"], i["flavor"], i["broker_num"]) for i in found] == [(old.id, "00300-30308-0--0", 3)]
    done = run("dms_instance", {"name": name, "description": "now on v2", "tags": {"api": "v2"}})
    assert done.rc == 0 and done["changed"] is True, done.get("msg")
    assert emu.connect().dms.get_instance(old.id).description == "now on v2"
    assert run("dms_instance", {"name": name, "description": "now on v2",
                                "tags": {"api": "v2"}})["changed"] is False
    # Its old product grows in storage only; brokers and flavour are refused before any write.
    grown = run("dms_instance", {"name": name, "storage_space": 900})
    assert grown.rc == 0 and grown["instance"]["storage_space"] == 900, grown.get("msg")
    emu.reset_requests()
    refused = run("dms_instance", {"name": name, "broker_num": 4})
    assert refused.rc == 1 and refused["msg"] == (
        "Kafka instance '%s' (id %s) has the old (v1) product 00300-30308-0--0: the API can only "
        "grow its storage, not its brokers or flavour." % (name, old.id))
    assert writes(emu) == []
    gone = run("dms_instance", {"name": name, "state": "absent"})
    assert gone["changed"] is True and raw_instance(emu, old.id) is None


def test_an_instance_being_deleted_is_waited_out_then_created_anew(run, unique):
    with Emulator(instance_delay=0.2, extra_args=("--delete-delay", "1")) as emu:
        args = create_args(emu, unique("kafka"))
        first = run_module(emu, "dms_instance", args)
        assert first.rc == 0, first.get("msg")
        going = run_module(emu, "dms_instance", {"name": args["name"], "state": "absent",
                                                 "wait": False})
        assert going["changed"] is True
        assert raw_instance(emu, first["instance"]["id"])["status"] == "DELETING"
        for extra in ({"wait": False}, {"_check": True}):
            check = extra.pop("_check", False)
            refused = run_module(emu, "dms_instance", dict(args, **extra), check=check)
            assert refused.rc == 1 and refused["msg"].startswith(
                "Kafka instance '%s' (id %s) is being deleted" % (args["name"],
                                                                  first["instance"]["id"]))
        again = run_module(emu, "dms_instance", args)
        assert again.rc == 0 and again["changed"] is True, again.get("msg")
        assert again["instance"]["id"] != first["instance"]["id"]
        assert raw_instance(emu, first["instance"]["id"]) is None
        # Deleting one that is being deleted waits until it is gone.
        run_module(emu, "dms_instance", {"name": args["name"], "state": "absent", "wait": False})
        gone = run_module(emu, "dms_instance", {"name": args["name"], "state": "absent"})
        assert gone.rc == 0 and raw_instance(emu, again["instance"]["id"]) is None


def test_every_page_of_the_instance_list_is_read(fresh_emulator):
    emu = fresh_emulator
    api = v2_of(emu)
    net = network(emu)
    body = dict(engine="kafka", engine_version="3.x", broker_num=3, storage_space=300,
                product_id=CLUSTER, storage_spec_code=ULTRA, vpc_id=net["vpc_id"],
                subnet_id=net["subnet_id"], security_group_id=net["security_group_id"],
                available_zones=[az_ids(emu)["eu-de-01"]])
    for number in range(53):
        api.ok("POST", "/instances", family="engine", json=dict(body, name="bulk-%02d" % number))
    emu.reset_requests()
    listed = run_module(emu, "dms_instance_info", {})["instances"]
    assert sorted(i["name"] for i in listed) == ["bulk-%02d" % n for n in range(53)]
    pages = [r["query"] for r in dms_requests(emu)]
    assert len(pages) == 2 and "offset=50" in pages[1], pages


def test_the_password_never_reaches_the_output(emu, playbook, run, unique):
    name = unique("kafka")
    args = create_args(emu, name, ssl_enable=True, access_user="kafka-admin", password=PASSWORD)
    play = """
- hosts: localhost
  gather_facts: false
  tasks:
    - name: instance
      otc.dms.dms_instance: %s
      ignore_errors: true
""" % json.dumps(args)
    for check in (True, False, False):
        result = playbook(play, check=check, diff=True, verbosity=3)
        assert result.rc == 0 and PASSWORD not in result.stdout + result.stderr
        assert result.results()["instance"].get("failed") is not True
    failing = playbook(play.replace('"engine_version": "3.x"', '"engine_version": "2.7"'),
                       diff=True, verbosity=3)
    assert "Cannot change Kafka instance" in failing.stdout
    assert PASSWORD not in failing.stdout + failing.stderr
    rotate = playbook(play.replace('"name": "%s"' % name,
                                   '"name": "%s", "update_password": "always"' % name), verbosity=3)
    assert rotate.rc == 0 and PASSWORD not in rotate.stdout + rotate.stderr
    weak = playbook(play.replace(PASSWORD, "weakpass"), verbosity=3)
    assert "password needs at least three of" in weak.stdout
    assert "weakpass" not in weak.stdout + weak.stderr
    run("dms_instance", {"name": name, "state": "absent"})


def test_a_catalog_without_dmsv2_names_the_override(run, tmp_path, unique):
    with Emulator(instance_delay=0.2, extra_args=("--no-dmsv2-catalog",)) as emu:
        result = run_module(emu, "dms_instance_info", {})
        assert result.rc == 1 and result["msg"] == (
            "The cloud's service catalog has no dmsv2 endpoint (DMS for Kafka v2) in region "
            "eu-de: set dmsv2_endpoint_override for this cloud in clouds.yaml, for example "
            "https://dms.eu-de.otc.t-systems.com/v2/%(project_id)s.")
        env = tuned_clouds(emu, tmp_path, "dmsv2_endpoint_override: %s/v2/%%(project_id)s" % emu.url)
        fixed = run_module(emu, "dms_instance_info", {}, env=env)
        assert fixed.rc == 0 and fixed["instances"] == [], fixed.get("msg")


def test_instance_info(emu, run, unique, instance):
    by_name = run("dms_instance_info", {"name": instance["name"]})
    assert by_name.rc == 0 and [i["id"] for i in by_name["instances"]] == [instance["id"]]
    assert by_name["instances"][0] == run("dms_instance", {"name": instance["name"]})["instance"]
    assert [i["name"] for i in run("dms_instance_info", {"name": instance["id"]})["instances"]] == [instance["name"]]
    partial = run("dms_instance_info", {"name": instance["name"][:8], "exact_match": False})
    assert instance["id"] in [i["id"] for i in partial["instances"]]
    assert run("dms_instance_info", {"name": instance["name"][:8]})["instances"] == []
    assert instance["id"] in [i["id"] for i in run("dms_instance_info", {"status": "RUNNING"})["instances"]]
    assert run("dms_instance_info", {"status": "RESTARTING", "name": instance["name"]})["instances"] == []
    assert run("dms_instance_info", {"name": unique("none")})["instances"] == []
    assert run("dms_instance_info", {"name": "0b5b7a5e-1111-4222-8333-944445555666"})["instances"] == []
    emu.reset_requests()
    run("dms_instance_info", {"name": instance["name"]}, check=True)
    assert len(dms_requests(emu)) == 1


def test_lookup_modules(emu, run):
    zones = run("dms_az_info", {})
    assert zones.rc == 0 and zones["changed"] is False
    assert [(z["code"], z["id"]) for z in zones["availability_zones"]] == \
        sorted(az_ids(emu).items())
    assert all(z["available"] is True and z["sold_out"] is False and z["region"] == "eu-de"
               for z in zones["availability_zones"])
    assert [z["id"] for z in run("dms_az_info", {"name": "eu-de-02"})["availability_zones"]] == \
        [az_ids(emu)["eu-de-02"]]
    assert run("dms_az_info", {"name": "eu-de-99"})["availability_zones"] == []

    products = run("dms_product_info", {})["products"]
    assert len(products) == 8
    one = run("dms_product_info", {"flavor": "c6.4u8g.cluster"})["products"]
    assert [(p["flavor"], p["type"], p["broker_num_min"], p["broker_num_max"],
             p["partitions_per_broker"], p["storage_per_broker_min"], p["storage_per_broker_max"],
             p["tps_per_broker"]) for p in one] == \
        [("c6.4u8g.cluster", "cluster", 3, 30, 500, 100, 20000, 100000)]
    assert [io["storage_spec_code"] for io in one[0]["io"]] == [
        "dms.physical.storage.high.v2", ULTRA]
    singles = run("dms_product_info", {"type": "single"})["products"]
    assert sorted(p["flavor"] for p in singles) == ["c6.2u4g.single", "s6.2u4g.single.small"]
    assert all(p["engine_versions"] == ["2.7"] for p in singles)
    newest = run("dms_product_info", {"engine_version": "3.x"})["products"]
    assert len(newest) == 6
    assert len(run("dms_product_info", {"availability_zone": "eu-de-03",
                                        "storage_spec_code": ULTRA})["products"]) == 8
    assert run("dms_product_info", {"availability_zone": "eu-nl-01"})["products"] == []
    assert run("dms_product_info", {"flavor": "nope"})["products"] == []

    windows = run("dms_maintenance_window_info", {})["maintenance_windows"]
    assert [w["begin"] for w in windows] == ["22:00:00", "02:00:00", "06:00:00", "10:00:00",
                                             "14:00:00", "18:00:00"]
    assert [w["seq"] for w in windows if w["default"]] == [2]
    assert run("dms_maintenance_window_info", {"default_only": True})["maintenance_windows"] == \
        [{"seq": 2, "begin": "02:00:00", "end": "06:00:00", "default": True}]


def test_windows_in_any_of_the_apis_three_forms(run):
    with Emulator(instance_delay=0.2, extra_args=("--maintain-window-format", "hms")) as emu:
        windows = run_module(emu, "dms_maintenance_window_info", {})["maintenance_windows"]
        assert [w["end"] for w in windows][:2] == ["02:00:00", "06:00:00"]


def test_disk_encryption_enterprise_project_and_ipv6(emu, run, unique):
    name = unique("kafka")
    args = create_args(emu, name, disk_encryption_key="kms-key-0001", enterprise_project_id="0")
    made = run("dms_instance", args)
    assert made.rc == 0, made.get("msg")
    assert (made["instance"]["disk_encrypted"], made["instance"]["disk_encryption_key"]) == (
        True, "kms-key-0001")
    sent = [b for b in bodies(emu, "/instances") if b.get("name") == name][0]
    assert (sent["disk_encrypted_enable"], sent["disk_encrypted_key"]) == (True, "kms-key-0001")
    emu.reset_requests()
    moved = run("dms_instance", {"name": name, "enterprise_project_id": "ep-finance"})
    assert moved["changed"] is True and moved["instance"]["enterprise_project_id"] == "ep-finance"
    assert bodies(emu, made["instance"]["id"], method="PUT") == [{"enterprise_project_id": "ep-finance"}]
    other_key = run("dms_instance", {"name": name, "disk_encryption_key": "kms-key-0002"})
    assert other_key.rc == 1 and "disk_encryption_key is 'kms-key-0001' (wanted 'kms-key-0002')" \
        in other_key["msg"]
    run("dms_instance", {"name": name, "state": "absent"})
    # The emulator's subnets have no IPv6: the cloud's refusal comes back in one line.
    refused = run("dms_instance", create_args(emu, unique("kafka"), ipv6_enable=True))
    assert refused.rc == 1 and "DMS.00400049" in refused["msg"], refused.get("msg")


def test_automatic_topic_creation_from_the_tasks_where_the_view_lacks_it(run, unique):
    with Emulator(instance_delay=0.2, extra_args=("--task-delay", "0.2",
                                                  "--no-auto-topic-field")) as emu:
        name = unique("kafka")
        assert run_module(emu, "dms_instance", create_args(emu, name)).rc == 0
        args = {"name": name, "enable_auto_topic": True}
        done = run_module(emu, "dms_instance", args)
        assert done.rc == 0 and done["changed"] is True, done.get("msg")
        emu.reset_requests()
        again = run_module(emu, "dms_instance", args)
        assert again.rc == 0 and again["changed"] is False, again.get("msg")
        assert again["instance"]["enable_auto_topic"] is True
        assert [r["path"].rsplit("/", 1)[-1] for r in dms_requests(emu)] == ["instances", "tasks"]
        # Without the option, the tasks are not read.
        emu.reset_requests()
        assert run_module(emu, "dms_instance", {"name": name})["changed"] is False
        assert len(dms_requests(emu)) == 1

"""dms_instance and the look-up modules against the emulator, through Ansible."""

import json
import threading
import time

import pytest

from emulator.testing import Emulator
from support.ansible_run import dms_requests, run_module

PASSWORD = "Kafka-Secret-917"


def network(emu):
    return emu.seed()["projects"][0]["network"]


def az_ids(emu):
    return {z["code"]: z["id"] for z in emu.seed()["availability_zones"]}


def create_args(emu, name, **extra):
    net = network(emu)
    args = dict(name=name, engine_version="2.3.0", bandwidth="100MB", storage_space=600,
                storage_spec_code="dms.physical.storage.ultra", availability_zones=["eu-de-01"],
                vpc_id=net["vpc_id"], subnet_id=net["subnet_id"],
                security_group_id=net["security_group_id"])
    args.update(extra)
    return args


def sdk_instance(emu, instance_id):
    from openstack import exceptions
    try:
        return emu.connect().dms.get_instance(instance_id)
    except exceptions.NotFoundException:
        return None


@pytest.fixture
def instance(emu, run, unique):
    """A RUNNING instance made by the module; deleted afterwards."""
    name = unique("kafka")
    result = run("dms_instance", create_args(emu, name))
    assert result.rc == 0, result.get("msg")
    yield result["instance"]
    run("dms_instance", {"id": result["instance"]["id"], "state": "absent"})


def test_create_quartet_waits_for_running_and_costs_one_read_when_unchanged(emu, run, unique):
    name = unique("kafka")
    args = create_args(emu, name, ssl_enable=True, access_user="kafka-admin", password=PASSWORD,
                       maintain_begin="22:00", maintain_end="02:00", description="orders")
    first = run("dms_instance", args, check=True, diff=True)
    assert first.rc == 0 and first["changed"] is True, first.get("msg")
    predicted = first["instance"]
    assert predicted["id"] is None and predicted["product_id"] == "00300-30308-0--0"
    assert predicted["availability_zones"] == [az_ids(emu)["eu-de-01"]]
    assert predicted["port"] == 9093 and predicted["maintain_begin"] == "22:00:00"
    assert dms_requests(emu, write_only=True) == []

    second = run("dms_instance", args, diff=True)
    assert second.rc == 0 and second["changed"] is True, second.get("msg")
    made = second["instance"]
    assert made["status"] == "RUNNING" and made["id"]
    assert (made["storage_space"], made["usable_storage_space"]) == (600, 492)
    assert made["partition_num"] == 300 and made["bandwidth"] == "100MB"
    assert made["access_user"] == "kafka-admin" and made["ssl_enable"] is True
    assert made["connect_address"].count(",") == 2 and made["port"] == 9093
    assert (made["maintain_begin"], made["maintain_end"]) == ("22:00:00", "02:00:00")
    assert set(predicted) == set(made)
    for key in ("name", "bandwidth", "product_id", "storage_space", "partition_num",
                "availability_zones", "port", "ssl_enable", "access_user", "description"):
        assert predicted[key] == made[key], key

    third = run("dms_instance", args, check=True)
    assert third.rc == 0 and third["changed"] is False

    emu.reset_requests()
    fourth = run("dms_instance", args, diff=True)
    assert fourth["changed"] is False and fourth["instance"] == made
    # AZ codes cost the AZ look-up; the instance itself one read.
    assert [r["path"].rsplit("/", 1)[-1] for r in dms_requests(emu)] == ["instances", "availableZones"]

    by_ids = dict(args, availability_zones=[az_ids(emu)["eu-de-01"]])
    emu.reset_requests()
    assert run("dms_instance", by_ids)["changed"] is False
    assert [r["method"] for r in dms_requests(emu)] == ["GET"]  # one DMS read

    gone = {"name": name, "state": "absent"}
    assert run("dms_instance", gone, check=True)["changed"] is True
    assert sdk_instance(emu, made["id"]) is not None
    deleted = run("dms_instance", gone)
    assert deleted["changed"] is True and deleted["instance"]["id"] == made["id"]
    assert sdk_instance(emu, made["id"]) is None  # waited until gone
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
    assert [r["method"] for r in dms_requests(emu, write_only=True)] == ["PUT"]
    real = sdk_instance(emu, instance["id"])
    assert (real.description, real.retention_policy) == ("new words", "produce_reject")
    assert run("dms_instance", args, check=True)["changed"] is False
    assert run("dms_instance", args)["changed"] is False
    cleared = run("dms_instance", {"name": instance["name"], "description": ""})
    assert cleared["changed"] is True and cleared["instance"]["description"] == ""


def test_rename_only_when_asked(emu, run, unique, instance):
    renamed = unique("renamed")
    result = run("dms_instance", {"name": instance["name"], "new_name": renamed})
    assert result["changed"] is True and result["instance"]["name"] == renamed
    assert run("dms_instance", {"name": renamed})["changed"] is False
    # Id addressing: name is the wanted name.
    back = run("dms_instance", {"id": instance["id"], "name": instance["name"]})
    assert back["changed"] is True and back["instance"]["name"] == instance["name"]
    assert run("dms_instance", {"id": instance["id"], "name": instance["name"]})["changed"] is False


def test_settings_the_api_cannot_change_fail_before_any_write(emu, run, instance):
    emu.reset_requests()
    args = create_args(emu, instance["name"], storage_space=1200, engine_version="2.7",
                       description="ignored because we fail")
    result = run("dms_instance", args)
    assert result.rc == 1
    assert result["msg"] == (
        "Cannot change Kafka instance '%s' in place: engine_version is '2.3.0' (wanted '2.7'), "
        "storage_space is 600 (wanted 1200). The DMS API cannot change these on an existing "
        "instance: create a new instance (or delete this one first)." % instance["name"])
    assert dms_requests(emu, write_only=True) == []
    zones = run("dms_instance", dict(create_args(emu, instance["name"]),
                                     availability_zones=["eu-de-01", "eu-de-02", "eu-de-03"]))
    assert zones.rc == 1 and "availability_zones is [" in zones["msg"]


def test_restart_quartet_waits_for_running(emu, run, instance):
    emu.reset_requests()
    check = run("dms_instance", {"name": instance["name"], "state": "restarted"}, check=True)
    assert check["changed"] is True and dms_requests(emu, write_only=True) == []
    real = run("dms_instance", {"name": instance["name"], "state": "restarted"})
    assert real["changed"] is True and real["instance"]["status"] == "RUNNING"
    assert [r["path"].rsplit("/", 1)[-1] for r in dms_requests(emu, write_only=True)] == ["action"]
    no_wait = run("dms_instance", {"name": instance["name"], "state": "restarted", "wait": False})
    assert no_wait["instance"]["status"] == "RESTARTING"
    missing = run("dms_instance", {"name": "kafka-none-here", "state": "restarted"})
    assert missing.rc == 1 and missing["msg"] == \
        "Cannot restart Kafka instance 'kafka-none-here': it does not exist."


def test_product_and_zone_resolution(emu, run, unique):
    name = unique("kafka")
    args = create_args(emu, name, bandwidth="300MB", storage_space=1200,
                       availability_zones=["eu-de-01", "eu-de-02", "eu-de-03"],
                       storage_spec_code="dms.physical.storage.high", wait=False)
    result = run("dms_instance", args)
    assert result.rc == 0, result.get("msg")
    made = result["instance"]
    assert made["product_id"] == "00300-30310-0--0" and made["partition_num"] == 900
    assert made["status"] == "CREATING"
    assert sorted(made["availability_zones"]) == sorted(az_ids(emu).values())
    run("dms_instance", {"id": made["id"], "state": "absent"})  # waits out CREATING first
    assert sdk_instance(emu, made["id"]) is None

    emu.reset_requests()
    cases = [
        (dict(bandwidth="600MB", storage_space=2400, storage_spec_code="dms.physical.storage.high"),
         "storage_spec_code 'dms.physical.storage.high' is not offered by product 00300-30312-0--0 "
         "(600MB); it offers dms.physical.storage.ultra."),
        (dict(storage_space=500), "storage_space must be 600 to 90000 GB for 100MB, got 500."),
        (dict(availability_zones=["eu-de-09"]),
         "availability_zones: 'eu-de-09' is not an availability zone of this region"),
        (dict(bandwidth=None, product_id="00300-99999-0--0"), "product_id '00300-99999-0--0' is not a Kafka 2.3.0 product"),
        (dict(partition_num=500), "partition_num must be 300 for 100MB (the product fixes it), got 500."),
        (dict(storage_spec_code=None, bandwidth="300MB", storage_space=1200),
         "storage_spec_code is required: product 00300-30310-0--0 (300MB) offers"),
        (dict(maintain_begin="23:00", maintain_end="03:00"),
         "maintain_begin/maintain_end 23:00-03:00 is not a maintenance window; use one of 22:00-02:00"),
        (dict(engine_version=None), "creating it needs engine_version."),
    ]
    for extra, message in cases:
        case = create_args(emu, unique("kafka"), **extra)
        case = dict((k, v) for k, v in case.items() if v is not None)
        result = run("dms_instance", case)
        assert result.rc == 1 and message in result["msg"], (extra, result["msg"])
    assert dms_requests(emu, write_only=True) == []


def test_createfailed_and_timeouts_are_reported_with_status_and_id(run, unique):
    with Emulator(instance_delay=30) as slow:
        args = create_args(slow, unique("kafka"), timeout=2)
        result = run_module(slow, "dms_instance", args)
        assert result.rc == 1
        listed = slow.connect().dms.instances()
        instance_id = [i.id for i in listed][0]
        assert result["msg"] == ("Timed out after 2 seconds waiting for Kafka instance '%s' (id %s) "
                                 "to become RUNNING; last status seen: CREATING." % (args["name"], instance_id))

        other = create_args(slow, unique("kafka"))

        def fail_it():
            # Once the module polls the new instance (the emulator has seen it read it), the
            # creation fails: the module is waiting, whatever the machine's speed.
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline:
                found = [i for i in slow.connect().dms.instances() if i.name == other["name"]]
                if found and any(r["method"] == "GET" and r["path"].endswith("/instances/" + found[0].id)
                                 for r in slow.requests()):
                    slow.force_status(found[0].id, "CREATEFAILED")
                    return
                time.sleep(0.05)

        thread = threading.Thread(target=fail_it)
        thread.start()
        failed = run_module(slow, "dms_instance", other)
        thread.join()
        assert failed.rc == 1
        assert failed["msg"].startswith("Kafka instance '%s' (id " % other["name"])
        assert failed["msg"].endswith("to become RUNNING failed: status CREATEFAILED.")
        again = run_module(slow, "dms_instance", other)
        assert again.rc == 1 and "is CREATEFAILED. Delete it (state: absent)" in again["msg"]
        gone = run_module(slow, "dms_instance", {"name": other["name"], "state": "absent"})
        assert gone.rc == 0 and gone["changed"] is True
        info = run_module(slow, "dms_instance_info", {"include_failed": True})
        assert [i["name"] for i in info["instances"]] == [args["name"]]


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
    failing = playbook(play.replace('"storage_space": 600', '"storage_space": 1200'),
                       diff=True, verbosity=3)
    assert "Cannot change Kafka instance" in failing.stdout
    assert PASSWORD not in failing.stdout + failing.stderr
    weak = playbook(play.replace(PASSWORD, "weakpass"), verbosity=3)
    assert "password needs at least three of" in weak.stdout
    assert "weakpass" not in weak.stdout + weak.stderr
    run("dms_instance", {"name": name, "state": "absent"})


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
    assert len(products) == 12
    one = run("dms_product_info", {"engine_version": "2.7", "bandwidth": "600MB"})["products"]
    assert [(p["product_id"], p["partition_num"], p["storage_space"], p["tps"]) for p in one] == \
        [("00300-30312-0--0", 1800, 2400, 200000)]
    assert [io["storage_spec_code"] for io in one[0]["io"]] == ["dms.physical.storage.ultra"]
    high = run("dms_product_info", {"storage_spec_code": "dms.physical.storage.high",
                                    "engine_version": "2.3.0"})["products"]
    assert sorted(p["bandwidth"] for p in high) == ["100MB", "300MB"]
    assert len(run("dms_product_info", {"availability_zone": "eu-de-03"})["products"]) == 12
    assert run("dms_product_info", {"availability_zone": "eu-nl-01"})["products"] == []

    windows = run("dms_maintenance_window_info", {})["maintenance_windows"]
    assert [w["begin"] for w in windows] == ["22:00:00", "02:00:00", "06:00:00", "10:00:00",
                                             "14:00:00", "18:00:00"]
    assert [w["seq"] for w in windows if w["default"]] == [2]
    assert run("dms_maintenance_window_info", {"default_only": True})["maintenance_windows"] == \
        [{"seq": 2, "begin": "02:00:00", "end": "06:00:00", "default": True}]

"""dms_instance_config (DMS for Kafka v2), run as Ansible runs it, against the emulator."""

import pytest

from emulator.testing import Emulator
from support.ansible_run import dms_requests, run_module, tuned_clouds
from support.kafka_args import V2_DELAYS, network
from support.kafka_v2 import az_ids, bodies, drop_instance, make_instance, writes
from v2_support import V2


@pytest.fixture
def kafka(emu):
    made = make_instance(emu)
    emu.reset_requests()
    yield made
    drop_instance(emu, made)


def values(result):
    return dict((p["name"], p["value"]) for p in result["parameters"])


def raw_values(kafka):
    return dict((c["name"], c["value"]) for c in kafka["v2"].ok(
        "GET", "/instances/%s/configs" % kafka["id"])["kafka_configs"])


def test_dynamic_change_quartet_writes_only_what_differs_and_waits_for_the_task(emu, run, kafka):
    args = {"instance": kafka["name"], "parameters": {
        "message.max.bytes": 5242880, "unclean.leader.election.enable": False,
        "auto.create.groups.enable": "false"}}
    first = run("dms_instance_config", args, check=True, diff=True)
    assert first.rc == 0 and first["changed"] is True, first.get("msg")
    assert values(first)["message.max.bytes"] == "5242880"
    assert first["diff"]["before"]["message.max.bytes"] == "10485760"
    assert (first["restart_required"], first["pending"], first["restarted"]) == (False, [], False)
    assert writes(emu) == []
    second = run("dms_instance_config", args)
    assert second.rc == 0 and second["changed"] is True, second.get("msg")
    assert writes(emu) == [("PUT", "instances/%s/configs" % kafka["id"])]
    # unclean.leader.election.enable is false already: not sent.
    assert bodies(emu, "/configs", "PUT") == [{"kafka_configs": [
        {"name": "auto.create.groups.enable", "value": "false"},
        {"name": "message.max.bytes", "value": "5242880"}]}]
    assert any("/tasks/" in r["path"] for r in dms_requests(emu))  # its task was waited for
    assert raw_values(kafka)["message.max.bytes"] == "5242880"
    assert second["restart_required"] is False
    param = [p for p in second["parameters"] if p["name"] == "message.max.bytes"][0]
    assert param == {"name": "message.max.bytes", "value": "5242880", "default": "10485760",
                     "static": False, "valid_values": "0~10485760", "type": "integer"}
    assert run("dms_instance_config", args, check=True)["changed"] is False
    emu.reset_requests()
    fourth = run("dms_instance_config", args)
    assert fourth["changed"] is False and writes(emu) == []
    # One identity exchange, the instance, the parameters, one page of tasks (static ones exist).
    assert [r["path"].rsplit("/", 1)[-1] for r in emu.requests()] == [
        "tokens", "instances", "configs", "tasks"]


def test_static_change_is_pending_until_a_restart_and_restart_true_restarts_once(emu, run, kafka):
    args = {"instance": kafka["id"], "parameters": {"log.retention.hours": 100}}
    done = run("dms_instance_config", args)
    assert done.rc == 0 and done["changed"] is True, done.get("msg")
    assert (done["restart_required"], done["pending"], done["restarted"]) == (
        True, ["log.retention.hours"], False)
    # A later run finds the change pending in the background tasks.
    later = run("dms_instance_config", args)
    assert later["changed"] is False and later["pending"] == ["log.retention.hours"]
    check = run("dms_instance_config", dict(args, restart=True), check=True)
    assert check["changed"] is True and check["restarted"] is True
    emu.reset_requests()
    restarted = run("dms_instance_config", dict(args, restart=True))
    assert restarted.rc == 0 and restarted["changed"] is True, restarted.get("msg")
    assert (restarted["restarted"], restarted["pending"], restarted["restart_required"]) == (
        True, [], False)
    assert writes(emu) == [("POST", "instances/action")]
    assert kafka["v2"].instance(kafka["id"])["status"] == "RUNNING"  # waited for
    emu.reset_requests()
    again = run("dms_instance_config", dict(args, restart=True))
    assert again["changed"] is False and again["restarted"] is False and writes(emu) == []
    # Changed and changed back before a restart: nothing is pending.
    run("dms_instance_config", {"instance": kafka["id"], "parameters": {"num.partitions": 6}})
    back = run("dms_instance_config", {"instance": kafka["id"], "parameters": {"num.partitions": 3}})
    assert back["pending"] == []


def test_unknown_names_and_invalid_values_are_refused_with_zero_writes(emu, run, kafka):
    emu.reset_requests()
    result = run("dms_instance_config", {"instance": kafka["name"], "parameters": {
        "message.max.bytes": 20000000, "auto.create.groups.enable": "maybe", "no.such": 1,
        "allow.everyone.if.no.acl.found": False}})
    assert result.rc == 1
    assert result["msg"].startswith(
        "parameters 'allow.everyone.if.no.acl.found', 'no.such': Kafka instance '%s' (id %s) has "
        "no such parameters; it has auto.create.groups.enable, connections.max.idle.ms, "
        % (kafka["name"], kafka["id"]))
    assert result["msg"].endswith(
        "parameters: auto.create.groups.enable must be one of true, false, got 'maybe'. "
        "parameters: message.max.bytes must be an integer from 0 to 10485760, got '20000000'.")
    assert writes(emu) == []


def test_single_node_instances_cannot_change_parameters(emu, run):
    single = make_instance(emu, product_id="c6.2u4g.single", broker_num=1, storage_space=100,
                           engine_version="2.7")
    try:
        emu.reset_requests()
        result = run("dms_instance_config", {"instance": single["id"],
                                             "parameters": {"message.max.bytes": 1000}})
        assert result.rc == 1
        assert result["msg"] == ("Kafka instance '%s' (id %s) is a single-node instance: its "
                                 "Kafka parameters cannot be changed." % (single["name"], single["id"]))
        assert writes(emu) == []
        read = run("dms_instance_config", {"instance": single["id"]})
        assert read.rc == 0 and read["changed"] is False and read["parameters"]
    finally:
        drop_instance(emu, single)


def test_a_missing_instance_fails(emu, run):
    result = run("dms_instance_config", {"instance": "no-such-kafka", "parameters": {}})
    assert result.rc == 1 and result["msg"] == "Kafka instance 'no-such-kafka' does not exist."


def test_a_lost_answer_to_a_parameter_change_converges(emu, run, kafka, tmp_path):
    quick = tuned_clouds(emu, tmp_path, "status_code_retry_delay: 0.05")
    emu.set_faults(error_rate=1.0, statuses=[502], methods=["PUT"], lost_response_rate=1.0, seed=3)
    done = run("dms_instance_config", {"instance": kafka["id"],
                                       "parameters": {"message.max.bytes": 4096}}, env=quick)
    emu.clear_faults()
    assert done.rc == 0 and done["changed"] is True, done.get("msg")
    assert "shows the new values now" in str(done["warnings"])
    assert raw_values(kafka)["message.max.bytes"] == "4096"
    assert run("dms_instance_config", {"instance": kafka["id"],
                                       "parameters": {"message.max.bytes": 4096}})["changed"] is False


def test_a_lost_answer_to_a_restart_is_found_restarting_not_sent_twice(tmp_path):
    """The restart was done, its answer lost; the retries are refused (restarting already)."""
    # Restarts (and creations) last an hour of the emulator's clock, as long as the real
    # cloud's minutes are to the retries: the test moves the clock on, no timer races.
    with Emulator(instance_delay=3600, max_time_wait=0.2, extra_args=V2_DELAYS) as emu:
        v2 = V2(emu.connect())
        iid = v2.create(network(emu), az_ids(emu), wait=False)
        emu.advance_clock(3600)
        name = v2.wait_status(iid, "RUNNING")["name"]
        args = {"instance": iid, "parameters": {"log.retention.hours": 100}}
        assert run_module(emu, "dms_instance_config", args)["pending"] == ["log.retention.hours"]
        quick = tuned_clouds(emu, tmp_path, "status_code_retry_delay: 0.05")
        emu.set_faults(error_rate=1.0, statuses=[502], methods=["POST"], lost_response_rate=1.0,
                       seed=8)
        done = run_module(emu, "dms_instance_config", dict(args, restart=True, wait=False),
                          env=quick)
        emu.clear_faults()
        assert done.rc == 0, done.get("msg")
        assert (done["changed"], done["restarted"], done["pending"]) == (True, True, [])
        assert ("The cloud answered the restart of Kafka instance '%s' (id %s) with an error "
                "(APIGW.0202), but it is restarting now" % (name, iid) in str(done["warnings"]))
        assert v2.instance(iid)["status"] == "RESTARTING"
        tasks = v2.ok("GET", "/instances/%s/tasks" % iid)["tasks"]
        assert [t["name"] for t in tasks].count("restartInstance") == 1
        emu.advance_clock(3600)
        v2.wait_status(iid, "RUNNING")
        assert run_module(emu, "dms_instance_config", dict(args, restart=True))["changed"] is False


def test_a_restart_that_really_failed_still_fails(emu, run, kafka, tmp_path):
    args = {"instance": kafka["id"], "parameters": {"log.retention.hours": 101}, "restart": True}
    quick = tuned_clouds(emu, tmp_path, "status_code_retry_delay: 0.05")
    emu.set_faults(error_rate=1.0, statuses=[503], methods=["POST"], seed=9)
    failed = run("dms_instance_config", args, env=quick)
    emu.clear_faults()
    assert failed.rc == 1
    assert failed["msg"].startswith("Failed to restart Kafka instance '%s'" % kafka["name"])
    assert kafka["v2"].instance(kafka["id"])["status"] == "RUNNING"

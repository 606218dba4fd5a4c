"""Transient faults, lost answers, retry settings and the identity exchange (issue 7)."""

import json
import os
import time

import pytest

from support.ansible_run import dms_requests, run_module, tuned_clouds
from support.kafka_args import create_args as kafka_args
from v2_support import V2

FAULTS = (429, 500, 502, 503, 504)


def injected(emu):
    return [r for r in dms_requests(emu) if r["status"] in FAULTS]


@pytest.fixture
def quick(emu, tmp_path):
    """Retries as configured by the collection, with a short fixed delay (a clouds.yaml setting)."""
    return tuned_clouds(emu, tmp_path, "status_code_retry_delay: 0.05")


def test_transient_failures_are_retried_by_keystoneauth(emu, run, unique, quick):
    emu.set_faults(error_rate=0.4, statuses=list(FAULTS), seed=11)
    names = [unique("retry") for _ in range(3)]
    for name in names:
        result = run("dms_queue", {"name": name, "dead_letter": True, "max_consume_count": 2},
                     env=quick)
        assert result.rc == 0, result.get("msg")
        assert run("dms_queue_group", {"queue": name, "name": "g"}, env=quick).rc == 0
    assert injected(emu), "the seed injected no fault"
    emu.clear_faults()
    listed = [q.name for q in emu.connect().dms.queues()]
    assert sorted(n for n in listed if n in names) == sorted(names)  # each exactly once


def test_eight_retries_by_default_and_a_cloud_can_change_them(emu, tmp_path, quick):
    emu.set_faults(error_rate=1.0, statuses=[503], methods=["GET"], seed=1)
    result = run_module(emu, "dms_queue_info", {}, env=quick)
    assert result.rc == 1 and result["msg"].endswith("(HTTP 503)")
    assert len(dms_requests(emu)) == 9  # the first try and 8 retries
    emu.reset_requests()
    off = tuned_clouds(emu, tmp_path, "dms_status_code_retries: 0")
    result = run_module(emu, "dms_queue_info", {}, env=off)
    assert result.rc == 1 and result["msg"].endswith("(HTTP 503)")
    assert len(dms_requests(emu)) == 1  # the cloud's own setting wins


def test_a_create_whose_answer_was_lost_is_found_again_not_duplicated(emu, run, unique, quick):
    name = unique("lost")
    emu.set_faults(error_rate=1.0, statuses=[502], methods=["POST"], lost_response_rate=1.0,
                   seed=2)
    queue = run("dms_queue", {"name": name}, env=quick)
    group = run("dms_queue_group", {"queue": name, "name": "readers"}, env=quick)
    emu.clear_faults()
    for result, what in ((queue, "queue '%s'" % name),
                         (group, "consumer group 'readers' of queue '%s'" % name)):
        assert result.rc == 0, result.get("msg")
        assert result["changed"] is True
        assert ("The cloud answered the creation of %s with an error (APIGW.0202), but it exists "
                "now" % what) in json.dumps(result["warnings"])
    queues = [q for q in emu.connect().dms.queues() if q.name == name]
    assert len(queues) == 1 and queue["queue"]["id"] == queues[0].id
    assert [g.name for g in emu.connect().dms.groups(queues[0].id)] == ["readers"]
    assert run("dms_queue", {"name": name})["changed"] is False


def test_a_create_that_really_failed_still_fails(emu, run, unique, quick):
    emu.set_faults(error_rate=1.0, statuses=[503], methods=["POST"], seed=3)
    result = run("dms_queue", {"name": unique("never")}, env=quick)
    emu.clear_faults()
    assert result.rc == 1
    assert result["msg"].startswith("Failed to create queue '")
    assert result["msg"].endswith("APIGW.0203 The service is unavailable (injected fault). (HTTP 503)")


def test_one_identity_exchange_per_task_and_no_version_discovery(emu, run):
    run("dms_queue_info", {})
    keystone = [(r["method"], r["path"]) for r in emu.requests() if r["path"].startswith("/v3")]
    assert keystone == [("POST", "/v3/auth/tokens")]


def test_an_unreachable_cloud_is_one_clear_line(emu, tmp_path):
    import socket

    # A port nothing listens on (this process holds it bound without listening).
    holder = socket.socket()
    holder.bind(("127.0.0.1", 0))
    port = holder.getsockname()[1]
    with open(emu.clouds_yaml) as handle:
        text = handle.read()
    dead = tmp_path / "clouds.yaml"
    dead.write_text(text.replace(emu.url, "http://127.0.0.1:%d" % port))
    try:
        result = run_module(emu, "dms_queue_info", {}, env={"OS_CLIENT_CONFIG_FILE": str(dead)})
    finally:
        holder.close()
    assert result.rc == 1
    assert result["msg"].startswith("Failed to connect to the cloud: ")
    assert "\n" not in result["msg"] and "Traceback" not in result.stdout + result.stderr


@pytest.mark.slow
def test_the_fault_scenario_holds_for_the_queues():
    """10 queues x 3 groups, 500 messages, an instance with 5 topics, against 20 % faults.

    CI compares with the known fault-free state; `make faults` also runs the fault-free
    playbook beside it and compares the two runs.
    """
    from faults import run as scenario

    # The fault rate, seed and assertions of `make faults`; less latency (0-30 ms, not 0-300).
    assert scenario.main(["--half", "queues", "--only", "faulty", "--error-rate", "0.2",
                          "--seed", "1", "--latency-ms", "0", "30"]) == 0


@pytest.mark.slow
def test_the_fault_scenario_holds_for_a_whole_kafka_setup():
    """The role's whole setup, unchanged, grown with an extension in flight and a restart,
    unchanged, torn down: against 20 % faults with lost answers, and beside a fault-free run."""
    from faults import run as scenario

    assert scenario.main(["--half", "kafka", "--error-rate", "0.2", "--seed", "1",
                          "--latency-ms", "0", "30", "--lost-rate", "0.5"]) == 0


def test_v2_faults_and_a_lost_create_answer_leave_one_instance(unique, fresh_emulator, tmp_path):
    """DMS for Kafka v2: gateway faults, flow control (404 DMS.10240407) and a lost answer."""
    emu = fresh_emulator
    quick = tuned_clouds(emu, tmp_path, "status_code_retry_delay: 0.05")
    emu.set_faults(error_rate=1.0, statuses=[500], seed=3, methods=["POST"],
                   lost_response_rate=1.0)
    args = kafka_args(emu, unique("kafka"))
    made = run_module(emu, "dms_instance", args, env=quick)
    emu.clear_faults()
    assert made.rc == 0 and made["changed"] is True, made.get("msg")
    assert "but it exists now" in json.dumps(made["warnings"])
    listed = V2(emu.connect()).ok("GET", "/instances")["instances"]
    assert [i["name"] for i in listed] == [args["name"]]

    emu.set_faults(error_rate=0.5, statuses=[404, 429, 503], seed=7)
    try:
        again = run_module(emu, "dms_instance", dict(args, description="under faults"), env=quick)
        info = run_module(emu, "dms_instance_info", {}, env=quick)
    finally:
        emu.clear_faults()
    assert again.rc == 0 and again["changed"] is True, again.get("msg")
    assert again["instance"]["description"] == "under faults"
    assert [i["name"] for i in info["instances"]] == [args["name"]]
    throttled = [r for r in emu.requests() if r["status"] == 404]
    assert throttled, "the fault profile answered no 404 (flow control)"


def test_v2_transient_answers_are_retried_within_a_budget_then_reported(emu, unique):
    """An instance whose status forbids a write for the moment (400 DMS.00400026) is asked again
    after each delay of the budget; then the error stands. The client and the emulator are real;
    only the sleeping is recorded instead of waited."""
    from ansible_collections.otc.dms.plugins.module_utils import client, errors, instance

    made = run_module(emu, "dms_instance", kafka_args(emu, unique("kafka")))
    assert made.rc == 0, made.get("msg")
    iid = made["instance"]["id"]
    emu.force_status(iid, "EXTENDING")
    slept = []
    os.environ.update(emu.env)
    try:
        api = client.Client({"interface": "public"}, sleep=slept.append)
        emu.reset_requests()
        with pytest.raises(errors.ApiError) as refused:
            api.v2_update_instance(iid, {"description": "not now"})
        assert refused.value.code == "DMS.00400026" and refused.value.status_code == 400
        assert slept == list(client.TRANSIENT_DELAYS)
        assert [r["method"] for r in dms_requests(emu)] == ["PUT"] * (len(slept) + 1)

        # The answer that ends the budget early: the status is RUNNING again after two tries.
        slept.clear()

        def sleep_then_recover(seconds):
            slept.append(seconds)
            if len(slept) == 2:
                emu.force_status(iid, "RUNNING")
        api.sleep = sleep_then_recover
        api.v2_update_instance(iid, {"description": "now"})
        assert slept == list(client.TRANSIENT_DELAYS[:2])
        assert instance.get(api, iid)["description"] == "now"

        # Automatic topic creation read back from the background tasks (for a GET without it).
        assert instance.auto_topic_from_tasks(api, iid) is False  # no such task yet
        api.v2_set_auto_topic(iid, True)
        deadline = time.monotonic() + 10
        while not instance.auto_topic_from_tasks(api, iid):
            assert time.monotonic() < deadline, "the modifyAutoTopic task never succeeded"
            time.sleep(0.05)
        api.v2_set_auto_topic(iid, False)
        while instance.auto_topic_from_tasks(api, iid):
            assert time.monotonic() < deadline, "the second modifyAutoTopic task never succeeded"
            time.sleep(0.05)
    finally:
        for name in emu.env:
            os.environ.pop(name, None)
    run_module(emu, "dms_instance", {"id": iid, "state": "absent"})

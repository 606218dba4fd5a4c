"""dms_instance_task_info (DMS for Kafka v2), run as Ansible runs it, against the emulator."""

import datetime

import pytest

from support.ansible_run import dms_requests
from support.kafka_v2 import drop_instance, make_instance, make_topics, reads


@pytest.fixture
def kafka(emu):
    made = make_instance(emu)
    yield made
    drop_instance(emu, made)


def test_every_page_of_tasks_newest_first_with_parsed_params(emu, run, kafka):
    for enabled in [True, False] * 30:  # 60 parameter tasks after the creation: two pages
        kafka["v2"].ok("POST", "/instances/%s/autotopic" % kafka["id"],
                       json={"enable_auto_topic": enabled})
    emu.reset_requests()
    every = run("dms_instance_task_info", {"instance": kafka["name"]}, check=True)
    assert every.rc == 0, every.get("msg")
    tasks = every["tasks"]
    assert len(tasks) == 61 and tasks[-1]["name"] == "createInstance"
    assert [t["created"] for t in tasks] == sorted((t["created"] for t in tasks), reverse=True)
    auto = [t for t in tasks if t["name"] == "modifyAutoTopic"]
    assert set(auto[0]["params"]) == {"old_auto_status", "new_auto_status"}
    assert auto[0]["params"]["new_auto_status"] is False  # the newest turned it off
    assert set(tasks[0]) == {"id", "name", "status", "params", "user_name", "created", "updated",
                             "instance_id"}
    assert [r.split("?")[0] for r in reads(emu)] == ["instances"] + [
        "instances/%s/tasks" % kafka["id"]] * 2
    assert any("start=51" in r for r in reads(emu))

    one = run("dms_instance_task_info", {"instance": kafka["id"], "id": tasks[-1]["id"].upper()})
    assert one.rc == 0 and one["tasks"] == [tasks[-1]]
    unknown = run("dms_instance_task_info", {"instance": kafka["id"], "id": "0" * 32})
    assert unknown.rc == 0 and unknown["tasks"] == []


def test_since_and_until_filter_on_the_creation_time(emu, run, kafka):
    make_topics(kafka, orders=1)
    emu.advance_clock(7200)
    kafka["v2"].ok("POST", "/instances/%s/autotopic" % kafka["id"], json={"enable_auto_topic": True})
    every = run("dms_instance_task_info", {"instance": kafka["id"]})["tasks"]
    newest = every[0]["created"]
    cut = (datetime.datetime.strptime(newest[:19], "%Y-%m-%dT%H:%M:%S")
           - datetime.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
    later = run("dms_instance_task_info", {"instance": kafka["id"], "since": cut})
    assert [t["name"] for t in later["tasks"]] == ["modifyAutoTopic"]
    earlier = run("dms_instance_task_info", {"instance": kafka["id"], "until": cut})
    assert [t["name"] for t in earlier["tasks"]] == ["createInstance"]
    shifted = cut[:-1] + "+00:30"  # the same wall time half an hour east is half an hour earlier
    assert [t["name"] for t in run("dms_instance_task_info", {
        "instance": kafka["id"], "since": shifted})["tasks"]] == ["modifyAutoTopic"]


def test_bad_times_and_ids_are_refused_before_any_request_and_missing_is_empty(emu, run):
    emu.reset_requests()
    bad = run("dms_instance_task_info", {"instance": "kafka-1", "since": "yesterday",
                                         "until": "2026-13-01"})
    assert bad.rc == 1
    assert bad["msg"] == ("since 'yesterday' is not an ISO 8601 time (such as "
                          "2026-07-01T08:30:00Z). until '2026-13-01' is not an ISO 8601 time "
                          "(such as 2026-07-01T08:30:00Z).")
    assert dms_requests(emu) == []
    assert run("dms_instance_task_info", {"instance": "no-such-kafka"})["tasks"] == []

"""dms_queue and dms_queue_info, run as Ansible runs them, against the emulator."""

from support.ansible_run import dms_requests, tuned_clouds

# One identity exchange: the auth URL names v3, so no version discovery (GET /v3).
KEYSTONE = [("POST", "/v3/auth/tokens")]


def calls(emu):
    return [(r["method"], r["path"]) for r in emu.requests()]


def sdk_queue(emu, name):
    """The queue as the cloud (not the module) sees it."""
    conn = emu.connect()
    for queue in conn.dms.queues(include_deadletter=True):
        if queue.name == name:
            return queue
    return None


def test_create_quartet_and_unchanged_cost(emu, run, unique):
    name = unique("orders")
    args = {"name": name, "queue_mode": "fifo", "description": "web shop",
            "dead_letter": True, "max_consume_count": 3}

    first = run("dms_queue", args, check=True, diff=True)
    assert first.rc == 0 and first["changed"] is True
    assert first["queue"]["id"] is None and first["queue"]["queue_mode"] == "fifo"
    assert first["diff"]["before"] == {} and first["diff"]["after"]["dead_letter"] is True
    assert dms_requests(emu, write_only=True) == []
    assert sdk_queue(emu, name) is None

    second = run("dms_queue", args, diff=True)
    assert second.rc == 0 and second["changed"] is True
    queue = second["queue"]
    assert queue["name"] == name and queue["queue_mode"] == "fifo"
    assert queue["description"] == "web shop" and queue["dead_letter"] is True
    assert queue["max_consume_count"] == 3 and queue["retention_hours"] is None
    assert queue["id"] and queue["created"].endswith("Z")
    real = sdk_queue(emu, name)
    assert (real.id, real.queue_mode, real.redrive_policy, real.max_consume_count) == \
        (queue["id"], "FIFO", "enable", 3)

    third = run("dms_queue", args, check=True)
    assert third.rc == 0 and third["changed"] is False

    emu.reset_requests()
    fourth = run("dms_queue", args, diff=True)
    assert fourth.rc == 0 and fourth["changed"] is False
    assert fourth["queue"] == queue
    assert fourth["diff"]["before"] == fourth["diff"]["after"]
    # An unchanged re-run: the identity exchange and one DMS read, nothing else.
    assert calls(emu) == KEYSTONE + [("GET", "/v1.0/%s/queues" % emu.seed()["projects"][0]["project"]["id"])]


MODES = [
    ("normal", {}, {"dead_letter": False, "max_consume_count": None, "retention_hours": None}),
    ("fifo", {"dead_letter": False}, {"dead_letter": False, "retention_hours": None}),
    ("kafka_ha", {"retention_hours": 24}, {"retention_hours": 24, "dead_letter": False}),
    ("kafka_ht", {"retention_hours": 1}, {"retention_hours": 1, "dead_letter": False}),
]


def test_every_queue_mode(emu, run, unique):
    """All four modes in one declared set: each as asked, as the cloud has it, then unchanged."""
    names = dict((mode, unique(mode.replace("_", "-"))) for mode, _extra, _expected in MODES)
    entries = [dict({"name": names[mode], "queue_mode": mode}, **extra) for mode, extra, _ in MODES]
    result = run("dms_queue", {"queues": entries})
    assert result.rc == 0 and result["changed"] is True, result.get("msg")
    assert result["created"] == [names[mode] for mode, _extra, _expected in MODES]
    listed = dict((q["name"], q) for q in result["queues"])
    for mode, _extra, expected in MODES:
        for key, value in dict(expected, queue_mode=mode).items():
            assert listed[names[mode]][key] == value, (mode, key)
        assert sdk_queue(emu, names[mode]).queue_mode == mode.upper()
    again = run("dms_queue", {"queues": entries})
    assert again["changed"] is False and again["created"] == []
    assert [q for q in again["queues"] if q["name"] in names.values()] == \
        [q for q in result["queues"] if q["name"] in names.values()]
    run("dms_queue", {"queues": [{"name": n} for n in names.values()], "state": "absent"})


def test_unset_options_are_not_compared_and_the_id_addresses_the_queue(emu, run, unique):
    name = unique("keep")
    created = run("dms_queue", {"name": name, "queue_mode": "fifo", "description": "x"})
    by_name = run("dms_queue", {"name": name})
    assert by_name["changed"] is False and by_name["queue"]["queue_mode"] == "fifo"
    by_id = run("dms_queue", {"name": created["queue"]["id"], "description": "x"})
    assert by_id["changed"] is False and by_id["queue"]["name"] == name
    assert run("dms_queue", {"name": created["queue"]["id"], "state": "absent"})["changed"]
    assert sdk_queue(emu, name) is None


def test_a_differing_setting_fails_before_any_write_naming_each_field(emu, run, unique):
    name = unique("fixed")
    run("dms_queue", {"name": name, "queue_mode": "fifo", "dead_letter": True,
                      "max_consume_count": 3, "description": "a"})
    emu.reset_requests()
    result = run("dms_queue", {"name": name, "queue_mode": "normal", "dead_letter": True,
                               "max_consume_count": 5, "description": "a"}, diff=True)
    assert result.rc == 1
    assert result["msg"] == (
        "Cannot change queue '%s' in place: max_consume_count is 3 (wanted 5), queue_mode is "
        "'fifo' (wanted 'normal'). Queues cannot be modified: delete it (state=absent) and "
        "create it again, or use another name." % name)
    assert dms_requests(emu, write_only=True) == []
    assert sdk_queue(emu, name).queue_mode == "FIFO"
    # Check mode refuses the same way.
    assert run("dms_queue", {"name": name, "description": "b"}, check=True).rc == 1


def test_force_is_needed_to_delete_a_queue_with_unconsumed_messages(emu, run, unique):
    name = unique("full")
    queue_id = run("dms_queue", {"name": name})["queue"]["id"]
    conn = emu.connect()
    conn.dms.send_messages(queue_id, [{"body": "m%d" % i} for i in range(3)])
    emu.reset_requests()
    refused = run("dms_queue", {"name": name, "state": "absent"})
    assert refused.rc == 1
    assert refused["msg"] == ("Queue '%s' still holds 3 unconsumed message(s) (no consumer group "
                              "has read them). Set force: true to delete it with its messages."
                              % name)
    assert dms_requests(emu, write_only=True) == []

    group = conn.dms.create_group(queue_id, "readers")
    messages = list(conn.dms.consume_message(queue_id, group.id, max_msgs=2))
    conn.dms.ack_message(queue_id, group.id, [messages[0].id])
    refused = run("dms_queue", {"name": name, "state": "absent"}, check=True)
    assert refused.rc == 1 and "2 unconsumed message(s) (group 'readers': 2)" in refused["msg"]

    forced = run("dms_queue", {"name": name, "state": "absent", "force": True})
    assert forced.rc == 0 and forced["changed"] is True
    assert forced["queue"]["produced_messages"] == 3
    assert sdk_queue(emu, name) is None


def test_a_queue_whose_messages_were_all_consumed_needs_no_force(emu, run, unique):
    name = unique("done")
    queue_id = run("dms_queue", {"name": name})["queue"]["id"]
    conn = emu.connect()
    group = conn.dms.create_group(queue_id, "readers")
    conn.dms.send_messages(queue_id, [{"body": "only"}])
    handlers = [m.id for m in conn.dms.consume_message(queue_id, group.id)]
    conn.dms.ack_message(queue_id, group.id, handlers)
    assert run("dms_queue", {"name": name, "state": "absent"})["changed"] is True
    # (The delete quartet is the dms_queue integration target's.) Absent again: no write.
    emu.reset_requests()
    again = run("dms_queue", {"name": name, "state": "absent"})
    assert again.rc == 0 and again["changed"] is False and again["queue"] is None
    assert dms_requests(emu, write_only=True) == []


def test_an_api_failure_gives_one_line_and_the_error_payload(emu, run, unique, tmp_path):
    emu.set_faults(error_rate=1.0, statuses=[503], methods=["POST"], seed=3)
    name = unique("faulty")
    # Retried 8 times first: a short retry delay (a clouds.yaml setting) keeps the test quick.
    result = run("dms_queue", {"name": name},
                 env=tuned_clouds(emu, tmp_path, "status_code_retry_delay: 0.05"))
    assert result.rc == 1
    assert result["msg"] == ("Failed to create queue '%s': APIGW.0203 The service is unavailable "
                             "(injected fault). (HTTP 503)" % name)
    error = result["error"]
    assert error["status_code"] == 503 and error["code"] == "APIGW.0203"
    assert error["message"] == "The service is unavailable (injected fault)."
    assert error["request_id"]
    assert "Traceback" not in result.stdout + result.stderr


def test_the_retired_queue_service_is_named_as_such(run, unique):
    from emulator.testing import Emulator
    from support.ansible_run import run_module

    with Emulator(extra_args=["--retired-queues"]) as retired:
        for module, args in (("dms_queue_info", {}), ("dms_queue", {"name": unique("q")})):
            result = run_module(retired, module, args)
            assert result.rc == 1
            assert "the DMS queue service is not available in this cloud: T Cloud Public " \
                   "retired the v1 queue API in 2022 (the gateway answered APIGW.0201)" \
                   in result["msg"]
            assert result["error"]["code"] == "APIGW.0201"


def test_info_lists_all_or_one_by_name_or_id_and_empty_when_missing(emu, run, unique):
    names = [unique("info") for _ in range(2)]
    ids = [run("dms_queue", {"name": n, "queue_mode": "fifo", "dead_letter": True,
                             "max_consume_count": 7})["queue"]["id"] for n in names]
    emu.connect().dms.send_messages(ids[0], [{"body": 1}, {"body": 2}])
    everything = run("dms_queue_info", {})
    assert everything.rc == 0 and everything["changed"] is False
    listed = {q["name"]: q for q in everything["queues"]}
    assert set(names) <= set(listed)
    assert listed[names[0]]["produced_messages"] == 2
    assert listed[names[0]]["max_consume_count"] == 7 and listed[names[0]]["dead_letter"] is True

    emu.reset_requests()
    one = run("dms_queue_info", {"name": names[1]}, check=True)
    assert [q["id"] for q in one["queues"]] == [ids[1]]
    assert len(dms_requests(emu)) == 1
    assert [q["name"] for q in run("dms_queue_info", {"name": ids[0]})["queues"]] == [names[0]]
    missing = run("dms_queue_info", {"name": unique("nothing")})
    assert missing.rc == 0 and missing["queues"] == []


def test_module_defaults_group_sets_the_cloud(emu, playbook, unique):
    name = unique("grouped")
    result = playbook("""
- hosts: localhost
  gather_facts: false
  module_defaults:
    group/otc.dms.dms:
      cloud: emulator-other
  tasks:
    - name: create
      otc.dms.dms_queue:
        name: %s
    - name: list
      otc.dms.dms_queue_info:
        name: %s
    - name: delete
      otc.dms.dms_queue:
        name: %s
        state: absent
""" % (name, name, name), env={"OS_CLOUD": ""})
    assert result.rc == 0, result.stdout[-3000:]
    tasks = result.results()
    assert tasks["create"]["changed"] is True
    assert [q["name"] for q in tasks["list"]["queues"]] == [name]
    # It went to the second project, not the first.
    other = emu.seed()["projects"][1]["project"]["id"]
    creates = [r for r in emu.requests() if r["method"] == "POST" and r["path"].endswith("/queues")]
    assert [r["path"] for r in creates] == ["/v1.0/%s/queues" % other]


def test_runs_as_an_async_task(emu, playbook, unique):
    # ansible-core's own handling of async: a polled task and a background job.
    name = unique("async")
    result = playbook("""
- hosts: localhost
  gather_facts: false
  tasks:
    - name: create
      otc.dms.dms_queue:
        name: %s
      async: 60
      poll: 1
    - name: start
      otc.dms.dms_queue_info:
        name: %s
      async: 60
      poll: 0
      register: job
    - name: wait
      ansible.builtin.async_status:
        jid: "{{ job.ansible_job_id }}"
      register: done
      until: done.finished
      retries: 60
      delay: 1
""" % (name, name))
    assert result.rc == 0, result.stdout[-3000:]
    tasks = result.results()
    assert tasks["create"]["changed"] is True
    assert tasks["create"]["queue"]["name"] == name
    assert [q["name"] for q in tasks["wait"]["queues"]] == [name]
    assert len([r for r in emu.requests() if r["method"] == "POST"
                and r["path"].endswith("/queues")]) == 1


def test_client_certificate_reaches_the_connection(emu, run, tmp_path):
    from ansible_collections.otc.dms.plugins.module_utils.client import connect
    import os

    cert, key = tmp_path / "client.pem", tmp_path / "client.key"
    cert.write_text("-----BEGIN CERTIFICATE-----\n")
    key.write_text("-----BEGIN PRIVATE KEY-----\n")
    os.environ.update(emu.env)
    try:
        conn = connect({"cloud": emu.cloud_name, "client_cert": str(cert), "client_key": str(key),
                        "ca_cert": str(tmp_path / "ca.pem"), "interface": "public"})
    finally:
        for name in emu.env:
            os.environ.pop(name, None)
    assert conn.session.cert == (str(cert), str(key))
    assert conn.session.verify == str(tmp_path / "ca.pem")

    # requests reads the certificate files on every request: a wrong path is one clear line.
    missing = run("dms_queue_info", {"client_cert": str(tmp_path / "nope.pem"), "client_key": str(key)})
    assert missing.rc == 1
    assert missing["msg"].startswith("Failed to connect to the cloud: Could not find the TLS "
                                     "certificate file, invalid path: ")
    assert "Traceback" not in missing.stdout + missing.stderr

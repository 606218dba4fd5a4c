"""No secret reaches any output: every module with credentials in `auth` and in a `cloud`
dict, and the Kafka password, with -vvv and --diff, in check mode and for real, on success
and on failure (issue 7)."""

import json

import pytest

KAFKA_PASSWORD = "Kafka-Pass-4471"
USER_PASSWORDS = ("User-Pass-5582", "User-Pass-6693")

TASKS = [
    ("otc.dms.dms_queue", {"name": "{{ q }}", "queue_mode": "fifo"}),
    ("otc.dms.dms_queue_info", {"name": "{{ q }}"}),
    ("otc.dms.dms_queue_group", {"queue": "{{ q }}", "name": "readers"}),
    ("otc.dms.dms_queue_group_info", {"queue": "{{ q }}"}),
    ("otc.dms.dms_message", {"action": "send", "queue": "{{ q }}", "messages": [{"body": "hi"}]}),
    ("otc.dms.dms_az_info", {}),
    ("otc.dms.dms_product_info", {"type": "cluster"}),
    ("otc.dms.dms_maintenance_window_info", {}),
    ("otc.dms.dms_instance", {
        "name": "{{ k }}", "engine_version": "3.x", "flavor": "c6.2u4g.cluster", "broker_num": 3,
        "storage_space": 300, "storage_spec_code": "dms.physical.storage.ultra.v2",
        "availability_zones": ["eu-de-01"],
        "vpc_id": "{{ net.vpc_id }}", "subnet_id": "{{ net.subnet_id }}",
        "security_group_id": "{{ net.security_group_id }}", "ssl_enable": True,
        "access_user": "kafka-admin", "password": KAFKA_PASSWORD}),
    ("otc.dms.dms_instance_info", {"name": "{{ k }}"}),
    ("otc.dms.dms_instance_topic", {"instance": "{{ k }}", "name": "orders"}),
    ("otc.dms.dms_instance_topic_info", {"instance": "{{ k }}"}),
    # Reset on every run (update_password: always): the password is sent each time.
    ("otc.dms.dms_instance_user", {"instance": "{{ k }}", "name": "app-user",
                                   "password": USER_PASSWORDS[0], "update_password": "always"}),
    ("otc.dms.dms_instance_user", {"instance": "{{ k }}", "users": [
        {"name": "app-two", "password": USER_PASSWORDS[1], "description": "second"}]}),
    ("otc.dms.dms_instance_user_info", {"instance": "{{ k }}"}),
    ("otc.dms.dms_instance_topic_permission", {"instance": "{{ k }}", "topic": "orders",
                                               "permissions": [{"user": "app-user",
                                                                "access": "pub"}]}),
]


HOWS = ("auth", "cloud")
# The real run first: check mode then finds what it depends on (queue, instance).
CHECKS = (False, True)


def task_name(how, check, module):
    return "%s %s %s" % (how, "check" if check else "real", module)


def play(auth, names, network):
    """Every module with ``auth`` given both ways, each for real and then in check mode."""
    tasks = []
    for how in HOWS:
        for check in CHECKS:
            for module, args in TASKS:
                args = dict(args)
                if how == "auth":
                    args.update(auth=auth, region_name="eu-de")
                else:
                    args["cloud"] = {"auth": auth, "region_name": "eu-de"}
                tasks.append({"name": task_name(how, check, module), module: args,
                              "check_mode": check, "ignore_errors": True})
    return json.dumps([{"hosts": "localhost", "gather_facts": False,
                        "vars": dict(names, net=network), "tasks": tasks}])


@pytest.mark.slow
def test_no_secret_in_any_output(emu, playbook, run, unique):
    account = emu.seed()["projects"][0]
    auth = {"auth_url": emu.seed()["auth_url"], "username": account["user"]["name"],
            "password": account["user"]["password"], "project_name": account["project"]["name"],
            "user_domain_name": account["user"]["domain"]["name"],
            "project_domain_name": account["user"]["domain"]["name"]}
    wrong = dict(auth, password="Wrong-Secret-0815")
    secrets = [auth["password"], wrong["password"], KAFKA_PASSWORD] + list(USER_PASSWORDS)
    names = {"q": unique("secret"), "k": unique("kafka")}
    runs = []
    for credentials, succeed in ((auth, True), (wrong, False)):
        result = playbook(play(credentials, names, account["network"]), diff=True, verbosity=3,
                          env={"OS_CLOUD": ""})
        runs.append(result)
        failed = [t["task"] for t in result.data["tasks"] if t["status"] == "failed"]
        if succeed:
            assert failed == [], (failed, result.stdout[-3000:])
        else:
            # Every task needs the cloud; a send in check mode too (it looks the queue up).
            expected = [task_name(how, check, m) for how in HOWS for check in CHECKS
                        for m, _ in TASKS]
            assert failed == expected, failed
    emu_log = json.dumps(emu.requests(bodies=True))
    for secret in (KAFKA_PASSWORD,) + USER_PASSWORDS:
        assert secret in emu_log  # it did go to the cloud in the create request...
    responses = json.dumps([r["response_body"] for r in emu.requests(bodies=True)])
    for secret in secrets:
        assert secret not in responses  # ...but no answer carries it
        for result in runs:
            assert secret not in result.stdout, secret
            assert secret not in result.stderr, secret
            assert secret not in json.dumps(result.data), secret
    assert run("dms_instance", {"name": names["k"], "state": "absent"})["changed"] is True
    assert run("dms_queue", {"name": names["q"], "state": "absent", "force": True})["changed"]


def test_tls_verification_is_on_unless_turned_off(emu):
    from ansible_collections.otc.dms.plugins.module_utils.client import cloud_region
    import os

    os.environ.update(emu.env)
    try:
        default = cloud_region({"cloud": emu.cloud_name, "interface": "public"})
        off = cloud_region({"cloud": emu.cloud_name, "interface": "public",
                            "validate_certs": False})
    finally:
        for name in emu.env:
            os.environ.pop(name, None)
    assert default.config["verify"] is True
    assert off.config["verify"] is False

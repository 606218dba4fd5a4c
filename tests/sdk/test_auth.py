"""Keystone v3 (contract §1.1), DMS token checks (§1.1, §2.8) and project
isolation."""

import time
import uuid

import openstack
import pytest
import requests
from keystoneauth1 import exceptions as ka_exc
from openstack import exceptions
from otcextensions import sdk as otc_sdk

from sdk_support import Emulator, Raw, assert_error, assert_sdk_error, instance_attrs, \
    seeded_project, unique, wait_running


def _password_body(user, project, password):
    return {"auth": {"identity": {"methods": ["password"], "password": {"user": dict(
        user, password=password)}}, "scope": {"project": project}}}


def _token_request(emulator, body):
    return requests.post(emulator.url + "/v3/auth/tokens", json=body, timeout=30)


# --------------------------------------------------------------------------
# Keystone
# --------------------------------------------------------------------------
def test_token_issue_by_name_returns_subject_token_and_dms_catalog(emulator, seed):
    proj = seeded_project(emulator, "emulator")
    user = proj["user"]
    body = _password_body({"name": user["name"], "domain": {"name": user["domain"]["name"]}},
                          {"name": proj["project"]["name"], "domain": {"name": user["domain"]["name"]}},
                          user["password"])
    resp = _token_request(emulator, body)
    assert resp.status_code == 201, resp.text
    assert resp.headers.get("X-Subject-Token")
    token = resp.json()["token"]
    assert token["project"]["id"] == proj["project"]["id"]
    assert token["expires_at"]
    dms = [s for s in token["catalog"] if s["type"] == "dms"]
    assert len(dms) == 1
    eps = [e for e in dms[0]["endpoints"] if e["interface"] == "public"]
    assert eps, dms
    # §1.2 MUST: the dms URL is <base>/v1.0, without the project id
    assert eps[0]["url"].rstrip("/") == emulator.url + "/v1.0"
    assert eps[0]["region_id"] == seed["region"] == "eu-de"


def test_token_issue_by_ids_and_name_without_domain(emulator):
    proj = seeded_project(emulator, "emulator")
    user = proj["user"]
    # user.id + project id scope
    resp = _token_request(emulator, _password_body({"id": user["id"]}, {"id": proj["project"]["id"]},
                                                   user["password"]))
    assert resp.status_code == 201, resp.text
    assert resp.json()["token"]["project"]["id"] == proj["project"]["id"]
    # user name + domain id, project name without domain
    resp = _token_request(emulator, _password_body(
        {"name": user["name"], "domain": {"id": user["domain"]["id"]}}, {"name": proj["project"]["name"]},
        user["password"]))
    assert resp.status_code == 201, resp.text
    assert resp.json()["token"]["project"]["id"] == proj["project"]["id"]


def test_token_of_other_project_is_scoped_to_other_project(emulator):
    p1 = seeded_project(emulator, "emulator")
    p2 = seeded_project(emulator, "emulator-other")
    assert p1["project"]["id"] != p2["project"]["id"]
    resp = _token_request(emulator, _password_body({"id": p2["user"]["id"]}, {"id": p2["project"]["id"]},
                                                   p2["user"]["password"]))
    assert resp.status_code == 201, resp.text
    assert resp.json()["token"]["project"]["id"] == p2["project"]["id"]


def test_keystone_rejects_bad_password_raw(emulator):
    proj = seeded_project(emulator, "emulator")
    user = proj["user"]
    resp = _token_request(emulator, _password_body({"id": user["id"]}, {"id": proj["project"]["id"]},
                                                   password="definitely-wrong"))
    assert resp.status_code == 401, resp.text
    assert not resp.headers.get("X-Subject-Token")


def test_sdk_with_bad_password_fails_with_401(emulator, seed):
    proj = seeded_project(emulator, "emulator")
    user = proj["user"]
    bad = openstack.connect(
        load_yaml_config=False, load_envvars=False,
        auth_type="password",
        auth=dict(auth_url=seed["auth_url"], username=user["name"], password="wrong-password",
                  user_domain_name=user["domain"]["name"], project_name=proj["project"]["name"],
                  project_domain_name=user["domain"]["name"]),
        region_name=seed["region"])
    # otcextensions authenticates while registering (it reads the project id)
    with pytest.raises((ka_exc.Unauthorized, exceptions.SDKException)) as excinfo:
        otc_sdk.register_otc_extensions(bad)
        list(bad.dms.queues())
    exc = excinfo.value
    status = getattr(exc, "http_status", None) or getattr(exc, "status_code", None)
    assert status == 401 or "401" in str(exc), repr(exc)


def test_sdk_with_good_explicit_credentials_works(emulator, seed, conn):
    proj = seeded_project(emulator, "emulator")
    user = proj["user"]
    good = openstack.connect(
        load_yaml_config=False, load_envvars=False, auth_type="password",
        auth=dict(auth_url=seed["auth_url"], username=user["name"], password=user["password"],
                  user_domain_name=user["domain"]["name"], project_name=proj["project"]["name"],
                  project_domain_name=user["domain"]["name"]),
        region_name=seed["region"])
    otc_sdk.register_otc_extensions(good)
    assert good.current_project_id == conn.current_project_id == proj["project"]["id"]
    assert isinstance(list(good.dms.queues()), list)


# --------------------------------------------------------------------------
# DMS token checks (raw)
# --------------------------------------------------------------------------
def test_missing_token_401(raw):
    resp = raw.get("/queues", token=False)
    assert_error(resp, 401, "DMS.10240103")


def test_garbage_token_401(raw):
    resp = raw.get("/queues", token="garbage-" + uuid.uuid4().hex)
    assert_error(resp, 401, "DMS.10240101")


def test_garbage_token_on_instances_401(raw):
    resp = raw.get("/instances", token="not-a-token")
    assert_error(resp, 401, "DMS.10240101")


def test_project_path_mismatch_401(raw, other_conn):
    other_pid = other_conn.current_project_id
    assert other_pid != raw.pid
    resp = raw.get("%s/v1.0/%s/queues" % (raw.emu.url, other_pid))
    assert_error(resp, 401, "DMS.10240104")
    resp = raw.get("%s/v1.0/%s/instances" % (raw.emu.url, other_pid))
    assert_error(resp, 401, "DMS.10240104")


def test_valid_token_ok(raw):
    resp = raw.get("/queues")
    assert resp.status_code == 200, resp.text
    assert "queues" in resp.json()


def test_expired_token_and_sdk_reauthenticates():
    with Emulator(instance_delay=0.3, max_time_wait=0.3, extra_args=["--token-ttl", "1"]) as emu:
        conn = emu.connect()
        raw = Raw(emu, conn)
        q = conn.dms.create_queue(name=unique("exp"))
        token = conn.session.get_token()
        pid = conn.current_project_id
        assert raw.get("/queues", token=token).status_code == 200
        emu.advance_clock(1.6)  # past the token's lifetime
        resp = raw.get("%s/v1.0/%s/queues" % (emu.url, pid), token=token)
        assert_error(resp, 401, "DMS.10240102")
        # the SDK gets a new token and carries on
        emu.reset_requests()
        names = [x.name for x in conn.dms.queues()]
        assert q.name in names
        log = emu.requests()
        assert any(r["method"] == "POST" and r["path"] == "/v3/auth/tokens" and r["status"] == 201
                   for r in log), log
        assert any(r["path"] == "/v1.0/%s/queues" % pid and r["status"] == 200 for r in log), log


# --------------------------------------------------------------------------
# isolation between projects
# --------------------------------------------------------------------------
def test_other_project_cannot_see_get_or_delete_queue(conn, other_conn, make_queue, raw):
    q = make_queue()
    assert q.id not in [x.id for x in other_conn.dms.queues()]
    assert other_conn.dms.find_queue(q.name) is None
    with pytest.raises(exceptions.NotFoundException) as ei:
        other_conn.dms.get_queue(q.id)
    assert_sdk_error(ei, 404, "DMS.10240401")
    with pytest.raises(exceptions.NotFoundException):
        other_conn.dms.delete_queue(q.id, ignore_missing=False)
    with pytest.raises(exceptions.NotFoundException):
        other_conn.dms.send_message(q.id, body="intrusion")
    # names are unique per project only
    twin = other_conn.dms.create_queue(name=q.name)
    try:
        assert twin.id != q.id
    finally:
        other_conn.dms.delete_queue(twin)
    # still there and untouched for its owner
    assert conn.dms.get_queue(q.id).name == q.name
    body = raw.get("/queues", params={"include_messages_num": "true"}).json()
    mine = [x for x in body["queues"] if x["id"] == q.id]
    assert mine and mine[0].get("produced_messages", 0) == 0


def test_other_project_raw_token_on_first_project_path(other_raw, conn, make_queue):
    q = make_queue()
    resp = other_raw.get("%s/v1.0/%s/queues/%s" % (other_raw.emu.url, conn.current_project_id, q.id))
    assert_error(resp, 401, "DMS.10240104")


def test_other_project_cannot_see_get_or_delete_instance(conn, other_conn, make_instance):
    inst = make_instance(wait=True)
    assert inst.id not in [i.id for i in other_conn.dms.instances()]
    with pytest.raises(exceptions.NotFoundException) as ei:
        other_conn.dms.get_instance(inst.id)
    assert_sdk_error(ei, 404, "DMS.00404022")
    with pytest.raises(exceptions.NotFoundException):
        other_conn.dms.delete_instance(inst.id, ignore_missing=False)
    assert other_conn.dms.find_instance(inst.name, ignore_missing=True) is None
    assert conn.dms.get_instance(inst.id).status == "RUNNING"


def test_other_project_has_its_own_network(emulator, other_conn, other_net, az_ids, product_100mb):
    """The second project creates instances with its own seeded network."""
    inst = other_conn.dms.create_instance(**instance_attrs(other_net, az_ids, product_100mb))
    try:
        inst = wait_running(other_conn, inst)
        assert inst.router_id == other_net["vpc_id"]
        assert inst.network_id == other_net["subnet_id"]
    finally:
        other_conn.dms.delete_instance(inst.id, ignore_missing=True)

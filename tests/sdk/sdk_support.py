"""Helpers of the SDK-driven DMS emulator test suite (fixtures: conftest.py).

The suite drives the emulator with the *real* ``openstacksdk`` +
``otcextensions`` over HTTP.  Where the SDK has no call or hides a detail
(dead letters, quotas, exact error bodies, raw status codes) the tests use
``requests`` with the SDK's token (see :class:`Raw`).

Every test either cleans up what it creates or uses unique names, so the
tests are independent of their order.
"""

import ipaddress
import os
import re
import time
import uuid

import requests

from emulator.testing import Emulator  # noqa: F401 - re-exported for the tests

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

INSTANCE_DELAY = 0.3
MAX_TIME_WAIT = 0.3

UUID_RE = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
GROUP_ID_RE = re.compile(r"^g-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


def unique(prefix="t"):
    """A unique resource name: ``prefix-<10 hex>`` (valid for queues, groups,
    instances and topics as long as ``prefix`` starts with a letter)."""
    return "%s-%s" % (prefix, uuid.uuid4().hex[:10])


def assert_error(resp, status, code):
    """Check a raw DMS error response against contract §1.4: status code,
    JSON content type, and both ``error_code`` and ``error_msg``."""
    assert resp.status_code == status, (
        "expected HTTP %s %s, got %s: %s" % (status, code, resp.status_code, resp.text[:500]))
    ctype = resp.headers.get("Content-Type", "")
    assert "application/json" in ctype, "error Content-Type is %r" % ctype
    body = resp.json()
    assert isinstance(body, dict), body
    if isinstance(code, (tuple, list, set)):
        assert body.get("error_code") in code, body
    else:
        assert body.get("error_code") == code, body
    assert isinstance(body.get("error_msg"), str) and body["error_msg"], body
    return body


def assert_sdk_error(excinfo, status, code):
    """Check an exception raised by the SDK: HTTP status and the DMS code in
    the message (otcextensions puts ``error_code`` into the message)."""
    exc = excinfo.value
    assert getattr(exc, "status_code", None) == status, (exc, getattr(exc, "status_code", None))
    codes = code if isinstance(code, (tuple, list, set)) else (code,)
    text = "%s %s" % (exc, getattr(exc, "details", ""))
    assert any(c in text for c in codes), "expected %s in %r" % (codes, text)


def wait_until(predicate, timeout=10.0, interval=0.05, message="condition"):
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError("timed out waiting for %s" % message)
        time.sleep(interval)


def is_private_ipv4(text):
    try:
        addr = ipaddress.ip_address(text)
    except ValueError:
        return False
    return addr.version == 4 and addr.is_private


class Raw:
    """Raw HTTP access to the emulator with a connection's token and project."""

    def __init__(self, emu, conn):
        self.emu = emu
        self.conn = conn
        self.http = requests.Session()

    @property
    def token(self):
        return self.conn.session.get_token()

    @property
    def pid(self):
        return self.conn.current_project_id

    def url(self, path, project=True):
        if path.startswith("http"):
            return path
        if not path.startswith("/"):
            path = "/" + path
        if project:
            return "%s/v1.0/%s%s" % (self.emu.url, self.pid, path)
        return "%s%s" % (self.emu.url, path)

    def request(self, method, path, project=True, token=True, headers=None, **kwargs):
        hdrs = {"Content-Type": "application/json", "Accept": "application/json"}
        if token is True:
            hdrs["X-Auth-Token"] = self.token
        elif token:
            hdrs["X-Auth-Token"] = token
        hdrs.update(headers or {})
        kwargs.setdefault("timeout", 30)
        return self.http.request(method, self.url(path, project), headers=hdrs, **kwargs)

    def get(self, path, **kw):
        return self.request("GET", path, **kw)

    def post(self, path, **kw):
        return self.request("POST", path, **kw)

    def put(self, path, **kw):
        return self.request("PUT", path, **kw)

    def delete(self, path, **kw):
        return self.request("DELETE", path, **kw)

    # convenience wrappers for calls the SDK does not offer ---------------
    def consume(self, qid, gid, dead=False, **params):
        kind = "deadletters" if dead else "messages"
        return self.get("/queues/%s/groups/%s/%s" % (qid, gid, kind), params=params)

    def ack(self, qid, gid, entries, dead=False):
        path = "/queues/%s/groups/%s/%s" % (qid, gid, "deadletters/ack" if dead else "ack")
        return self.post(path, json={"message": entries})

    def groups(self, qid, **params):
        return self.get("/queues/%s/groups" % qid, params=params)


def seeded_project(emu, cloud):
    for proj in emu.seed()["projects"]:
        if proj["cloud"] == cloud:
            return proj
    raise AssertionError("no seeded project for cloud %s" % cloud)


def product_for(conn, bandwidth="100MB", version="2.3.0"):
    for prod in conn.dms.products():
        if prod.bandwidth == bandwidth and prod.engine_version == version:
            return prod
    raise AssertionError("no product %s/%s" % (bandwidth, version))


def instance_attrs(net, az_ids, product, name=None, **overrides):
    attrs = dict(
        name=name or unique("kafka"),
        engine="kafka",
        engine_version="2.3.0",
        storage=600,
        router_id=net["vpc_id"],
        network_id=net["subnet_id"],
        security_group_id=net["security_group_id"],
        availability_zones=[az_ids[0]],
        product_id=product.product_id,
        storage_spec_code="dms.physical.storage.ultra",
    )
    attrs.update(overrides)
    return attrs


def wait_running(conn, inst, wait=15):
    """Wait for RUNNING with the SDK's wait_for_status (always starting from a
    fresh GET, so a stale RUNNING in ``inst`` does not short-circuit)."""
    from openstack import resource

    fresh = conn.dms.get_instance(inst.id)
    return resource.wait_for_status(conn.dms, fresh, "RUNNING", failures=["CREATEFAILED"],
                                    interval=0.05, wait=wait)


def _delete_instance_eventually(conn, iid, timeout=10):
    """Delete an instance, waiting out CREATING/RESTARTING states."""
    from openstack import exceptions

    deadline = time.monotonic() + timeout
    while True:
        try:
            conn.dms.delete_instance(iid, ignore_missing=True)
            return
        except exceptions.BadRequestException:
            if time.monotonic() > deadline:
                return
            time.sleep(0.1)
        except Exception:  # pragma: no cover - best effort cleanup
            return

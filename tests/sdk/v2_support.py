"""Driving DMS for Kafka v2 the way a client does (contract 1.3): ``conn.dmsv2.request`` with
absolute URLs derived from ``conn.dmsv2.get_endpoint()``; keystoneauth adds the token."""

import re
import time

from sdk_support import unique, wait_until

CLUSTER = "c6.2u4g.cluster"
ULTRA = "dms.physical.storage.ultra.v2"
PASSWORD = "Dmstest@123"


class V2:
    """The four URL families of one connection: project, engine, project-less, ACL (v1)."""

    def __init__(self, conn):
        self.conn = conn
        endpoint = conn.dmsv2.get_endpoint().rstrip("/")
        self.root = re.sub(r"/v2(/[^/]*)?$", "", endpoint)
        self.pid = conn.current_project_id
        self.families = {
            "project": "%s/v2/%s" % (self.root, self.pid),
            "engine": "%s/v2/kafka/%s" % (self.root, self.pid),
            "bare": "%s/v2" % self.root,
            "acl": "%s/v1/%s" % (self.root, self.pid),
        }

    def url(self, path, family="project"):
        return self.families[family] + path

    def request(self, method, path, family="project", **kwargs):
        return self.conn.dmsv2.request(self.url(path, family), method, **kwargs)

    def get(self, path, **kw):
        return self.request("GET", path, **kw)

    def post(self, path, **kw):
        return self.request("POST", path, **kw)

    def put(self, path, **kw):
        return self.request("PUT", path, **kw)

    def delete(self, path, **kw):
        return self.request("DELETE", path, **kw)

    def ok(self, method, path, status=200, **kw):
        resp = self.request(method, path, **kw)
        assert resp.status_code == status, (method, path, resp.status_code, resp.text[:500])
        return resp.json() if resp.content and "json" in resp.headers.get(
            "Content-Type", "") else resp.text

    # -- instances -----------------------------------------------------------------------
    def instance(self, iid):
        return self.ok("GET", "/instances/%s" % iid)

    def wait_status(self, iid, status, timeout=15, also=None):
        def ready():
            found = self.instance(iid)
            return found if found["status"] == status and (also is None or also(found)) else None
        return wait_until(ready, timeout=timeout, message="instance %s %s" % (iid, status))

    def create(self, net, az_ids, wait=True, **overrides):
        body = create_body(net, az_ids, **overrides)
        iid = self.ok("POST", "/instances", family="engine", json=body)["instance_id"]
        return self.wait_status(iid, "RUNNING") if wait else iid

    def topics(self, iid, page=50):
        """Every topic, page by page."""
        found, offset = [], 0
        while True:
            body = self.ok("GET", "/instances/%s/topics" % iid,
                           params={"offset": offset, "limit": page})
            found += body["topics"]
            offset += page
            if offset >= body["total"]:
                return found

    def task(self, iid, job):
        tasks = self.ok("GET", "/instances/%s/tasks/%s" % (iid, job))["tasks"]
        return tasks[0] if tasks else None

    def wait_task(self, iid, job, status="SUCCESS", timeout=15):
        return wait_until(lambda: (self.task(iid, job) or {}).get("status") == status
                          and self.task(iid, job), timeout=timeout,
                          message="task %s %s" % (job, status))


def create_body(net, az_ids, **overrides):
    body = {"name": unique("kafka"), "engine": "kafka", "engine_version": "3.x",
            "broker_num": 3, "storage_space": 300, "product_id": CLUSTER,
            "storage_spec_code": ULTRA, "vpc_id": net["vpc_id"], "subnet_id": net["subnet_id"],
            "security_group_id": net["security_group_id"], "available_zones": [az_ids[0]]}
    body.update(overrides)
    return {k: v for k, v in body.items() if v is not None}


def sasl(**overrides):
    """The create fields of a SASL instance (SCRAM over SASL_SSL, user root)."""
    fields = {"ssl_enable": True, "access_user": "root", "password": PASSWORD,
              "kafka_security_protocol": "SASL_SSL", "sasl_enabled_mechanisms": ["SCRAM-SHA-512"]}
    fields.update(overrides)
    return fields


def eventually_deleted(v2, iid, timeout=10):
    """Best-effort cleanup: delete once the instance allows it."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        resp = v2.delete("/instances/%s" % iid)
        if resp.status_code in (204, 404):
            return
        time.sleep(0.05)

"""DMS for Kafka v2 test helpers: instances made through the API (v2 and v1), topics, and
what the emulator's request log saw."""

import json
import re
import time

from support.ansible_run import dms_requests
from support.kafka_args import network
from v2_support import V2


def az_ids(emu):
    return [z["id"] for z in emu.seed()["availability_zones"]]


def make_instance(emu, **overrides):
    v2 = V2(emu.connect())
    found = v2.create(network(emu), az_ids(emu), **overrides)
    return {"name": found["name"], "id": found["instance_id"], "v2": v2}


def drop_instance(emu, kafka):
    emu.force_status(kafka["id"], "RUNNING")  # a forced status has no timer; RUNNING is deletable
    kafka["v2"].delete("/instances/%s" % kafka["id"])


def make_v1_instance(emu, name, **extra):
    """A RUNNING 100MB instance made through the v1 API (old product): {id, name, v2, conn}."""
    seed = emu.seed()
    net = seed["projects"][0]["network"]
    conn = emu.connect()
    created = conn.dms.create_instance(
        name=name, engine="kafka", engine_version="2.3.0", storage=600,
        router_id=net["vpc_id"], network_id=net["subnet_id"],
        security_group_id=net["security_group_id"],
        availability_zones=[seed["availability_zones"][0]["id"]], product_id="00300-30308-0--0",
        storage_spec_code="dms.physical.storage.ultra", **extra)
    made = {"id": created.id, "name": created.name, "v2": V2(conn), "conn": conn}
    made["v2"].wait_status(created.id, "RUNNING")
    return made


def make_topics(kafka, **partitions_by_name):
    for name, partitions in partitions_by_name.items():
        kafka["v2"].ok("POST", "/instances/%s/topics" % kafka["id"], json={
            "id": name, "partition": partitions})


def writes(emu):
    """(method, the path after the project id) of the DMS writes in the log."""
    return [(r["method"], re.sub(r"^/v[0-9.]+(/kafka)?/[0-9a-f]{32}/", "", r["path"]))
            for r in dms_requests(emu, write_only=True)]


def bodies(emu, suffix, method="POST"):
    return [json.loads(r["request_body"]) for r in emu.requests(bodies=True)
            if r["method"] == method and r["path"].endswith(suffix)]


def reads(emu):
    """The DMS reads (the path after the project id, with the query sorted)."""
    return [re.sub(r"^/v[0-9.]+(/kafka)?/[0-9a-f]{32}/", "", r["path"])
            + (("?" + "&".join(sorted(r["query"].split("&")))) if r.get("query") else "")
            for r in dms_requests(emu) if r["method"] == "GET"]


def wait_for_log(emu, path_suffix, timeout=60):
    """Until the emulator's request log holds a GET of a path ending in ``path_suffix``."""
    deadline = time.monotonic() + timeout
    while not any(r["method"] == "GET" and r["path"].endswith(path_suffix) for r in emu.requests()):
        assert time.monotonic() < deadline, "no GET of %s within %d s" % (path_suffix, timeout)
        time.sleep(0.05)

"""Kafka instances (contract §2.5, §3.5, §4 #8-17, #26, #28)."""

import time
import uuid

import pytest
from openstack import exceptions
from openstack import resource

from sdk_support import (UUID_RE, Emulator, Raw, _delete_instance_eventually, assert_error,
                      assert_sdk_error, instance_attrs, is_private_ipv4, product_for, seeded_project,
                      unique, wait_running)


def _raw_instance(raw, iid):
    resp = raw.get("/instances/%s" % iid)
    assert resp.status_code == 200, resp.text
    return resp.json()


# --------------------------------------------------------------------------
# create -> CREATING -> RUNNING, field round trip
# --------------------------------------------------------------------------
def test_create_instance_lifecycle_and_fields(conn, raw, emulator, net, az_ids, product_100mb,
                                              make_instance):
    before_ms = int(time.time() * 1000) - 5000
    name = unique("kafka")
    inst = make_instance(wait=False, name=name, description="some interesting description")
    assert UUID_RE.match(inst.id), inst.id
    assert conn.dms.get_instance(inst.id).status == "CREATING"
    inst = wait_running(conn, inst)
    assert inst.status == "RUNNING"

    got = conn.dms.get_instance(inst.id)
    assert got.id == got.instance_id == inst.id
    assert got.name == name
    assert got.description == "some interesting description"
    assert got.engine_name == "kafka"
    assert got.engine_version == "2.3.0"
    assert got.spec == "100MB"
    assert got.spec_code == "dms.instance.kafka.cluster.c3.mini"
    assert got.max_partitions == 300
    assert got.total_storage == 600
    assert got.storage < got.total_storage
    assert abs(got.storage - 492) <= 1  # default usable ratio 0.82
    assert got.used_storage == 0
    assert got.port == 9092
    assert got.is_ssl is False
    assert got.is_public is False
    assert got.kafka_public_status == "closed"
    addrs = got.connect_address.split(",")
    assert len(addrs) == 3, got.connect_address
    assert all(is_private_ipv4(a) for a in addrs), addrs
    assert got.maintenance_start == "02:00:00"
    assert got.maintenance_end == "06:00:00"
    assert got.router_id == net["vpc_id"]
    assert got.router_name == net["vpc_name"]
    assert got.network_id == net["subnet_id"]
    assert got.security_group_id == net["security_group_id"]
    assert got.security_group_name == net["security_group_name"]
    assert got.availability_zones == [az_ids[0]]
    assert got.product_id == product_100mb.product_id
    assert got.storage_spec_code == "dms.physical.storage.ultra"
    assert got.type == "cluster"
    assert got.charging_mode == 1
    assert got.service_type == "advanced"
    assert got.storage_type == "hec"
    user = seeded_project(emulator, "emulator")["user"]
    assert got.user_id == user["id"]
    assert got.user_name == user["name"]

    body = _raw_instance(raw, inst.id)
    assert body["instance_id"] == inst.id
    assert body["partition_num"] == "300"  # a string on the wire
    assert isinstance(body["created_at"], str) and body["created_at"].isdigit()
    assert before_ms <= int(body["created_at"]) <= int(time.time() * 1000) + 5000
    assert body["subnet_name"] == net["subnet_name"]
    assert body["subnet_cidr"] == net["subnet_cidr"]
    assert body["total_storage_space"] == 600
    assert isinstance(body["storage_space"], int)
    assert "password" not in body
    assert body["public_bandwidth"] == 0

    # the list view has no subnet_name / subnet_cidr (§2.5 get, notes)
    entry = [i for i in raw.get("/instances").json()["instances"] if i["instance_id"] == inst.id][0]
    assert "subnet_name" not in entry and "subnet_cidr" not in entry
    assert entry["name"] == name and entry["status"] == "RUNNING"


def test_create_with_spec_and_partition_num_from_sdk(conn, make_instance):
    inst = make_instance(spec="100MB", max_partitions=300)
    got = conn.dms.get_instance(inst.id)
    assert got.spec == "100MB" and got.max_partitions == 300


def test_create_instance_raw_response(conn, raw, net, az_ids, product_100mb):
    body = {"name": unique("kafka"), "engine": "kafka", "engine_version": "2.3.0",
            "specification": "100MB", "storage_space": 600, "partition_num": "300",
            "vpc_id": net["vpc_id"], "security_group_id": net["security_group_id"],
            "subnet_id": net["subnet_id"], "available_zones": [az_ids[0]],
            "product_id": product_100mb.product_id, "storage_spec_code": "dms.physical.storage.high",
            "maintain_begin": "22:00", "maintain_end": "02:00"}
    resp = raw.post("/instances", json=body)
    assert resp.status_code == 200, resp.text
    iid = resp.json()["instance_id"]
    try:
        assert UUID_RE.match(iid)
        inst = _raw_instance(raw, iid)
        assert inst["partition_num"] == "300"
        # HH:mm is accepted and returned as HH:mm:ss (§4 #11)
        assert inst["maintain_begin"] == "22:00:00"
        assert inst["maintain_end"] == "02:00:00"
        assert inst["storage_spec_code"] == "dms.physical.storage.high"
    finally:
        _delete_instance_eventually(conn, iid)


def test_retention_policy_round_trip(conn, make_instance):
    inst = make_instance(retention_policy="produce_reject")
    assert conn.dms.get_instance(inst.id).retention_policy == "produce_reject"
    conn.dms.update_instance(inst.id, retention_policy="time_base")
    assert conn.dms.get_instance(inst.id).retention_policy == "time_base"


def test_update_name_with_underscore(conn, make_instance):
    inst = make_instance()
    new = "kafka_" + uuid.uuid4().hex[:8]
    conn.dms.update_instance(inst.id, name=new)
    assert conn.dms.get_instance(inst.id).name == new


def test_ssl_instance_port_9093(conn, raw, make_instance):
    inst = make_instance(is_ssl=True, access_user="root", password="Abc123!x")
    got = conn.dms.get_instance(inst.id)
    assert got.is_ssl is True
    assert got.port == 9093
    assert got.access_user == "root"
    assert "password" not in _raw_instance(raw, inst.id)


def test_three_azs_and_bigger_product(conn, az_ids, make_instance):
    prod = product_for(conn, "300MB", "2.7")
    inst = make_instance(availability_zones=az_ids[:3], product_id=prod.product_id,
                         engine_version="2.7", storage=1200)
    got = conn.dms.get_instance(inst.id)
    assert sorted(got.availability_zones) == sorted(az_ids[:3])
    assert got.spec == "300MB"
    assert got.max_partitions == 900
    assert got.spec_code == "dms.instance.kafka.cluster.c3.small.2"
    assert got.total_storage == 1200


# --------------------------------------------------------------------------
# validation
# --------------------------------------------------------------------------
@pytest.mark.parametrize("overrides,code", [
    ({"storage": 500}, "DMS.00400500"),
    ({"name": "1kafka"}, "DMS.00400010"),
    ({"name": "kaf"}, "DMS.00400010"),
    ({"name": "kafka with space"}, "DMS.00400010"),
    ({"name": "k" * 65}, "DMS.00400010"),
    ({"is_ssl": True, "access_user": "ab", "password": "Abc123!x"}, "DMS.00400015"),
    ({"is_ssl": True, "access_user": "root", "password": "Ab1!"}, ("DMS.00400012", "DMS.00400019")),
    ({"description": "d" * 1025}, "DMS.00400011"),
    ({"is_ssl": True, "access_user": "root", "password": "abcdefgh1"}, "DMS.00400012"),
    ({"engine_version": "9.9.9"}, "DMS.00400008"),
    ({"product_id": "no-such-product"}, "DMS.00400009"),
    ({"maintenance_start": "03:00:00", "maintenance_end": "07:00:00"}, "DMS.00400106"),
    ({"maintenance_start": "22:00:00", "maintenance_end": "04:00:00"}, "DMS.00400106"),
    ({"maintenance_start": "22:00:00"}, "DMS.00400106"),
    ({"router_id": ""}, "DMS.00400013"),
    ({"security_group_id": ""}, "DMS.00400014"),
    ({"network_id": ""}, "DMS.00400016"),
    ({"router_id": str(uuid.uuid4())}, "DMS.00400068"),
    ({"security_group_id": str(uuid.uuid4())}, "DMS.00400046"),
    ({"is_public": True}, "DMS.00400128"),
])
def test_create_instance_validation(conn, net, az_ids, product_100mb, overrides, code):
    attrs = instance_attrs(net, az_ids, product_100mb, **overrides)
    with pytest.raises(exceptions.BadRequestException) as ei:
        conn.dms.create_instance(**attrs)
    assert_sdk_error(ei, 400, code)
    assert conn.dms.find_instance(attrs["name"], ignore_missing=True) is None


def test_two_azs_rejected(conn, net, az_ids, product_100mb):
    attrs = instance_attrs(net, az_ids, product_100mb, availability_zones=az_ids[:2])
    with pytest.raises(exceptions.BadRequestException) as ei:
        conn.dms.create_instance(**attrs)
    assert_sdk_error(ei, 400, "DMS.00400067")
    attrs = instance_attrs(net, az_ids, product_100mb, availability_zones=[])
    with pytest.raises(exceptions.BadRequestException) as ei:
        conn.dms.create_instance(**attrs)
    assert_sdk_error(ei, 400, "DMS.00400067")


def test_unknown_az_rejected(conn, net, az_ids, product_100mb):
    attrs = instance_attrs(net, az_ids, product_100mb, availability_zones=[uuid.uuid4().hex])
    with pytest.raises(exceptions.BadRequestException) as ei:
        conn.dms.create_instance(**attrs)
    assert_sdk_error(ei, 400, "DMS.00400042")


def test_az_code_instead_of_id_rejected(conn, net, az_ids, product_100mb):
    attrs = instance_attrs(net, az_ids, product_100mb, availability_zones=["eu-de-01"])
    with pytest.raises(exceptions.BadRequestException) as ei:
        conn.dms.create_instance(**attrs)
    assert_sdk_error(ei, 400, "DMS.00400042")


def test_other_projects_network_rejected(conn, other_net, az_ids, product_100mb):
    attrs = instance_attrs(other_net, az_ids, product_100mb)
    with pytest.raises(exceptions.BadRequestException) as ei:
        conn.dms.create_instance(**attrs)
    assert_sdk_error(ei, 400, "DMS.00400068")


def test_password_complexity_accepts_three_types(conn, make_instance):
    inst = make_instance(is_ssl=True, access_user="user-1", password="abcdefg1!")
    assert conn.dms.get_instance(inst.id).is_ssl is True


def test_duplicate_instance_name(conn, net, az_ids, product_100mb, make_instance):
    inst = make_instance(wait=False)
    with pytest.raises(exceptions.BadRequestException) as ei:
        conn.dms.create_instance(**instance_attrs(net, az_ids, product_100mb, name=inst.name))
    assert_sdk_error(ei, 400, ("DMS.00400060", "DMS.00400081"))
    assert len([i for i in conn.dms.instances(name=inst.name, exact_match_name=True)]) == 1


def test_create_instance_bad_bodies(raw):
    assert_error(raw.post("/instances", data=""), 400, "DMS.00400004")
    assert_error(raw.post("/instances", data="{oops"), 400, "DMS.00400005")


# --------------------------------------------------------------------------
# get / find / list
# --------------------------------------------------------------------------
def test_get_unknown_and_malformed_instance(conn, raw):
    missing = str(uuid.uuid4())
    with pytest.raises(exceptions.NotFoundException) as ei:
        conn.dms.get_instance(missing)
    assert_sdk_error(ei, 404, "DMS.00404022")
    assert_error(raw.get("/instances/%s" % missing), 404, "DMS.00404022")
    with pytest.raises(exceptions.BadRequestException) as ei:
        conn.dms.get_instance("not-a-uuid")
    assert_sdk_error(ei, 400, "DMS.00400061")
    assert_error(raw.get("/instances/not-a-uuid"), 400, "DMS.00400061")


def test_find_instance(conn, make_instance):
    inst = make_instance(wait=False)
    assert conn.dms.find_instance(inst.name).id == inst.id
    assert conn.dms.find_instance(inst.id).name == inst.name
    assert conn.dms.find_instance(unique("nope"), ignore_missing=True) is None
    with pytest.raises(exceptions.NotFoundException):
        conn.dms.find_instance(unique("nope"))


def test_list_filters(conn, raw, make_instance):
    prefix = unique("lst")
    a = make_instance(wait=False, name=prefix + "-alpha")
    b = make_instance(wait=False, name=prefix + "-alphabet")
    creating = {i.id for i in conn.dms.instances(status="CREATING")}
    assert b.id in creating
    wait_running(conn, a)
    wait_running(conn, b)

    sub = {i.id for i in conn.dms.instances(name=prefix + "-alpha")}
    assert sub == {a.id, b.id}
    sub = {i.id for i in conn.dms.instances(name=prefix + "-alpha", exact_match_name=False)}
    assert sub == {a.id, b.id}
    exact = [i.id for i in conn.dms.instances(name=prefix + "-alpha", exact_match_name=True)]
    assert exact == [a.id]
    assert [i.id for i in conn.dms.instances(name=prefix + "-alphabet", exact_match_name=True)] == [b.id]
    assert {i.id for i in conn.dms.instances(name=prefix)} == {a.id, b.id}

    running = {i.id for i in conn.dms.instances(status="RUNNING")}
    assert {a.id, b.id} <= running
    assert not ({a.id, b.id} & {i.id for i in conn.dms.instances(status="CREATING")})
    assert {a.id, b.id} <= {i.id for i in conn.dms.instances(engine_name="kafka")}
    combined = {i.id for i in conn.dms.instances(engine_name="kafka", name=prefix, status="RUNNING",
                                                 include_failure=True, exact_match_name=False)}
    assert combined == {a.id, b.id}

    body = raw.get("/instances").json()
    assert body["instance_num"] == len(body["instances"])
    assert {a.id, b.id} <= {i["instance_id"] for i in body["instances"]}
    # id filter (documented, not in the SDK mapping; §4 #26)
    body = raw.get("/instances", params={"id": a.id}).json()
    assert [i["instance_id"] for i in body["instances"]] == [a.id]
    # lower-case booleans as in the docs
    body = raw.get("/instances", params={"name": prefix + "-alpha", "exactMatchName": "true"}).json()
    assert [i["instance_id"] for i in body["instances"]] == [a.id]


def test_include_failure_and_delete_failed(conn, emulator, make_instance):
    ok = make_instance(wait=True)
    failed = make_instance(wait=False)
    emulator.force_status(failed.id, "CREATEFAILED")
    emulator.advance_clock(0.5)  # past --instance-delay: a forced failure must stick
    assert conn.dms.get_instance(failed.id).status == "CREATEFAILED"
    with pytest.raises(exceptions.ResourceFailure):
        resource.wait_for_status(conn.dms, failed, "RUNNING", failures=["CREATEFAILED"],
                                 interval=0.05, wait=5)

    plain = {i.id for i in conn.dms.instances()}
    assert ok.id in plain and failed.id not in plain
    listed = {i.id: i for i in conn.dms.instances(include_failure=True)}
    assert ok.id in listed and failed.id in listed
    assert listed[failed.id].status == "CREATEFAILED"
    assert failed.id in {i.id for i in conn.dms.instances(status="CREATEFAILED", include_failure=True)}

    conn.dms.delete_failed()
    with pytest.raises(exceptions.NotFoundException):
        conn.dms.get_instance(failed.id)
    assert conn.dms.get_instance(ok.id).status == "RUNNING"


def test_delete_failed_raw_204(raw, emulator, make_instance):
    failed = make_instance(wait=False)
    emulator.force_status(failed.id, "CREATEFAILED")
    resp = raw.post("/instances/action", json={"action": "delete", "allFailure": "kafka"})
    assert resp.status_code == 204, resp.text
    assert_error(raw.get("/instances/%s" % failed.id), 404, "DMS.00404022")


# --------------------------------------------------------------------------
# update
# --------------------------------------------------------------------------
def test_update_instance(conn, raw, make_instance):
    inst = make_instance()
    new_name = unique("renamed")
    conn.dms.update_instance(inst, description="new", maintenance_start="06:00:00",
                             maintenance_end="10:00:00")
    got = conn.dms.get_instance(inst.id)
    assert got.description == "new"
    assert got.maintenance_start == "06:00:00"
    assert got.maintenance_end == "10:00:00"
    assert got.status == "RUNNING"

    conn.dms.update_instance(inst.id, name=new_name)
    got = conn.dms.get_instance(inst.id)
    assert got.name == new_name
    assert got.description == "new"
    assert conn.dms.find_instance(new_name).id == inst.id

    resp = raw.put("/instances/%s" % inst.id, json={"description": ""})
    assert resp.status_code == 204, resp.text
    assert resp.content == b""
    assert _raw_instance(raw, inst.id)["description"] == ""

    # non-updatable keys are ignored (ASSUMED in §2.5 update)
    resp = raw.put("/instances/%s" % inst.id, json={"storage_space": 1200})
    assert resp.status_code == 204, resp.text
    assert _raw_instance(raw, inst.id)["total_storage_space"] == 600

    resp = raw.put("/instances/%s" % inst.id, json={"maintain_begin": "22:00", "maintain_end": "02:00"})
    assert resp.status_code == 204, resp.text
    body = _raw_instance(raw, inst.id)
    assert (body["maintain_begin"], body["maintain_end"]) == ("22:00:00", "02:00:00")


def test_update_instance_validation(conn, raw, make_instance):
    inst = make_instance()
    other = make_instance(wait=False)
    with pytest.raises(exceptions.BadRequestException) as ei:
        conn.dms.update_instance(inst.id, maintenance_start="05:00:00", maintenance_end="09:00:00")
    assert_sdk_error(ei, 400, "DMS.00400106")
    with pytest.raises(exceptions.BadRequestException) as ei:
        conn.dms.update_instance(inst.id, name=other.name)
    assert_sdk_error(ei, 400, "DMS.00400060")
    with pytest.raises(exceptions.BadRequestException) as ei:
        conn.dms.update_instance(inst.id, name="9starts-with-digit")
    assert_sdk_error(ei, 400, "DMS.00400010")
    assert_error(raw.put("/instances/%s" % inst.id, json={"description": "x" * 1025}), 400, "DMS.00400011")
    got = conn.dms.get_instance(inst.id)
    assert got.name == inst.name
    assert got.maintenance_start == "02:00:00"
    with pytest.raises(exceptions.NotFoundException):
        conn.dms.update_instance(str(uuid.uuid4()), description="x")


def test_update_while_creating_rejected(conn, raw, make_instance):
    inst = make_instance(wait=False)
    assert_error(raw.put("/instances/%s" % inst.id, json={"description": "too early"}), 400, "DMS.00400026")


# --------------------------------------------------------------------------
# restart / delete
# --------------------------------------------------------------------------
def test_restart_instance(conn, raw, make_instance):
    inst = make_instance()
    conn.dms.restart_instance(inst)
    assert conn.dms.get_instance(inst.id).status == "RESTARTING"
    wait_running(conn, inst)
    assert conn.dms.get_instance(inst.id).status == "RUNNING"
    resp = raw.post("/instances/action", json={"action": "restart", "instances": [inst.id]})
    assert resp.status_code == 200, resp.text
    assert resp.json() == {"results": [{"result": "success", "instance": inst.id}]}
    wait_running(conn, inst)


def test_restart_instances_batch(conn, make_instance):
    a = make_instance()
    b = make_instance()
    conn.dms.restart_instances([a.id, b.id])
    assert conn.dms.get_instance(a.id).status == "RESTARTING"
    assert conn.dms.get_instance(b.id).status == "RESTARTING"
    wait_running(conn, a)
    wait_running(conn, b)


def test_action_errors(raw, make_instance):
    inst = make_instance()
    assert_error(raw.post("/instances/action", json={"action": "stop", "instances": [inst.id]}),
                 400, "DMS.00400064")
    assert_error(raw.post("/instances/action", json={"action": "restart", "instances": []}),
                 400, "DMS.00400065")
    ids = [str(uuid.uuid4()) for _ in range(51)]
    assert_error(raw.post("/instances/action", json={"action": "delete", "instances": ids}),
                 400, "DMS.00400100")
    missing = str(uuid.uuid4())
    resp = raw.post("/instances/action", json={"action": "restart", "instances": [missing]})
    assert resp.status_code == 200, resp.text
    assert resp.json() == {"results": [{"result": "failed", "instance": missing}]}
    # wrong state inside the list: per-id failure, not a request error
    creating = make_instance(wait=False)
    resp = raw.post("/instances/action", json={"action": "restart", "instances": [creating.id]})
    assert resp.status_code == 200, resp.text
    assert resp.json() == {"results": [{"result": "failed", "instance": creating.id}]}


def test_delete_instance(conn, raw, make_instance):
    inst = make_instance()
    conn.dms.delete_instance(inst)
    conn.dms.wait_for_delete(inst, interval=0.05, wait=10)
    with pytest.raises(exceptions.NotFoundException) as ei:
        conn.dms.get_instance(inst.id)
    assert_sdk_error(ei, 404, "DMS.00404022")
    assert inst.id not in {i.id for i in conn.dms.instances(include_failure=True)}
    conn.dms.delete_instance(inst.id, ignore_missing=True)
    with pytest.raises(exceptions.NotFoundException):
        conn.dms.delete_instance(inst.id, ignore_missing=False)


def test_delete_instance_raw_204(raw, make_instance):
    inst = make_instance()
    resp = raw.delete("/instances/%s" % inst.id)
    assert resp.status_code == 204, resp.text
    deadline = time.monotonic() + 5
    while raw.get("/instances/%s" % inst.id).status_code != 404 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert_error(raw.get("/instances/%s" % inst.id), 404, "DMS.00404022")
    assert_error(raw.delete("/instances/%s" % inst.id), 404, "DMS.00404022")


def test_delete_while_creating_or_restarting_rejected(conn, raw, make_instance):
    inst = make_instance(wait=False)
    assert_error(raw.delete("/instances/%s" % inst.id), 400, "DMS.00400099")
    with pytest.raises(exceptions.BadRequestException) as ei:
        conn.dms.delete_instance(inst)
    assert_sdk_error(ei, 400, "DMS.00400099")
    wait_running(conn, inst)
    conn.dms.restart_instance(inst)
    assert_error(raw.delete("/instances/%s" % inst.id), 400, "DMS.00400099")
    wait_running(conn, inst)
    assert conn.dms.get_instance(inst.id).status == "RUNNING"


def test_delete_batch(conn, raw, make_instance):
    a = make_instance()
    b = make_instance()
    conn.dms.delete_batch([a.id, b.id])
    for iid in (a.id, b.id):
        with pytest.raises(exceptions.NotFoundException):
            conn.dms.get_instance(iid)
    c = make_instance()
    missing = str(uuid.uuid4())
    resp = raw.post("/instances/action", json={"action": "delete", "instances": [c.id, missing]})
    assert resp.status_code == 200, resp.text
    assert resp.json() == {"results": [{"result": "success", "instance": c.id},
                                       {"result": "failed", "instance": missing}]}


# --------------------------------------------------------------------------
# quota and configuration
# --------------------------------------------------------------------------
def test_instance_quota_and_storage_ratio():
    with Emulator(instance_delay=0.2, max_time_wait=0.3,
                  extra_args=["--instance-quota", "2", "--storage-usable-ratio", "1.0"]) as emu:
        conn = emu.connect()
        seed = emu.seed()
        net = seeded_project(emu, "emulator")["network"]
        az_ids = [az["id"] for az in seed["availability_zones"]]
        prod = product_for(conn)
        first = conn.dms.create_instance(**instance_attrs(net, az_ids, prod))
        second = conn.dms.create_instance(**instance_attrs(net, az_ids, prod))
        with pytest.raises(exceptions.BadRequestException) as ei:
            conn.dms.create_instance(**instance_attrs(net, az_ids, prod))
        assert_sdk_error(ei, 400, "DMS.00400035")
        raw = Raw(emu, conn)
        res = {r["type"]: r for r in raw.get("/quotas/dms").json()["quotas"]["resources"]}
        assert res["kafkaInstance"]["quota"] == 2
        assert res["kafkaInstance"]["used"] == 2

        first = wait_running(conn, first)
        assert first.storage == first.total_storage == 600
        wait_running(conn, second)
        conn.dms.delete_instance(second)
        conn.dms.wait_for_delete(second, interval=0.05, wait=10)
        third = conn.dms.create_instance(**instance_attrs(net, az_ids, prod))
        assert third.id

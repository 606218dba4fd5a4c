"""DMS for Kafka v2 instances through conn.dmsv2: catalog, reference data, create (every rule),
list and paging, the state machine, update, delete, batch actions, extend, password, auto topic,
tags, tasks and parameters (contract sections 1-4)."""

import json

import pytest
import requests

from sdk_support import assert_error, unique
from v2_support import CLUSTER, PASSWORD, ULTRA, create_body, eventually_deleted, sasl


# -- catalog and URL families --------------------------------------------------------------

def test_the_catalog_publishes_dmsv1_and_dmsv2_with_the_literal_project_id(emulator, conn, v2):
    pid = conn.current_project_id
    assert conn.dmsv2.get_endpoint() == "%s/v2/%s" % (emulator.url, pid)
    assert conn.session.get_endpoint(service_type="dmsv1", interface="public") == \
        "%s/v1.0/%s" % (emulator.url, pid)
    # v1 is unchanged: the SDK's dms proxy still appends the project id itself.
    assert conn.dms.get_endpoint().rstrip("/") == "%s/v1.0/%%(project_id)s" % emulator.url
    assert list(conn.dms.queues()) is not None
    assert v2.families == {"project": "%s/v2/%s" % (emulator.url, pid),
                           "engine": "%s/v2/kafka/%s" % (emulator.url, pid),
                           "bare": "%s/v2" % emulator.url, "acl": "%s/v1/%s" % (emulator.url, pid)}


def test_unknown_urls_methods_engines_and_ids(v2, plain_kafka):
    iid = plain_kafka["instance_id"]
    for method, path, family, status, code in (
            ("GET", "/instances/%s/nothing" % iid, "project", 404, "DMS.00404001"),
            ("GET", "/instances/%s/management/cluster" % iid, "project", 404, "DMS.00404001"),
            ("GET", "/instances", "acl", 404, "DMS.00404001"),
            ("PATCH", "/instances/%s" % iid, "project", 405, "DMS.00405001"),
            ("GET", "/rocketmq/products", "bare", 404, "DMS.00404001"),
            ("GET", "/instances/not-a-uuid", "project", 400, "DMS.00400061"),
            ("GET", "/instances/00000000-0000-4000-8000-000000000000", "project", 404,
             "DMS.00404022")):
        resp = v2.request(method, path, family=family)
        assert_error(resp, status, code)
        assert resp.headers.get("X-Request-Id")
    resp = v2.request("POST", "/instances", family="engine", data="{nope",
                      headers={"Content-Type": "application/json"})
    assert_error(resp, 400, "DMS.00400005")
    assert_error(v2.request("POST", "/instances", family="engine"), 400, "DMS.00400004")
    other = v2.url("/instances", "engine").replace("/kafka/", "/rocketmq/")
    assert_error(v2.conn.dmsv2.request(other, "POST", json={}), 404, "DMS.00404001")


def test_a_project_other_than_the_tokens_is_refused(v2, other_v2):
    resp = v2.conn.dmsv2.request(other_v2.url("/instances"), "GET")
    assert_error(resp, 401, "DMS.10240104")


# -- reference data ------------------------------------------------------------------------

def test_availability_zones_products_and_maintenance_windows(v2, conn, raw):
    zones = v2.ok("GET", "/available-zones", family="bare")
    assert zones["region_id"] == zones["regionId"] == "eu-de"
    v1_ids = [z["id"] for z in raw.get("/v1.0/availableZones", project=False).json()
              ["available_zones"]]
    assert [z["id"] for z in zones["available_zones"]] == v1_ids
    assert [z["code"] for z in zones["available_zones"]] == ["eu-de-01", "eu-de-02", "eu-de-03"]
    assert all(z["resource_availability"] == "true" and z["port"] == "8002"
               for z in zones["available_zones"])

    products = v2.ok("GET", "/kafka/products", family="bare")
    assert products["engine"] == "kafka" and products["versions"] == ["1.1.0", "2.3.0", "2.7",
                                                                       "3.x"]
    by_id = {p["product_id"]: p for p in products["products"]}
    assert set(by_id) == {"c6.2u4g.cluster", "c6.4u8g.cluster", "c6.8u16g.cluster",
                          "c6.12u24g.cluster", "c6.16u32g.cluster", "s6.2u4g.cluster.small",
                          "c6.2u4g.single", "s6.2u4g.single.small"}
    small = by_id["s6.2u4g.cluster.small"]
    assert small["type"] == "cluster.small" and by_id["s6.2u4g.single.small"]["type"] == "single"
    props = by_id[CLUSTER]["properties"]
    assert all(isinstance(v, str) for v in props.values())
    assert (props["min_broker"], props["max_broker"], props["max_partition_per_broker"],
            props["min_storage_per_node"], props["max_storage_per_node"]) == \
        ("3", "30", "250", "100", "10000")
    assert by_id["c6.8u16g.cluster"]["properties"]["max_broker"] == "50"
    assert by_id["c6.2u4g.single"]["properties"]["engine_versions"] == "2.7"
    assert [io["io_spec"] for io in by_id[CLUSTER]["ios"]] == [
        "dms.physical.storage.high.v2", ULTRA]
    assert by_id[CLUSTER]["ios"][0]["available_zones"] == ["eu-de-01", "eu-de-02", "eu-de-03"]

    one = v2.ok("GET", "/kafka/products", family="bare", params={"product_id": "c6.2u4g.single"})
    assert [p["product_id"] for p in one["products"]] == ["c6.2u4g.single"]
    none = v2.ok("GET", "/kafka/products", family="bare", params={"product_id": "nope"})
    assert none["products"] == [] and none["versions"]

    windows = v2.ok("GET", "/instances/maintain-windows", family="bare")["maintain_windows"]
    assert [(w["seq"], w["begin"], w["end"], w["default"]) for w in windows] == [
        (1, "22", "02", False), (2, "02", "06", True), (3, "06", "10", False),
        (4, "10", "14", False), (5, "14", "18", False), (6, "18", "22", False)]
    # The defensive copies under the project id
    assert v2.ok("GET", "/instances/maintain-windows")["maintain_windows"] == windows
    assert v2.ok("GET", "/available-zones") == zones


def test_reference_data_needs_a_token(emulator):
    resp = requests.get(emulator.url + "/v2/kafka/products", timeout=10)
    assert_error(resp, 401, "DMS.10240103")


# -- create ----------------------------------------------------------------------------------

def test_create_runs_through_creating_and_shows_the_v2_view(v2, emulator, net, az_ids):
    body = create_body(net, az_ids, **sasl(tags=[{"key": "env", "value": "test"}],
                                           maintain_begin="22:00", maintain_end="02:00",
                                           description="orders"))
    iid = v2.ok("POST", "/instances", family="engine", json=body)["instance_id"]
    assert v2.instance(iid)["status"] == "CREATING"
    found = v2.wait_status(iid, "RUNNING")
    assert found["name"] == body["name"] and found["description"] == "orders"
    assert (found["broker_num"], found["node_num"], found["partition_num"]) == (3, 3, "750")
    assert (found["storage_space"], found["total_storage_space"], found["used_storage_space"]) \
        == (246, 300, 0)
    assert found["specification"] == "kafka.2u4g.cluster*3" and found["type"] == "cluster"
    assert found["product_id"] == CLUSTER and found["storage_spec_code"] == ULTRA
    assert found["port"] == 9093 and found["ssl_enable"] is True and found["enable_acl"] is True
    assert found["kafka_security_protocol"] == "SASL_SSL"
    assert found["sasl_enabled_mechanisms"] == ["SCRAM-SHA-512"]
    assert found["access_user"] == "root" and "password" not in found
    assert isinstance(found["created_at"], str) and found["created_at"].isdigit()
    assert (found["maintain_begin"], found["maintain_end"]) == ("22:00:00", "02:00:00")
    assert found["available_zone_names"] == ["eu-de-01"]
    assert found["tags"] == [{"key": "env", "value": "test"}]
    assert found["enable_auto_topic"] is False and found["new_spec_billing_enable"] is True
    ips = found["connect_address"].split(",")
    assert len(ips) == 3 and all(ip.startswith("192.168.0.") for ip in ips)
    assert found["kafka_private_connect_address"] == ",".join(ip + ":9093" for ip in ips)
    cross = json.loads(found["cross_vpc_info"])
    assert sorted(cross) == sorted(ips)
    assert all(v["advertised_ip"] == ip and v["port"] == 9011 for ip, v in cross.items())
    log = emulator.requests(bodies=True)
    assert not any(PASSWORD in e["response_body"] for e in log)
    tasks = v2.ok("GET", "/instances/%s/tasks" % iid)["tasks"]
    assert [(t["name"], t["status"]) for t in tasks] == [("createInstance", "SUCCESS")]
    eventually_deleted(v2, iid)


def test_single_node_and_small_flavours(v2, net, az_ids):
    single = v2.create(net, az_ids, product_id="c6.2u4g.single", engine_version="2.7",
                       broker_num=1, storage_space=100, **sasl())
    assert (single["type"], single["broker_num"], single["partition_num"]) == ("single", 1, "250")
    small = v2.create(net, az_ids, product_id="s6.2u4g.cluster.small",
                      available_zones=az_ids[:3])
    assert (small["type"], small["partition_num"]) == ("cluster", "300")
    assert small["available_zone_names"] == ["eu-de-01", "eu-de-02", "eu-de-03"]
    for iid in (single["instance_id"], small["instance_id"]):
        eventually_deleted(v2, iid)


BAD_CREATES = [
    ({"name": "1abc"}, "DMS.00400010"),
    ({"name": "abc"}, "DMS.00400010"),
    ({"description": "x" * 1025}, "DMS.00400011"),
    ({"engine": "rabbitmq"}, "DMS.00400007"),
    ({"product_id": "00300-30308-0--0"}, "DMS.00400009"),
    ({"engine_version": "2.7,3.x"}, "DMS.00400008"),
    ({"product_id": "c6.2u4g.single", "engine_version": "3.x", "broker_num": 1,
      "storage_space": 100}, "DMS.00400008"),
    ({"broker_num": 2}, "DMS.00400062"),
    ({"broker_num": 31}, "DMS.00400062"),
    ({"storage_space": 299}, "DMS.00400500"),
    ({"storage_space": 301}, "DMS.00400500"),
    ({"storage_space": 30003}, "DMS.00400500"),
    ({"storage_spec_code": "dms.physical.storage.ultra"}, "DMS.00400125"),
    ({"vpc_id": ""}, "DMS.00400013"),
    ({"vpc_id": "0b3b1c9e-2f5d-4a7b-8c6e-1d2f3a4b5c6d"}, "DMS.00400068"),
    ({"subnet_id": ""}, "DMS.00400016"),
    ({"subnet_id": "4c5d6e7f-8a9b-4c0d-9e1f-2a3b4c5d6e7f"}, "DMS.00400018"),
    ({"security_group_id": ""}, "DMS.00400014"),
    ({"security_group_id": "9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b"}, "DMS.00400046"),
    ({"available_zones": []}, "DMS.00400067"),
    ({"available_zones": "TWO"}, "DMS.00400067"),
    ({"available_zones": ["nope"]}, "DMS.00400042"),
    ({"product_id": "c6.2u4g.single", "engine_version": "2.7", "broker_num": 1,
      "storage_space": 100, "available_zones": "ALL"}, "DMS.00400067"),
    (sasl(access_user="1root"), "DMS.00400015"),
    (sasl(access_user=None), "DMS.00400015"),
    (sasl(password="short1A"), "DMS.00400012"),
    (sasl(password="alllowercase1"), "DMS.00400012"),
    (sasl(password="-Dmstest@123"), "DMS.00400012"),
    (sasl(access_user="Abcd1234x", password="Abcd1234x"), "DMS.00400019"),
    (sasl(access_user="Abcd1234x", password="x4321dcbA"), "DMS.00400019"),
    (sasl(kafka_security_protocol="PLAINTEXT"), "DMS.00400062"),
    (sasl(sasl_enabled_mechanisms=["GSSAPI"]), "DMS.00400062"),
    ({"ssl_enable": "maybe"}, "DMS.00400062"),
    ({"maintain_begin": "03:00", "maintain_end": "07:00"}, "DMS.00400106"),
    ({"maintain_begin": "22:00"}, "DMS.00400106"),
    ({"maintain_begin": "02", "maintain_end": "07"}, "DMS.00400106"),
    ({"retention_policy": "keep"}, "DMS.00400062"),
    ({"enable_publicip": True}, "DMS.00400128"),
    ({"enable_publicip": True, "publicip_id": "a,b"}, "DMS.00400128"),
    ({"ipv6_enable": True}, "DMS.00400049"),
    ({"disk_encrypted_enable": True}, "DMS.00400136"),
    ({"product_id": "c6.2u4g.single", "engine_version": "2.7", "broker_num": 1,
      "storage_space": 100, "connector_enable": True}, "DMS.00400800"),
    ({"arch_type": "ARM"}, "DMS.00400062"),
    ({"bss_param": {"charging_mode": "prePaid"}}, "DMS.00400062"),
    ({"tags": [{"key": "_sys_x", "value": "v"}]}, "DMS.10240036"),
    ({"tags": [{"key": "k", "value": "v"}, {"key": "k", "value": "w"}]}, "DMS.10240045"),
    ({"tags": [{"key": "k%d" % i, "value": "v"} for i in range(21)]}, "DMS.10240044"),
]


@pytest.mark.parametrize("overrides,code", BAD_CREATES,
                         ids=["%s-%s" % (code, "-".join(sorted(o))) for o, code in BAD_CREATES])
def test_create_refuses_what_the_contract_refuses(v2, net, az_ids, overrides, code):
    fields = dict(overrides)
    zones = fields.pop("available_zones", [az_ids[0]])
    zones = {"TWO": az_ids[:2], "ALL": az_ids[:3]}.get(zones, zones) if isinstance(zones, str) \
        else zones
    body = create_body(net, az_ids, available_zones=zones, **fields)
    if fields.get("access_user", "") is None:
        body.pop("access_user", None)
    before = v2.ok("GET", "/instances", params={"limit": 50})["instance_num"]
    assert_error(v2.post("/instances", family="engine", json=body), 400, code)
    assert v2.ok("GET", "/instances", params={"limit": 50})["instance_num"] == before


def test_create_accepts_commas_in_an_az_element_and_string_booleans(v2, net, az_ids):
    found = v2.create(net, az_ids, available_zones=[",".join(az_ids[:3])], ssl_enable="false",
                      maintain_begin="06", maintain_end="10:00:00")
    assert found["available_zones"] == az_ids[:3] and found["ssl_enable"] is False
    assert found["sasl_enabled_mechanisms"] == [] and found["port"] == 9092
    assert (found["maintain_begin"], found["maintain_end"]) == ("06:00:00", "10:00:00")
    dup = create_body(net, az_ids, name=found["name"])
    assert_error(v2.post("/instances", family="engine", json=dup), 400, "DMS.00400060")
    eventually_deleted(v2, found["instance_id"])


def test_a_sold_out_flavour_is_refused_in_that_zone(v2, emulator, net, az_ids):
    emulator.admin("PUT", "products/c6.4u8g.cluster/availability",
                   {"unavailable_zones": ["eu-de-02"]})
    try:
        product = v2.ok("GET", "/kafka/products", family="bare",
                        params={"product_id": "c6.4u8g.cluster"})["products"][0]
        assert product["ios"][0]["unavailable_zones"] == ["eu-de-02"]
        body = create_body(net, az_ids, product_id="c6.4u8g.cluster", available_zones=[az_ids[1]])
        assert_error(v2.post("/instances", family="engine", json=body), 400, "DMS.00400055")
    finally:
        emulator.admin("PUT", "products/c6.4u8g.cluster/availability", {"unavailable_zones": []})


# -- list ------------------------------------------------------------------------------------

def test_list_filters_and_pages_beyond_the_first_page(v2, emulator, net, az_ids):
    prefix = unique("page")
    ids = [v2.create(net, az_ids, wait=False, name="%s-%d" % (prefix, i)) for i in range(3)]
    emulator.admin("PUT", "next-failure", {"operation": "create", "status": "CREATEFAILED"})
    failed = v2.create(net, az_ids, wait=False, name=prefix + "-failed")
    v2.wait_status(failed, "CREATEFAILED")
    first = v2.ok("GET", "/instances", params={"name": prefix, "limit": 2})
    assert first["instance_num"] == 3 and len(first["instances"]) == 2
    second = v2.ok("GET", "/instances", params={"name": prefix, "limit": 2, "offset": 2})
    seen = [i["instance_id"] for i in first["instances"] + second["instances"]]
    assert sorted(seen) == sorted(ids) and seen == list(reversed(ids))  # newest first
    assert v2.ok("GET", "/instances", params={"name": prefix, "offset": 9})["instances"] == []
    with_failed = v2.ok("GET", "/instances", params={"name": prefix, "include_failure": "true"})
    assert with_failed["instance_num"] == 4
    exact = v2.ok("GET", "/instances", params={"name": prefix + "-1", "exact_match_name": True})
    assert [i["instance_id"] for i in exact["instances"]] == [ids[1]]
    assert v2.ok("GET", "/instances", params={"name": prefix, "exact_match_name": "true"}
                 )["instances"] == []
    by_id = v2.ok("GET", "/instances", params={"instance_id": ids[2], "engine": "kafka"})
    assert by_id["instance_num"] == 1
    running = v2.ok("GET", "/instances", params={"name": prefix, "status": "CREATEFAILED",
                                                 "include_failure": True})
    assert [i["instance_id"] for i in running["instances"]] == [failed]
    for params in ({"limit": 0}, {"limit": 51}, {"offset": -1}, {"limit": "x"}):
        assert_error(v2.get("/instances", params=params), 400, "DMS.00400062")
    tasks = v2.ok("GET", "/instances/%s/tasks" % failed)["tasks"]
    assert [(t["name"], t["status"]) for t in tasks] == [("createInstance", "FAILED")]
    for iid in ids + [failed]:
        eventually_deleted(v2, iid)


# -- update, delete, batch actions -------------------------------------------------------------

def test_update_in_place_and_the_retention_policy_task(v2, emulator, net, az_ids):
    found = v2.create(net, az_ids)
    iid = found["instance_id"]
    path = "/instances/%s" % iid
    new_name = unique("renamed")
    assert v2.put(path, json={"name": new_name, "description": "d", "maintain_begin": "10",
                              "maintain_end": "14:00", "retention_policy": "produce_reject",
                              "security_group_id": found["security_group_id"],
                              "storage_space": 9999}).status_code == 204
    now = v2.instance(iid)
    assert (now["name"], now["description"], now["maintain_begin"], now["maintain_end"],
            now["retention_policy"], now["total_storage_space"]) == \
        (new_name, "d", "10:00:00", "14:00:00", "produce_reject", 300)
    assert v2.put(path, json={"description": "", "retention_policy": "produce_reject"}
                  ).status_code == 204
    assert v2.instance(iid)["description"] == ""
    assert v2.put(path, json={}).status_code == 204
    names = [t["name"] for t in v2.ok("GET", path + "/tasks")["tasks"]]
    assert names.count("changeRetentionPolicy") == 1  # an unchanged value records nothing
    task = [t for t in v2.ok("GET", path + "/tasks")["tasks"]
            if t["name"] == "changeRetentionPolicy"][0]
    assert json.loads(task["params"]) == {"new_retention_policy": "produce_reject",
                                          "origin_retention_policy": "time_base"}
    for body, code in (({"name": "x"}, "DMS.00400010"), ({"description": "x" * 1025},
                                                           "DMS.00400011"),
                       ({"maintain_begin": "02:00:00"}, "DMS.00400106"),
                       ({"security_group_id": "nope"}, "DMS.00400046"),
                       ({"retention_policy": "nope"}, "DMS.00400062")):
        assert_error(v2.put(path, json=body), 400, code)
    other = v2.create(net, az_ids)
    assert_error(v2.put(path, json={"name": other["name"]}), 400, "DMS.00400060")
    emulator.force_status(iid, "RESTARTING")
    assert_error(v2.put(path, json={"description": "x"}), 400, "DMS.00400026")
    assert_error(v2.delete(path), 400, "DMS.00400026")
    emulator.force_status(iid, "ERROR")
    assert v2.delete(path).status_code == 204
    assert_error(v2.get(path), 404, "DMS.00404022")
    assert_error(v2.delete(path), 404, "DMS.00404022")
    eventually_deleted(v2, other["instance_id"])


def test_batch_restart_and_delete(v2, emulator, net, az_ids):
    a, b = v2.create(net, az_ids)["instance_id"], v2.create(net, az_ids)["instance_id"]
    unknown = "00000000-0000-4000-8000-000000000000"
    result = v2.ok("POST", "/instances/action",
                   json={"action": "restart", "instances": [a, unknown, "bad"]})
    assert result == {"results": [{"result": "success", "instance": a},
                                  {"result": "failed", "instance": unknown},
                                  {"result": "failed", "instance": "bad"}]}
    assert v2.instance(a)["status"] == "RESTARTING"
    again = v2.ok("POST", "/instances/action", json={"action": "restart", "instances": [a]})
    assert again["results"][0]["result"] == "failed"  # not while RESTARTING
    v2.wait_status(a, "RUNNING")
    assert [t["name"] for t in v2.ok("GET", "/instances/%s/tasks" % a)["tasks"]][0] == \
        "restartInstance"
    for body, code in (({"action": "stop", "instances": [a]}, "DMS.00400064"),
                       ({"action": "restart"}, "DMS.00400065"),
                       ({"action": "restart", "instances": [a] * 51}, "DMS.00400100"),
                       ({"action": "restart", "all_failure": "kafka"}, "DMS.00400062"),
                       ({"action": "delete", "all_failure": "rabbitmq"}, "DMS.00400062")):
        assert_error(v2.post("/instances/action", json=body), 400, code)
    emulator.force_status(b, "CREATEFAILED")
    resp = v2.post("/instances/action", json={"action": "delete", "all_failure": "kafka"})
    assert resp.status_code == 204 and not resp.content
    assert_error(v2.get("/instances/%s" % b), 404, "DMS.00404022")
    result = v2.ok("POST", "/instances/action", json={"action": "delete", "instances": [a]})
    assert result["results"] == [{"result": "success", "instance": a}]
    assert_error(v2.get("/instances/%s" % a), 404, "DMS.00404022")


# -- extend ------------------------------------------------------------------------------------

def test_extend_storage_brokers_and_flavour(v2, emulator, net, az_ids):
    iid = v2.create(net, az_ids)["instance_id"]
    path = "/instances/%s/extend" % iid
    for body, code in (({"oper_type": "storage", "new_storage_space": 500}, "DMS.00400500"),
                       ({"oper_type": "storage", "new_storage_space": 601}, "DMS.00400500"),
                       ({"oper_type": "storage", "new_storage_space": 30300}, "DMS.00400500"),
                       ({"oper_type": "storage"}, "DMS.00400062"),
                       ({"oper_type": "bandwidth"}, "DMS.00400062"),
                       ({"oper_type": "horizontal", "new_broker_num": 3}, "DMS.00400800"),
                       ({"oper_type": "horizontal", "new_broker_num": 31}, "DMS.00400800"),
                       ({"oper_type": "horizontal", "new_broker_num": 4,
                         "new_storage_space": 500}, "DMS.00400500"),
                       ({"oper_type": "horizontal", "new_broker_num": 4,
                         "tenant_ips": ["10.0.0.9"]}, "DMS.00400800"),
                       ({"oper_type": "vertical", "new_product_id": CLUSTER}, "DMS.00400009"),
                       ({"oper_type": "vertical", "new_product_id": "s6.2u4g.cluster.small"},
                        "DMS.00400009")):
        assert_error(v2.post(path, family="engine", json=body), 400, code)

    job = v2.ok("POST", path, family="engine",
                json={"oper_type": "storage", "new_storage_space": 600})["job_id"]
    assert v2.instance(iid)["status"] == "EXTENDING"
    assert_error(v2.post(path, family="engine", json={"oper_type": "storage",
                                                      "new_storage_space": 900}),
                 400, "DMS.00400026")
    grown = v2.wait_status(iid, "RUNNING")
    assert (grown["total_storage_space"], grown["storage_space"]) == (600, 492)
    assert v2.wait_task(iid, job)["name"] == "extendInstance"

    v2.ok("POST", path, family="engine", json={"oper_type": "horizontal", "new_broker_num": 5,
                                               "tenant_ips": ["192.168.0.250"]})
    wider = v2.wait_status(iid, "RUNNING")
    assert (wider["broker_num"], wider["total_storage_space"], wider["partition_num"],
            wider["specification"]) == (5, 1000, "1250", "kafka.2u4g.cluster*5")
    assert "192.168.0.250" in wider["connect_address"].split(",")
    assert len(json.loads(wider["cross_vpc_info"])) == 5

    options = v2.ok("GET", path, family="engine")
    assert [p["product_id"] for p in options["products"]] == [
        CLUSTER, "c6.4u8g.cluster", "c6.8u16g.cluster", "c6.12u24g.cluster", "c6.16u32g.cluster"]
    assert all([io["io_spec"] for io in p["ios"]] == [ULTRA] for p in options["products"])
    assert options["products"][0]["available_zones"] == ["eu-de-01", "eu-de-02", "eu-de-03"]
    assert v2.ok("GET", path, family="engine", params={"type": "advanced"}) == options
    assert_error(v2.get(path, family="engine", params={"type": "basic"}), 400, "DMS.00400062")

    v2.ok("POST", path, family="engine", json={"oper_type": "vertical",
                                               "new_product_id": "c6.4u8g.cluster"})
    faster = v2.wait_status(iid, "RUNNING")
    assert (faster["product_id"], faster["partition_num"], faster["broker_num"]) == \
        ("c6.4u8g.cluster", "2500", 5)

    emulator.admin("PUT", "next-failure", {"operation": "extend", "status": "EXTENDEDFAILED"})
    job = v2.ok("POST", path, family="engine",
                json={"oper_type": "storage", "new_storage_space": 1500})["job_id"]
    failed = v2.wait_status(iid, "EXTENDEDFAILED")
    assert failed["total_storage_space"] == 1000  # nothing applied
    assert v2.task(iid, job)["status"] == "FAILED"
    assert_error(v2.delete("/instances/%s" % iid), 400, "DMS.00400026")
    emulator.force_status(iid, "RUNNING")
    eventually_deleted(v2, iid)


def test_single_node_and_old_flavours_grow_only_as_allowed(v2, conn, net, az_ids,
                                                           product_100mb):
    single = v2.create(net, az_ids, product_id="c6.2u4g.single", engine_version="2.7",
                       broker_num=1, storage_space=100)
    iid = single["instance_id"]
    assert_error(v2.post("/instances/%s/extend" % iid, family="engine",
                         json={"oper_type": "storage", "new_storage_space": 300}),
                 400, "DMS.00400800")
    options = v2.ok("GET", "/instances/%s/extend" % iid, family="engine")
    assert [p["product_id"] for p in options["products"]] == ["c6.2u4g.single"]
    eventually_deleted(v2, iid)

    old = conn.dms.create_instance(name=unique("old"), engine="kafka", engine_version="2.3.0",
                                   storage=600, router_id=net["vpc_id"],
                                   network_id=net["subnet_id"],
                                   security_group_id=net["security_group_id"],
                                   availability_zones=[az_ids[0]],
                                   product_id=product_100mb.product_id,
                                   storage_spec_code="dms.physical.storage.ultra")
    v2.wait_status(old.id, "RUNNING")
    path = "/instances/%s/extend" % old.id
    assert_error(v2.post(path, family="engine", json={"oper_type": "horizontal",
                                                      "new_broker_num": 4}),
                 400, "DMS.00400800")
    v2.ok("POST", path, family="engine", json={"oper_type": "storage", "new_storage_space": 900})
    assert v2.wait_status(old.id, "RUNNING")["total_storage_space"] == 900
    assert conn.dms.get_instance(old.id).total_storage == 900  # the v1 view of the same store
    eventually_deleted(v2, old.id)


# -- password, auto topic, tags -------------------------------------------------------------

def test_initial_user_password_reset(v2, emulator, sasl_kafka, plain_kafka):
    path = "/instances/%s/password" % sasl_kafka["instance_id"]
    assert v2.post(path, json={"new_password": "Another@Pass1"}).status_code == 204
    for body, code in (({}, "DMS.00400062"), ({"new_password": "weakweak"}, "DMS.00400012"),
                       ({"new_password": "toor"}, "DMS.00400012")):
        assert_error(v2.post(path, json=body), 400, code)
    assert_error(v2.post("/instances/%s/password" % plain_kafka["instance_id"],
                         json={"new_password": "Another@Pass1"}), 400, "DMS.00400971")
    log = emulator.requests(bodies=True)
    assert not any("Another@Pass1" in e["response_body"] for e in log)


def test_automatic_topic_creation_flips_when_its_task_ends(v2, net, az_ids):
    iid = v2.create(net, az_ids)["instance_id"]
    path = "/instances/%s/autotopic" % iid
    resp = v2.post(path, json={"enable_auto_topic": True})
    assert resp.status_code == 200 and resp.content == b""
    task = v2.ok("GET", "/instances/%s/tasks" % iid)["tasks"][0]
    assert task["name"] == "modifyAutoTopic" and task["status"] == "EXECUTING"
    assert json.loads(task["params"]) == {"old_auto_status": False, "new_auto_status": True}
    v2.wait_task(iid, task["id"])
    assert v2.instance(iid)["enable_auto_topic"] is True
    assert_error(v2.post(path, json={"enable": True}), 400, "DMS.00400062")
    eventually_deleted(v2, iid)


def test_tags_of_an_instance_and_of_the_project(v2, net, az_ids):
    iid = v2.create(net, az_ids, tags=[{"key": "env", "value": "test"}])["instance_id"]
    path = "/kafka/%s/tags" % iid
    assert v2.ok("GET", path) == {"tags": [{"key": "env", "value": "test"}]}
    assert v2.post(path + "/action", json={"action": "create", "tags": [
        {"key": "env", "value": "prod"}, {"key": "team", "value": "billing"}]}).status_code == 204
    assert v2.ok("GET", path)["tags"] == [{"key": "env", "value": "prod"},
                                          {"key": "team", "value": "billing"}]
    assert v2.post(path + "/action", json={"action": "delete", "tags": [
        {"key": "team", "value": "ignored"}, {"key": "nope"}]}).status_code == 204
    assert v2.instance(iid)["tags"] == [{"key": "env", "value": "prod"}]
    project = v2.ok("GET", "/kafka/tags")["tags"]
    assert {"key": "env", "values": sorted({"prod"} | set(next(
        t["values"] for t in project if t["key"] == "env")))} in project
    for body, code in (({"action": "Create", "tags": []}, "DMS.10240040"),
                       ({"action": "create", "tags": [{"key": ""}]}, "DMS.10240035"),
                       ({"action": "create", "tags": [{"key": "a/b"}]}, "DMS.10240036"),
                       ({"action": "create", "tags": [{"key": "k", "value": "v" * 256}]},
                        "DMS.10240038"),
                       ({"action": "create", "tags": [{"key": "k", "value": "a/b"}]},
                        "DMS.10240039"),
                       ({"action": "create", "tags": [{"key": "k%d" % i} for i in range(20)]},
                        "DMS.10240044")):
        assert_error(v2.post(path + "/action", json=body), 400, code)
    eventually_deleted(v2, iid)


# -- tasks -------------------------------------------------------------------------------------

def test_tasks_newest_first_one_by_id_and_only_finished_ones_deleted(v2, net, az_ids):
    iid = v2.create(net, az_ids)["instance_id"]
    path = "/instances/%s/tasks" % iid
    job = v2.ok("PUT", "/instances/%s/configs" % iid, json={"kafka_configs": [
        {"name": "log.retention.hours", "value": 66}]})["job_id"]
    listing = v2.ok("GET", path)
    assert listing["task_count"] == "2"
    assert [t["name"] for t in listing["tasks"]] == ["modifyConfig", "createInstance"]
    first = listing["tasks"][0]
    assert first["id"] == job and len(job) == 32
    assert json.loads(first["params"]) == {"kafka_configs": [
        {"name": "log.retention.hours", "old_value": "72", "new_value": "66"}]}
    assert first["created_at"].endswith("Z") and "T" in first["created_at"]
    assert_error(v2.delete(path + "/" + job), 400, "DMS.00400017")
    assert v2.ok("GET", path + "/" + job)["tasks"][0]["status"] == "EXECUTING"
    v2.wait_task(iid, job)
    assert v2.delete(path + "/" + job).status_code == 204
    assert v2.ok("GET", path + "/" + job) == {"task_count": "0", "tasks": []}
    assert_error(v2.get(path + "/not-a-task"), 400, "DMS.00400070")
    assert v2.ok("GET", path, params={"start": 1, "limit": 1})["task_count"] == "1"
    assert v2.ok("GET", path, params={"begin_time": "20990101000000"})["tasks"] == []
    assert len(v2.ok("GET", path, params={"begin_time": "20200101000000",
                                          "end_time": "20990101000000"})["tasks"]) == 1
    assert_error(v2.get(path, params={"begin_time": "yesterday"}), 400, "DMS.00400062")
    eventually_deleted(v2, iid)


# -- parameters --------------------------------------------------------------------------------

def test_parameters_listed_validated_and_static_ones_pending_until_a_restart(
        v2, emulator, net, az_ids):
    iid = v2.create(net, az_ids, **sasl())["instance_id"]
    path = "/instances/%s/configs" % iid
    configs = {c["name"]: c for c in v2.ok("GET", path)["kafka_configs"]}
    assert len(configs) == 13 and "allow.everyone.if.no.acl.found" in configs
    assert configs["message.max.bytes"] == {
        "name": "message.max.bytes", "valid_values": "0~10485760", "default_value": "10485760",
        "config_type": "dynamic", "value": "10485760", "value_type": "integer"}
    assert configs["log.retention.hours"]["config_type"] == "static"
    for body, code in (({"kafka_configs": []}, "DMS.00400062"), ({}, "DMS.00400062"),
                       ({"kafka_configs": [{"name": "nope", "value": "1"}]}, "DMS.00400063"),
                       ({"kafka_configs": [{"name": "num.partitions", "value": "201"}]},
                        "DMS.00400066"),
                       ({"kafka_configs": [{"name": "unclean.leader.election.enable",
                                            "value": "yes"}]}, "DMS.00400066"),
                       ({"kafka_configs": [{"name": "num.partitions", "value": "5"},
                                           {"name": "nope", "value": "1"}]}, "DMS.00400063")):
        assert_error(v2.put(path, json=body), 400, code)
    assert v2.ok("GET", path)["kafka_configs"] == list(configs.values())  # nothing half-applied
    answer = v2.ok("PUT", path, json={"kafka_configs": [
        {"name": "message.max.bytes", "value": 2097152},
        {"name": "log.retention.hours", "value": "66"},
        {"name": "unclean.leader.election.enable", "value": True}]})
    assert (answer["dynamic_config"], answer["static_config"]) == (2, 1)
    now = {c["name"]: c["value"] for c in v2.ok("GET", path)["kafka_configs"]}
    assert (now["message.max.bytes"], now["log.retention.hours"],
            now["unclean.leader.election.enable"]) == ("2097152", "66", "true")
    assert emulator.admin("GET", "instances/%s/internal" % iid)["pending_static"] == [
        "log.retention.hours"]
    v2.ok("POST", "/instances/action", json={"action": "restart", "instances": [iid]})
    v2.wait_status(iid, "RUNNING")
    assert emulator.admin("GET", "instances/%s/internal" % iid)["pending_static"] == []
    plain = v2.create(net, az_ids, engine_version="1.1.0")
    old = {c["name"]: c for c in v2.ok("GET", "/instances/%s/configs" % plain["instance_id"]
                                       )["kafka_configs"]}
    assert len(old) == 12 and old["message.max.bytes"]["config_type"] == "static"
    assert_error(v2.put("/instances/%s/configs" % plain["instance_id"], json={
        "kafka_configs": [{"name": "allow.everyone.if.no.acl.found", "value": "false"}]}),
        400, "DMS.00400063")
    single = v2.create(net, az_ids, product_id="c6.2u4g.single", engine_version="2.7",
                       broker_num=1, storage_space=100)
    assert_error(v2.put("/instances/%s/configs" % single["instance_id"], json={
        "kafka_configs": [{"name": "num.partitions", "value": "5"}]}), 400, "DMS.00400800")
    for target in (iid, plain["instance_id"], single["instance_id"]):
        eventually_deleted(v2, target)


def test_reads_and_writes_follow_the_state_matrix(v2, emulator, net, az_ids):
    iid = v2.create(net, az_ids, wait=False)
    for path in ("/instances/%s/topics", "/instances/%s/configs", "/instances/%s/groups"):
        assert_error(v2.get(path % iid), 400, "DMS.00400026")  # CREATING
    assert v2.get("/kafka/%s/tags" % iid).status_code == 200
    assert v2.get("/instances/%s/tasks" % iid).status_code == 200
    v2.wait_status(iid, "RUNNING")
    for status in ("EXTENDING", "ERROR", "RESTARTING"):
        emulator.force_status(iid, status)
        assert v2.get("/instances/%s/topics" % iid).status_code == 200
        assert_error(v2.post("/instances/%s/topics" % iid, json={"id": "orders"}),
                     400, "DMS.00400026")
        assert_error(v2.put("/instances/%s/configs" % iid, json={"kafka_configs": [
            {"name": "num.partitions", "value": "4"}]}), 400, "DMS.00400026")
    emulator.admin("POST", "instances/%s/status" % iid,
                   {"status": "RESTARTING", "until": "RUNNING", "after_seconds": 0.2})
    v2.wait_status(iid, "RUNNING")
    eventually_deleted(v2, iid)



def test_cross_vpc_advertised_addresses(v2, plain_kafka):
    iid = plain_kafka["instance_id"]
    ips = plain_kafka["connect_address"].split(",")
    path = "/instances/%s/crossvpc/modify" % iid
    answer = v2.ok("POST", path, json={"advertised_ip_contents": {
        ips[0]: "192.168.0.121", ips[1]: "kafka-b.example.com", ips[2]: ips[2]}})
    assert answer == {"success": True, "results": [
        {"advertised_ip": "192.168.0.121", "success": True, "ip": ips[0]},
        {"advertised_ip": "kafka-b.example.com", "success": True, "ip": ips[1]},
        {"advertised_ip": ips[2], "success": True, "ip": ips[2]}]}
    cross = json.loads(v2.instance(iid)["cross_vpc_info"])
    assert [cross[ip]["advertised_ip"] for ip in ips] == [
        "192.168.0.121", "kafka-b.example.com", ips[2]]
    partial = v2.ok("POST", path, json={"advertised_ip_contents": {"10.9.9.9": "x"}})
    assert partial["success"] is False and partial["results"][0]["success"] is False
    assert_error(v2.post(path, json={"advertised_ip_contents": {}}), 400, "DMS.00400062")

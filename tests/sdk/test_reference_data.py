"""Project-less reference data: AZs, products, maintenance windows
(contract §1.2, §2.7, §4 #1-3, #6, #7, #13)."""

import collections


def test_availability_zones(conn, seed):
    azs = list(conn.dms.availability_zones())
    assert [a.code for a in azs] == ["eu-de-01", "eu-de-02", "eu-de-03"]
    assert [a.id for a in azs] == [a["id"] for a in seed["availability_zones"]]
    assert azs[0].id == "bf84aba586ce4e948da0b97d9a7d62fb"
    assert len({a.id for a in azs}) == 3
    for a in azs:
        assert a.region_id == "eu-de"
        assert a.has_available_resources is True
        assert a.name == a.code
    seed_map = {a["code"]: a["id"] for a in seed["availability_zones"]}
    assert seed_map == {a.code: a.id for a in azs}


def test_availability_zones_raw(raw):
    resp = raw.get("/v1.0/availableZones", project=False)
    assert resp.status_code == 200, resp.text
    body = resp.json()
    assert body["regionId"] == "eu-de"
    assert len(body["available_zones"]) == 3
    for az in body["available_zones"]:
        assert az["resource_availability"] == "true"  # a string, as documented (§4 #3)
        assert az["soldOut"] is False
        assert az["code"] == az["name"]
        assert az["id"]


def test_products(conn, seed):
    products = list(conn.dms.products())
    by_version = collections.defaultdict(dict)
    for p in products:
        assert p.engine_name == "kafka"
        by_version[p.engine_version][p.bandwidth] = p
    assert set(by_version) == {"1.1.0", "2.3.0", "2.7"}
    for version, specs in by_version.items():
        assert set(specs) == {"100MB", "300MB", "600MB", "1200MB"}, version
    assert len(products) == 12

    p = by_version["2.3.0"]
    expected = {
        "100MB": ("00300-30308-0--0", "dms.instance.kafka.cluster.c3.mini", "300", "600", "50000"),
        "300MB": ("00300-30310-0--0", "dms.instance.kafka.cluster.c3.small.2", "900", "1200", "100000"),
        "600MB": ("00300-30312-0--0", "dms.instance.kafka.cluster.c3.middle.2", "1800", "2400", "200000"),
        "1200MB": ("00300-30314-0--0", "dms.instance.kafka.cluster.c3.high.2", "1800", "4800", "300000"),
    }
    for bw, (pid, spec_code, partitions, storage, tps) in expected.items():
        assert p[bw].product_id == pid
        assert p[bw].spec_code == spec_code
        assert str(p[bw].partition_num) == partitions
        assert str(p[bw].storage) == storage
        assert str(p[bw].tps) == tps
        assert p[bw].arch_type == "X86"
        assert p[bw].vm_flavor_id

    codes = {a["code"] for a in seed["availability_zones"]}
    for prod in products:
        io_types = sorted(io["io_type"] for io in prod.io)
        if prod.bandwidth in ("100MB", "300MB"):
            assert io_types == ["high", "ultra"], prod.bandwidth
        else:
            assert io_types == ["ultra"], prod.bandwidth
        for io in prod.io:
            assert io["storage_spec_code"] == "dms.physical.storage.%s" % io["io_type"]
            assert io["volume_type"] in ("SAS", "SSD")
        assert prod.availability_zones and set(prod.availability_zones) <= codes
        assert isinstance(prod.unavailable_zones, list)


def test_products_raw_shape(raw):
    resp = raw.get("/v1.0/products", project=False)
    assert resp.status_code == 200, resp.text
    body = resp.json()
    assert "Hourly" in body
    # the SDK iterates every top-level key: all of them must be lists of engines
    for key, value in body.items():
        assert isinstance(value, list), key
        for engine in value:
            assert engine["name"] == "kafka"
            assert isinstance(engine["values"], list)
    # the documented engine query works as well (optional for the SDK, §4 #6)
    resp = raw.get("/v1.0/products", project=False, params={"engine": "kafka"})
    assert resp.status_code == 200
    assert resp.json()["Hourly"]


def test_maintenance_windows(conn):
    windows = sorted(conn.dms.maintenance_windows(), key=lambda w: w.seq)
    assert [(w.seq, w.begin, w.end) for w in windows] == [
        (1, "22:00:00", "02:00:00"), (2, "02:00:00", "06:00:00"), (3, "06:00:00", "10:00:00"),
        (4, "10:00:00", "14:00:00"), (5, "14:00:00", "18:00:00"), (6, "18:00:00", "22:00:00")]
    defaults = [w for w in windows if w.is_default]
    assert len(defaults) == 1 and defaults[0].seq == 2


def test_reference_paths_are_project_less(emulator, conn):
    emulator.reset_requests()
    list(conn.dms.availability_zones())
    list(conn.dms.products())
    list(conn.dms.maintenance_windows())
    paths = [(r["method"], r["path"], r["status"]) for r in emulator.requests()
             if r["path"].startswith("/v1.0")]
    assert ("GET", "/v1.0/availableZones", 200) in paths
    assert ("GET", "/v1.0/products", 200) in paths
    assert ("GET", "/v1.0/instances/maintain-windows", 200) in paths


def test_maintain_windows_not_mistaken_for_project(raw):
    """``/v1.0/instances/maintain-windows`` must not be routed as project
    ``instances`` (§1.3 routing note)."""
    resp = raw.get("/v1.0/instances/maintain-windows", project=False)
    assert resp.status_code == 200, resp.text
    assert len(resp.json()["maintain_windows"]) == 6

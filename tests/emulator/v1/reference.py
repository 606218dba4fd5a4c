"""The project-less look-ups (v1): availability zones, products, maintenance windows.

The data and the routes that serve it. AZ ids for eu-de-01/02 and the product table are the
ones the API reference documents ("Querying AZ Information", "Querying Product
Specifications"); everything else here is invented but fixed, so tests and docs can rely on it.
The paths are also served under /v1.0/{project_id}/.
"""

from flask import Blueprint, jsonify, request

from ..accounts import _hex
from ..util import emu

bp = Blueprint("reference", __name__)


KNOWN_AZ_IDS = {
    "eu-de-01": "bf84aba586ce4e948da0b97d9a7d62fb",
    "eu-de-02": "bf84aba586ce4e948da0b97d9a7d62fc",
}


def availability_zones(region):
    zones = []
    for n in (1, 2, 3):
        code = "%s-%02d" % (region, n)
        zones.append({"soldOut": False, "id": KNOWN_AZ_IDS.get(code) or _hex("az", code),
                      "code": code, "name": code, "port": "8002",
                      "resource_availability": "true"})
    return zones


MAINTENANCE_WINDOWS = [
    {"default": False, "seq": 1, "begin": "22:00:00", "end": "02:00:00"},
    {"default": True, "seq": 2, "begin": "02:00:00", "end": "06:00:00"},
    {"default": False, "seq": 3, "begin": "06:00:00", "end": "10:00:00"},
    {"default": False, "seq": 4, "begin": "10:00:00", "end": "14:00:00"},
    {"default": False, "seq": 5, "begin": "14:00:00", "end": "18:00:00"},
    {"default": False, "seq": 6, "begin": "18:00:00", "end": "22:00:00"},
]

ENGINE_VERSIONS = ("1.1.0", "2.3.0", "2.7")

# bandwidth -> product facts (contract 2.5 and 2.7).  min_storage / max_storage in GB,
# brokers inferred from the minimum public bandwidth, public bandwidth range in Mbit/s.
SPECS = [
    {"bandwidth": "100MB", "product_id": "00300-30308-0--0", "tps": "50000", "storage": "600",
     "partition_num": "300", "spec_code": "dms.instance.kafka.cluster.c3.mini",
     "ecs_flavor_id": "c4.large.2", "io_types": ("high", "ultra"), "brokers": 3,
     "max_storage": 90000, "public_bandwidth": (3, 900)},
    {"bandwidth": "300MB", "product_id": "00300-30310-0--0", "tps": "100000", "storage": "1200",
     "partition_num": "900", "spec_code": "dms.instance.kafka.cluster.c3.small.2",
     "ecs_flavor_id": "c4.xlarge.2", "io_types": ("high", "ultra"), "brokers": 3,
     "max_storage": 90000, "public_bandwidth": (3, 900)},
    {"bandwidth": "600MB", "product_id": "00300-30312-0--0", "tps": "200000", "storage": "2400",
     "partition_num": "1800", "spec_code": "dms.instance.kafka.cluster.c3.middle.2",
     "ecs_flavor_id": "c4.2xlarge.2", "io_types": ("ultra",), "brokers": 4,
     "max_storage": 90000, "public_bandwidth": (4, 1200)},
    {"bandwidth": "1200MB", "product_id": "00300-30314-0--0", "tps": "300000", "storage": "4800",
     "partition_num": "1800", "spec_code": "dms.instance.kafka.cluster.c3.high.2",
     "ecs_flavor_id": "c4.2xlarge.2", "io_types": ("ultra",), "brokers": 8,
     "max_storage": 90000, "public_bandwidth": (8, 2400)},
]
SPECS_BY_PRODUCT = {spec["product_id"]: spec for spec in SPECS}
IO_TYPES = {
    "high": {"io_type": "high", "storage_spec_code": "dms.physical.storage.high", "volume_type": "SAS"},
    "ultra": {"io_type": "ultra", "storage_spec_code": "dms.physical.storage.ultra", "volume_type": "SSD"},
}


def product_zones(region):
    """Products are offered in every AZ (the documented example is older than eu-de-03)."""
    return [zone["code"] for zone in availability_zones(region)]


def products(region):
    zones = product_zones(region)
    engines = []
    for version in ENGINE_VERSIONS:
        details = []
        for spec in SPECS:
            details.append({
                "tps": spec["tps"], "storage": spec["storage"], "partition_num": spec["partition_num"],
                "product_id": spec["product_id"], "spec_code": spec["spec_code"],
                "bandwidth": spec["bandwidth"], "ecs_flavor_id": spec["ecs_flavor_id"],
                "arch_type": "X86", "available_zones": list(zones), "unavailable_zones": [],
                "io": [dict(IO_TYPES[t], available_zones=list(zones), unavailable_zones=[])
                       for t in spec["io_types"]],
            })
        engines.append({"name": "kafka", "version": version, "values": [
            {"name": "cluster", "unavailable_zones": [], "available_zones": list(zones),
             "detail": details}]})
    return {"Hourly": engines}


# -- the routes (authenticated, with or without the project id) -------------------------

@bp.route("/v1.0/availableZones", methods=["GET"])
@bp.route("/v1.0/<project_id>/availableZones", methods=["GET"])
def serve_availability_zones(project_id=None):
    e = emu()
    e.authenticate(project_id)
    return jsonify({"regionId": e.config.region, "available_zones": e.zones})


@bp.route("/v1.0/products", methods=["GET"])
@bp.route("/v1.0/<project_id>/products", methods=["GET"])
def serve_products(project_id=None):
    e = emu()
    e.authenticate(project_id)
    engine = request.args.get("engine")
    if engine and engine.lower() != "kafka":
        return jsonify({"Hourly": []})
    return jsonify(products(e.config.region))


@bp.route("/v1.0/instances/maintain-windows", methods=["GET"])
@bp.route("/v1.0/<project_id>/instances/maintain-windows", methods=["GET"])
def serve_maintenance_windows(project_id=None):
    emu().authenticate(project_id)
    return jsonify({"maintain_windows": MAINTENANCE_WINDOWS})


# -- instance state ----------------------------------------------------------------

"""The project-less look-ups of DMS for Kafka v2: availability zones, flavours (products),
maintenance windows. The data and the routes that serve it.

Flavour facts follow the API reference's "Querying Product Specifications List" and the user
guide's "Kafka Instance Specifications" (broker ranges, partitions and storage per broker,
throughput); where the two disagree the README says which one the emulator follows. Every
create and extend check reads this one table.
"""

from flask import Blueprint, jsonify, request

from ..errors import not_found
from ..util import emu

bp = Blueprint("v2_reference", __name__)

ENGINE_VERSIONS = ("1.1.0", "2.3.0", "2.7", "3.x")
IO_SPECS = ("dms.physical.storage.high.v2", "dms.physical.storage.ultra.v2")
ARCH_TYPES = ("X86",)

# product_id: (type, ecs flavour, alias, min brokers, max brokers, partitions per broker,
#              max storage per broker GB, TPS per broker, MB/s per broker, engine versions)
_FLAVOURS = (
    ("c6.2u4g.cluster", "cluster", "c6.large.2", 3, 30, 250, 10000, 30000, 100, ENGINE_VERSIONS),
    ("c6.4u8g.cluster", "cluster", "c6.xlarge.2", 3, 30, 500, 20000, 100000, 200, ENGINE_VERSIONS),
    ("c6.8u16g.cluster", "cluster", "c6.2xlarge.2", 3, 50, 1000, 30000, 150000, 375,
     ENGINE_VERSIONS),
    ("c6.12u24g.cluster", "cluster", "c6.3xlarge.2", 3, 50, 1500, 30000, 200000, 625,
     ENGINE_VERSIONS),
    ("c6.16u32g.cluster", "cluster", "c6.4xlarge.2", 3, 50, 2000, 30000, 250000, 750,
     ENGINE_VERSIONS),
    ("s6.2u4g.cluster.small", "cluster.small", "s6.large.2", 3, 30, 100, 10000, 20000, 40,
     ENGINE_VERSIONS),
    ("c6.2u4g.single", "single", "c6.large.2", 1, 1, 250, 10000, 30000, 100, ("2.7",)),
    ("s6.2u4g.single.small", "single", "s6.large.2", 1, 1, 100, 10000, 20000, 40, ("2.7",)),
)


def _alias(product_id):
    return "kafka." + product_id.split(".", 1)[1]


FLAVOURS = {
    pid: {"product_id": pid, "type": kind, "ecs_flavor_id": ecs, "alias": _alias(pid),
          "min_broker": low, "max_broker": high, "partitions_per_broker": partitions,
          "max_storage_per_node": storage, "tps": tps, "bandwidth": mbs,
          "engine_versions": versions}
    for pid, kind, ecs, low, high, partitions, storage, tps, mbs, versions in _FLAVOURS}


def is_single(flavour):
    return flavour["type"] == "single"


def instance_type(flavour):
    """What an instance's ``type`` says: ``single`` or ``cluster`` (also for cluster.small)."""
    return "single" if is_single(flavour) else "cluster"


def zone_codes(region):
    return ["%s-%02d" % (region, n) for n in (1, 2, 3)]


def product_entry(e, flavour, io_specs=IO_SPECS, extend_view=False):
    """One element of ``products``: every property a string, AZs as codes."""
    codes = zone_codes(e.config.region)
    unavailable = e.sold_out.get(flavour["product_id"], set())
    available = [c for c in codes if c not in unavailable]
    gone = [c for c in codes if c in unavailable]
    entry = {
        "type": flavour["type"], "product_id": flavour["product_id"],
        "ecs_flavor_id": flavour["ecs_flavor_id"], "billing_code": "dms.platinum.c6",
        "arch_types": list(ARCH_TYPES), "charging_mode": ["monthly", "hourly"],
        "ios": [{"io_spec": spec, "type": "evs", "available_zones": list(available),
                 "unavailable_zones": list(gone)} for spec in io_specs],
        "support_features": [] if is_single(flavour) else [
            {"name": "connector_obs", "properties": {"max_task": "10", "max_node": "10",
                                                     "min_task": "1", "min_node": "2"}}],
        "properties": {
            "max_partition_per_broker": str(flavour["partitions_per_broker"]),
            "max_broker": str(flavour["max_broker"]),
            "max_storage_per_node": str(flavour["max_storage_per_node"]),
            "max_consumer_per_broker": "4000",
            "min_broker": str(flavour["min_broker"]),
            "max_bandwidth_per_broker": str(flavour["bandwidth"]),
            "min_storage_per_node": str(e.config.min_storage_per_node),
            "max_tps_per_broker": str(flavour["tps"]),
            "product_alias": flavour["alias"],
            "engine_versions": ",".join(flavour["engine_versions"]),
        },
    }
    if extend_view:
        entry["available_zones"] = list(available)
        entry["unavailable_zones"] = list(gone)
    return entry


def maintenance_windows(e):
    """The six four-hour slots; hours only (the v2 example), or HH:mm:ss with the knob."""
    windows = []
    for seq, begin in enumerate((22, 2, 6, 10, 14, 18), start=1):
        end = (begin + 4) % 24
        if e.config.maintain_window_format == "hms":
            shown = ("%02d:00:00" % begin, "%02d:00:00" % end)
        else:
            shown = ("%02d" % begin, "%02d" % end)
        windows.append({"default": begin == 2, "seq": seq, "begin": shown[0], "end": shown[1]})
    return windows


# -- the routes (authenticated, project-less; also under /v2/{project_id}/) ----------------

@bp.route("/v2/available-zones", methods=["GET"])
@bp.route("/v2/<project_id>/available-zones", methods=["GET"])
def serve_availability_zones(project_id=None):
    e = emu()
    e.authenticate(project_id)
    zones = [{"id": z["id"], "code": z["code"], "name": z["name"], "port": z["port"],
              "resource_availability": z["resource_availability"]} for z in e.zones]
    return jsonify({"region_id": e.config.region, "regionId": e.config.region,
                    "available_zones": zones})


@bp.route("/v2/<engine>/products", methods=["GET"])
def serve_products(engine):
    e = emu()
    e.authenticate()
    if engine != "kafka":
        raise not_found("DMS.00404001", "The URL does not exist.")
    wanted = request.args.get("product_id")
    products = [product_entry(e, f) for pid, f in FLAVOURS.items() if not wanted or pid == wanted]
    return jsonify({"engine": "kafka", "versions": list(ENGINE_VERSIONS), "products": products})


@bp.route("/v2/instances/maintain-windows", methods=["GET"])
@bp.route("/v2/<project_id>/instances/maintain-windows", methods=["GET"])
def serve_maintenance_windows(project_id=None):
    e = emu()
    e.authenticate(project_id)
    return jsonify({"maintain_windows": maintenance_windows(e)})

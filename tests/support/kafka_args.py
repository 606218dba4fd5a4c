"""Valid dms_instance arguments (DMS for Kafka v2) for the emulator's seeded network."""

CLUSTER = "c6.2u4g.cluster"
# Extensions and background tasks end quickly in the module tests (the real cloud takes minutes).
V2_DELAYS = ("--extend-delay", "0.3", "--task-delay", "0.2")
ULTRA = "dms.physical.storage.ultra.v2"


def network(emu):
    return emu.seed()["projects"][0]["network"]


def create_args(emu, name, **extra):
    """A three-broker c6.2u4g.cluster of 300 GB in eu-de-01, then ``extra`` (None removes)."""
    net = network(emu)
    args = dict(name=name, flavor=CLUSTER, broker_num=3, engine_version="3.x", storage_space=300,
                storage_spec_code=ULTRA, availability_zones=["eu-de-01"],
                vpc_id=net["vpc_id"], subnet_id=net["subnet_id"],
                security_group_id=net["security_group_id"])
    args.update(extra)
    return dict((k, v) for k, v in args.items() if v is not None)

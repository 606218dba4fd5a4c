"""Fixtures of the SDK-driven DMS emulator test suite (helpers: sdk_support.py)."""

import pytest

from sdk_support import (
    INSTANCE_DELAY, MAX_TIME_WAIT, Emulator, Raw, _delete_instance_eventually, instance_attrs,
    product_for, seeded_project, unique, wait_running)
from v2_support import V2, sasl


def pytest_configure(config):
    # openstacksdk 4.22 floods the output with its own deprecation warnings
    config.addinivalue_line("filterwarnings", "ignore::DeprecationWarning")
    config.addinivalue_line("filterwarnings", "ignore::PendingDeprecationWarning")


@pytest.fixture(scope="session")
def emulator():
    emu = Emulator(instance_delay=INSTANCE_DELAY, max_time_wait=MAX_TIME_WAIT,
                   extra_args=["--extend-delay", str(INSTANCE_DELAY), "--task-delay", "0.2"])
    emu.start()
    try:
        yield emu
    finally:
        emu.cleanup()


@pytest.fixture(scope="session")
def conn(emulator):
    return emulator.connect()


@pytest.fixture(scope="session")
def other_conn(emulator):
    return emulator.connect("emulator-other")


@pytest.fixture(scope="session")
def v2(conn):
    """DMS for Kafka v2 through conn.dmsv2 (v2_support.V2)."""
    return V2(conn)


@pytest.fixture(scope="session")
def other_v2(other_conn):
    return V2(other_conn)


@pytest.fixture(scope="session")
def sasl_kafka(v2, net, az_ids):
    """One RUNNING v2 SASL cluster (3 brokers) per worker, for tests that add below it."""
    return v2.create(net, az_ids, **sasl())


@pytest.fixture(scope="session")
def plain_kafka(v2, net, az_ids):
    """One RUNNING v2 cluster without SASL per worker."""
    return v2.create(net, az_ids)


@pytest.fixture(scope="session")
def raw(emulator, conn):
    return Raw(emulator, conn)


@pytest.fixture(scope="session")
def other_raw(emulator, other_conn):
    return Raw(emulator, other_conn)


@pytest.fixture(scope="session")
def seed(emulator):
    return emulator.seed()


@pytest.fixture(scope="session")
def net(emulator):
    """Seeded network ids of the first project (cloud ``emulator``)."""
    return seeded_project(emulator, "emulator")["network"]


@pytest.fixture(scope="session")
def other_net(emulator):
    return seeded_project(emulator, "emulator-other")["network"]


@pytest.fixture(scope="session")
def az_ids(seed):
    return [az["id"] for az in seed["availability_zones"]]


@pytest.fixture(scope="session")
def product_100mb(conn):
    return product_for(conn, "100MB", "2.3.0")


@pytest.fixture
def make_queue(conn):
    """Factory: create a queue through the SDK, delete it after the test."""
    created = []

    def _make(name=None, **attrs):
        q = conn.dms.create_queue(name=name or unique("q"), **attrs)
        created.append(q.id)
        return q

    yield _make
    for qid in created:
        try:
            conn.dms.delete_queue(qid, ignore_missing=True)
        except Exception:  # pragma: no cover - best effort cleanup
            pass


@pytest.fixture
def queue(make_queue):
    return make_queue()


@pytest.fixture
def group(conn, queue):
    return conn.dms.create_group(queue, unique("g"))


@pytest.fixture
def make_instance(conn, net, az_ids, product_100mb):
    """Factory: create a Kafka instance (optionally wait for RUNNING), delete
    it after the test."""
    created = []

    def _make(wait=True, **overrides):
        inst = conn.dms.create_instance(**instance_attrs(net, az_ids, product_100mb, **overrides))
        created.append(inst.id)
        if wait:
            inst = wait_running(conn, inst)
        return inst

    yield _make
    for iid in created:
        _delete_instance_eventually(conn, iid)

"""Module behaviour tests: each module runs for real, through the SDK, against the emulator."""

import shutil
import tempfile
import uuid

import pytest

from emulator.testing import Emulator
from support import ansible_run, fork_python
from support.collection import install_on_sys_path
from support.kafka_args import V2_DELAYS

install_on_sys_path()


def pytest_collection_modifyitems(config, items):
    """The long scenarios first: under xdist none of them starts last and runs alone."""
    items.sort(key=lambda item: item.get_closest_marker("slow") is None)


@pytest.fixture(scope="session", autouse=True)
def forked_module_runs():
    """Module runs fork from an interpreter that imported openstacksdk once (support/fork_python)."""
    directory = tempfile.mkdtemp(prefix="otc-fork-")
    ansible_run.use_fork_python(fork_python.install(directory))
    yield directory
    ansible_run.use_fork_python(None)
    fork_python.stop_servers(directory)
    shutil.rmtree(directory, ignore_errors=True)




@pytest.fixture(scope="session")
def emulator():
    emu = Emulator(instance_delay=0.3, max_time_wait=0.2, extra_args=V2_DELAYS).start()
    yield emu
    emu.cleanup()


@pytest.fixture
def fresh_emulator():
    """An emulator of the test's own: a fresh project, which a purge may empty."""
    emu = Emulator(instance_delay=0.3, max_time_wait=0.2, extra_args=V2_DELAYS).start()
    yield emu
    emu.cleanup()


@pytest.fixture
def emu(emulator):
    """The session emulator with faults cleared and a fresh request log."""
    emulator.clear_faults()
    emulator.reset_requests()
    return emulator


@pytest.fixture
def run(emu):
    def _run(module, args=None, **kwargs):
        return ansible_run.run_module(emu, module, args, **kwargs)
    return _run


@pytest.fixture
def playbook(emu):
    def _play(text, **kwargs):
        return ansible_run.run_playbook(emu, text, **kwargs)
    return _play


@pytest.fixture
def unique():
    def _unique(prefix="t"):
        return "%s-%s" % (prefix, uuid.uuid4().hex[:10])
    return _unique

"""What a task costs the machine that runs it, beyond its requests."""

import os

from support.collection import collections_root

TESTS = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BENCH_LIBRARY = os.path.join(TESTS, "bench", "library")
PROBE = os.path.join(TESTS, "support", "stevedore_probe")

PLAY = """
- hosts: localhost
  gather_facts: false
  tasks:
    - name: look
      %s
"""


def run_probed(playbook, task, tmp_path):
    """(stevedore lookups, stevedore cache files) of one task run by ansible-playbook."""
    tmp_path.mkdir(parents=True, exist_ok=True)
    log = tmp_path / "stevedore.log"
    cache_home = tmp_path / "cache"
    run = playbook(PLAY % task, env={
        "PYTHONPATH": PROBE + os.pathsep + collections_root(),
        "OTC_DMS_STEVEDORE_LOG": str(log),
        "XDG_CACHE_HOME": str(cache_home),
        "ANSIBLE_LIBRARY": BENCH_LIBRARY,
        # What one task's own interpreter does: not a run forked from a pre-imported one.
        "OTC_DMS_FRESH_PYTHON": "1"})
    assert run.rc == 0, run.stdout[-2000:]
    lookups = log.read_text().split() if log.exists() else []
    cache = cache_home / "python-entrypoints"
    return lookups, (sorted(os.listdir(cache)) if cache.is_dir() else [])


def test_a_task_looks_up_no_plugin_through_stevedore(playbook, tmp_path):
    # keystoneauth finds auth plugins through stevedore, which scans the entry points of every
    # installed distribution and caches them in a file named after sys.path; under Ansible
    # sys.path holds a new module payload on every run, so each task paid the scan and (unless
    # stevedore disables its cache, as for a Python under /tmp) left a new ~70 KB file in
    # ~/.cache/python-entrypoints. The control, a module that only opens an openstacksdk
    # connection, shows the probe sees the lookup.
    control, _ = run_probed(playbook, "sdk_baseline: {}", tmp_path / "control")
    assert "keystoneauth1.plugin" in control, "the probe saw no lookup: the check would prove nothing"
    lookups, cache_files = run_probed(playbook, "otc.dms.dms_queue_info: {}", tmp_path / "otc-dms")
    assert lookups == []
    assert cache_files == []

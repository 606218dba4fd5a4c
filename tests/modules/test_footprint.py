"""What a task leaves behind on the machine that runs it."""

import os

BENCH_LIBRARY = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
                             "bench", "library")

PLAY = """
- hosts: localhost
  gather_facts: false
  tasks:
    - name: look
      %s
"""


def entry_point_cache_files(playbook, task, cache_home):
    run = playbook(PLAY % task, env={"XDG_CACHE_HOME": str(cache_home),
                                     "ANSIBLE_LIBRARY": BENCH_LIBRARY})
    assert run.rc == 0, run.stdout[-2000:]
    cache = cache_home / "python-entrypoints"
    return sorted(os.listdir(cache)) if cache.is_dir() else []


def test_a_task_leaves_no_entry_point_cache_file(playbook, tmp_path):
    # keystoneauth finds auth plugins through stevedore, which caches every installed
    # distribution's entry points in a file named after sys.path; under Ansible sys.path
    # holds a new module payload on every run. The control (a module that only opens an
    # openstacksdk connection) shows the file appearing on this machine.
    control = entry_point_cache_files(playbook, "sdk_baseline: {}", tmp_path / "control")
    assert control, "the control task wrote no stevedore cache file: the check would prove nothing"
    ours = entry_point_cache_files(playbook, "otc.dms.dms_queue_info: {}", tmp_path / "otc-dms")
    assert ours == []

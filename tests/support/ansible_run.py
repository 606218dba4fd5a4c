"""Run the collection's modules the way Ansible does, against the emulator.

``run_module`` executes one module file in a new Python process with its
arguments in a file (what Ansible's module runner does, minus the zip);
``run_playbook`` runs ``ansible-playbook`` with the JSON callback. Under pytest
both start their Python through ``fork_python`` (see there) unless the
environment says OTC_DMS_FRESH_PYTHON=1.
"""

import json
import os
import subprocess
import sys
import tempfile

from .collection import collections_root

PY = sys.executable
CALLBACKS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "callback_plugins")
BIN = os.path.dirname(PY)
_FORK_PYTHON = None


def use_fork_python(path):
    """Start module runs through the stand-in interpreter at ``path`` (None: this Python)."""
    global _FORK_PYTHON
    _FORK_PYTHON = path


def interpreter():
    """The Python that runs the modules: this one, or the fork_python stand-in for it."""
    return _FORK_PYTHON or PY


class ModuleResult(dict):
    """The module's JSON result plus ``rc``, ``stdout`` and ``stderr``."""

    @property
    def failed(self):
        return bool(self.get("failed")) or self.rc != 0


def base_env(emulator, extra=None):
    env = dict(os.environ)
    for key in list(env):
        if key.startswith("OS_"):
            del env[key]
    env.update(emulator.env)
    env["PYTHONPATH"] = collections_root()
    env["ANSIBLE_COLLECTIONS_PATH"] = collections_root()
    env["ANSIBLE_COLLECTIONS_SCAN_SYS_PATH"] = "false"
    env["ANSIBLE_LOCALHOST_WARNING"] = "false"
    env["ANSIBLE_INVENTORY_UNPARSED_WARNING"] = "false"
    env["ANSIBLE_PYTHON_INTERPRETER"] = interpreter()
    env["ANSIBLE_NOCOLOR"] = "1"
    env["ANSIBLE_PIPELINING"] = "1"
    env["ANSIBLE_HOME"] = tempfile.gettempdir() + "/otc-dms-ansible-home"
    if extra:
        env.update(extra)
    return env


def run_module(emulator, name, args=None, check=False, diff=False, env=None):
    """Run plugins/modules/<name>.py with ``args``; returns a ModuleResult."""
    payload = dict(args or {})
    payload["_ansible_check_mode"] = check
    payload["_ansible_diff"] = diff
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as handle:
        json.dump({"ANSIBLE_MODULE_ARGS": payload}, handle)
        path = handle.name
    try:
        proc = subprocess.run(
            [interpreter(), "-m", "ansible_collections.otc.dms.plugins.modules.%s" % name, path],
            capture_output=True, text=True, env=base_env(emulator, env), timeout=300,
            stdin=subprocess.DEVNULL)
    finally:
        os.unlink(path)
    try:
        result = json.loads(proc.stdout)
    except ValueError:
        result = {"failed": True, "msg": "module printed no JSON"}
    result = ModuleResult(result)
    result.rc, result.stdout, result.stderr = proc.returncode, proc.stdout, proc.stderr
    return result


class PlaybookRun:
    def __init__(self, proc, data):
        self.rc = proc.returncode
        self.stdout = proc.stdout
        self.stderr = proc.stderr
        self.data = data

    def results(self):
        """Task name -> the localhost result (the last one for repeated names)."""
        return dict((task["task"], task["result"]) for task in (self.data or {}).get("tasks", []))

    @property
    def stats(self):
        return (self.data or {}).get("stats", {}).get("localhost", {})


def run_playbook(emulator, playbook_text, check=False, diff=False, verbosity=0, env=None,
                 extra_args=(), timeout=600):
    """Write ``playbook_text`` to a file and run it on localhost.

    stdout is Ansible's default output; ``results()`` has every task's result.
    """
    with tempfile.TemporaryDirectory(prefix="otc-dms-play-") as tmp:
        path = os.path.join(tmp, "play.yml")
        results_file = os.path.join(tmp, "results.json")
        with open(path, "w") as handle:
            handle.write(playbook_text)
        cmd = [os.path.join(BIN, "ansible-playbook"), "-i", "localhost,", "-c", "local", path]
        if check:
            cmd.append("--check")
        if diff:
            cmd.append("--diff")
        if verbosity:
            cmd.append("-" + "v" * verbosity)
        cmd += list(extra_args)
        extra = {"ANSIBLE_CALLBACK_PLUGINS": CALLBACKS,
                 "ANSIBLE_CALLBACKS_ENABLED": "record_results",
                 "OTC_DMS_RESULTS_FILE": results_file}
        extra.update(env or {})
        proc = subprocess.run(cmd, capture_output=True, text=True, cwd=tmp,
                              env=base_env(emulator, extra), timeout=timeout,
                              stdin=subprocess.DEVNULL)
        data = None
        if os.path.exists(results_file):
            with open(results_file) as handle:
                data = json.load(handle)
    return PlaybookRun(proc, data)


# The DMS paths of the request log (v1, v2 and the v2 topic permissions), not Keystone's.
DMS_PATHS = ("/v1.0/", "/v2/", "/v1/")


def dms_requests(emulator, write_only=False):
    """The DMS (non-Keystone) requests in the emulator's log."""
    entries = [r for r in emulator.requests()
               if r["path"].startswith(DMS_PATHS)]
    if write_only:
        entries = [r for r in entries if r["method"] != "GET"]
    return entries


def tuned_clouds(emulator, directory, *lines):
    """Env pointing at a copy of the emulator's clouds.yaml with extra settings per cloud."""
    with open(emulator.clouds_yaml) as handle:
        text = handle.read()
    extra = "".join("    %s\n" % line for line in lines)
    path = os.path.join(str(directory), "clouds.yaml")
    with open(path, "w") as handle:
        handle.write(text.replace("    interface: public\n", "    interface: public\n" + extra))
    return {"OS_CLIENT_CONFIG_FILE": path}


def run_module_in_process(name, args=None, check=False, diff=False):
    """Run a module's main() in this process; a ModuleResult as ``run_module`` gives.

    For runs that make no request (bad input refused before connecting): one interpreter for
    all of them, instead of a new one per run. The module reads its arguments as under
    Ansible (``AnsibleModule``'s argument channel) and prints its JSON result.
    """
    import contextlib
    import importlib
    import io

    try:
        from ansible.module_utils.testing import patch_module_args
    except ImportError:  # ansible-core before 2.19
        from unittest import mock
        from ansible.module_utils import basic
        from ansible.module_utils.common.text.converters import to_bytes

        def patch_module_args(payload):
            return mock.patch.object(basic, "_ANSIBLE_ARGS",
                                     to_bytes(json.dumps({"ANSIBLE_MODULE_ARGS": payload})))

    payload = dict(args or {})
    payload["_ansible_check_mode"] = check
    payload["_ansible_diff"] = diff
    module = importlib.import_module("ansible_collections.otc.dms.plugins.modules.%s" % name)
    stdout, stderr = io.StringIO(), io.StringIO()
    rc = 0
    with patch_module_args(payload), contextlib.redirect_stdout(stdout), \
            contextlib.redirect_stderr(stderr):
        try:
            module.main()
        except SystemExit as exc:
            rc = exc.code or 0
    try:
        result = json.loads(stdout.getvalue())
    except ValueError:
        result = {"failed": True, "msg": "module printed no JSON"}
    result = ModuleResult(result)
    result.rc, result.stdout, result.stderr = rc, stdout.getvalue(), stderr.getvalue()
    return result

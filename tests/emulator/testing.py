"""Start and drive the DMS emulator from tests, demos and benchmarks.

Only the standard library, PyYAML-free: the emulator's own process does the
work, this module just runs ``serve.py`` and talks to its admin endpoints.
"""

import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.request

# The directory that holds the ``emulator`` package (tests/): the server runs as
# ``python -m emulator.serve`` with it on PYTHONPATH.
PACKAGE_PARENT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LISTEN_PREFIX = "DMS emulator listening on "


class Emulator:
    """A running emulator process on a free loopback port (the in-process state is app.Service).

    ``Emulator(instance_delay=0.2, max_time_wait=0.2).start()`` or use it as a
    context manager.  ``clouds_yaml`` and ``cloud_name`` point the SDK (and
    Ansible) at it; ``cloud_name + '-other'`` is the second, isolated project.
    """

    def __init__(self, instance_delay=0.2, max_time_wait=None, state=None,
                 cloud_name="emulator", extra_args=(), workdir=None):
        self.instance_delay = instance_delay
        self.max_time_wait = max_time_wait
        self.state = state
        self.cloud_name = cloud_name
        self.extra_args = list(extra_args)
        self._tmp = None
        self.workdir = workdir
        self.proc = None
        self.url = None
        self.clouds_yaml = None

    # -- process -----------------------------------------------------------
    def start(self, timeout=30):
        if self.workdir is None:
            self._tmp = tempfile.TemporaryDirectory(prefix="dms-emulator-")
            self.workdir = self._tmp.name
        self.clouds_yaml = os.path.join(self.workdir, "clouds.yaml")
        cmd = [sys.executable, "-m", "emulator.serve", "--port", "0", "--clouds-yaml", self.clouds_yaml,
               "--cloud-name", self.cloud_name,
               "--instance-delay", str(self.instance_delay)]
        if self.max_time_wait is not None:
            cmd += ["--max-time-wait", str(self.max_time_wait)]
        if self.state:
            cmd += ["--state", self.state]
        cmd += self.extra_args
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(
            [PACKAGE_PARENT] + [p for p in env.get("PYTHONPATH", "").split(os.pathsep) if p])
        self.proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                     stdin=subprocess.DEVNULL, text=True, env=env)
        deadline = time.monotonic() + timeout
        line = self.proc.stdout.readline()
        if not line.startswith(LISTEN_PREFIX):
            self.proc.kill()
            err = self.proc.stderr.read()
            raise RuntimeError("emulator did not start: %r %s" % (line, err))
        self.url = line[len(LISTEN_PREFIX):].strip()
        while time.monotonic() < deadline:
            try:
                self.admin("GET", "seed")
                break
            except OSError:
                time.sleep(0.05)
        return self

    def stop(self, timeout=10):
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        if self.proc:
            self.proc.stdout.close()
            self.proc.stderr.close()
        self.proc = None

    def restart(self):
        self.stop()
        return self.start()

    def cleanup(self):
        self.stop()
        if self._tmp:
            self._tmp.cleanup()
            self._tmp = None
            self.workdir = None

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.cleanup()

    @property
    def env(self):
        """Environment variables that point the SDK/Ansible at this emulator."""
        return {"OS_CLIENT_CONFIG_FILE": self.clouds_yaml, "OS_CLOUD": self.cloud_name}

    # -- admin endpoints ---------------------------------------------------
    def admin(self, method, path, body=None):
        data = None if body is None else json.dumps(body).encode()
        req = urllib.request.Request("%s/__emulator__/%s" % (self.url, path), data=data,
                                     method=method, headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(req, timeout=30) as resp:
            raw = resp.read()
        return json.loads(raw) if raw else None

    def seed(self):
        return self.admin("GET", "seed")

    def requests(self, bodies=False):
        """The request log; with ``bodies`` also each request's and response's body."""
        return self.admin("GET", "requests?bodies=true" if bodies else "requests")

    def reset_requests(self):
        self.admin("DELETE", "requests")

    def set_faults(self, **config):
        return self.admin("PUT", "faults", config)

    def clear_faults(self):
        self.admin("DELETE", "faults")

    def advance_clock(self, seconds):
        """Move the emulator's clock ahead (expiries and timers), instead of sleeping."""
        return self.admin("POST", "clock", {"advance": seconds})

    def force_status(self, instance_id, status):
        return self.admin("POST", "instances/%s/status" % instance_id, {"status": status})

    # -- SDK ---------------------------------------------------------------
    def connect(self, cloud=None, **kwargs):
        """An openstacksdk Connection with the otcextensions DMS proxy."""
        import openstack.config
        import openstack.connection
        from otcextensions import sdk as otc_sdk

        config = openstack.config.OpenStackConfig(config_files=[self.clouds_yaml])
        region = config.get_one(cloud or self.cloud_name, **kwargs)
        conn = openstack.connection.Connection(config=region)
        otc_sdk.register_otc_extensions(conn)
        return conn

"""The stand-in interpreter of the module runs (support/fork_python) behaves as Python does."""

import os
import subprocess
import sys
import time

import pytest

from support import fork_python

SCRIPT = """import sys
print("argv", sys.argv[1:], "path0", repr(sys.path[0]) if sys.path[0] in ("", %(cwd)r) else "dir")
sys.stderr.write("to stderr\\n")
sys.exit(int(sys.argv[-1]) if len(sys.argv) > 1 and sys.argv[-1].isdigit() else "goodbye")
"""


@pytest.fixture
def stand_in(tmp_path):
    directory = tmp_path / "fork"
    directory.mkdir()
    path = fork_python.install(str(directory))
    yield path
    fork_python.stop_servers(str(directory))


def both(stand_in, args, cwd, stdin=None, env=None):
    """(the real interpreter's (rc, stdout, stderr), the stand-in's)."""
    runs = []
    for python in (sys.executable, stand_in):
        proc = subprocess.run([python] + args, input=stdin, capture_output=True, text=True,
                              cwd=str(cwd), env=env or dict(os.environ), timeout=60)
        runs.append((proc.returncode, proc.stdout, proc.stderr))
    return runs


def test_every_argv_form_runs_as_python_runs_it(stand_in, tmp_path):
    cwd = tmp_path / "work"
    cwd.mkdir()
    script = cwd / "prog.py"
    script.write_text(SCRIPT % {"cwd": str(cwd)})
    package = cwd / "pkg"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "mod.py").write_text(SCRIPT % {"cwd": str(cwd)})
    cases = [
        (["-"], SCRIPT % {"cwd": str(cwd)}),    # not emulated: the real interpreter runs it
        ([], SCRIPT % {"cwd": str(cwd)}),       # the program on stdin, as Ansible pipelines it
        (["-c", SCRIPT % {"cwd": str(cwd)}, "a", "3"], None),
        (["-m", "pkg.mod", "b", "0"], None),
        ([str(script), "c"], None),
        (["-c", "raise ValueError('boom')"], None),
        (["-V"], None),
        (["-c", "import sys; print(len(sys.argv[1]))", "x" * 70000], None),  # over the limit
    ]
    for args, stdin in cases:
        real, forked = both(stand_in, args, cwd, stdin)
        assert forked[:2] == real[:2], args
        # A traceback names the stand-in's frames too; its last line is the same.
        assert forked[2].splitlines()[-1:] == real[2].splitlines()[-1:], args


def test_a_run_sees_its_own_working_directory_and_environment_and_nothing_of_the_last_run(
        stand_in, tmp_path):
    probe = ("import os, sys, openstack.config.loader as loader\n"
             "print(loader.CONFIG_SEARCH_PATH[0], os.environ.get('PROBE'), "
             "getattr(loader, 'left_behind', None))\n"
             "loader.left_behind = 'by the last run'\n")
    one, two = tmp_path / "one", tmp_path / "two"
    one.mkdir()
    two.mkdir()
    for cwd, value in ((one, "a"), (two, "a"), (one, "b"), (one, "a")):
        env = dict(os.environ, PROBE=value)
        real, forked = both(stand_in, ["-c", probe], cwd, env=env)
        assert forked == real == (0, "%s %s None\n" % (cwd, value), "")


def test_a_fresh_python_when_asked(stand_in, tmp_path):
    check = ["-c", "import sys; print('openstack' in sys.modules)"]
    forked = subprocess.run([stand_in] + check, capture_output=True, text=True, cwd=str(tmp_path))
    fresh = subprocess.run([stand_in] + check, capture_output=True, text=True, cwd=str(tmp_path),
                           env=dict(os.environ, OTC_DMS_FRESH_PYTHON="1"))
    assert (forked.stdout, fresh.stdout) == ("True\n", "False\n")


def test_a_server_stops_once_its_working_directory_is_gone(stand_in, tmp_path):
    cwd = tmp_path / "gone"
    cwd.mkdir()
    subprocess.run([stand_in, "-c", "pass"], cwd=str(cwd), check=True)
    directory = os.path.dirname(stand_in)
    pids = [int(open(os.path.join(directory, name)).read())
            for name in os.listdir(directory) if name.endswith(".pid")]
    assert len(pids) == 1
    assert os.stat(directory).st_mode & 0o077 == 0  # nobody else reaches the socket
    cwd.rmdir()
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and os.path.exists("/proc/%d" % pids[0]):
        time.sleep(0.1)  # the server looks once a second
    assert not os.path.exists("/proc/%d" % pids[0])


def test_a_closed_stdin_is_seen_as_python_sees_it(stand_in, tmp_path):
    program = "import sys; sys.stderr.write(str(sys.stdin is None) + chr(10))"
    runs = [subprocess.run([python, "-c", program], stdin=subprocess.DEVNULL, capture_output=True,
                           text=True, cwd=str(tmp_path), timeout=60,
                           preexec_fn=lambda: os.close(0))
            for python in (sys.executable, stand_in)]
    assert runs[1].returncode == runs[0].returncode == 0
    assert runs[1].stderr == runs[0].stderr == "True\n"

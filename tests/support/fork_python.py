"""A Python that forks module runs from an interpreter that has imported openstacksdk once.

The tests run the modules thousands of times, and each fresh interpreter spends most of its
~0.6 s of CPU importing openstacksdk, keystoneauth and requests, the same way every time. Under
pytest (tests/modules/conftest.py) the modules therefore run through a stand-in interpreter,
``<dir>/python``, written by :func:`install`: Ansible (``ansible_python_interpreter``) and
``run_module`` call it as they would call Python. It hands its argv and its stdin, stdout and
stderr (the file descriptors themselves) to a server process, which forks a child that runs the
program on those descriptors, exactly as ``python`` would, and sends back its exit status.

The server imported openstacksdk, otcextensions, keystoneauth1 and requests (nothing of Ansible
or of the collection: those come from the module payload, as always) in the same working
directory and with the same environment as the run, because some of their module-level state
depends on both (openstacksdk's clouds.yaml search path holds the working directory and the
home directory of the import). Each child imports the module, its module_utils and Ansible's
afresh, so what a fresh interpreter would find wrong there, it finds too. There is one server
per working directory and environment; it exits when it has had nothing to do for a while or
its working directory is gone. A child is a new process, so nothing one run does reaches the
next.

The stand-in runs the real interpreter itself (exec) for what it does not emulate: interpreter
options, an interactive stdin, a closed stdin, stdout or stderr, an argv over 64 KiB, or
OTC_DMS_FRESH_PYTHON=1 in the environment. The integration
targets use it too when tests/tools/integration.sh runs them against the emulator (so on every
entry of the version matrix, with that entry's Python). Molecule, the release check (its demo
runs from the installed tarball), ``make faults``, ``make bench`` and ``make demo`` never use
it: they start a fresh interpreter for every module run, as Ansible does for a user.

    python fork_python.py install DIR [PYTHON]   writes DIR/python, prints its path
    python fork_python.py stop DIR               stops the servers of DIR

Only the standard library is used here: the stand-in runs with ``-S``. The servers listen on
Unix sockets in the stand-in's directory, which only its owner may enter.
"""

import atexit
import fcntl
import hashlib
import json
import os
import select
import signal
import socket
import subprocess
import sys
import time
import traceback
import types

PRELOAD = ("openstack", "openstack.connection", "otcextensions.sdk", "keystoneauth1.session",
           "keystoneauth1.loading", "requests")
IDLE_SECONDS = 30
REPLY_LIMIT = 4096
REQUEST_LIMIT = 65536  # a larger argv (a long -c program) runs on the real interpreter


def install(directory, python=None):
    """Write the stand-in interpreter ``<directory>/python`` for ``python`` (default: this one).

    ``directory`` becomes readable by its owner only: whoever can reach a server's socket
    there can run programs as this user.
    """
    python = os.path.abspath(python or sys.executable)
    os.chmod(directory, 0o700)
    path = os.path.join(directory, "python")
    with open(path, "w") as handle:
        handle.write("#!%s -S\n" % python)
        handle.write("import sys\n")
        handle.write("sys.path.insert(0, %r)\n" % os.path.dirname(os.path.abspath(__file__)))
        handle.write("import fork_python\n")
        handle.write("fork_python.stand_in(%r, %r)\n" % (python, os.path.abspath(directory)))
    os.chmod(path, 0o755)
    return path


def stop_servers(directory):
    """Stop every server of ``directory`` (their pid files)."""
    for name in os.listdir(directory):
        if name.endswith(".pid"):
            try:
                with open(os.path.join(directory, name)) as handle:
                    os.kill(int(handle.read().strip()), signal.SIGTERM)
            except (OSError, ValueError):
                pass


# --- the stand-in ----------------------------------------------------------------------------

def _program(argv):
    """('stdin'|'c'|'m'|'path', target, rest) for the argv forms emulated, else None."""
    if not argv:
        return ("stdin", None, [])
    if argv[0] in ("-c", "-m") and len(argv) > 1:
        return (argv[0][1:], argv[1], argv[2:])
    if not argv[0].startswith("-"):
        return ("path", argv[0], argv[1:])
    return None


def _server_key(python):
    text = "\0".join([python, os.getcwd()] + ["%s=%s" % item for item in sorted(os.environ.items())])
    return hashlib.sha256(text.encode("utf-8", "surrogateescape")).hexdigest()[:20]


def _connect(path):
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        sock.connect(path)
    except OSError:
        sock.close()
        return None
    return sock


def _start_server(python, directory, key):
    """Start the server for this working directory and environment; its socket, or None."""
    path = os.path.join(directory, key + ".sock")
    sock = _connect(path)
    if sock:
        return sock
    with open(os.path.join(directory, key + ".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        sock = _connect(path)
        if sock:
            return sock
        ready_r, ready_w = os.pipe()
        with open(os.path.join(directory, key + ".log"), "ab") as log:
            subprocess.Popen(
                [python, os.path.abspath(__file__), "serve", path, str(ready_w)],
                stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=log,
                pass_fds=(ready_w,), start_new_session=True)
        os.close(ready_w)
        with os.fdopen(ready_r, "rb") as ready:
            started = ready.read() == b"ready"  # the server closes it once it listens (or dies)
        return _connect(path) if started else None


def _open_fds():
    """Whether stdin, stdout and stderr are all open (they are handed to the run)."""
    try:
        for fd in (0, 1, 2):
            os.fstat(fd)
    except OSError:
        return False
    return True


def stand_in(python, directory):
    argv = sys.argv[1:]
    message = json.dumps({"argv": argv}).encode()
    fresh = (os.environ.get("OTC_DMS_FRESH_PYTHON") == "1" or _program(argv) is None
             or len(message) > REQUEST_LIMIT or not _open_fds() or (not argv and os.isatty(0)))
    sock = None if fresh else _start_server(python, directory, _server_key(python))
    if sock is None:
        os.execv(python, [python] + argv)
    with sock:
        socket.send_fds(sock, [message], [0, 1, 2])
        reply = b""
        while True:
            chunk = sock.recv(REPLY_LIMIT)
            if not chunk:
                break
            reply += chunk
    try:
        status = json.loads(reply.decode())
    except ValueError:
        sys.stderr.write("fork_python: the server gave no exit status (see %s)\n" % directory)
        sys.exit(1)
    if status.get("signal"):
        signal.signal(status["signal"], signal.SIG_DFL)
        os.kill(os.getpid(), status["signal"])
    sys.exit(status.get("rc", 1))


# --- the server ------------------------------------------------------------------------------

def _exit_code(exc):
    code = exc.code
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    sys.stderr.write("%s\n" % (code,))
    return 1


def _run_program(argv):
    """In the forked child: run argv as ``python argv`` would, then exit the process."""
    kind, target, rest = _program(argv)
    main = types.ModuleType("__main__")  # exec() gives it __builtins__
    sys.modules["__main__"] = main
    rc = 0
    try:
        if kind == "stdin":
            sys.argv = [""] + rest
            sys.path[0] = ""
            main.__file__ = "<stdin>"
            exec(compile(sys.stdin.read(), "<stdin>", "exec"), main.__dict__)
        elif kind == "c":
            sys.argv = ["-c"] + rest
            sys.path[0] = ""
            exec(compile(target, "<string>", "exec"), main.__dict__)
        elif kind == "m":
            import runpy
            sys.argv = [target] + rest
            sys.path[0] = os.getcwd()
            runpy.run_module(target, run_name="__main__", alter_sys=True)
        else:
            import runpy
            sys.argv = [target] + rest
            sys.path[0] = os.path.dirname(os.path.abspath(target))
            runpy.run_path(target, run_name="__main__")
    except SystemExit as exc:
        rc = _exit_code(exc)
    except BaseException:  # as the interpreter does: the traceback on stderr, status 1
        traceback.print_exc()
        rc = 1
    try:
        import threading
        threading._shutdown()  # what the interpreter does at exit: wait for non-daemon threads
    except Exception:  # pragma: no cover - nothing to wait for
        pass
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except Exception:
            pass
    os._exit(rc)


def _serve_one(conn, fds, argv):
    """In a child of the server: fork the run, wait for it, send its exit status."""
    signal.signal(signal.SIGCHLD, signal.SIG_DFL)
    pid = os.fork()
    if pid == 0:
        conn.close()
        for target, fd in enumerate(fds):
            os.dup2(fd, target)
        for fd in fds:
            if fd > 2:
                os.close(fd)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        _run_program(argv)
    for fd in fds:
        os.close(fd)
    _, status = os.waitpid(pid, 0)
    if os.WIFSIGNALED(status):
        reply = {"signal": os.WTERMSIG(status)}
    else:
        reply = {"rc": os.WEXITSTATUS(status)}
    conn.sendall(json.dumps(reply).encode())
    conn.close()
    os._exit(0)


def serve(path, ready_fd):
    for name in PRELOAD:
        try:
            __import__(name)
        except ImportError:  # a run that needs it fails the same way, in its own process
            pass
    cwd = os.getcwd()
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    if os.path.exists(path):
        os.unlink(path)
    listener.bind(path)
    listener.listen(64)
    pid_file = path[:-len(".sock")] + ".pid"
    with open(pid_file, "w") as handle:
        handle.write(str(os.getpid()))
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # the per-run children reap themselves

    def stop(*_args):
        for name in (path, pid_file):
            try:
                os.unlink(name)
            except OSError:
                pass
        os._exit(0)

    signal.signal(signal.SIGTERM, stop)
    os.write(ready_fd, b"ready")
    os.close(ready_fd)
    last = time.monotonic()
    while True:
        readable, _, _ = select.select([listener], [], [], 1.0)
        if not readable:
            if time.monotonic() - last > IDLE_SECONDS or not os.path.isdir(cwd):
                stop()
            continue
        last = time.monotonic()
        conn, _ = listener.accept()
        try:
            message, fds, _, _ = socket.recv_fds(conn, REQUEST_LIMIT, 3)
            argv = json.loads(message.decode())["argv"]
        except (OSError, ValueError, KeyError):
            conn.close()
            continue
        if len(fds) != 3 or _program(argv) is None:
            for fd in fds:
                os.close(fd)
            conn.close()
            continue
        if os.fork() == 0:
            listener.close()
            _serve_one(conn, fds, argv)
        for fd in fds:
            os.close(fd)
        conn.close()


def main(argv):
    """python fork_python.py install DIR [PYTHON] | stop DIR (serve: the stand-in's own)."""
    if len(argv) == 3 and argv[0] == "serve":
        serve(argv[1], int(argv[2]))
    elif len(argv) in (2, 3) and argv[0] == "install":
        print(install(argv[1], argv[2] if len(argv) == 3 else None))
    elif len(argv) == 2 and argv[0] == "stop":
        stop_servers(argv[1])
    else:
        sys.exit("usage: fork_python.py install DIR [PYTHON] | stop DIR")


if __name__ == "__main__":
    main(sys.argv[1:])

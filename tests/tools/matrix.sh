#!/usr/bin/env bash
# The version matrix: ansible-test sanity and the integration targets (against a fresh emulator)
# on every ansible-core release line the collection claims (meta/runtime.yml: >=2.16).
#   tests/tools/matrix.sh [ENTRY...]        all entries, or e.g.: tests/tools/matrix.sh core2.16
#
#   entry     Python          venv             pins
#   core2.19  3.11            .venv            requirements-dev.txt (`make venv`; pytest, units,
#                                              molecule and lint run on it too)
#   core2.16  3.11            .venv-core2.16   tests/matrix/requirements-core2.16.txt
#   core2.20  3.12 (pyenv)    .venv-core2.20   tests/matrix/requirements-core2.20.txt
#   core2.21  3.13 (pyenv)    .venv-core2.21   tests/matrix/requirements-core2.21.txt
#
# - The Python of an entry is pythonX.Y on PATH or a pyenv build ($(pyenv root)/versions/X.Y.*).
#   Where neither exists the entry is skipped, saying so; a skip does not fail the run.
# - An entry's venv is created and installed from its pins when missing or older than them.
# - Entries on different Pythons run side by side (MATRIX_JOBS at once, default: one per core;
#   an entry keeps about one core busy); entries on the same Python one after the other,
#   because ansible-test caches its sanity venvs per Python version (~/.ansible/test/venv) and
#   two runs would build the same one at once.
# - Each entry's output goes to tests/output/matrix/ENTRY.log, its ansible-test results to
#   tests/output/matrix/ENTRY/. The summary lists every entry; the log of each failed entry is
#   printed, and any failure fails the run.
# - The emulator runs from .venv (it needs flask); ansible-test and the modules run from the
#   entry's venv.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$repo"
out=tests/output/matrix
jobs=${MATRIX_JOBS:-$(nproc 2>/dev/null || echo 2)}

# name, Python version, venv, pins
entries=(
    "core2.19 3.11 .venv requirements-dev.txt"
    "core2.16 3.11 .venv-core2.16 tests/matrix/requirements-core2.16.txt"
    "core2.20 3.12 .venv-core2.20 tests/matrix/requirements-core2.20.txt"
    "core2.21 3.13 .venv-core2.21 tests/matrix/requirements-core2.21.txt"
)

if [ $# -gt 0 ]; then
    chosen=()
    for name in "$@"; do
        found=
        for entry in "${entries[@]}"; do
            if [ "${entry%% *}" = "$name" ]; then chosen+=("$entry"); found=1; fi
        done
        [ -n "$found" ] || { echo "unknown matrix entry: $name (known: core2.19 core2.16 core2.20 core2.21)" >&2; exit 2; }
    done
    entries=("${chosen[@]}")
fi

[ -f .venv/.installed ] || { echo "no .venv: run make venv first (the emulator runs from it)" >&2; exit 2; }

# Every entry tests the SDK that requirements-dev.txt pins.
for entry in "${entries[@]}"; do
    read -r _ _ _ pins <<<"$entry"
    for package in openstacksdk otcextensions keystoneauth1; do
        if [ "$(grep -i "^$package==" "$pins")" != "$(grep -i "^$package==" requirements-dev.txt)" ]; then
            echo "$pins pins $package differently from requirements-dev.txt" >&2
            exit 2
        fi
    done
done

python_version() {  # the X.Y of an interpreter, or nothing if it does not run
    "$1" -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null || true
}

find_python() {  # X.Y -> a working pythonX.Y, or nothing
    local want=$1 root candidate
    root=$(pyenv root 2>/dev/null || echo "${PYENV_ROOT:-$HOME/.pyenv}")
    # (A pyenv shim on PATH exists for every pyenv build but runs only the selected ones.)
    for candidate in $(command -v "python$want" || true) \
            $(printf '%s\n' "$root/versions/$want".*/bin/"python$want" | sort -rV); do
        if [ -x "$candidate" ] && [ "$(python_version "$candidate")" = "$want" ]; then
            echo "$candidate"
            return
        fi
    done
}

# Runs one entry; writes $out/NAME.status (one line) and $out/NAME.log.
run_entry() {
    local name=$1 want=$2 venv=$3 pins=$4 log=$out/$1.log status=$out/$1.status
    local python start=$SECONDS sanity=ok integration=ok versions
    rm -rf "${out:?}/$name" "$log" "$status"
    if [ "$venv" = .venv ]; then
        python=.venv/bin/python
    else
        python=$(find_python "$want")
        if [ -z "$python" ]; then
            echo "skipped: no Python $want here (neither python$want on PATH nor a pyenv build)" >"$status"
            echo "$name: SKIPPED - no Python $want on this machine (python$want on PATH or \$(pyenv root)/versions/$want.*)"
            return
        fi
        if [ "$(python_version "$venv/bin/python")" != "$want" ]; then
            rm -rf "$venv"
            if ! "$python" -m venv "$venv" >>"$log" 2>&1; then
                echo "FAILED: $python -m venv $venv" >"$status"
                echo "$name: FAILED to create $venv"
                return
            fi
        fi
        if [ ! "$venv/.installed" -nt "$pins" ] || [ ! "$venv/.installed" -nt requirements.txt ]; then
            echo "$name: installing $pins into $venv"
            if ! "$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "$pins" >>"$log" 2>&1; then
                echo "FAILED: pip install -r $pins" >"$status"
                echo "$name: FAILED to install $pins"
                return
            fi
            touch "$venv/.installed"
        fi
    fi
    versions=$("$venv/bin/python" -c 'import platform
from ansible.release import __version__
import openstack.version, otcextensions
print("ansible-core %s, Python %s, openstacksdk %s, otcextensions %s" % (__version__,
      platform.python_version(), openstack.version.__version__, otcextensions.__version__))' 2>>"$log") \
        || versions="versions unknown"
    echo "$name: started ($versions; log $log)"
    export ANSIBLE_TEST_BIN=$repo/$venv/bin/ansible-test ANSIBLE_TEST_PYTHON=$want
    export ANSIBLE_TEST_RESULTS=$repo/$out/$name
    { echo "=== $name: $versions"; echo "=== sanity"; } >>"$log"
    local phase=$SECONDS
    tests/tools/ansible-test.sh sanity >>"$log" 2>&1 || sanity=FAILED
    local sanity_seconds=$((SECONDS - phase))
    echo "=== integration" >>"$log"
    phase=$SECONDS
    tests/tools/integration.sh >>"$log" 2>&1 || integration=FAILED
    local line="sanity $sanity ($sanity_seconds s), integration $integration ($((SECONDS - phase)) s) ($versions; $((SECONDS - start)) s)"
    if [ $sanity = ok ] && [ $integration = ok ]; then
        echo "ok: $line" >"$status"
    else
        echo "FAILED: $line" >"$status"
    fi
    echo "$name: $line"
}

# Lanes: the entries of one Python go to one lane, each Python to the lane with the fewest
# entries so far; the lanes run side by side, each entry of a lane after the other.
declare -a lanes
for ((i = 0; i < jobs; i++)); do lanes[i]=; done
pythons=$(for entry in "${entries[@]}"; do read -r _ want _ <<<"$entry"; echo "$want"; done | awk '!seen[$0]++')
for want in $pythons; do
    best=0
    for ((i = 1; i < jobs; i++)); do
        if [ "$(wc -w <<<"${lanes[i]}")" -lt "$(wc -w <<<"${lanes[best]}")" ]; then best=$i; fi
    done
    for entry in "${entries[@]}"; do
        read -r name entry_want _ <<<"$entry"
        if [ "$entry_want" = "$want" ]; then lanes[best]+="$name "; fi
    done
done

mkdir -p "$out"
start=$SECONDS
pids=()
for lane in "${lanes[@]}"; do
    [ -n "$lane" ] || continue
    (
        for name in $lane; do
            for entry in "${entries[@]}"; do
                if [ "${entry%% *}" = "$name" ]; then
                    # shellcheck disable=SC2086  # the fields of the entry
                    run_entry $entry
                fi
            done
        done
    ) &
    pids+=($!)
done
for pid in "${pids[@]}"; do wait "$pid" || true; done

echo
echo "=== version matrix ($((SECONDS - start)) s; logs in $out/)"
failed=()
for entry in "${entries[@]}"; do
    name=${entry%% *}
    line=$(cat "$out/$name.status" 2>/dev/null || echo "FAILED: did not finish")
    printf '%-9s %s\n' "$name" "$line"
    case $line in ok:* | skipped:*) ;; *) failed+=("$name") ;; esac
done
for name in "${failed[@]}"; do
    echo
    echo "=== log of $name ($out/$name.log)"
    cat "$out/$name.log" 2>/dev/null || true
done
if [ ${#failed[@]} -gt 0 ]; then
    echo
    echo "version matrix FAILED: ${failed[*]}"
    exit 1
fi

#!/usr/bin/env bash
# Run the ansible-test integration targets against a fresh DMS emulator:
#   tests/tools/integration.sh [ansible-test integration args, e.g. a target name or -v]
# The emulator listens on a free loopback port and writes a clouds.yaml with the cloud
# "emulator"; OS_CLIENT_CONFIG_FILE/OS_CLOUD point the targets at it. ansible-test does not
# pass them to the playbooks itself: tests/tools/ansible-test.sh forwards exactly these two
# through tests/integration/integration_config.yml (see there).
# The modules run on the Python of ANSIBLE_TEST_BIN's venv (default .venv) through the
# fork_python stand-in (tests/support/fork_python.py: each module run forks from an interpreter
# that imported openstacksdk once, instead of importing it again); OTC_DMS_FRESH_PYTHON=1 gives
# them a fresh interpreter each, as Ansible does for a user (molecule and the release check do).
# Against a real cloud, skip this script:
#   OS_CLIENT_CONFIG_FILE=clouds.yaml OS_CLOUD=NAME tests/tools/ansible-test.sh integration
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
python=${PYTHON:-$repo/.venv/bin/python}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/otc-dms-integration.XXXXXX")
emulator_pid=

module_python=$(dirname "${ANSIBLE_TEST_BIN:-$repo/.venv/bin/ansible-test}")/python

stop_emulator() {
    if [ -n "$emulator_pid" ] && kill -0 "$emulator_pid" 2>/dev/null; then
        kill -TERM "$emulator_pid" 2>/dev/null || true
        wait "$emulator_pid" 2>/dev/null || true
    fi
    if [ -d "$tmp/fork" ]; then
        "$module_python" "$repo/tests/support/fork_python.py" stop "$tmp/fork" || true
    fi
    rm -rf "$tmp"
}
trap stop_emulator EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

PYTHONPATH="$repo/tests" "$python" -m emulator.serve --port 0 --clouds-yaml "$tmp/clouds.yaml" \
    --instance-delay 0.3 --extend-delay 0.3 --task-delay 0.2 >"$tmp/emulator.out" 2>"$tmp/emulator.log" &
emulator_pid=$!

# The first stdout line is "DMS emulator listening on http://HOST:PORT" (flushed).
url=
for _ in $(seq 300); do
    if IFS= read -r line <"$tmp/emulator.out" && [ -n "$line" ] && [ -s "$tmp/clouds.yaml" ]; then
        url=${line##* }
        break
    fi
    if ! kill -0 "$emulator_pid" 2>/dev/null; then
        echo "The emulator exited before it listened:" >&2
        cat "$tmp/emulator.log" >&2
        exit 1
    fi
    sleep 0.1
done
if [ -z "$url" ]; then
    echo "The emulator did not listen within 30 s:" >&2
    cat "$tmp/emulator.log" >&2
    exit 1
fi
echo "DMS emulator at $url (pid $emulator_pid)"

if [ "${OTC_DMS_FRESH_PYTHON:-0}" != 1 ]; then
    mkdir "$tmp/fork"
    OTC_DMS_MODULE_PYTHON=$("$module_python" "$repo/tests/support/fork_python.py" install "$tmp/fork")
    export OTC_DMS_MODULE_PYTHON
fi

export OS_CLIENT_CONFIG_FILE=$tmp/clouds.yaml
export OS_CLOUD=emulator
# The seeded network of the emulator's first project, for the Kafka instance targets.
eval "$("$python" - "$url" <<'PY'
import json, sys, urllib.request
with urllib.request.urlopen(sys.argv[1] + '/__emulator__/seed') as answer:
    network = json.load(answer)['projects'][0]['network']
for key in ('vpc_id', 'subnet_id', 'security_group_id'):
    print('export OTC_DMS_%s=%s' % (key.upper(), network[key]))
PY
)"
if ! "$repo/tests/tools/ansible-test.sh" integration "$@"; then
    echo "--- emulator log (last 50 lines) ---" >&2
    tail -n 50 "$tmp/emulator.log" >&2
    exit 1
fi

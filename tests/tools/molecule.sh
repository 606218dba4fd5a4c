#!/usr/bin/env bash
# Run the roles' molecule scenarios (extensions/molecule/) against a fresh DMS emulator:
#   tests/tools/molecule.sh                   every scenario (molecule test --all)
#   tests/tools/molecule.sh -s queue_setup    any `molecule test` arguments instead
# molecule lives in the tooling venv (tests/tools/tools-venv.sh: .venv-tools from
# requirements-tools.txt). The emulator and the modules run with .venv's Python, which
# has openstacksdk and otcextensions (`make venv`). The scenarios use driver `default` on
# localhost with a local connection: no containers, no create. Each runs destroy, syntax,
# (prepare,) converge, idempotence, verify, destroy; its destroy.yml deletes what the scenario
# made (so it also runs against a real cloud) and resets molecule's state (so prepare runs again
# next time). See their molecule.yml.
# Exits non-zero when a scenario fails. molecule 26.10 logs "CRITICAL 'extensions/molecule/default/
# molecule.yml' glob failed" at the start because there is no `default` scenario (it looks for one
# to share state); that line is harmless and the run goes on.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$repo"
dev_python=$repo/.venv/bin/python

if [ ! -x "$dev_python" ]; then
    echo "molecule.sh: $dev_python is missing; run \`make venv\` first." >&2
    exit 2
fi

venv=$("$repo/tests/tools/tools-venv.sh")

# molecule calls ansible-config and ansible-playbook from PATH: an activated venv, in effect.
export VIRTUAL_ENV=$venv
export PATH=$venv/bin:$PATH
export ANSIBLE_PYTHON_INTERPRETER=$dev_python
# Plain logs for CI (molecule and Ansible colour by default when they think they may).
export NO_COLOR=1 ANSIBLE_NOCOLOR=1 ANSIBLE_FORCE_COLOR=0 PY_COLORS=0

if [ $# -eq 0 ]; then
    set -- --all
fi
# emulator.with_emulator starts the emulator on a free port, exports OS_CLOUD, OS_CLIENT_CONFIG_FILE,
# the seeded network ids (OTC_DMS_*_ID) and ANSIBLE_COLLECTIONS_PATH (this checkout as otc.dms),
# runs molecule, stops the emulator and exits with molecule's code.
PYTHONPATH="$PWD/tests" exec "$dev_python" -m emulator.with_emulator --instance-delay 0.3 -- molecule test "$@"

#!/usr/bin/env bash
# Install the tooling venv (.venv-tools, from requirements-tools.txt: ansible-lint,
# antsibull-docs, antsibull-changelog, the docsite, molecule) when it is missing or was installed
# from another requirements-tools.txt, and print its path. Lint, the docsite and molecule all
# call this; `make test` installs it first, beside .venv. A lock makes a second caller wait for
# the first instead of installing beside it.
#   tests/tools/tools-venv.sh        Environment: PYTHON (default python3) creates the venv;
#                                    TOOLS_VENV (default .venv-tools) is where.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
venv=$(realpath -m "${TOOLS_VENV:-$repo/.venv-tools}")
python=${PYTHON:-python3}
mkdir -p "$(dirname "$venv")"
exec 9>"$venv.lock"
flock 9
if ! cmp -s "$repo/requirements-tools.txt" "$venv/.requirements-tools.txt" 2>/dev/null; then
    echo "installing requirements-tools.txt into $venv" >&2
    [ -x "$venv/bin/python" ] || "$python" -m venv "$venv"
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "$repo/requirements-tools.txt" >&2
    cp "$repo/requirements-tools.txt" "$venv/.requirements-tools.txt"
fi
echo "$venv"

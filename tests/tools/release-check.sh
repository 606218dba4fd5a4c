#!/usr/bin/env bash
# What a user gets: build the collection tarball, install it into an empty collections path,
# render ansible-doc for every module, filter and role from there, check that ansible-builder
# (AWX execution environments) picks up the Python requirements, and run the demo playbook and
# the Kafka example (the role kafka_instance) from the installed copy against the emulator.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
venv=${VENV:-$repo/.venv}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/otc-dms-release.XXXXXX")
cleanup() { rm -rf "$tmp"; }
trap cleanup EXIT

cd "$repo"
"$venv/bin/ansible-galaxy" collection build --force --output-path "$tmp" . >/dev/null
tarball=$(ls "$tmp"/otc-dms-*.tar.gz)
echo "built $(basename "$tarball") ($(tar tzf "$tarball" | wc -l) entries)"
"$venv/bin/ansible-galaxy" collection install -p "$tmp/collections" "$tarball" >/dev/null 2>&1
installed=$tmp/collections/ansible_collections/otc/dms
test -f "$installed/MANIFEST.json"

export ANSIBLE_COLLECTIONS_PATH=$tmp/collections
export ANSIBLE_COLLECTIONS_SCAN_SYS_PATH=false
for module in "$installed"/plugins/modules/*.py; do
    name=otc.dms.$(basename "$module" .py)
    "$venv/bin/ansible-doc" "$name" >"$tmp/doc.txt"
    grep -q "OPTIONS" "$tmp/doc.txt" && grep -q "RETURN VALUES" "$tmp/doc.txt" \
        || { echo "ansible-doc $name lacks options or return values" >&2; exit 1; }
done
for filter in "$installed"/plugins/filter/*.py; do
    name=otc.dms.$(basename "$filter" .py)
    "$venv/bin/ansible-doc" -t filter "$name" >"$tmp/doc.txt"
    grep -q "$(basename "$filter" .py)" "$tmp/doc.txt" \
        || { echo "ansible-doc -t filter $name renders nothing" >&2; exit 1; }
done
for role in "$installed"/roles/*/; do
    name=otc.dms.$(basename "$role")
    "$venv/bin/ansible-doc" -t role "$name" >"$tmp/doc.txt"
    grep -q "ENTRY POINT" "$tmp/doc.txt" || { echo "ansible-doc -t role $name is empty" >&2; exit 1; }
done
echo "ansible-doc renders $(ls "$installed"/plugins/modules/*.py | wc -l) modules, $(ls "$installed"/plugins/filter/*.py | wc -l) filters and $(ls -d "$installed"/roles/*/ | wc -l) roles"

# AWX / ansible-builder: the collection's meta/execution-environment.yml names its requirements.
"$venv/bin/ansible-builder" introspect --sanitize "$tmp/collections" >"$tmp/introspect.txt" 2>/dev/null
for package in openstacksdk otcextensions; do
    grep -q "$package" "$tmp/introspect.txt" \
        || { echo "ansible-builder introspect does not list $package" >&2; cat "$tmp/introspect.txt" >&2; exit 1; }
done
mkdir -p "$tmp/ee"
cp "$tarball" "$tmp/ee/"
cat >"$tmp/ee/execution-environment.yml" <<YAML
---
version: 3
images:
  base_image:
    name: quay.io/ansible/awx-ee:latest
dependencies:
  galaxy:
    collections:
      - name: /build/$(basename "$tarball")
        type: file
  python: $repo/requirements.txt
additional_build_files:
  - src: $(basename "$tarball")
    dest: .
YAML
(cd "$tmp/ee" && "$venv/bin/ansible-builder" create --file execution-environment.yml \
    --context "$tmp/ee/context" >/dev/null)
grep -rqs openstacksdk "$tmp/ee/context/_build" && grep -rqs otcextensions "$tmp/ee/context/_build" \
    || { echo "the ansible-builder context does not list openstacksdk and otcextensions" >&2; exit 1; }
echo "ansible-builder: introspect and create list openstacksdk and otcextensions"

# The demo, from the installed copy (the only collections path; the checkout is not on it).
PYTHONPATH="$PWD/tests" "$venv/bin/python" -m emulator.with_emulator --instance-delay 0.5 \
    --collections-path "$tmp/collections" -- \
    "$venv/bin/ansible-playbook" -i localhost, -c local \
    -e "ansible_python_interpreter=$venv/bin/python" "$installed/docs/examples/demo.yml" >"$tmp/demo.log" \
    || { tail -n 40 "$tmp/demo.log" >&2; exit 1; }
grep -q "failed=0" "$tmp/demo.log"
echo "the demo playbook ran from the installed collection: $(grep -o 'ok=[0-9]* *changed=[0-9]*' "$tmp/demo.log" | tail -1)"

# The role, from the installed copy: the Kafka example in check mode, converged, then unchanged.
mkdir -p "$tmp/kafka-demo"
PYTHONPATH="$PWD/tests" KAFKA_DEMO_LOG_DIR="$tmp/kafka-demo" "$venv/bin/python" -m emulator.with_emulator \
    --instance-delay 0.5 --collections-path "$tmp/collections" -- \
    tests/tools/kafka-demo.sh "$installed/docs/examples/kafka-setup.yml" >"$tmp/kafka-demo.txt" \
    || { cat "$tmp/kafka-demo.txt" >&2; exit 1; }
echo "the role kafka_instance ran from the installed collection: $(grep -c 'kafka demo, ' "$tmp/kafka-demo.txt") passes, the last with changed=0"

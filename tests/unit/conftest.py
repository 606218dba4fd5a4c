"""Make ``ansible_collections.otc.dms`` importable when pytest runs from a plain checkout.

Under ansible-test (or in an installed collection) the checkout already is
``ansible_collections/otc/dms`` and this changes nothing.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

try:
    from support.collection import install_on_sys_path
except ImportError:  # tests/support does not ship; the layout is right there anyway
    install_on_sys_path = None

if install_on_sys_path is not None:
    install_on_sys_path()

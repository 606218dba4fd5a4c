"""Make ``ansible_collections.otc.dms`` importable when pytest runs from a plain checkout.

Under ansible-test the checkout already is ``ansible_collections/otc/dms`` and
this changes nothing.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from support.collection import install_on_sys_path  # noqa: E402

install_on_sys_path()

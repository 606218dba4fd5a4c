"""Test probe (tests/modules/test_footprint.py): the garbage collector's state at payload builds.

With this directory on PYTHONPATH and OTC_DMS_GC_LOG naming a file, ``ansible-playbook``
appends one line per module payload it builds (in the task's worker process):
``<module> <frozen> <unfrozen>`` when the build starts: the number of objects the garbage
collector no longer walks (``gc.get_freeze_count()``) and of those it still tracks. Any other
process, or a run without the variable, is left alone.
"""

import gc
import os
import sys

_LOG = os.environ.get("OTC_DMS_GC_LOG")

if _LOG and os.path.basename(sys.argv[0] if sys.argv else "") == "ansible-playbook":
    from ansible.executor import module_common as _module_common

    _original = _module_common._find_module_utils

    def _recording(*args, **kwargs):
        name = kwargs.get("module_name", args[0] if args else "?")
        with open(_LOG, "a") as log:
            log.write("%s %d %d\n" % (name, gc.get_freeze_count(), len(gc.get_objects())))
        return _original(*args, **kwargs)

    _module_common._find_module_utils = _recording

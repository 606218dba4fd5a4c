"""Test probe (tests/modules/test_footprint.py): records every stevedore plugin lookup.

With this directory on PYTHONPATH and OTC_DMS_STEVEDORE_LOG naming a file, each Python process
appends the namespace of every stevedore ExtensionManager it builds (keystoneauth's auth plugin
lookup is one: ``keystoneauth1.plugin``) to that file. Without the variable it does nothing.
"""

import os

_LOG = os.environ.get("OTC_DMS_STEVEDORE_LOG")

if _LOG:
    try:
        from stevedore import extension as _extension
    except ImportError:  # stevedore absent: nothing can look plugins up through it
        _extension = None
    if _extension is not None:
        _original_init = _extension.ExtensionManager.__init__

        def _recording_init(self, namespace, *args, **kwargs):
            with open(_LOG, "a") as log:
                log.write("%s\n" % namespace)
            _original_init(self, namespace, *args, **kwargs)

        _extension.ExtensionManager.__init__ = _recording_init

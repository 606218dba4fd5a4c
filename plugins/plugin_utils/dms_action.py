# -*- coding: utf-8 -*-
# Copyright (c) 2026, otc.dms contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The controller side of every otc.dms module (``plugins/action/<module>.py``).

It runs the module exactly as ansible-core's ``normal`` action does, with one difference
in the worker process: before the module's payload is built, the objects the worker
inherited from ``ansible-playbook`` go to the garbage collector's permanent generation
(``gc.freeze()``).

Why: ansible-core forks one worker per task and host, and that worker builds the module's
payload by parsing the module and every module_utils file it imports. Those allocations
make CPython run a full collection, and a full collection walks every object the worker
inherited: the parsed playbook, the inventory, variables and facts. On a small playbook
that took 45-60 ms of each otc.dms task (measured, ``docs/benchmark.md``), more with a
large inventory, and it writes to every page it walks, so the worker's memory stops being
shared with its parent. The worker runs one task and exits, so what such a collection could
free is freed at exit anyway. Objects made after the freeze are collected as usual.
"""

from __future__ import annotations

import gc
import multiprocessing
import os

from ansible.plugins.action.normal import ActionModule as NormalActionModule

try:
    from ansible.executor.process.worker import WorkerProcess
except ImportError:  # an ansible-core without it: run as the normal action does
    WorkerProcess = None


# The process that froze (a worker forks from a parent that may have imported this module).
_frozen_in = None


def in_task_worker():
    """True in a process ansible-core forked to run one task for one host."""
    return (WorkerProcess is not None
            and isinstance(multiprocessing.current_process(), WorkerProcess))


class DmsActionModule(NormalActionModule):
    """ansible-core's ``normal`` action, run with the worker's inherited objects frozen."""

    def run(self, tmp=None, task_vars=None):
        global _frozen_in
        # Once per worker: later loop items find the freeze done.
        if _frozen_in != os.getpid() and in_task_worker():
            gc.freeze()
            _frozen_in = os.getpid()
        return super(DmsActionModule, self).run(tmp, task_vars)

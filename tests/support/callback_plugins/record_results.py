# Test support only (not shipped): records every task result of a playbook run as JSON.
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

import json
import os
import time

from ansible.plugins.callback import CallbackBase

DOCUMENTATION = """
name: record_results
type: aggregate
short_description: Write task results to the JSON file named by OTC_DMS_RESULTS_FILE
description: Test support for otc.dms; not part of the collection.
"""


class CallbackModule(CallbackBase):
    CALLBACK_VERSION = 2.0
    CALLBACK_TYPE = "aggregate"
    CALLBACK_NAME = "record_results"
    CALLBACK_NEEDS_ENABLED = True

    def __init__(self):
        super().__init__()
        self.tasks = []
        self.task_started = None
        self.task_started_at = None
        self.item_times = {}
        self.item_seconds = {}

    def v2_playbook_on_task_start(self, task, is_conditional):
        self.task_started = time.monotonic()
        self.task_started_at = time.time()
        self.item_times = {}

    def _item_done(self, result):
        # Seconds since the previous item of this task on this host (or since the task began).
        host = result._host.get_name()
        now = time.monotonic()
        started = self.item_times.get(host, self.task_started or now)
        self.item_times[host] = now
        self.item_seconds.setdefault((result.task_name, host), []).append(now - started)

    def v2_runner_item_on_ok(self, result):
        self._item_done(result)

    def v2_runner_item_on_failed(self, result):
        self._item_done(result)

    def _record(self, result, status):
        seconds = time.monotonic() - (self.task_started or time.monotonic())
        items = self.item_seconds.pop((result.task_name, result._host.get_name()), None)
        self.tasks.append({"task": result.task_name, "host": result._host.get_name(),
                           "status": status, "seconds": seconds, "item_seconds": items,
                           "started_at": self.task_started_at, "ended_at": time.time(),
                           "result": self._convert(result._result)})

    @staticmethod
    def _convert(value):
        return json.loads(json.dumps(value, default=str))

    def v2_runner_on_ok(self, result):
        self._record(result, "ok")

    def v2_runner_on_failed(self, result, ignore_errors=False):
        self._record(result, "failed")

    def v2_runner_on_skipped(self, result):
        self._record(result, "skipped")

    def v2_playbook_on_stats(self, stats):
        path = os.environ.get("OTC_DMS_RESULTS_FILE")
        if path:
            with open(path, "w") as handle:
                json.dump({"tasks": self.tasks,
                           "stats": {h: stats.summarize(h) for h in stats.processed}}, handle)

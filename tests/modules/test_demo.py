"""The README's demo playbook keeps working."""

import os

from support.collection import REPO


def test_demo_playbook_runs_clean_against_the_emulator(emu, playbook):
    with open(os.path.join(REPO, "docs", "examples", "demo.yml")) as handle:
        text = handle.read()
    result = playbook(text)
    assert result.rc == 0, result.stdout[-3000:]
    tasks = result.results()
    assert tasks["Create a FIFO queue whose messages move to dead letters after 3 failed consumptions"]["changed"]
    assert tasks["Converge the same queue again (nothing to do)"]["changed"] is False
    assert tasks["Delete the queue"]["changed"] is True
    assert tasks["Acknowledge exactly those two"]["success"] == 2
    assert tasks["Take and acknowledge the rest in one task"]["acked"] == {"success": 1, "fail": 0}
    assert result.data["stats"]["localhost"]["failures"] == 0

"""The README's demo playbook keeps working."""

import os

from support.collection import REPO


def test_demo_playbook_runs_clean_against_the_emulator(emu, playbook):
    with open(os.path.join(REPO, "docs", "examples", "demo.yml")) as handle:
        text = handle.read()
    network = emu.seed()["projects"][0]["network"]
    result = playbook(text, env={"OTC_DMS_VPC_ID": network["vpc_id"],
                                 "OTC_DMS_SUBNET_ID": network["subnet_id"],
                                 "OTC_DMS_SECURITY_GROUP_ID": network["security_group_id"]})
    assert result.rc == 0, result.stdout[-3000:]
    tasks = result.results()
    assert tasks["Create a FIFO queue whose messages move to dead letters after 3 failed consumptions"]["changed"]
    assert tasks["Converge the same queue again (nothing to do)"]["changed"] is False
    assert tasks["Delete the queue"]["changed"] is True
    assert tasks["Acknowledge exactly those two"]["success"] == 2
    assert tasks["Take and acknowledge the rest in one task"]["acked"] == {"success": 1, "fail": 0}
    assert tasks["Create a 100MB Kafka instance in one AZ and wait until it runs"]["instance"]["status"] == "RUNNING"
    assert sorted(tasks["Give it exactly two topics"]["created"]) == ["audit", "orders"]
    assert tasks["Delete the instance (and its topics) and wait until it is gone"]["changed"] is True
    assert result.data["stats"]["localhost"]["failures"] == 0

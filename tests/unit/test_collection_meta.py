"""Collection metadata stays in step with the code."""

import os

import yaml

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def module_names():
    folder = os.path.join(REPO, "plugins", "modules")
    return sorted(name[:-3] for name in os.listdir(folder)
                  if name.endswith(".py") and not name.startswith("_"))


def test_action_group_lists_exactly_the_modules():
    with open(os.path.join(REPO, "meta", "runtime.yml")) as handle:
        runtime = yaml.safe_load(handle)
    assert sorted(runtime["action_groups"]["dms"]) == module_names()
    assert runtime["requires_ansible"] == ">=2.16.0"


def test_galaxy_metadata():
    with open(os.path.join(REPO, "galaxy.yml")) as handle:
        galaxy = yaml.safe_load(handle)
    assert (galaxy["namespace"], galaxy["name"]) == ("otc", "dms")
    assert galaxy["license"] == ["GPL-3.0-or-later"]
    assert not galaxy["dependencies"]
    assert "tests/emulator" in galaxy["build_ignore"]

"""The converge engine's logic: plans, immutable refusal, check mode, diff, waits."""

import pytest

from ansible_collections.otc.dms.plugins.module_utils import resource as engine


class Failed(Exception):
    def __init__(self, msg, extra):
        super().__init__(msg)
        self.msg = msg
        self.extra = extra


class FakeAnsible:
    def __init__(self, diff):
        self._diff = diff


class Module:
    """The slice of DmsModule the engine uses."""

    def __init__(self, check_mode=False, diff=False):
        self.check_mode = check_mode
        self.ansible = FakeAnsible(diff)
        self.results = {"changed": False}

    def fail(self, msg, **extra):
        raise Failed(msg, extra)


class Thing(engine.Resource):
    """An in-memory resource: records every write it is asked to make."""

    kind = "thing"
    immutable = ("mode",)
    immutable_hint = "Things are carved in stone."

    def __init__(self, module, label, existing=None):
        super().__init__(module, label)
        self.existing = existing
        self.writes = []

    def find(self):
        return None if self.existing is None else dict(self.existing)

    def create(self, wanted):
        self.writes.append(("create", wanted))
        self.existing = dict(wanted, name=self.label, id="new-id")
        return dict(self.existing)

    def update(self, current, changes):
        self.writes.append(("update", changes))
        self.existing.update(changes)
        return dict(self.existing)

    def delete(self, current):
        self.writes.append(("delete", current["id"]))
        self.existing = None


def test_differences_ignores_unset_and_keeps_false_and_zero():
    current = {"a": 1, "b": True, "c": "x"}
    assert engine.differences(current, {"a": 0, "b": False, "c": None}) == {"a": 0, "b": False}
    assert engine.differences(current, {"a": 1, "b": True}) == {}


@pytest.mark.parametrize("check", [True, False])
def test_create_plan_is_the_same_in_check_mode_and_for_real(check):
    module = Module(check_mode=check, diff=True)
    thing = Thing(module, "t1")
    plan = engine.converge(thing, "present", {"mode": "a", "size": None}, "thing")
    assert plan.action == "create" and module.results["changed"] is True
    assert module.results["diff"]["before"] == {}
    assert module.results["diff"]["after"]["mode"] == "a"
    assert thing.writes == ([] if check else [("create", {"mode": "a"})])


def test_unchanged_resource_makes_no_write_and_reports_unchanged():
    module = Module()
    thing = Thing(module, "t1", existing={"id": "1", "name": "t1", "mode": "a", "size": 3})
    plan = engine.converge(thing, "present", {"mode": "a", "size": None}, "thing")
    assert plan.action == "none" and module.results["changed"] is False
    assert module.results["thing"]["id"] == "1"
    assert thing.writes == []


def test_update_changes_only_the_differing_fields():
    module = Module()
    thing = Thing(module, "t1", existing={"id": "1", "name": "t1", "mode": "a", "size": 3})
    engine.converge(thing, "present", {"mode": "a", "size": 5}, "thing")
    assert thing.writes == [("update", {"size": 5})]
    assert module.results["thing"]["size"] == 5


def test_immutable_difference_fails_before_any_write_naming_field_and_values():
    module = Module()
    thing = Thing(module, "t1", existing={"id": "1", "name": "t1", "mode": "a", "size": 3})
    with pytest.raises(Failed) as caught:
        engine.converge(thing, "present", {"mode": "b", "size": 5}, "thing")
    assert caught.value.msg == ("Cannot change thing 't1' in place: mode is 'a' (wanted 'b'). "
                                "Things are carved in stone.")
    assert thing.writes == []


def test_absent_on_missing_is_unchanged_and_on_existing_deletes():
    module = Module()
    thing = Thing(module, "t1")
    assert engine.converge(thing, "absent", {}, "thing").action == "none"
    assert module.results == {"changed": False, "thing": None}
    thing.existing = {"id": "9", "name": "t1"}
    engine.converge(thing, "absent", {}, "thing")
    assert thing.writes == [("delete", "9")]
    assert module.results["thing"]["id"] == "9"


def test_check_delete_can_refuse_before_deleting():
    class Guarded(Thing):
        def check_delete(self, current):
            self.module.fail("still full")

    module = Module()
    thing = Guarded(module, "t1", existing={"id": "9", "name": "t1"})
    with pytest.raises(Failed, match="still full"):
        engine.converge(thing, "absent", {}, "thing")
    assert thing.writes == []


class Clock:
    """A clock that only moves when the engine sleeps (so no test waits for real)."""

    def __init__(self):
        self.now = 0.0
        self.sleeps = []

    def sleep(self, seconds):
        self.sleeps.append(seconds)
        self.now += seconds

    def __call__(self):
        return self.now


def test_wait_for_polls_with_backoff_until_done():
    statuses = iter(["CREATING", "CREATING", "CREATING", "RUNNING"])
    clock = Clock()
    item = engine.wait_for(Module(), "instance 'k'", lambda: {"status": next(statuses)},
                           lambda i: i["status"], ["RUNNING"], timeout=60,
                           first_delay=1, max_delay=2, sleep=clock.sleep, clock=clock)
    assert item == {"status": "RUNNING"}
    assert clock.sleeps == [1, 1.5, 2]


def test_wait_for_fails_on_a_failure_status():
    clock = Clock()
    with pytest.raises(Failed, match=r"instance 'k' \(id 1\) failed: status CREATEFAILED"):
        engine.wait_for(Module(), "instance 'k' (id 1)", lambda: {"status": "CREATEFAILED"},
                        lambda i: i["status"], ["RUNNING"], failed=["CREATEFAILED"],
                        sleep=clock.sleep, clock=clock)


def test_wait_for_times_out_naming_the_last_status():
    clock = Clock()
    with pytest.raises(Failed) as caught:
        engine.wait_for(Module(), "instance 'k'", lambda: {"status": "RESTARTING"},
                        lambda i: i["status"], ["RUNNING"], timeout=10,
                        sleep=clock.sleep, clock=clock)
    assert caught.value.msg == ("Timed out after 10 seconds waiting for instance 'k'; "
                                "last status seen: RESTARTING.")
    assert sum(clock.sleeps) == pytest.approx(10)


def test_wait_for_gone():
    answers = iter([{"status": "RUNNING"}, None])
    clock = Clock()
    assert engine.wait_for(Module(), "deletion", lambda: next(answers), lambda i: i["status"],
                           [None], sleep=clock.sleep, clock=clock) is None

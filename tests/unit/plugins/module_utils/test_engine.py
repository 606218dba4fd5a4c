"""The converge engine: plans, sets, immutable refusal, check mode, diff, partial failure, waits.

Plain data in, plain data out: in-memory resources record every write they are asked to make.
"""

import pytest

from ansible_collections.otc.dms.plugins.module_utils import engine
from ansible_collections.otc.dms.plugins.module_utils.errors import ApiError, Refusal


class Thing(engine.Resource):
    """One in-memory resource."""

    kind = "thing"
    immutable = ("mode",)
    immutable_hint = "Things are carved in stone."

    def __init__(self, run, label, existing=None):
        super().__init__(client=None, run=run, label=label)
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


class Shelf(engine.ResourceSet):
    """The things on one in-memory shelf (``None``: the shelf does not exist)."""

    kind = "thing"
    key = "things"
    immutable = ("mode",)
    immutable_hint = "Things are carved in stone."

    def __init__(self, run, things=None, room=None, fail_on=None):
        super().__init__(client=None, run=run)
        self.things = None if things is None else [dict(t) for t in things]
        self.room = room
        self.fail_on = fail_on
        self.writes = []

    def describe_parent(self):
        return "Shelf 's1'"

    def list(self):
        return None if self.things is None else [dict(t) for t in self.things]

    def predict(self, name, settings):
        return dict({"name": name, "mode": "a", "size": 1}, **settings)

    def check(self, set_plan):
        if self.room is not None and len(set_plan.after) > self.room:
            raise Refusal("The shelf holds %d things." % self.room)

    def create(self, name, settings):
        if name == self.fail_on:
            raise ApiError(status_code=503, code="X.1", message="full", step="create thing '%s'" % name)
        self.writes.append(("create", name))
        self.things.append(self.predict(name, settings))

    def update(self, current, changes):
        self.writes.append(("update", current["name"], changes))
        for thing in self.things:
            if thing["name"] == current["name"]:
                thing.update(changes)

    def delete(self, members):
        names = [m["name"] for m in members]
        self.writes.append(("delete", names))
        self.things = [t for t in self.things if t["name"] not in names]


def test_differences_ignores_unset_and_keeps_false_and_zero():
    current = {"a": 1, "b": True, "c": "x"}
    assert engine.differences(current, {"a": 0, "b": False, "c": None}) == {"a": 0, "b": False}
    assert engine.differences(current, {"a": 1, "b": True}) == {}


# -- one resource -----------------------------------------------------------------------------

@pytest.mark.parametrize("check", [True, False])
def test_create_plan_is_the_same_in_check_mode_and_for_real(check):
    thing = Thing(engine.Run(check_mode=check), "t1")
    outcome = engine.converge(thing, "present", {"mode": "a", "size": None})
    result = outcome.result("thing")
    assert result["changed"] is True
    assert result["diff"]["before"] == {}
    assert result["diff"]["after"]["mode"] == "a"
    assert thing.writes == ([] if check else [("create", {"mode": "a"})])


def test_unchanged_resource_makes_no_write_and_reports_unchanged():
    thing = Thing(engine.Run(), "t1", existing={"id": "1", "name": "t1", "mode": "a", "size": 3})
    result = engine.converge(thing, "present", {"mode": "a", "size": None}).result("thing")
    assert result["changed"] is False and result["thing"]["id"] == "1"
    assert result["diff"]["before"] == result["diff"]["after"]
    assert thing.writes == []


def test_update_changes_only_the_differing_fields():
    thing = Thing(engine.Run(), "t1", existing={"id": "1", "name": "t1", "mode": "a", "size": 3})
    result = engine.converge(thing, "present", {"mode": "a", "size": 5}).result("thing")
    assert thing.writes == [("update", {"size": 5})]
    assert result["thing"]["size"] == 5


def test_immutable_difference_fails_before_any_write_naming_field_and_values():
    thing = Thing(engine.Run(), "t1", existing={"id": "1", "name": "t1", "mode": "a", "size": 3})
    with pytest.raises(Refusal) as caught:
        engine.converge(thing, "present", {"mode": "b", "size": 5})
    assert caught.value.msg == ("Cannot change thing 't1' in place: mode is 'a' (wanted 'b'). "
                                "Things are carved in stone.")
    assert caught.value.results["diff"]["after"] == {"id": "1", "name": "t1", "mode": "b", "size": 5}
    assert thing.writes == []


def test_absent_on_missing_is_unchanged_and_on_existing_deletes():
    thing = Thing(engine.Run(), "t1")
    assert engine.converge(thing, "absent", {}).result("thing", absent=True) == {
        "changed": False, "thing": None, "diff": {"before": {}, "after": {}}}
    thing.existing = {"id": "9", "name": "t1"}
    result = engine.converge(thing, "absent", {}).result("thing", absent=True)
    assert thing.writes == [("delete", "9")]
    assert result["changed"] is True and result["thing"]["id"] == "9"


def test_check_delete_can_refuse_before_deleting():
    class Guarded(Thing):
        def check_delete(self, current):
            raise Refusal("still full")

    thing = Guarded(engine.Run(), "t1", existing={"id": "9", "name": "t1"})
    with pytest.raises(Refusal, match="still full"):
        engine.converge(thing, "absent", {})
    assert thing.writes == []


def test_create_once_takes_the_resource_the_lost_answer_created_and_warns():
    run = engine.Run()

    def create():
        raise ApiError(status_code=504, code="APIGW.0204", message="gateway time-out")

    assert engine.create_once(run, "thing 't1'", create, lambda: "found-id") == "found-id"
    assert run.warnings == ["The cloud answered the creation of thing 't1' with an error "
                            "(APIGW.0204), but it exists now: the answer was lost after the cloud "
                            "acted."]
    with pytest.raises(ApiError) as caught:
        engine.create_once(run, "thing 't2'", create, lambda: None)
    assert str(caught.value) == ("Failed to create thing 't2': APIGW.0204 gateway time-out "
                                 "(HTTP 504)")


def test_a_lost_answer_is_named_by_the_error_or_as_a_refusal():
    run = engine.Run()
    engine.warn_lost_answer(run, "restart", "thing 't1'", None, "it is restarting")
    engine.warn_lost_answer(run, "deletion", "thing 't2'", ApiError(status_code=502), "it is gone")
    assert run.warnings == [
        "The cloud answered the restart of thing 't1' with a refusal, but it is restarting now: "
        "the answer was lost after the cloud acted.",
        "The cloud answered the deletion of thing 't2' with an error (HTTP 502), but it is gone "
        "now: the answer was lost after the cloud acted."]


# -- a declared set ---------------------------------------------------------------------------

THINGS = [{"name": "keep", "mode": "a", "size": 1}, {"name": "old", "mode": "a", "size": 2}]


@pytest.mark.parametrize("check", [True, False])
def test_set_with_purge_plans_the_same_in_check_mode_and_for_real(check):
    shelf = Shelf(engine.Run(check_mode=check), THINGS)
    entries = [{"name": "keep", "mode": None, "size": 3}, {"name": "new", "mode": None, "size": None}]
    result = engine.converge_set(shelf, "present", entries, purge=True).result(shelf)
    assert (result["changed"], result["created"], result["deleted"]) == (True, ["new"], ["old"])
    assert [t["name"] for t in result["diff"]["before"]["things"]] == ["keep", "old"]
    assert result["diff"]["after"]["things"] == [{"name": "keep", "mode": "a", "size": 3},
                                                 {"name": "new", "mode": "a", "size": 1}]
    # Deletions first (they free room), then updates, then creations.
    assert shelf.writes == ([] if check else [("delete", ["old"]), ("update", "keep", {"size": 3}),
                                              ("create", "new")])


def test_an_unchanged_set_writes_nothing_and_without_purge_keeps_unlisted_members():
    shelf = Shelf(engine.Run(), THINGS)
    result = engine.converge_set(shelf, "present", [{"name": "keep", "size": 1}]).result(shelf)
    assert (result["changed"], result["created"], result["deleted"]) == (False, [], [])
    assert result["things"] == THINGS and shelf.writes == []


def test_set_refuses_every_immutable_difference_at_once_before_any_write():
    shelf = Shelf(engine.Run(), THINGS)
    with pytest.raises(Refusal) as caught:
        engine.converge_set(shelf, "present", [{"name": "new"}, {"name": "old", "mode": "b"},
                                               {"name": "keep", "mode": "c"}])
    assert caught.value.msg == ("Cannot change thing 'old' in place: mode is 'a' (wanted 'b'). "
                                "Cannot change thing 'keep' in place: mode is 'a' (wanted 'c'). "
                                "Things are carved in stone.")
    assert [t["mode"] for t in caught.value.results["diff"]["after"]["things"]] == ["c", "a", "b"]
    assert shelf.writes == []


def test_set_check_refuses_the_whole_plan_before_any_write():
    shelf = Shelf(engine.Run(), THINGS, room=2)
    with pytest.raises(Refusal, match="The shelf holds 2 things."):
        engine.converge_set(shelf, "present", [{"name": "new"}])
    assert shelf.writes == []
    # With the purge freeing room, the same creation fits.
    engine.converge_set(shelf, "present", [{"name": "keep"}, {"name": "new"}], purge=True)
    assert shelf.writes == [("delete", ["old"]), ("create", "new")]


def test_set_absent_deletes_the_listed_members_that_exist_in_one_call():
    shelf = Shelf(engine.Run(), THINGS)
    result = engine.converge_set(shelf, "absent", [{"name": "old"}, {"name": "never"},
                                                   {"name": "keep"}]).result(shelf)
    assert (result["changed"], result["deleted"], result["things"]) == (True, ["old", "keep"], [])
    assert shelf.writes == [("delete", ["old", "keep"])]


def test_a_missing_parent_is_nothing_to_do_for_absent_and_refused_for_present():
    shelf = Shelf(engine.Run(), None)
    assert engine.converge_set(shelf, "absent", [{"name": "x"}]).result(shelf)["changed"] is False
    with pytest.raises(Refusal, match="Shelf 's1' does not exist."):
        engine.converge_set(shelf, "present", [{"name": "x"}])


def test_check_mode_plans_against_a_parent_an_earlier_task_would_create():
    shelf = Shelf(engine.Run(check_mode=True), None)
    result = engine.converge_set(shelf, "present", [{"name": "x"}], purge=True).result(shelf)
    assert (result["changed"], result["created"], result["deleted"]) == (True, ["x"], [])
    assert shelf.writes == []
    absent = engine.converge_set(shelf, "absent", [{"name": "x"}]).result(shelf)
    assert absent["changed"] is False


def test_a_failure_half_way_reports_what_was_done():
    shelf = Shelf(engine.Run(), THINGS, fail_on="second")
    with pytest.raises(ApiError) as caught:
        engine.converge_set(shelf, "present", [{"name": "first"}, {"name": "second"}], purge=True)
    assert caught.value.results["changed"] is True
    assert caught.value.results["created"] == ["first"]
    assert caught.value.results["deleted"] == ["keep", "old"]
    assert str(caught.value) == "Failed to create thing 'second': X.1 full (HTTP 503)"


def test_one_member_is_the_single_mode_of_a_set():
    shelf = Shelf(engine.Run(), THINGS)
    created = engine.converge_member(shelf, "present", {"name": "new", "size": 4}).result("thing")
    assert created["changed"] is True and created["thing"] == {"name": "new", "mode": "a", "size": 4}
    assert created["diff"] == {"before": {}, "after": created["thing"]}
    gone = engine.converge_member(shelf, "absent", {"name": "old"}).result("thing", absent=True)
    assert gone["changed"] is True and gone["thing"]["name"] == "old"
    assert shelf.writes == [("create", "new"), ("delete", ["old"])]
    # An immutable refusal shows the one member before and after, not the whole set.
    with pytest.raises(Refusal) as caught:
        engine.converge_member(shelf, "present", {"name": "keep", "mode": "z"})
    assert caught.value.results["diff"] == {"before": THINGS[0], "after": dict(THINGS[0], mode="z")}
    assert "created" not in caught.value.results


# -- waits ------------------------------------------------------------------------------------

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
    item = engine.wait_for("instance 'k'", lambda: {"status": next(statuses)},
                           lambda i: i["status"], ["RUNNING"], timeout=60,
                           first_delay=1, max_delay=2, sleep=clock.sleep, clock=clock)
    assert item == {"status": "RUNNING"}
    assert clock.sleeps == [1, 1.5, 2]


def test_wait_for_fails_on_a_failure_status():
    clock = Clock()
    with pytest.raises(Refusal, match=r"instance 'k' \(id 1\) failed: status CREATEFAILED"):
        engine.wait_for("instance 'k' (id 1)", lambda: {"status": "CREATEFAILED"},
                        lambda i: i["status"], ["RUNNING"], failed=["CREATEFAILED"],
                        sleep=clock.sleep, clock=clock)


def test_wait_for_times_out_naming_the_last_status():
    clock = Clock()
    with pytest.raises(Refusal) as caught:
        engine.wait_for("instance 'k'", lambda: {"status": "RESTARTING"},
                        lambda i: i["status"], ["RUNNING"], timeout=10,
                        sleep=clock.sleep, clock=clock)
    assert caught.value.msg == ("Timed out after 10 seconds waiting for instance 'k'; "
                                "last status seen: RESTARTING.")
    assert sum(clock.sleeps) == pytest.approx(10)


def test_wait_for_gone():
    answers = iter([{"status": "RUNNING"}, None])
    clock = Clock()
    assert engine.wait_for("deletion", lambda: next(answers), lambda i: i["status"],
                           [None], sleep=clock.sleep, clock=clock) is None


def test_parent_ref_takes_an_id_as_given_and_looks_a_name_up_once():
    looked_up = []

    def find(name):
        looked_up.append(name)
        if name != "orders":
            return None
        return {"id": "0f6a3c5e-2c1d-4b7e-9a55-3e1f0d2c4b6a", "name": name}

    by_id = engine.parent_ref("0F6A3C5E-2C1D-4B7E-9A55-3E1F0D2C4B6A", find)
    assert (by_id.label, by_id.id, by_id.view, by_id.name) == (
        "0F6A3C5E-2C1D-4B7E-9A55-3E1F0D2C4B6A", "0f6a3c5e-2c1d-4b7e-9a55-3e1f0d2c4b6a", None, None)
    assert looked_up == []
    by_name = engine.parent_ref("orders", find)
    assert (by_name.label, by_name.id, by_name.name) == (
        "orders", "0f6a3c5e-2c1d-4b7e-9a55-3e1f0d2c4b6a", "orders")
    assert engine.parent_ref("nothing", find) is None
    assert looked_up == ["orders", "nothing"]
    # A name that only looks like an id up to a trailing line break is a name.
    assert engine.parent_ref("0f6a3c5e-2c1d-4b7e-9a55-3e1f0d2c4b6a\n", find) is None


def test_the_engine_imports_nothing_from_ansible():
    import ast
    import inspect

    tree = ast.parse(inspect.getsource(engine))
    imported = [node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)]
    imported += [alias.name for node in ast.walk(tree) if isinstance(node, ast.Import)
                 for alias in node.names]
    assert not [name for name in imported if name.startswith("ansible.")], imported

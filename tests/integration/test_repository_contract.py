"""The repository ports' contract, on SQLite, PostgreSQL and the in-memory fake.

Every test takes `any_uow_factory`, so a behaviour the services rely on is
checked against the real storage and against the fake the unit tests use.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from domain.model import Member, Role, Workspace, WorkspaceRef, WorkspaceSettings
from domain.ports import UnitOfWorkFactory

T1 = WorkspaceRef("T1")
T2 = WorkspaceRef("T2")
GRID = WorkspaceRef("T3", enterprise_id="E1")

# The SQL repositories raise storage.repositories.UnknownRowError (a
# LookupError); the fake asserts. Either way the caller learns of the bug.
UNKNOWN_ROW = (LookupError, AssertionError)


def member(ws: WorkspaceRef, user_id: str, name: str, **fields: object) -> Member:
    base = Member(ws, user_id, name, "America/New_York")
    return replace(base, **fields)  # type: ignore[arg-type]


def seed(uow_factory: UnitOfWorkFactory, *rows: Workspace | Member) -> None:
    with uow_factory() as uow:
        for row in rows:
            if isinstance(row, Workspace):
                uow.workspaces.add(row)
            else:
                uow.members.add(row)
        uow.commit()


# -- workspaces ----------------------------------------------------------------


def test_workspace_round_trips_name_settings_and_enterprise_id(any_uow_factory):
    workspace = Workspace(GRID, name="Acme Sales", settings=WorkspaceSettings("Europe/Berlin"))
    seed(any_uow_factory, workspace)

    with any_uow_factory() as uow:
        assert uow.workspaces.get(GRID) == workspace
        assert uow.workspaces.get(WorkspaceRef("T3")) == workspace  # found by team_id
        assert uow.workspaces.get(T2) is None


def test_default_settings_round_trip(any_uow_factory):
    seed(any_uow_factory, Workspace(T1))
    with any_uow_factory() as uow:
        found = uow.workspaces.get(T1)
    assert found == Workspace(T1, name="", settings=WorkspaceSettings(default_time_zone=None))


def test_workspace_update_changes_name_settings_and_enterprise(any_uow_factory):
    seed(any_uow_factory, Workspace(T1, name="Old"))
    changed = Workspace(
        WorkspaceRef("T1", "E9"), name="New", settings=WorkspaceSettings("Asia/Tokyo")
    )
    with any_uow_factory() as uow:
        uow.workspaces.update(changed)
        uow.commit()
    with any_uow_factory() as uow:
        assert uow.workspaces.get(T1) == changed
        assert uow.workspaces.list_all() == [changed]


def test_updating_an_unknown_workspace_raises(any_uow_factory):
    with any_uow_factory() as uow, pytest.raises(UNKNOWN_ROW):
        uow.workspaces.update(Workspace(T1, name="Nobody"))


def test_the_time_zone_refresh_cursor_is_kept_per_workspace_until_cleared(any_uow_factory):
    # Issue 15: where the daily refresh resumes. A workspace update leaves it alone; unknown workspaces ignore it.
    seed(any_uow_factory, Workspace(T1, name="One"), Workspace(T2))
    with any_uow_factory() as uow:
        uow.workspaces.save_refresh_cursor(T1, "dXNlcjpVMDYxTkZUVDI=")
        uow.workspaces.save_refresh_cursor(WorkspaceRef("T9"), "c")
        uow.commit()
    with any_uow_factory() as uow:
        uow.workspaces.update(Workspace(T1, name="Renamed"))
        uow.commit()
    with any_uow_factory() as uow:
        assert uow.workspaces.refresh_cursor(T1) == "dXNlcjpVMDYxTkZUVDI="
        assert uow.workspaces.refresh_cursor(T2) is None
        assert uow.workspaces.refresh_cursor(WorkspaceRef("T9")) is None
        uow.workspaces.save_refresh_cursor(T1, None)
        uow.commit()
    with any_uow_factory() as uow:
        assert uow.workspaces.refresh_cursor(T1) is None


def test_workspaces_are_listed_by_team_id(any_uow_factory):
    seed(any_uow_factory, Workspace(T2, "b"), Workspace(GRID, "c"), Workspace(T1, "a"))
    with any_uow_factory() as uow:
        assert [w.ref.team_id for w in uow.workspaces.list_all()] == ["T1", "T2", "T3"]


# -- members ---------------------------------------------------------------------


def test_member_round_trips_every_field(any_uow_factory):
    manager = member(T1, "UM", "Maya", role=Role.MANAGER, is_admin=True, time_zone="Europe/Berlin")
    rep = member(T1, "UA", "Alex", manager_id="UM")
    seed(any_uow_factory, Workspace(T1), manager, rep)

    with any_uow_factory() as uow:
        assert uow.members.get(T1, "UM") == manager
        assert uow.members.get(T1, "UA") == rep
        assert uow.members.get(T1, "UX") is None


def test_member_update_changes_every_field(any_uow_factory):
    rep = member(T1, "UA", "Alex", manager_id="UM")
    seed(any_uow_factory, Workspace(T1), rep)
    changed = replace(
        rep,
        name="Alex Q.",
        time_zone="Asia/Kolkata",
        role=Role.MANAGER,
        is_admin=True,
        manager_id=None,
    )
    with any_uow_factory() as uow:
        uow.members.update(changed)
        uow.commit()
    with any_uow_factory() as uow:
        assert uow.members.get(T1, "UA") == changed


def test_updating_an_unknown_member_raises(any_uow_factory):
    seed(any_uow_factory, Workspace(T1), Workspace(T2), member(T1, "UA", "Alex"))
    with any_uow_factory() as uow, pytest.raises(UNKNOWN_ROW):
        uow.members.update(member(T1, "UX", "Nobody"))
    # The same user id in another workspace is another, unknown, member.
    with any_uow_factory() as uow, pytest.raises(UNKNOWN_ROW):
        uow.members.update(member(T2, "UA", "Alex elsewhere"))


def test_members_of_an_enterprise_workspace_carry_its_enterprise_id(any_uow_factory):
    seed(any_uow_factory, Workspace(GRID), member(GRID, "UA", "Alex", manager_id="UM"))
    with any_uow_factory() as uow:
        found = [
            uow.members.get(GRID, "UA"),
            *uow.members.get_many(GRID, ["UA"]).values(),
            *uow.members.reps_of(GRID, "UM"),
            *uow.members.list_all(GRID),
        ]
    assert [m.workspace if m else None for m in found] == [GRID] * 4


def test_get_many_returns_only_the_known_ones_keyed_by_user_id(any_uow_factory):
    seed(
        any_uow_factory,
        Workspace(T1),
        member(T1, "UA", "Alex"),
        member(T1, "UB", "Bea"),
        member(T1, "UC", "Cy"),
    )
    with any_uow_factory() as uow:
        found = uow.members.get_many(T1, iter(["UB", "UX", "UA", "UB"]))  # any iterable
        assert set(found) == {"UA", "UB"}
        assert found["UB"].name == "Bea"
        assert uow.members.get_many(T1, []) == {}


def test_reps_of_lists_one_managers_reps_by_name_ignoring_case(any_uow_factory):
    seed(
        any_uow_factory,
        Workspace(T1),
        member(T1, "UM", "Maya", role=Role.MANAGER),
        member(T1, "U1", "zoe", manager_id="UM"),
        member(T1, "U2", "Adam", manager_id="UM"),
        member(T1, "U3", "bea", manager_id="UM"),
        member(T1, "U4", "Ann", manager_id="UOTHER"),
        member(T1, "U5", "Al"),
    )
    with any_uow_factory() as uow:
        assert [m.name for m in uow.members.reps_of(T1, "UM")] == ["Adam", "bea", "zoe"]
        assert uow.members.reps_of(T1, "UNOBODY") == []


def test_reps_of_many_is_reps_of_for_each_manager_in_one_call(any_uow_factory):
    seed(
        any_uow_factory,
        Workspace(T1),
        Workspace(T2),
        member(T1, "UM", "Maya", role=Role.MANAGER),
        member(T1, "UN", "Noor", role=Role.MANAGER),
        member(T1, "U1", "zoe", manager_id="UM"),
        member(T1, "U2", "Adam", manager_id="UM"),
        member(T1, "U3", "bea", manager_id="UN"),
        member(T2, "U4", "Ann", manager_id="UM"),  # another workspace's UM
    )
    with any_uow_factory() as uow:
        found = uow.members.reps_of_many(T1, ["UM", "UN", "UNOBODY"])
        assert {manager: [m.name for m in reps] for manager, reps in found.items()} == {
            "UM": ["Adam", "zoe"], "UN": ["bea"]}
        assert found["UM"] == uow.members.reps_of(T1, "UM")
        assert uow.members.reps_of_many(T1, []) == {}


def test_list_all_is_every_member_by_name_ignoring_case(any_uow_factory):
    names = ["carla", "Émile", "Bob", "alice", "Zed"]
    seed(any_uow_factory, Workspace(T1), *(member(T1, f"U{i}", n) for i, n in enumerate(names)))
    with any_uow_factory() as uow:
        listed = [m.name for m in uow.members.list_all(T1)]
    # Python's casefolded order on every backend ("Émile" after "Zed").
    assert listed == ["alice", "Bob", "carla", "Zed", "Émile"]


def test_has_admin_is_per_workspace(any_uow_factory):
    seed(any_uow_factory, Workspace(T1), Workspace(T2), member(T1, "UA", "Alex"))
    with any_uow_factory() as uow:
        assert not uow.members.has_admin(T1)
        uow.members.update(member(T1, "UA", "Alex", is_admin=True))
        assert uow.members.has_admin(T1)  # sees its own uncommitted change
        assert not uow.members.has_admin(T2)


def test_the_same_user_id_in_two_workspaces_never_leaks(any_uow_factory):
    # Slack Connect and Grid: one person can be known in two workspaces.
    t1_rep = member(T1, "UA", "Alex in one", manager_id="UM")
    t2_rep = member(T2, "UA", "Alex in two", manager_id="UM", is_admin=True)
    t2_other = member(T2, "UB", "Bea in two", manager_id="UM")
    seed(any_uow_factory, Workspace(T1), Workspace(T2), t1_rep, t2_rep, t2_other)

    with any_uow_factory() as uow:
        assert uow.members.get(T1, "UA") == t1_rep
        assert uow.members.get(T1, "UB") is None
        assert uow.members.get_many(T1, ["UA", "UB"]) == {"UA": t1_rep}
        assert uow.members.reps_of(T1, "UM") == [t1_rep]
        assert uow.members.list_all(T1) == [t1_rep]
        assert not uow.members.has_admin(T1)
        assert uow.members.reps_of(T2, "UM") == [t2_rep, t2_other]

        uow.members.update(replace(t1_rep, name="Renamed", manager_id=None))
        uow.commit()
    with any_uow_factory() as uow:
        assert uow.members.get(T2, "UA") == t2_rep  # untouched

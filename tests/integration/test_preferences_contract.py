"""Scheduling preferences and the member queries the dispatcher needs.

On the fake, SQLite and PostgreSQL: workspace settings (working days,
holidays, quiet hours, disabled kinds), member pauses and mutes, and the
cross-member queries `managers_with_reps` and `list_everywhere`.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, time

from domain.model import (
    Member,
    QuietHours,
    Role,
    Workspace,
    WorkspaceRef,
    WorkspaceSettings,
)
from domain.ports import UnitOfWorkFactory

T1 = WorkspaceRef("T1")
T2 = WorkspaceRef("T2")
GRID = WorkspaceRef("T3", enterprise_id="E1")

SUNDAY_TO_THURSDAY = WorkspaceSettings(
    default_time_zone="Asia/Jerusalem",
    working_days=frozenset({6, 0, 1, 2, 3}),
    holidays=frozenset({date(2026, 9, 21), date(2026, 4, 2)}),
    quiet_hours=QuietHours(start=time(20, 0), end=time(7, 30)),
    disabled_kinds=frozenset({"scorecard", "challenge_nudge"}),
)


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


def test_every_workspace_setting_round_trips(any_uow_factory):
    seed(any_uow_factory, Workspace(T1, "Acme", SUNDAY_TO_THURSDAY))
    with any_uow_factory() as uow:
        assert uow.workspaces.get(T1) == Workspace(T1, "Acme", SUNDAY_TO_THURSDAY)


def test_settings_can_be_changed_and_cleared(any_uow_factory):
    seed(any_uow_factory, Workspace(T1, settings=SUNDAY_TO_THURSDAY))
    cleared = replace(
        SUNDAY_TO_THURSDAY, quiet_hours=None, holidays=frozenset(), working_days=frozenset()
    )
    with any_uow_factory() as uow:
        uow.workspaces.update(Workspace(T1, settings=cleared))
        uow.commit()
    with any_uow_factory() as uow:
        found = uow.workspaces.get(T1)
    assert found is not None and found.settings == cleared


def test_quiet_hours_keep_seconds_if_given(any_uow_factory):
    odd = WorkspaceSettings(quiet_hours=QuietHours(time(22, 15, 30), time(6, 0)))
    seed(any_uow_factory, Workspace(T1, settings=odd))
    with any_uow_factory() as uow:
        found = uow.workspaces.get(T1)
    assert found is not None and found.settings == odd


def test_pauses_and_mutes_round_trip_and_update(any_uow_factory):
    away = member(
        T1, "UA", "Alex", paused_until=date(2026, 12, 1), paused_from=date(2026, 11, 24),
        muted_kinds=frozenset({"b", "a"})
    )
    seed(any_uow_factory, Workspace(T1), away, member(T1, "UB", "Bea"))
    with any_uow_factory() as uow:
        assert uow.members.get(T1, "UA") == away
        bea = uow.members.get(T1, "UB")
        assert bea is not None and bea.paused_until is None and bea.muted_kinds == frozenset()
        uow.members.update(replace(away, paused_until=None, paused_from=None, muted_kinds=frozenset({"c"})))
        uow.commit()
    with any_uow_factory() as uow:
        back = uow.members.get(T1, "UA")
        assert back is not None and back.paused_until is None and back.paused_from is None
        assert back.muted_kinds == {"c"}
        uow.members.update(replace(back, muted_kinds=frozenset()))
        uow.commit()
    with any_uow_factory() as uow:
        assert uow.members.get_many(T1, ["UA"])["UA"].muted_kinds == frozenset()


def test_managers_with_reps_are_whoever_coaches_someone_by_name(any_uow_factory):
    seed(
        any_uow_factory,
        Workspace(T1),
        Workspace(T2),
        member(T1, "UM1", "zara", role=Role.MANAGER),
        member(T1, "UM2", "Ben", role=Role.MANAGER),
        member(T1, "UM3", "Idle manager", role=Role.MANAGER),  # no reps
        member(T1, "UR0", "Ann", manager_id="UM4"),  # a rep who coaches someone too
        member(T1, "UR1", "Cy", manager_id="UM1"),
        member(T1, "UR2", "Di", manager_id="UM1"),
        member(T1, "UR3", "Ed", manager_id="UM2"),
        member(T1, "UM4", "Al", manager_id="UR0"),
        member(T1, "UR4", "Fay", manager_id="UGONE"),  # manager not a member
        # Another workspace: its reps do not make T1's people managers.
        member(T2, "UM3", "Idle elsewhere", role=Role.MANAGER),
        member(T2, "UX", "Rep in two", manager_id="UM3"),
    )
    with any_uow_factory() as uow:
        found = uow.members.managers_with_reps(T1)
        assert [m.user_id for m in found] == ["UM4", "UR0", "UM2", "UM1"]
        assert [m.user_id for m in uow.members.managers_with_reps(T2)] == ["UM3"]
        assert uow.members.managers_with_reps(WorkspaceRef("TNONE")) == []


def test_list_everywhere_pages_over_every_workspace_by_team_and_user(any_uow_factory):
    seed(
        any_uow_factory,
        Workspace(T2),
        Workspace(GRID),
        Workspace(T1),
        member(T2, "U1", "b"),
        member(GRID, "U0", "c"),
        member(T1, "U2", "a"),
        member(T1, "U1", "z"),
        member(T2, "U0", "y"),
    )
    expected = [("T1", "U1"), ("T1", "U2"), ("T2", "U0"), ("T2", "U1"), ("T3", "U0")]
    seen: list[tuple[str, str]] = []
    after: tuple[str, str] | None = None
    with any_uow_factory() as uow:
        while page := uow.members.list_everywhere(after, 2):
            assert len(page) <= 2
            seen += [(m.workspace.team_id, m.user_id) for m in page]
            after = seen[-1]
        assert seen == expected
        everything = uow.members.list_everywhere(None, 100)
        assert [m.workspace for m in everything][-1] == GRID  # with its enterprise id
        assert uow.members.list_everywhere(("T2", "U0"), 1)[0].user_id == "U1"
        assert uow.members.list_everywhere(("T9", ""), 10) == []


def test_a_deactivated_member_round_trips_and_is_reactivated(any_uow_factory):
    gone = member(T1, "UGONE", "Gone", deactivated=True)
    seed(any_uow_factory, Workspace(T1), gone, member(T1, "UB", "Bea"))
    with any_uow_factory() as uow:
        assert uow.members.get(T1, "UGONE") == gone and uow.members.get(T1, "UB").deactivated is False
        uow.members.update(replace(gone, deactivated=False))
        uow.commit()
    with any_uow_factory() as uow:
        assert uow.members.get_many(T1, ["UGONE"])["UGONE"].deactivated is False

"""The schedule repository's contract, on the fake, SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from domain.model import Workspace, WorkspaceRef
from domain.ports import ScheduleEntry, UnitOfWorkFactory

NOW = datetime(2026, 11, 23, 14, 0, tzinfo=UTC)
T1 = WorkspaceRef("T1")
T2 = WorkspaceRef("T2")
GRID = WorkspaceRef("T3", enterprise_id="E1")


def entry(
    user: str = "U1",
    kind: str = "week_ahead",
    next_check_at: datetime | None = NOW,
    *,
    ws: WorkspaceRef = T1,
    checked_until: datetime = NOW - timedelta(days=1),
) -> ScheduleEntry:
    return ScheduleEntry(ws, user, kind, next_check_at, checked_until)


@pytest.fixture
def schedules(any_uow_factory: UnitOfWorkFactory) -> UnitOfWorkFactory:
    with any_uow_factory() as uow:
        for ws in (T1, T2, GRID):
            uow.workspaces.add(Workspace(ws))
        uow.commit()
    return any_uow_factory


def upsert(uow_factory: UnitOfWorkFactory, *entries: ScheduleEntry) -> None:
    with uow_factory() as uow:
        for e in entries:
            uow.schedules.upsert(e)
        uow.commit()


def test_an_entry_round_trips(schedules):
    muted = entry("U2", next_check_at=None)
    upsert(schedules, entry(), muted)
    with schedules() as uow:
        assert uow.schedules.for_member(T1, "U1") == [entry()]
        assert uow.schedules.for_member(T1, "U2") == [muted]
        assert uow.schedules.for_member(T1, "UX") == []


def test_upsert_replaces_the_entry_of_the_same_person_and_kind(schedules):
    upsert(schedules, entry())
    later = entry(next_check_at=NOW + timedelta(days=7), checked_until=NOW)
    upsert(schedules, later)
    with schedules() as uow:
        assert uow.schedules.for_member(T1, "U1") == [later]


def test_upserts_in_one_unit_are_read_back_by_it(schedules):
    with schedules() as uow:
        uow.schedules.upsert(entry())
        assert uow.schedules.for_member(T1, "U1") == [entry()]
        moved = entry(next_check_at=NOW + timedelta(hours=1))
        uow.schedules.upsert(moved)
        assert uow.schedules.for_member(T1, "U1") == [moved]  # not a stale copy
        assert uow.schedules.due(NOW, 10) == []
        uow.commit()
    with schedules() as uow:
        assert uow.schedules.for_member(T1, "U1") == [moved]


def test_for_member_lists_each_kind_once_by_kind(schedules):
    upsert(schedules, entry(kind="week_ahead"), entry(kind="challenge_nudge"), entry("U2"))
    with schedules() as uow:
        found = uow.schedules.for_member(T1, "U1")
    assert [e.kind for e in found] == ["challenge_nudge", "week_ahead"]


def test_due_returns_only_entries_whose_time_has_come_oldest_first(schedules):
    upsert(
        schedules,
        entry("UFUTURE", next_check_at=NOW + timedelta(microseconds=1)),
        entry("UNOW", next_check_at=NOW),
        entry("UOLD", next_check_at=NOW - timedelta(hours=3)),
        entry("UMUTED", next_check_at=None),
        entry("URECENT", next_check_at=NOW - timedelta(minutes=1), ws=T2),
    )
    with schedules() as uow:
        assert [e.user_id for e in uow.schedules.due(NOW, 10)] == ["UOLD", "URECENT", "UNOW"]
        assert [e.user_id for e in uow.schedules.due(NOW, 2)] == ["UOLD", "URECENT"]
        assert uow.schedules.due(NOW, 0) == []
        assert uow.schedules.due(NOW - timedelta(days=1), 10) == []
        assert len(uow.schedules.due(NOW + timedelta(days=1), 10)) == 4


def test_delete_removes_one_kind_of_one_person(schedules):
    upsert(
        schedules, entry(kind="a"), entry(kind="b"), entry("U2", kind="a"), entry(ws=T2, kind="a")
    )
    with schedules() as uow:
        uow.schedules.delete(T1, "U1", "a")
        uow.schedules.delete(T1, "UNOBODY", "a")  # nothing there: no error
        uow.commit()
    with schedules() as uow:
        assert [e.kind for e in uow.schedules.for_member(T1, "U1")] == ["b"]
        assert len(uow.schedules.for_member(T1, "U2")) == 1
        assert len(uow.schedules.for_member(T2, "U1")) == 1


def test_the_same_person_id_in_two_workspaces_has_two_schedules(schedules):
    one = entry(next_check_at=NOW - timedelta(hours=1))
    two = entry(next_check_at=NOW + timedelta(hours=1), ws=T2)
    upsert(schedules, one, two)
    with schedules() as uow:
        assert uow.schedules.for_member(T1, "U1") == [one]
        assert uow.schedules.for_member(T2, "U1") == [two]
        assert uow.schedules.due(NOW, 10) == [one]
        uow.schedules.delete(T2, "U1", "week_ahead")
        assert uow.schedules.for_member(T1, "U1") == [one]


def test_entries_carry_their_workspaces_enterprise_id(schedules):
    upsert(schedules, entry(ws=WorkspaceRef("T3")))  # written without it
    with schedules() as uow:
        assert [e.workspace for e in uow.schedules.due(NOW, 10)] == [GRID]
        assert [e.workspace for e in uow.schedules.for_member(GRID, "U1")] == [GRID]


def test_nothing_is_kept_without_a_commit(schedules):
    upsert(schedules, entry(kind="kept"))
    with schedules() as uow:
        uow.schedules.upsert(entry(kind="dropped"))
        uow.schedules.delete(T1, "U1", "kept")
    with schedules() as uow:
        assert [e.kind for e in uow.schedules.for_member(T1, "U1")] == ["kept"]

"""1:1 sessions behave the same on the fake, SQLite and PostgreSQL."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from domain.coaching.sessions import ChangeKind, CoachingSession, Repeat, SessionStatus
from domain.model import Workspace, WorkspaceRef

T1, T2 = WorkspaceRef("T1", "E1"), WorkspaceRef("T2")
AT = datetime(2026, 12, 2, 20, tzinfo=UTC)


def test_sessions_round_trip_list_upcoming_by_person_and_find_overlaps(any_uow_factory) -> None:
    with any_uow_factory() as uow:
        uow.workspaces.add(Workspace(T1))
        uow.workspaces.add(Workspace(T2))
        first = uow.sessions.add(CoachingSession(T1, "UA", "UMGR", AT, 45, Repeat.WEEKLY))
        first = uow.sessions.update(replace(first, series_id=first.id))
        second = uow.sessions.add(replace(first, starts_at=AT + timedelta(weeks=1), id=None))
        bea = uow.sessions.add(CoachingSession(T1, "UB", "UMGR", AT + timedelta(hours=1), 30))
        uow.sessions.add(CoachingSession(T1, "UA", "UMGR", AT - timedelta(days=1)))  # over
        uow.sessions.add(CoachingSession(T2, "UA", "UMGR", AT))  # another workspace
        uow.commit()
    assert first.id is not None and first.created_at is not None

    with any_uow_factory() as uow:
        got = uow.sessions.get(T1, second.id or 0, for_update=True)
        assert got is not None and got.series_id == first.id and got.workspace == T1 and got.repeat is Repeat.WEEKLY
        moved = uow.sessions.update(got.moved_to(AT + timedelta(days=8), "UMGR", AT))
        uow.sessions.update(bea.cancelled_by("UADMIN", AT))
        uow.commit()
    assert uow.sessions is not None

    with any_uow_factory(read_only=True) as uow:
        assert uow.sessions.get(T2, first.id or 0) is None  # another workspace's id
        again = uow.sessions.get(T1, moved.id or 0)
        assert again is not None and again.starts_at == AT + timedelta(days=8)
        change = again.history[0]
        assert change.kind is ChangeKind.RESCHEDULED and change.from_start == AT + timedelta(weeks=1)
        cancelled = uow.sessions.get(T1, bea.id or 0)
        assert cancelled is not None and cancelled.status is SessionStatus.CANCELLED
        assert cancelled.history[0].by == "UADMIN" and cancelled.history[0].at == AT

        ahead = uow.sessions.upcoming_for(T1, ["UA", "UMGR", "UC"], AT - timedelta(minutes=1))
        assert [s.id for s in ahead["UA"]] == [first.id, moved.id]
        assert [s.id for s in ahead["UMGR"]] == [first.id, moved.id]  # Bea's is cancelled
        assert "UC" not in ahead
        assert [s.id for s in uow.sessions.upcoming_for(T1, ["UA"], AT)["UA"]] == [moved.id]  # after, not at

        assert [s.id for s in uow.sessions.overlapping(T1, "UA", "UMGR", AT + timedelta(minutes=44),
                                                      AT + timedelta(minutes=60))] == [first.id]
        assert uow.sessions.overlapping(T1, "UA", "UMGR", AT + timedelta(minutes=45), AT + timedelta(hours=2)) == []
        assert uow.sessions.overlapping(T1, "UA", "UMGR2", AT, AT + timedelta(hours=1)) == []  # another pair
        assert uow.sessions.overlapping(T1, "UB", "UMGR", AT + timedelta(hours=1), AT + timedelta(hours=2)) == []

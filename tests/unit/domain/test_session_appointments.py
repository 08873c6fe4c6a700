"""Sessions as appointments for the anchored kinds (pre-work before, the card at the start)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from domain.coaching.sessions import CoachingSession
from domain.model import Member, Role, Workspace, WorkspaceRef
from domain.notifications.sessions import SessionAppointments
from domain.scheduling.anchors import Appointment
from tests.fakes import FakeStore

WS = WorkspaceRef("T1")
NOW = datetime(2026, 12, 1, 15, tzinfo=UTC)


def test_each_recipient_gets_their_upcoming_sessions_as_appointments() -> None:
    factory = FakeStore().uow
    with factory() as uow:
        uow.workspaces.add(Workspace(WS))
        uow.members.add(Member(WS, "UMGR", "Maya", "America/New_York", Role.MANAGER))
        soon = uow.sessions.add(CoachingSession(WS, "UA", "UMGR", NOW + timedelta(days=1)))
        later = uow.sessions.add(CoachingSession(WS, "UB", "UMGR", NOW + timedelta(days=2)))
        past = uow.sessions.add(CoachingSession(WS, "UA", "UMGR", NOW - timedelta(hours=1)))
        gone = uow.sessions.add(CoachingSession(WS, "UA", "UMGR", NOW + timedelta(days=3)))
        uow.sessions.update(gone.cancelled_by("UMGR", NOW))
        uow.commit()
    with factory(read_only=True) as uow:
        found = SessionAppointments().upcoming(uow, WS, ["UA", "UMGR", "UC"], NOW)
    assert found["UA"] == [Appointment(f"s{soon.id}", soon.starts_at)]
    assert found["UMGR"] == [Appointment(f"s{soon.id}", soon.starts_at), Appointment(f"s{later.id}", later.starts_at)]
    assert "UC" not in found and past.id is not None
    assert found["UA"][0].period == f"s{soon.id}@20261202T1500Z"

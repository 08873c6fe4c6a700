"""Sessions as appointments for the anchored kinds (pre-work before, the card at the start)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from domain.coaching.sessions import CoachingSession
from domain.model import Member, Role, Workspace, WorkspaceRef, WorkspaceSettings
from domain.notifications.session_card import SESSION_CARD
from domain.notifications.sessions import SessionAppointments
from domain.scheduling.anchored import anchored_occurrences
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


def test_the_card_lists_each_managers_sessions_as_the_manager_due_5_min_before_until_15_min_in() -> None:
    factory = FakeStore().uow
    with factory() as uow:
        uow.workspaces.add(Workspace(WS))
        maya = Member(WS, "UMGR", "Maya", "America/New_York", Role.MANAGER, manager_id="UBOSS")
        uow.members.add(maya)
        coached = uow.sessions.add(CoachingSession(WS, "UA", "UMGR", NOW + timedelta(days=1)))
        own = uow.sessions.add(CoachingSession(WS, "UMGR", "UBOSS", NOW + timedelta(days=2)))  # Maya as the rep
        uow.commit()
    with factory(read_only=True) as uow:
        found = SessionAppointments(side="manager").upcoming(uow, WS, ["UMGR", "UA", "UBOSS"], NOW)
    assert found["UMGR"] == [Appointment(f"s{coached.id}", coached.starts_at)]
    assert found["UBOSS"] == [Appointment(f"s{own.id}", own.starts_at)] and "UA" not in found
    with factory(read_only=True) as uow:
        as_rep = SessionAppointments(side="rep").upcoming(uow, WS, ["UMGR", "UA", "UBOSS"], NOW)
    assert as_rep == {"UMGR": [Appointment(f"s{own.id}", own.starts_at)],  # her own 1:1's pre-work is hers
                      "UA": [Appointment(f"s{coached.id}", coached.starts_at)]}
    [occurrence] = anchored_occurrences(SESSION_CARD, maya, WorkspaceSettings(), found["UMGR"])
    assert occurrence.due_at == coached.starts_at - timedelta(minutes=5)
    assert occurrence.stale_at == coached.starts_at + timedelta(minutes=15)

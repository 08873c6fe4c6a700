"""Recording and reading 1:1 takeaways over the in-memory fakes: who may, when, what each is told."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from domain.coaching.prework import Prework
from domain.coaching.sessions import CoachingSession
from domain.coaching.takeaways import TEXT
from domain.errors import FieldProblems, InvalidInput, NotAllowed, NotFound
from domain.model import Member, Role, Workspace, WorkspaceRef
from domain.receipts import Receipt, Replayed
from domain.services.prework import PreworkService
from domain.services.takeaway_notices import TakeawaysRecorded
from domain.services.takeaways import TakeawaysService
from tests.fakes import FakeStore

WS, OTHER = WorkspaceRef("T1"), WorkspaceRef("T2")
NOW = datetime(2027, 3, 1, 14, tzinfo=UTC)
AGENDA = ("Hooli pricing", "My Q1 goals", "Hiring plan")


@pytest.fixture
def store() -> FakeStore:
    store = FakeStore()
    with store.uow() as uow:
        uow.workspaces.add(Workspace(WS))
        uow.workspaces.add(Workspace(OTHER))
        uow.members.add(Member(WS, "UADMIN", "Ada", "Europe/London", is_admin=True))
        uow.members.add(Member(WS, "UMGR", "Maya", "America/New_York", role=Role.MANAGER))
        uow.members.add(Member(WS, "UMGR2", "Omar", "America/Chicago", role=Role.MANAGER))
        uow.members.add(Member(WS, "UL", "Lena", "Europe/London", manager_id="UMGR"))
        uow.members.add(Member(WS, "UC", "Chen", "Asia/Singapore", manager_id="UMGR2"))
        uow.members.add(Member(OTHER, "UMGR", "Maya elsewhere", "America/New_York", is_admin=True))
        uow.commit()
    return store


def _session(store: FakeStore, starts_at: datetime, rep: str = "UL", manager: str = "UMGR",
             agenda: tuple[str, ...] | None = AGENDA) -> int:
    with store.uow() as uow:
        session_id = uow.sessions.add(CoachingSession(WS, rep, manager, starts_at)).id or 0
        if agenda:
            uow.prework.save(Prework(WS, session_id, rep, agenda))
        uow.commit()
    return session_id


@pytest.fixture
def service(store: FakeStore) -> TakeawaysService:
    return TakeawaysService(store.uow, lambda: NOW)


def test_the_manager_records_them_the_rep_and_manager_are_told_on_the_ledger(
        service: TakeawaysService, store: FakeStore) -> None:
    session_id = _session(store, NOW - timedelta(hours=1))
    done = service.record_and_tell(WS, "UMGR", session_id, "  Lead the Hooli call  ", [0, 2])
    assert done.result.takeaways.text == "Lead the Hooli call" and done.result.edited is False
    assert done.result.takeaways.covered == ("Hooli pricing", "Hiring plan")
    assert [m.to for m in done.effects.messages] == ["UL", "UMGR"]
    assert all(isinstance(m.notice, TakeawaysRecorded) and m.delivery is not None for m in done.effects.messages)


def test_an_admin_records_any_reps_and_hears_it_went_through(service: TakeawaysService, store: FakeStore) -> None:
    session_id = _session(store, NOW - timedelta(days=5))
    done = service.record_and_tell(WS, "UADMIN", session_id, "Agreed", [])
    assert [m.to for m in done.effects.messages] == ["UL", "UMGR", "UADMIN"]


def test_the_rep_another_manager_another_workspace_and_unknown_sessions_are_refused_alike(
        service: TakeawaysService, store: FakeStore) -> None:
    session_id = _session(store, NOW - timedelta(hours=1))
    admin_as_rep = _session(store, NOW - timedelta(hours=3), rep="UADMIN", manager="UMGR", agenda=None)
    for ws, caller, target in ((WS, "UL", session_id), (WS, "UMGR2", session_id), (WS, "UC", session_id),
                               (OTHER, "UMGR", session_id), (WS, "UMGR", 999), (WS, "UADMIN", admin_as_rep)):
        with pytest.raises(NotAllowed, match="not one of yours"):
            service.form(ws, caller, target)
        with pytest.raises(NotAllowed, match="not one of yours"):
            service.record_and_tell(ws, caller, target, "Sneaky", [])
    with store.uow(read_only=True) as uow:
        assert uow.takeaways.get(WS, session_id) is None


def test_too_early_and_cancelled_are_refused(service: TakeawaysService, store: FakeStore) -> None:
    early = _session(store, NOW + timedelta(minutes=16))
    with pytest.raises(InvalidInput, match="has not started yet"):
        service.form(WS, "UMGR", early)
    assert service.form(WS, "UMGR", _session(store, NOW + timedelta(minutes=15))).agenda == AGENDA
    cancelled = _session(store, NOW - timedelta(hours=2))
    with store.uow() as uow:
        found = uow.sessions.get(WS, cancelled)
        assert found is not None
        uow.sessions.update(found.cancelled_by("UMGR", NOW))
        uow.commit()
    with pytest.raises(InvalidInput, match="cancelled"):
        service.record_and_tell(WS, "UMGR", cancelled, "Agreed", [])


def test_an_empty_text_is_refused_inline_and_a_replay_stores_nothing(service: TakeawaysService,
                                                                     store: FakeStore) -> None:
    session_id = _session(store, NOW - timedelta(hours=1))
    with pytest.raises(FieldProblems) as problems:
        service.record_and_tell(WS, "UMGR", session_id, " ", [0])
    assert TEXT in problems.value.problems
    receipt = Receipt("takeaways.form", "V1-abc")
    service.record_and_tell(WS, "UMGR", session_id, "Once", [], receipt)
    with pytest.raises(Replayed):
        service.record_and_tell(WS, "UMGR", session_id, "Twice", [], receipt)
    with store.uow(read_only=True) as uow:
        kept = uow.takeaways.get(WS, session_id)
    assert kept is not None and kept.text == "Once" and kept.history == ()


def test_each_reads_only_their_own_recent_sessions(service: TakeawaysService, store: FakeStore) -> None:
    lena = _session(store, NOW - timedelta(days=2))
    _session(store, NOW - timedelta(days=20))  # too long ago for the list
    chen = _session(store, NOW - timedelta(days=1), rep="UC", manager="UMGR2")
    service.record_and_tell(WS, "UMGR", lena, "Lena's plan", [1])
    mine = service.recent(WS, "UL")
    assert [p.session.id for p in mine.sessions] == [lena] and not mine.sessions[0].may_record
    assert mine.sessions[0].takeaways is not None and mine.sessions[0].agenda == AGENDA
    assert [p.session.id for p in service.recent(WS, "UMGR").sessions] == [lena]
    assert service.recent(WS, "UMGR").sessions[0].may_record
    assert [p.session.id for p in service.recent(WS, "UADMIN", "UC").sessions] == [chen]
    with pytest.raises(NotAllowed):
        service.recent(WS, "UMGR2", "UL")
    with pytest.raises(NotAllowed):
        service.recent(WS, "UC", "UL")
    assert service.recent(OTHER, "UMGR").sessions == ()
    with pytest.raises(NotFound):
        service.recent(OTHER, "UL")


def test_the_next_pre_work_offers_only_what_was_not_covered(store: FakeStore) -> None:
    first = _session(store, NOW - timedelta(days=6))
    second = _session(store, NOW + timedelta(days=1), agenda=None)
    prework = PreworkService(store.uow, lambda: NOW)
    assert prework.form(WS, "UL", second).carry_over == AGENDA  # nothing recorded: all of it
    TakeawaysService(store.uow, lambda: NOW).record_and_tell(WS, "UMGR", first, "Pricing settled", [0, 2])
    assert prework.form(WS, "UL", second).carry_over == ("My Q1 goals",)

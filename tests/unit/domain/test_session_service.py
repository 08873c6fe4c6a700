"""Booking, moving and cancelling 1:1s over the in-memory fakes: who may, what is refused, what each is told."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from domain.coaching.sessions import DAY, MINUTES, REPEAT, TIME, SessionStatus
from domain.errors import FieldProblems, InvalidInput, NotAllowed, NotFound
from domain.model import Member, Role, Workspace, WorkspaceRef
from domain.receipts import Receipt, Replayed
from domain.services.session_notices import News, SessionNews
from domain.services.sessions import Picked, SessionService, Typed
from tests.fakes import FakeStore

WS, OTHER = WorkspaceRef("T1"), WorkspaceRef("T2")
NY, LONDON = ZoneInfo("America/New_York"), ZoneInfo("Europe/London")
NOW = datetime(2027, 3, 1, 14, tzinfo=UTC)  # Monday 1 March 2027, 09:00 in New York; US clocks change 14 Mar


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
        uow.members.add(Member(WS, "USOLO", "Sol", "UTC"))
        uow.members.add(Member(OTHER, "UL", "Lena elsewhere", "Europe/London", manager_id="UMGR2"))
        uow.commit()
    return store


@pytest.fixture
def service(store: FakeStore) -> SessionService:
    return SessionService(store.uow, lambda: NOW)


def test_a_weekly_series_is_eight_sessions_at_the_managers_15_00_across_the_dst_change(
        service: SessionService, store: FakeStore) -> None:
    done = service.book_and_tell(WS, "UMGR", "UL", Typed("tomorrow 15:00"), repeat="weekly")
    sessions = done.result.sessions
    assert len(sessions) == 8 and {s.series_id for s in sessions} == {sessions[0].id}
    assert {s.starts_at.astimezone(NY).strftime("%a %H:%M") for s in sessions} == {"Tue 15:00"}
    # London's clocks change two weeks after New York's: Lena's time moves, Maya's stays.
    assert [s.starts_at.astimezone(LONDON).strftime("%H:%M") for s in sessions[:4]] == [
        "20:00", "20:00", "19:00", "19:00"]
    told = [(m.to, m.notice) for m in done.effects.messages]
    assert [to for to, _ in told] == ["UL", "UMGR"] and all(isinstance(n, SessionNews) for _, n in told)
    assert set(done.effects.refresh) == {"UL", "UMGR"}
    assert all(m.delivery is not None for m in done.effects.messages)  # on the ledger with the booking


def test_an_admin_books_for_any_pair_and_the_session_is_the_reps_managers(service: SessionService) -> None:
    done = service.book_and_tell(WS, "UADMIN", "UC", Picked(date(2027, 3, 2), time(8, 0)))
    session = done.result.first
    assert session.manager_id == "UMGR2" and session.starts_at == datetime(2027, 3, 2, 8, tzinfo=LONDON)
    assert [m.to for m in done.effects.messages] == ["UC", "UMGR2"]
    assert service.upcoming(WS, "UADMIN", "UC").sessions == (session,)
    with pytest.raises(InvalidInput, match="no manager yet"):
        service.book_and_tell(WS, "UADMIN", "USOLO", Typed("tomorrow 15:00"))


@pytest.mark.parametrize(("caller", "rep"), [("UMGR2", "UL"), ("UL", "UC"), ("UC", "UL"), ("UMGR", "UNOBODY"),
                                             ("UNOBODY", "UL")])
def test_only_the_reps_own_manager_or_an_admin_books(service: SessionService, caller: str, rep: str) -> None:
    with pytest.raises(NotAllowed, match="not on your team"):
        service.book_and_tell(WS, caller, rep, Typed("tomorrow 15:00"))
    with pytest.raises(NotAllowed):
        service.booking_form(WS, caller, rep)


def test_a_session_named_by_id_is_changed_only_by_its_manager_or_an_admin(service: SessionService) -> None:
    session = service.book_and_tell(WS, "UMGR", "UL", Typed("tomorrow 15:00")).result.first
    assert session.id is not None
    for stranger in ("UMGR2", "UL", "UC"):
        with pytest.raises(NotAllowed, match="not one of yours"):
            service.move_and_tell(WS, stranger, Typed("fri 10:00"), session_id=session.id)
        with pytest.raises(NotAllowed, match="not one of yours"):
            service.cancel_and_tell(WS, stranger, session_id=session.id)
    with pytest.raises(NotAllowed, match="not one of yours"):  # the same id from another workspace
        service.cancel_and_tell(OTHER, "UMGR2", session_id=session.id)
    moved = service.move_and_tell(WS, "UADMIN", Picked(date(2027, 3, 5), time(16, 0)), session_id=session.id)
    assert moved.result.news is News.MOVED and moved.result.previous == session.starts_at
    assert moved.result.first.history[-1].by == "UADMIN"


def test_bad_times_come_back_under_their_field(service: SessionService) -> None:
    with pytest.raises(FieldProblems) as unreadable:
        service.book_and_tell(WS, "UMGR", "UL", Typed("someday"))
    assert "tomorrow 15:00" in unreadable.value.problems[DAY]
    with pytest.raises(FieldProblems) as empty:
        service.book_and_tell(WS, "UMGR", "UL", Picked(date(2027, 3, 2), None), minutes=500, repeat="daily")
    assert set(empty.value.problems) == {TIME, MINUTES, REPEAT}
    with pytest.raises(FieldProblems, match="has passed"):
        service.book_and_tell(WS, "UMGR", "UL", Typed("today 8:00"))


def test_an_overlap_refuses_the_booking_even_deep_in_a_series(service: SessionService) -> None:
    service.book_and_tell(WS, "UMGR", "UL", Typed("2027-03-23 15:30"))
    with pytest.raises(FieldProblems, match=r"already a 1:1.*Tue 23 Mar 15:30.*occurrence"):
        service.book_and_tell(WS, "UMGR", "UL", Typed("tomorrow 15:00"), repeat="weekly")
    # Another pair at the same time is fine.
    service.book_and_tell(WS, "UMGR2", "UC", Typed("tomorrow 15:00"), repeat="weekly")


def test_cancel_one_of_a_series_then_the_rest(service: SessionService, store: FakeStore) -> None:
    service.book_and_tell(WS, "UMGR", "UL", Typed("tomorrow 15:00"), repeat="biweekly")
    one = service.cancel_and_tell(WS, "UMGR", rep_id="UL")
    assert len(one.result.sessions) == 1
    rest = service.cancel_and_tell(WS, "UMGR", rep_id="UL", whole_series=True)
    assert len(rest.result.sessions) == 3
    assert all(s.status is SessionStatus.CANCELLED for s in store.tables.sessions.values())
    with pytest.raises(NotFound, match="no upcoming 1:1"):
        service.cancel_and_tell(WS, "UMGR", rep_id="UL")


def test_a_replayed_booking_stores_nothing_more(service: SessionService, store: FakeStore) -> None:
    receipt = Receipt("sessions.book", "V1-abc")
    service.book_and_tell(WS, "UMGR", "UL", Typed("tomorrow 15:00"), receipt=receipt)
    with pytest.raises(Replayed):
        service.book_and_tell(WS, "UMGR", "UL", Typed("tomorrow 15:00"), receipt=receipt)
    assert len(store.tables.sessions) == 1

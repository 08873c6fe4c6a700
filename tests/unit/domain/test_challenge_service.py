"""The 21-day challenge's use cases over the fakes: the form prefilled from the catalog, one active challenge,
answers only from the rep and stored once, a late answer within the grace, a repair, time off that pauses and
extends, completion with a celebration, and the workspace's day-kind setting."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest

from domain.catalog import load_catalog
from domain.coaching.challenge import Answer, DayKind, DayStatus
from domain.coaching.challenge_model import ChallengeStatus
from domain.coaching.cycle import CoachingCycle
from domain.errors import FieldProblems, InvalidInput, NotAllowed
from domain.model import Member, Role, Workspace, WorkspaceRef
from domain.receipts import Receipt, Replayed
from domain.services.challenge_notices import ChallengeCompleted, ChallengeFinishedForManager, ChallengeStarted
from domain.services.challenge_views import views_for
from domain.services.challenges import ChallengeService, behaviour_key
from domain.services.preferences import PreferenceService
from domain.services.scheduling import ScheduleService
from tests.fakes import FakeStore

WS = WorkspaceRef("T1")
MONDAY = date(2027, 1, 4)
CATALOG = load_catalog()


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def local(self, day: date, hour: int, minute: int = 0) -> None:
        """`hour:minute` on `day` in London (UTC in winter)."""
        self.now = datetime(day.year, day.month, day.day, hour, minute, tzinfo=UTC)


@pytest.fixture
def store() -> FakeStore:
    store = FakeStore()
    with store.uow() as uow:
        uow.workspaces.add(Workspace(WS))
        uow.members.add(Member(WS, "UMGR", "Maya", "Europe/London", role=Role.MANAGER))
        uow.members.add(Member(WS, "UA", "Alex", "Europe/London", manager_id="UMGR"))
        uow.members.add(Member(WS, "UB", "Bea", "Europe/London", manager_id="UOTHER"))
        uow.members.add(Member(WS, "UADMIN", "Ada", "UTC", is_admin=True))
        cycle = uow.cycles.add(CoachingCycle(WS, "UA", "UMGR", date(2026, 11, 16)))
        uow.priorities.set_focus(WS, cycle.id or 0, ["discovery", "closing"])
        uow.commit()
    return store


@pytest.fixture
def clock() -> Clock:
    return Clock(datetime(2027, 1, 4, 9, tzinfo=UTC))


@pytest.fixture
def service(store: FakeStore, clock: Clock) -> ChallengeService:
    return ChallengeService(store.uow, CATALOG, clock)


def _start(service: ChallengeService, by: str = "UMGR") -> int:
    texts = {"discovery": "Ask 5 probing questions", "closing": "Book a dated next step"}
    done = service.start(WS, by, "UA", texts)
    return done.result.challenge.id or 0


def test_the_form_is_prefilled_from_the_catalog_per_focus_skill(service: ChallengeService) -> None:
    form = service.start_form(WS, "UMGR", "UA")
    assert [(b.skill_id, b.text) for b in form.behaviours] == [
        ("discovery", "Ask at least 5 probing questions in every discovery call"),
        ("closing", "End every sales call with a dated next step in the calendar")]
    assert form.skill_names["discovery"] == "Discovery" and form.day_kind_label == "21 working days"
    assert service.start_form(WS, "UA").rep.user_id == "UA"  # the rep for themself
    with pytest.raises(NotAllowed):
        service.start_form(WS, "UMGR", "UB")  # not their rep
    with pytest.raises(InvalidInput, match="focus skills"):
        service.start_form(WS, "UB")


def test_starting_tells_rep_and_manager_and_only_one_runs(service: ChallengeService) -> None:
    with pytest.raises(FieldProblems) as empty:
        service.start(WS, "UMGR", "UA", {"discovery": " ", "closing": "x" * 301})
    assert set(empty.value.problems) == {behaviour_key("discovery"), behaviour_key("closing")}
    done = service.start(WS, "UMGR", "UA", {"discovery": "Ask 5 questions", "closing": "Book a next step"})
    view = done.result
    assert view.challenge.start == MONDAY and view.challenge.day_kind is DayKind.WORKING
    assert view.open_day == MONDAY and view.progress.days_left == 21 and view.last_day == date(2027, 2, 1)
    told = {(m.to, type(m.notice)) for m in done.effects.messages}
    assert told == {("UA", ChallengeStarted), ("UMGR", ChallengeStarted)}
    with pytest.raises(InvalidInput, match="running already"):
        service.start_form(WS, "UA")


def test_answers_count_once_only_from_the_rep_and_late_within_the_grace(
        service: ChallengeService, clock: Clock, store: FakeStore) -> None:
    challenge_id = _start(service)
    receipt = Receipt("challenge_done", "k" * 64)
    first = service.answer(WS, "UA", challenge_id, MONDAY, Answer.DONE, receipt=receipt)
    assert first.result.progress.streak == 1
    with pytest.raises(Replayed):
        service.answer(WS, "UA", challenge_id, MONDAY, Answer.DONE, receipt=receipt)
    with pytest.raises(NotAllowed, match="only they can answer"):
        service.answer(WS, "UMGR", challenge_id, MONDAY, Answer.MISSED)
    clock.local(MONDAY + timedelta(days=2), 1, 30)  # Wednesday 01:30: Tuesday's answer still counts
    late = service.answer(WS, "UA", challenge_id, MONDAY + timedelta(days=1), Answer.DONE, note=" 6 questions ")
    assert late.result.progress.streak == 2 and late.result.records[MONDAY + timedelta(days=1)].note == "6 questions"
    clock.local(MONDAY + timedelta(days=3), 3, 1)  # Thursday 03:01: Wednesday closed
    with pytest.raises(InvalidInput, match="closed at midnight"):
        service.answer(WS, "UA", challenge_id, MONDAY + timedelta(days=2), Answer.DONE)
    assert len(store.tables.challenges.days[challenge_id]) == 2


def test_a_missed_day_repaired_once_and_no_calls_days_do_not_count(service: ChallengeService, clock: Clock) -> None:
    challenge_id = _start(service)
    service.answer(WS, "UA", challenge_id, MONDAY, Answer.DONE)
    clock.local(MONDAY + timedelta(days=1), 17)
    service.answer(WS, "UA", challenge_id, None, Answer.MISSED)
    clock.local(MONDAY + timedelta(days=2), 9)
    repaired = service.repair(WS, "UA", challenge_id).result
    assert dict(repaired.progress.statuses)[MONDAY + timedelta(days=1)] is DayStatus.REPAIRED
    assert repaired.progress.streak == 2 and repaired.progress.repairs_left == 0
    no_calls = service.answer(WS, "UA", challenge_id, None, Answer.NO_CALLS).result
    assert no_calls.progress.compliance == 1.0 and no_calls.progress.relevant == 2
    clock.local(MONDAY + timedelta(days=4), 17)  # Thursday left unanswered: missed
    with pytest.raises(InvalidInput, match="repair already"):
        service.repair(WS, "UA", challenge_id)


def test_time_off_pauses_and_extends_and_the_days_stay_after_it(
        service: ChallengeService, clock: Clock, store: FakeStore) -> None:
    challenge_id = _start(service)
    service.answer(WS, "UA", challenge_id, MONDAY, Answer.DONE)
    with store.uow() as uow:  # a week off from Tuesday: back on Monday 11th
        alex = uow.members.get(WS, "UA")
        assert alex is not None
        uow.members.update(replace(alex, paused_until=date(2027, 1, 11)))
        uow.commit()
    clock.local(date(2027, 1, 11), 9)
    back = service.answer(WS, "UA", challenge_id, None, Answer.DONE).result
    assert back.open_day == date(2027, 1, 11) and back.days[1] == date(2027, 1, 11)
    assert back.last_day == date(2027, 2, 5) and back.progress.streak == 2  # four days later, streak intact
    with store.uow() as uow:  # the rep resumes: the past week stays off
        alex = uow.members.get(WS, "UA")
        assert alex is not None
        uow.members.update(replace(alex, paused_until=None))
        uow.commit()
    assert service.view(WS, "UA") is not None
    assert (service.view(WS, "UA") or back).last_day == date(2027, 2, 5)


def test_a_day_missed_before_going_away_stays_missed(service: ChallengeService, clock: Clock,
                                                       store: FakeStore) -> None:
    """`/coach pause` keeps when the time off began: Tuesday, left unanswered, was a working day, not time off."""
    challenge_id = _start(service)
    service.answer(WS, "UA", challenge_id, MONDAY, Answer.DONE)
    clock.local(MONDAY + timedelta(days=2), 9)  # Wednesday, past Tuesday's deadline (midnight + 3 h)
    preferences = PreferenceService(store.uow, ScheduleService(store.uow), clock)
    assert preferences.pause(WS, "UA", "until 2027-01-11").paused_from == MONDAY + timedelta(days=2)
    clock.local(date(2027, 1, 11), 9)
    back = service.answer(WS, "UA", challenge_id, None, Answer.DONE).result
    assert dict(back.progress.statuses)[MONDAY + timedelta(days=1)] is DayStatus.MISSED
    assert back.days[:3] == (MONDAY, MONDAY + timedelta(days=1), date(2027, 1, 11))  # Wed-Fri off
    assert back.last_day == date(2027, 2, 4)  # three days off: three days later
    assert back.progress.compliance == 2 / 3 and back.progress.streak == 1


def test_coming_back_early_keeps_the_days_already_away(service: ChallengeService, clock: Clock,
                                                       store: FakeStore) -> None:
    """`/coach resume` ends the time off today; the days already taken stay time off, not missed days."""
    challenge_id = _start(service)
    service.answer(WS, "UA", challenge_id, MONDAY, Answer.DONE)
    clock.local(MONDAY + timedelta(days=1), 8)
    service.answer(WS, "UA", challenge_id, None, Answer.DONE)
    clock.local(MONDAY + timedelta(days=2), 7)  # Wednesday morning: away until next Wednesday
    preferences = PreferenceService(store.uow, ScheduleService(store.uow), clock)
    preferences.pause(WS, "UA", "until 2027-01-13")
    clock.local(MONDAY + timedelta(days=4), 8)  # back on Friday instead
    assert preferences.resume(WS, "UA").paused_until == MONDAY + timedelta(days=4)
    friday = service.answer(WS, "UA", challenge_id, None, Answer.DONE).result
    assert friday.open_day == MONDAY + timedelta(days=4) and friday.days[2] == friday.open_day  # Wed, Thu away
    assert friday.progress.streak == 3 and friday.progress.compliance == 1.0


def test_the_last_answer_completes_it_with_a_celebration(service: ChallengeService, clock: Clock) -> None:
    challenge_id = _start(service)
    view = service.view(WS, "UA")
    assert view is not None
    for day in view.days[:-1]:
        clock.local(day, 17)
        service.answer(WS, "UA", challenge_id, None, Answer.DONE)
    clock.local(view.days[-1], 17)
    done = service.answer(WS, "UA", challenge_id, None, Answer.DONE)
    assert done.result.challenge.status is ChallengeStatus.COMPLETE and done.result.progress.streak == 21
    assert {(m.to, type(m.notice)) for m in done.effects.messages} == {
        ("UA", ChallengeCompleted), ("UMGR", ChallengeFinishedForManager)}
    with pytest.raises(InvalidInput, match="complete"):
        service.answer(WS, "UA", challenge_id, None, Answer.DONE)
    assert service.start_form(WS, "UA").rep.user_id == "UA"  # room for a new one


def test_calendar_days_are_an_admin_setting(service: ChallengeService, store: FakeStore, clock: Clock) -> None:
    with pytest.raises(NotAllowed):
        service.set_calendar_days(WS, "UMGR", True)
    assert service.set_calendar_days(WS, "UADMIN", True).challenge_calendar_days
    _start(service)
    view = service.view(WS, "UA")
    assert view is not None and view.challenge.day_kind is DayKind.CALENDAR
    assert view.last_day == MONDAY + timedelta(days=20)
    with store.uow(read_only=True) as uow:
        reps = uow.members.get_many(WS, ["UA", "UB"])
        found = views_for(uow, WS, reps, clock(), CATALOG)
    assert set(found) == {"UA"}


def test_the_manager_chooses_the_summary_and_encourages_once_a_day(service: ChallengeService, store: FakeStore,
                                                                     clock: Clock) -> None:
    with pytest.raises(NotAllowed, match="for managers"):
        service.choose_summary(WS, "UA", "daily")
    with pytest.raises(InvalidInput, match="how often"):
        service.choose_summary(WS, "UMGR", "hourly")
    assert service.choose_summary(WS, "UMGR", "daily") == "daily"
    challenge_id = _start(service)
    with pytest.raises(NotAllowed, match="own manager"):
        service.encourage(WS, "UOTHER", challenge_id)
    with pytest.raises(NotAllowed, match="own manager"):
        service.encourage(WS, "UA", challenge_id)
    done = service.encourage(WS, "UMGR", challenge_id, Receipt("challenge.encourage", "e" * 64))
    assert [(m.to, type(m.notice).__name__) for m in done.effects.messages] == [("UA", "Encouraged")]
    with pytest.raises(InvalidInput, match="today already"):
        service.encourage(WS, "UMGR", challenge_id)
    clock.local(MONDAY + timedelta(days=1), 9)
    assert service.encourage(WS, "UMGR", challenge_id).effects.messages
    assert len(store.tables.challenges.encouragements) == 2


def test_a_flight_from_london_to_tokyo_neither_breaks_the_streak_nor_counts_a_day_twice(
        service: ChallengeService, store: FakeStore, clock: Clock) -> None:
    challenge_id = _start(service)
    clock.local(MONDAY, 17)
    service.answer(WS, "UA", challenge_id, None, Answer.DONE)
    with store.uow() as uow:  # Alex lands in Tokyo: Slack's profile moves him 9 hours ahead
        alex = uow.members.get(WS, "UA")
        assert alex is not None
        uow.members.update(replace(alex, time_zone="Asia/Tokyo"))
        uow.commit()
    clock.now = datetime(2027, 1, 4, 20, 0, tzinfo=UTC)  # Tuesday 05:00 in Tokyo, still Monday in London
    tuesday = service.answer(WS, "UA", challenge_id, None, Answer.DONE).result
    assert tuesday.open_day == MONDAY + timedelta(days=1) and tuesday.progress.streak == 2
    assert set(tuesday.records) == {MONDAY, MONDAY + timedelta(days=1)}
    assert tuesday.days[:2] == (MONDAY, MONDAY + timedelta(days=1)) and tuesday.progress.days_left == 19

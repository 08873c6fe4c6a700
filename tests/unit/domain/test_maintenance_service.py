"""Monthly maintenance check-ins over the in-memory fakes: the form, the submission, the flags and the restart."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

import pytest

from domain.catalog import load_catalog
from domain.catalog.model import Aggregate
from domain.coaching.cycle import CycleStatus
from domain.coaching.leading import WeekValue
from domain.coaching.maintenance_checkins import SLIPPING, month_value, rating_field
from domain.errors import FieldProblems, InvalidInput, NotAllowed
from domain.notifications.kind import Occasion
from domain.notifications.maintenance import maintenance_checkin_notes
from domain.receipts import Receipt, Replayed
from domain.services.cycles import CycleService, CycleStarted
from domain.services.maintenance import MaintenanceService
from domain.services.maintenance_notices import CheckinForManager, CheckinSaved, CycleRestarted
from tests.fakes import FakeStore
from tests.unit.domain.maintenance_world import DECEMBER, FEBRUARY, JANUARY, QUESTIONS, WS, debriefs, workspace

CATALOG = load_catalog()


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def store() -> FakeStore:
    return FakeStore()


@pytest.fixture
def cycles(store: FakeStore) -> dict[str, int]:
    found = workspace(store.uow)
    debriefs(store.uow)
    return found


@pytest.fixture
def clock() -> Clock:
    return Clock(DECEMBER)


@pytest.fixture
def service(store: FakeStore, clock: Clock) -> MaintenanceService:
    return MaintenanceService(store.uow, clock, CATALOG, CycleService(store.uow, clock, CATALOG))


def _check_in(service: MaintenanceService, cycle_id: int, discovery: int, closing: int = 4,
              slipping: str = "") -> CheckinForManager:
    done = service.submit_and_tell(WS, "UL", cycle_id, {"discovery": discovery, "closing": closing}, slipping)
    told = {m.to: m.notice for m in done.effects.messages}
    assert isinstance(told["UL"], CheckinSaved) and all(m.delivery is not None for m in done.effects.messages)
    manager = told["UMGR"]
    assert isinstance(manager, CheckinForManager)
    return manager


def test_the_form_shows_the_focus_skills_and_the_last_four_weeks_indicators(
        service: MaintenanceService, cycles: dict[str, int]) -> None:
    form = service.form(WS, "UL", cycles["UL"])
    assert form.skills == ("discovery", "closing") and form.month == date(2026, 12, 1)
    reading = next(r for r in form.readings if r.indicator_id == QUESTIONS)
    assert (reading.competency_id, reading.value, reading.calls) == ("discovery", 6.0, 20)
    assert form.last is None and form.current is None


def test_three_monthly_check_ins_flag_a_rating_drop_and_an_indicator_worse_two_months_running(
        service: MaintenanceService, clock: Clock, cycles: dict[str, int]) -> None:
    december = _check_in(service, cycles["UL"], 4, slipping="Forgetting to quantify")
    assert december.flags == () and december.last is None
    assert december.checkin.reading(QUESTIONS) is not None
    clock.now = JANUARY
    january = _check_in(service, cycles["UL"], 4)
    assert january.flags == ()  # one month worse is not a slide yet
    assert january.last is not None and january.last.month == date(2026, 12, 1)
    clock.now = FEBRUARY
    form = service.form(WS, "UL", cycles["UL"])
    assert form.last is not None and form.last.month == date(2027, 1, 1) and form.last.rating("discovery") == 4
    february = _check_in(service, cycles["UL"], 3)
    [flag] = february.flags
    assert (flag.competency_id, flag.rating_drop, flag.indicator_ids) == ("discovery", 1, (QUESTIONS,))
    assert [(r.indicator_id, r.value) for r in february.checkin.readings if r.indicator_id == QUESTIONS] == [
        (QUESTIONS, 4.0)]


def test_a_second_submission_the_same_month_replaces_the_first(
        service: MaintenanceService, store: FakeStore, cycles: dict[str, int]) -> None:
    _check_in(service, cycles["UL"], 4, slipping="first")
    again = _check_in(service, cycles["UL"], 2, slipping="second")
    assert again.edited is True and again.last is None  # no earlier month: nothing to compare
    assert [(c.rating("discovery"), c.slipping) for c in store.tables.maintenance_checkins.values()] == [
        (2, "second")]
    assert service.form(WS, "UL", cycles["UL"]).current is not None


def test_a_replayed_submission_stores_nothing_and_tells_nobody(
        service: MaintenanceService, store: FakeStore, cycles: dict[str, int]) -> None:
    receipt = Receipt("maintenance.checkin", "k" * 64)
    service.submit_and_tell(WS, "UL", cycles["UL"], {"discovery": 4, "closing": 4}, "", receipt)
    with pytest.raises(Replayed):
        service.submit_and_tell(WS, "UL", cycles["UL"], {"discovery": 1, "closing": 1}, "", receipt)
    assert [c.rating("discovery") for c in store.tables.maintenance_checkins.values()] == [4]


def test_every_focus_skill_needs_a_rating_and_the_text_must_fit(
        service: MaintenanceService, cycles: dict[str, int]) -> None:
    with pytest.raises(FieldProblems) as problems:
        service.submit_and_tell(WS, "UL", cycles["UL"], {"discovery": 6, "sales": 3}, "x" * 2001)
    assert set(problems.value.problems) == {rating_field("discovery"), rating_field("closing"), SLIPPING}


def test_only_the_rep_checks_in_on_their_own_cycle_and_only_in_maintenance(
        service: MaintenanceService, clock: Clock, store: FakeStore, cycles: dict[str, int]) -> None:
    with pytest.raises(NotAllowed):
        service.form(WS, "UC", cycles["UL"])  # Chen opening Lena's
    with pytest.raises(NotAllowed):
        service.submit_and_tell(WS, "UMGR", cycles["UL"], {"discovery": 4, "closing": 4}, "")
    with pytest.raises(NotAllowed):
        service.form(WS, "UL", 999)
    clock.now = datetime(2026, 10, 6, 10, tzinfo=UTC)  # week 5: still developing
    with pytest.raises(InvalidInput, match="no longer in monthly maintenance"):
        service.form(WS, "UL", cycles["UL"])
    clock.now = DECEMBER
    CycleService(store.uow, clock, CATALOG).steer(WS, "UMGR", "UL", "end")  # the manager ends maintenance
    with pytest.raises(InvalidInput, match="no longer in monthly maintenance"):
        service.form(WS, "UL", cycles["UL"])


def test_a_rep_taken_off_the_team_cannot_check_in_any_more(
        service: MaintenanceService, store: FakeStore, cycles: dict[str, int]) -> None:
    with store.uow() as uow:
        lena = uow.members.get(WS, "UL")
        assert lena is not None
        uow.members.update(replace(lena, manager_id=None))  # `/coach team remove`: the cycle stays on record
        uow.commit()
    with pytest.raises(InvalidInput, match="no manager"):
        service.submit_and_tell(WS, "UL", cycles["UL"], {"discovery": 4, "closing": 4}, "")
    assert store.tables.maintenance_checkins == {}


def _flagged_february(service: MaintenanceService, clock: Clock, cycle_id: int) -> int:
    _check_in(service, cycle_id, 4)
    clock.now = JANUARY
    _check_in(service, cycle_id, 4)
    clock.now = FEBRUARY
    return _check_in(service, cycle_id, 3).checkin.id or 0


def test_the_manager_starts_a_new_cycle_on_the_flagged_skill_once(
        service: MaintenanceService, clock: Clock, store: FakeStore, cycles: dict[str, int]) -> None:
    checkin_id = _flagged_february(service, clock, cycles["UL"])
    with pytest.raises(InvalidInput, match="not flagged"):
        service.restart_and_tell(WS, "UMGR", checkin_id, "closing")
    done = service.restart_and_tell(WS, "UMGR", checkin_id, "discovery", Receipt("maintenance.restart", "r" * 64))
    new = done.result.view.current
    assert new is not None and new.id is not None and new.starts_on == date(2027, 2, 8)  # the coming Monday
    assert store.tables.cycles[cycles["UL"]].status is CycleStatus.ENDED
    assert store.tables.diagnosis.focus[new.id] == ["discovery"]  # week 2 shows it chosen
    told = {m.to: m.notice for m in done.effects.messages}
    assert isinstance(told["UMGR"], CycleRestarted) and isinstance(told["UL"], CycleStarted)
    assert set(done.effects.refresh) == {"UMGR", "UL"}
    kept = store.tables.maintenance_checkins[checkin_id]
    assert (kept.restarted_skill, kept.new_cycle_id) == ("discovery", new.id)
    with pytest.raises(Replayed):
        service.restart_and_tell(WS, "UMGR", checkin_id, "discovery", Receipt("maintenance.restart", "r" * 64))
    with pytest.raises(InvalidInput, match="already started"):
        service.restart_and_tell(WS, "UMGR", checkin_id, "discovery")
    # The new cycle is in week 0-1, not maintenance: no more check-ins on the old one.
    with pytest.raises(InvalidInput, match="no longer in monthly maintenance"):
        service.form(WS, "UL", cycles["UL"])


def test_only_the_reps_manager_or_an_admin_may_click_the_flag(
        service: MaintenanceService, clock: Clock, store: FakeStore, cycles: dict[str, int]) -> None:
    checkin_id = _flagged_february(service, clock, cycles["UL"])
    for stranger in ("UMGR2", "UL", "UC", "UNOBODY"):
        with pytest.raises(NotAllowed, match="Only the rep's manager"):
            service.restart_and_tell(WS, stranger, checkin_id, "discovery")
    with pytest.raises(NotAllowed):
        service.restart_and_tell(WS, "UMGR", 999, "discovery")  # the same answer for no such check-in
    assert len(store.tables.cycles) == 3
    done = service.restart_and_tell(WS, "UADMIN", checkin_id, "discovery")
    assert {m.to for m in done.effects.messages} == {"UMGR", "UL", "UADMIN"}
    new = done.result.view.current
    assert new is not None and new.manager_id == "UMGR"  # the rep's manager runs it, whoever clicked


def test_the_monthly_dm_goes_to_reps_in_maintenance_only(
        service: MaintenanceService, store: FakeStore, clock: Clock, cycles: dict[str, int]) -> None:
    occasions = [Occasion(rep, "2026-12-01") for rep in ("UL", "UC", "UO", "UNOBODY")]
    CycleService(store.uow, clock, CATALOG).steer(WS, "UMGR", "UC", "end")
    with store.uow() as uow:
        otto = uow.members.get(WS, "UO")
        assert otto is not None
        uow.members.update(replace(otto, manager_id="UMGR"))  # Otto changed manager; his cycle is Omar's
        uow.commit()
    with store.uow(read_only=True) as uow:
        notes = maintenance_checkin_notes(uow, WS, occasions)
    assert [o.recipient_id for o in notes] == ["UL"]
    assert notes[occasions[0]].cycle.id == cycles["UL"] and notes[occasions[0]].month == date(2026, 12, 1)
    with store.uow(read_only=True) as uow:
        assert maintenance_checkin_notes(uow, WS, [Occasion("UL", "2026-11-03")]) != {}  # week 9
        assert maintenance_checkin_notes(uow, WS, [Occasion("UL", "2026-10-06")]) == {}  # week 5


def _week(value: float | None, calls: int) -> WeekValue:
    return WeekValue(QUESTIONS, date(2026, 11, 2), value, calls)


def test_a_months_value_weighs_weeks_by_their_calls_or_adds_totals_up() -> None:
    questions = CATALOG.indicators_for("discovery")[0]
    found = month_value(questions, [_week(6.0, 3), _week(2.0, 1), _week(None, 0)])
    assert found is not None and (found.value, found.calls) == (5.0, 4)
    total = questions.model_copy(update={"aggregate": Aggregate.TOTAL})
    summed = month_value(total, [_week(6.0, 3), _week(2.0, 1)])
    assert summed is not None and summed.value == 8.0
    empty = month_value(questions, [_week(None, 0)])
    assert empty is not None and (empty.value, empty.calls) == (None, 0)
    assert month_value(questions, []) is None

"""`weekly_indicators` over the fakes: each rep's own week, focus skills, contract targets, many reps at once."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from domain.catalog import load_catalog
from domain.coaching.calls import CallAnswers, CallRef, CallType
from domain.coaching.contract import CoachingContract, SuccessMetric
from domain.coaching.cycle import CoachingCycle
from domain.coaching.debriefs import Debrief, ShadowObservation
from domain.coaching.leading import Direction
from domain.model import Member, Role, Workspace, WorkspaceRef
from domain.services.debriefs import DebriefInput, DebriefService
from domain.services.leading_indicators import local_days, weekly_indicators
from tests.fakes import FakeStore

WS = WorkspaceRef("T1")
CATALOG = load_catalog()
ANSWERS = CallAnswers("Asked about budget early", "Let them talk longer", "Quantify the pain")
STARTED = date(2026, 11, 23)
QUESTIONS = "discovery_questions_asked"


def _store(*reps: tuple[str, str]) -> FakeStore:
    store = FakeStore()
    with store.uow() as uow:
        uow.workspaces.add(Workspace(WS))
        uow.members.add(Member(WS, "UMGR", "Maya", "America/New_York", role=Role.MANAGER))
        for rep_id, time_zone in reps:
            uow.members.add(Member(WS, rep_id, rep_id, time_zone, manager_id="UMGR"))
            cycle = uow.cycles.add(CoachingCycle(WS, rep_id, "UMGR", STARTED))
            assert cycle.id is not None
            uow.priorities.set_focus(WS, cycle.id, ["discovery"])
        uow.commit()
    return store


def _debrief_at(store: FakeStore, rep_id: str, now: datetime, questions: str = "7") -> date:
    """The rep debriefs through the use case at `now`; the day it is stored on (the form's today)."""
    service = DebriefService(store.uow, CATALOG, lambda: now)
    day = service.form(WS, rep_id).today
    service.record_and_tell(WS, rep_id, DebriefInput(CallRef("Acme"), "discovery", day, ANSWERS,
                                                     {QUESTIONS: questions}, None))
    return day


def test_a_debrief_on_friday_2330_in_sydney_counts_in_that_reps_friday_and_week() -> None:
    store = _store(("USYD", "Australia/Sydney"), ("ULA", "America/Los_Angeles"))
    friday_night = datetime(2026, 12, 11, 12, 30, tzinfo=UTC)  # Fri 23:30 in Sydney (UTC+11)
    assert _debrief_at(store, "USYD", friday_night) == date(2026, 12, 11)
    sunday_night = datetime(2026, 12, 14, 7, 30, tzinfo=UTC)  # Sun 23:30 in Los Angeles, already Monday in UTC
    assert _debrief_at(store, "ULA", sunday_night) == date(2026, 12, 13)

    with store.uow(read_only=True) as uow:
        reps = uow.members.get_many(WS, ["USYD", "ULA"]).values()
        # The Friday scorecard's moment, 15:00 on Friday in Sydney; Los Angeles is still on Thursday.
        found = weekly_indicators(uow, WS, local_days(reps, datetime(2026, 12, 11, 4, tzinfo=UTC)), 1, CATALOG)
        later = weekly_indicators(uow, WS, local_days(reps, sunday_night), 1, CATALOG)
    sydney = found["USYD"].value("discovery", QUESTIONS, date(2026, 12, 11))
    assert (sydney.label, sydney.value, sydney.calls) == ("2026-W50", 7.0, 1)
    los_angeles = later["ULA"].value("discovery", QUESTIONS, date(2026, 12, 13))
    assert (los_angeles.label, los_angeles.calls) == ("2026-W50", 1)  # the rep's Sunday, not UTC's Monday


def test_many_reps_each_get_their_skills_values_changes_and_contract_targets() -> None:
    store = _store(("UA", "Europe/London"), ("UB", "Europe/London"))
    with store.uow() as uow:
        cycle = uow.cycles.active_for(WS, "UA")
        assert cycle is not None
        uow.contracts.save(CoachingContract(WS, "UA", "UMGR", [SuccessMetric("discovery", QUESTIONS, "8 per call")],
                                            3.0, "r", "m", cycle_id=cycle.id))
        for n, (day, value) in enumerate([(date(2026, 11, 30), 4), (date(2026, 12, 1), 4), (date(2026, 12, 2), 4),
                                          (date(2026, 12, 7), 6), (date(2026, 12, 8), 6), (date(2026, 12, 9), 6)]):
            uow.debriefs.add(Debrief(WS, "UA", CallRef(f"Call {n}"), CallType.DISCOVERY, day, ANSWERS,
                                     {QUESTIONS: value}))
        seen = uow.shadow_observations.add(ShadowObservation(
            WS, "UB", "UMGR", CallRef("Globex"), CallType.DISCOVERY, date(2026, 12, 8), ANSWERS, "Good",
            indicators={QUESTIONS: 5}))
        uow.debriefs.add(Debrief(WS, "UB", CallRef("Globex"), CallType.DISCOVERY, date(2026, 12, 8), ANSWERS,
                                 {QUESTIONS: 7}, shadow_id=seen.id))
        uow.commit()
    today = date(2026, 12, 11)
    with store.uow(read_only=True) as uow:
        found = weekly_indicators(uow, WS, {"UA": today, "UB": today, "UNOCYCLE": today}, 2, CATALOG)

    a = found["UA"].value("discovery", QUESTIONS, today)
    assert (a.value, a.calls, a.change, a.direction) == (6.0, 3, 2.0, Direction.BETTER)
    assert a.target is not None and a.target.text == "8 per call" and a.gap == 2.0
    assert found["UA"].weeks == (date(2026, 11, 30), date(2026, 12, 7))
    b = found["UB"].value("discovery", QUESTIONS, today)
    assert (b.value, b.calls, b.note) == (5.0, 1, "too few calls")  # the manager's count of the shared call
    assert b.agreement is not None and (b.agreement.rep, b.agreement.observer) == (7.0, 5.0)
    assert found["UNOCYCLE"].skills == ()  # no active cycle, no focus skills


def test_other_workspaces_calls_never_count() -> None:
    store = _store(("UA", "UTC"))
    other = WorkspaceRef("T2")
    with store.uow() as uow:
        uow.workspaces.add(Workspace(other))
        for n in range(3):
            uow.debriefs.add(Debrief(other, "UA", CallRef("X"), CallType.DEMO, date(2026, 12, 7) + timedelta(n),
                                     ANSWERS, {QUESTIONS: 9}))
        uow.commit()
    with store.uow(read_only=True) as uow:
        found = weekly_indicators(uow, WS, {"UA": date(2026, 12, 11)}, 1, CATALOG)
    assert found["UA"].value("discovery", QUESTIONS, date(2026, 12, 11)).calls == 0

"""The cycle's results, the pure figures: weeks, indicator direction, scores before/after, pipeline, hours."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

from domain.catalog import load_catalog
from domain.coaching.commitments import KeptRate
from domain.coaching.contract import CoachingContract, SuccessMetric
from domain.coaching.cycle import CoachingCycle
from domain.coaching.leading import CallValues, Direction, RepIndicators, rep_indicators
from domain.coaching.results import (
    ChallengeFigures,
    CycleResults,
    CycleSpan,
    as_of,
    coaching_hours,
    cycle_span,
    first_day_after,
    indicator_results,
    pipeline_result,
    score_changes,
    sessions_held,
    team_totals,
)
from domain.coaching.scoring import CallScore
from domain.coaching.sessions import CoachingSession, SessionStatus
from domain.model import Member, WorkspaceRef
from domain.pipeline.model import DealStatus, Opportunity, Stage

CATALOG = load_catalog()
WS = WorkspaceRef("T1")
START = date(2026, 10, 5)  # a Monday: week 3 starts Oct 19, week 8 ends Nov 29
CYCLE = CoachingCycle(WS, "UA", "UM", START, id=1)
TODAY = date(2026, 12, 2)
SPAN = cycle_span(CYCLE, TODAY)
WEEK3, WEEK7, WEEK8 = date(2026, 10, 19), date(2026, 11, 16), date(2026, 11, 23)


def _calls(monday: date, indicator: str, *values: float) -> list[CallValues]:
    return [CallValues(monday + timedelta(days=n % 5), {indicator: v}) for n, v in enumerate(values)]


def _indicators(found: list[CallValues], skill: str = "closing") -> RepIndicators:
    weeks = tuple(WEEK3 - timedelta(weeks=1) + timedelta(weeks=n) for n in range(7))
    return rep_indicators("UA", [skill], weeks, found, [], CATALOG)


def test_the_span_runs_from_week_3_to_the_end_of_week_8_once_the_cycle_is_over() -> None:
    assert CycleSpan(START, WEEK3, date(2026, 11, 29), finished=True) == SPAN
    assert SPAN.recent == (WEEK7, WEEK8) and SPAN.weeks_from_3 == 6
    assert first_day_after(CYCLE) == date(2026, 11, 30)


def test_a_running_cycle_counts_up_to_today_and_an_ended_one_up_to_its_end() -> None:
    running = cycle_span(CYCLE, date(2026, 11, 4))  # a Wednesday of week 5
    assert not running.finished and running.last_day == date(2026, 11, 4)
    assert running.recent == (date(2026, 10, 26), date(2026, 11, 2)) and running.weeks_from_3 == 3
    ended = cycle_span(CYCLE.ended(date(2026, 11, 10)), TODAY)
    assert ended.finished and ended.last_day == date(2026, 11, 10)
    too_early = cycle_span(CYCLE, date(2026, 10, 21))  # in week 3 itself: nothing after it yet
    assert too_early.recent == () and too_early.weeks_from_3 == 1


def test_an_extended_cycle_ends_later_and_its_results_day_moves_with_it() -> None:
    extended = CYCLE.extended(2)
    assert first_day_after(extended) == date(2026, 12, 14)
    assert not cycle_span(extended, TODAY).finished


def test_an_indicator_where_higher_is_better_moved_the_better_way() -> None:
    found = [*_calls(WEEK3, "trial_closes_attempted", 1, 1, 1), *_calls(WEEK7, "trial_closes_attempted", 2, 3, 4),
             *_calls(WEEK8, "trial_closes_attempted", 4, 4, 4)]
    [skill] = indicator_results(_indicators(found), SPAN)
    trials = next(i for i in skill.indicators if i.indicator.id == "trial_closes_attempted")
    assert (trials.week3, trials.recent, trials.change, trials.direction) == (1.0, 3.5, 2.5, Direction.BETTER)
    assert (trials.week3_calls, trials.recent_calls) == (3, 6)


def test_fewer_days_to_a_decision_is_better_not_worse() -> None:
    found = [*_calls(WEEK3, "proposal_to_decision_days", 20, 20), *_calls(WEEK8, "proposal_to_decision_days", 12)]
    [skill] = indicator_results(_indicators(found), SPAN)
    days = next(i for i in skill.indicators if i.indicator.id == "proposal_to_decision_days")
    assert days.change == -8.0 and days.direction is Direction.BETTER
    assert days.recent == 12.0  # only week 8 had calls: its value alone, not halved by the empty week 7


def test_an_indicator_without_calls_in_week_3_has_no_change() -> None:
    found = _calls(WEEK8, "next_step_defined", True, False)
    [skill] = indicator_results(_indicators(found), SPAN)
    step = next(i for i in skill.indicators if i.indicator.id == "next_step_defined")
    assert step.week3 is None and step.recent == 50.0 and step.change is None and step.direction is None


def _score(day: date, by: str = "UM", **scores: int) -> CallScore:
    return CallScore(WS, "UA", by, f"call {day}", day, scores)


def test_call_scores_before_are_the_diagnosis_and_after_the_last_weeks_the_reps_own_left_out() -> None:
    scores = [
        _score(date(2026, 9, 20), discovery_quality=2), _score(START + timedelta(days=2), discovery_quality=3),
        _score(date(2026, 10, 27), discovery_quality=5),  # week 4: neither the diagnosis nor the last four weeks
        _score(date(2026, 11, 10), discovery_quality=4, value_connection=3),
        _score(date(2026, 11, 25), discovery_quality=5), _score(date(2026, 11, 25), by="UA", discovery_quality=1),
    ]
    changes = score_changes(scores, ["discovery_quality", "value_connection", "executive_presence"], SPAN)
    by = {c.dimension: c for c in changes}
    assert set(by) == {"discovery_quality", "value_connection"}  # a dimension nobody scored is left out
    assert (by["discovery_quality"].before, by["discovery_quality"].after) == (2.5, 4.5)
    found = by["discovery_quality"]
    assert found.change == 2.0 and (found.before_calls, found.after_calls) == (2, 2)
    assert by["value_connection"].before is None and by["value_connection"].change is None


def test_no_scores_give_no_lines() -> None:
    assert score_changes([], ["discovery_quality"], SPAN) == ()


def _deal(external_id: str, **fields: Any) -> Opportunity:
    return Opportunity(WS, external_id, "UA", **fields)


def test_a_deal_read_back_as_it_stood_on_a_day() -> None:
    won = _deal("D1", amount=Decimal(100), stage=Stage.CLOSING, status=DealStatus.WON, created_on=date(2026, 9, 1),
                closed_on=date(2026, 11, 1),
                stage_entered={Stage.PROSPECTING: date(2026, 9, 1), Stage.QUALIFYING: date(2026, 9, 20),
                               Stage.CLOSING: date(2026, 10, 20)})
    then = as_of(won, date(2026, 10, 4))
    assert then is not None and then.status is DealStatus.OPEN and then.stage is Stage.QUALIFYING
    assert Stage.CLOSING not in then.stage_entered and then.closed_on is None
    assert as_of(won, date(2026, 11, 2)) == won
    assert as_of(_deal("D2", created_on=date(2026, 10, 10)), date(2026, 10, 4)) is None
    undated = _deal("D3", amount=Decimal(5))
    assert as_of(undated, date(2026, 10, 4)) == undated


def test_pipeline_figures_before_the_cycle_against_its_end() -> None:
    deals = [
        _deal("L1", stage=Stage.QUALIFYING, status=DealStatus.LOST, created_on=date(2026, 8, 1),
              closed_on=date(2026, 9, 1), amount=Decimal(50), stage_entered={Stage.PROSPECTING: date(2026, 8, 1),
                                                                            Stage.QUALIFYING: date(2026, 8, 11)}),
        _deal("W1", stage=Stage.CLOSING, status=DealStatus.WON, created_on=date(2026, 10, 6),
              closed_on=date(2026, 11, 20), amount=Decimal(150),
              stage_entered={Stage.PROSPECTING: date(2026, 10, 6), Stage.QUALIFYING: date(2026, 10, 10)}),
    ]
    result = pipeline_result("UA", deals, SPAN)
    assert result is not None
    assert (result.before.deals, result.before.win_rate, result.before.median_deal) == (1, 0.0, Decimal(50))
    assert (result.now.deals, result.now.win_rate, result.now.median_deal) == (2, 0.5, Decimal(100))
    assert result.before.days_in_stage[0] == 10.0 and result.now.days_in_stage[0] == 7.0  # (10 + 4) / 2
    assert pipeline_result("UA", [], SPAN) is None  # no pipeline data: nothing to compare


def _session(day: date, minutes: int = 60, cancelled: bool = False) -> CoachingSession:
    return CoachingSession(WS, "UA", "UM", datetime(day.year, day.month, day.day, 15, tzinfo=UTC), minutes,
                           status=SessionStatus.CANCELLED if cancelled else SessionStatus.SCHEDULED)


def _contract(hours: float, signed: bool = True) -> CoachingContract:
    at = datetime(2026, 10, 14, tzinfo=UTC) if signed else None
    return CoachingContract(WS, "UA", "UM", [SuccessMetric("closing", "next_step_defined", "yes")], hours,
                            "r", "m", rep_signed_at=at, manager_signed_at=at)


def test_sessions_held_and_hours_against_the_contracts_promise() -> None:
    sessions = [_session(date(2026, 10, 20)), _session(date(2026, 10, 27), 30),
                _session(date(2026, 11, 3), cancelled=True), _session(date(2026, 12, 9))]  # the last is still to come
    held = sessions_held(sessions, "UA", datetime(2026, 10, 5, tzinfo=UTC), datetime(2026, 12, 2, tzinfo=UTC))
    hours = coaching_hours(held, _contract(0.5), SPAN)
    assert (hours.sessions_held, hours.hours_held, hours.weeks, hours.promised) == (2, 1.5, 6, 3.0)
    assert hours.share == 0.5
    unsigned = coaching_hours(held, _contract(1, signed=False), SPAN)
    assert unsigned.promised is None and unsigned.share is None


def test_no_sessions_and_no_contract_give_zero_hours_and_no_promise() -> None:
    hours = coaching_hours([], None, SPAN)
    assert (hours.sessions_held, hours.hours_held, hours.promised, hours.share) == (0, 0.0, None, None)


def _results(rep_id: str, kept: KeptRate, better: bool, challenge: ChallengeFigures | None = None) -> CycleResults:
    found = [*_calls(WEEK3, "trial_closes_attempted", 2), *_calls(WEEK8, "trial_closes_attempted", 3 if better else 1)]
    rep = Member(WS, rep_id, rep_id, "UTC", manager_id="UM")
    return CycleResults(WS, rep, "UM", CYCLE, SPAN, indicator_results(_indicators(found), SPAN), {},
                        (), {}, None, kept, coaching_hours([_session(date(2026, 10, 20))], _contract(1), SPAN),
                        challenge)


def test_team_totals_add_up_the_reps() -> None:
    totals = team_totals([_results("UA", KeptRate(3, 4), True), _results("UB", KeptRate(1, 2), False)])
    assert (totals.reps, totals.better, totals.worse) == (2, 1, 1)
    assert totals.kept == KeptRate(4, 6) and (totals.sessions, totals.hours, totals.promised) == (2, 2.0, 12.0)
    assert team_totals([]).promised is None

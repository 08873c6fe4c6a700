"""Leading indicators week by week, the pure rules: aggregation, the same call seen twice, too few calls, targets."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from domain.catalog import load_catalog
from domain.catalog.model import Aggregate, LeadingIndicator
from domain.coaching.calls import CallAnswers, CallRef, CallType
from domain.coaching.contract import SuccessMetric
from domain.coaching.debriefs import Debrief, ShadowObservation
from domain.coaching.indicators import IndicatorValue
from domain.coaching.leading import (
    MIN_CALLS,
    TOO_FEW,
    CallValues,
    Direction,
    Target,
    WeekValue,
    aggregate,
    mondays,
    parse_target,
    rep_indicators,
    same_calls,
)
from domain.model import WorkspaceRef

CATALOG = load_catalog()
QUESTIONS = CATALOG.indicator("discovery_questions_asked")  # count, higher is better
IMPACT = CATALOG.indicator("business_impact_quantified")  # yes/no
DAYS = CATALOG.indicator("proposal_to_decision_days")  # days, lower is better
WS = WorkspaceRef("T1")
ANSWERS = CallAnswers("a", "b", "c")
LAST_WEEK, THIS_WEEK = date(2026, 11, 30), date(2026, 12, 7)  # Mondays
WEEKS = (date(2026, 11, 23), LAST_WEEK, THIS_WEEK)


def calls(monday: date, indicator: str, *values: IndicatorValue) -> list[CallValues]:
    return [CallValues(monday + timedelta(days=n % 7), {indicator: v}) for n, v in enumerate(values)]


def one(indicator: LeadingIndicator, found: list[CallValues], target: str | None = None) -> WeekValue:
    metrics = [SuccessMetric("discovery", indicator.id, target)] if target else []
    skill = next(c.id for c in CATALOG.competencies if indicator in c.leading_indicators)
    rep = rep_indicators("UA", [skill], WEEKS, found, metrics, CATALOG)
    return rep.value(skill, indicator.id, THIS_WEEK)


def test_each_type_has_its_default_aggregation_and_the_catalog_can_declare_another() -> None:
    assert QUESTIONS.aggregation is Aggregate.AVERAGE and DAYS.aggregation is Aggregate.AVERAGE
    assert IMPACT.aggregation is Aggregate.RATE
    assert aggregate(QUESTIONS, [4, 6, 7]) == 5.7
    assert aggregate(IMPACT, [True, False, True, True]) == 75.0  # % of calls with a yes
    total = QUESTIONS.model_copy(update={"aggregate": Aggregate.TOTAL})
    assert aggregate(total, [4, 6, 7]) == 17 and aggregate(QUESTIONS, []) is None
    declared = LeadingIndicator.model_validate({"id": "x", "name": "X", "type": "count", "better": "higher",
                                                "unit": "things", "aggregate": "rate"})
    assert aggregate(declared, [0, 2, 3, 0]) == 50.0  # the share of calls where it happened


def test_a_week_shows_its_value_the_calls_behind_it_and_the_change_with_its_direction() -> None:
    value = one(QUESTIONS, [*calls(LAST_WEEK, QUESTIONS.id, 3, 4, 5), *calls(THIS_WEEK, QUESTIONS.id, 6, 6, 7, 5)])
    assert (value.value, value.calls, value.change, value.direction) == (6.0, 4, 2.0, Direction.BETTER)
    assert value.label == "2026-W50" and value.note is None and not value.too_few

    lower = one(DAYS, [*calls(LAST_WEEK, DAYS.id, 10, 12, 14), *calls(THIS_WEEK, DAYS.id, 14, 15, 16)])
    assert (lower.change, lower.direction) == (3.0, Direction.WORSE)  # more days to a decision is worse
    same = one(QUESTIONS, [*calls(LAST_WEEK, QUESTIONS.id, 4, 4, 4), *calls(THIS_WEEK, QUESTIONS.id, 4, 4, 4)])
    assert same.direction is Direction.SAME


@pytest.mark.parametrize(("last", "this"), [(MIN_CALLS - 1, 5), (5, MIN_CALLS - 1), (0, 5)])
def test_too_few_calls_in_either_week_gives_no_change_but_says_so(last: int, this: int) -> None:
    value = one(QUESTIONS, [*calls(LAST_WEEK, QUESTIONS.id, *[2] * last), *calls(THIS_WEEK, QUESTIONS.id, *[9] * this)])
    assert value.change is None and value.direction is None
    assert value.too_few and value.note == TOO_FEW
    assert value.calls == this and value.value == (9.0 if this else None)  # the week's own value is still shown


def test_only_calls_that_recorded_the_indicator_count_towards_it() -> None:
    found = [*calls(THIS_WEEK, QUESTIONS.id, 5, 5, 5), CallValues(THIS_WEEK, {IMPACT.id: True})]
    assert one(QUESTIONS, found).calls == 3 and one(IMPACT, found).calls == 1


def test_targets_are_read_from_the_contracts_text_and_give_how_far_off() -> None:
    assert parse_target(QUESTIONS, "8 per discovery call") == Target("8 per discovery call", 8.0)
    assert parse_target(IMPACT, "yes, on every proposal").value == 100.0
    assert parse_target(IMPACT, "80% of calls").value == 80.0
    assert parse_target(DAYS, "2,5 days").value == 2.5
    assert parse_target(QUESTIONS, "more than last quarter") == Target("more than last quarter", None)

    value = one(QUESTIONS, calls(THIS_WEEK, QUESTIONS.id, 5, 6, 7), "8 per discovery call")
    assert value.target == Target("8 per discovery call", 8.0) and value.gap == 2.0 and value.reached is False
    reached = one(DAYS, calls(THIS_WEEK, DAYS.id, 10, 12, 14), "14 days")
    assert reached.gap == 0 and reached.reached  # lower is better: 12 days is within 14
    text = one(QUESTIONS, calls(THIS_WEEK, QUESTIONS.id, 5), "more than last quarter")
    assert text.target is not None and text.target.text == "more than last quarter" and text.gap is None
    rate = one(IMPACT, calls(THIS_WEEK, IMPACT.id, True, False, True, True), "yes, on every proposal")
    assert (rate.value, rate.gap) == (75.0, 25.0)


def _debrief(shadow_id: int | None, questions: int, day: date = THIS_WEEK) -> Debrief:
    return Debrief(WS, "UA", CallRef("Acme"), CallType.DISCOVERY, day, ANSWERS,
                   {QUESTIONS.id: questions, IMPACT.id: True}, shadow_id=shadow_id)


def _observation(obs_id: int, questions: int, day: date = THIS_WEEK) -> ShadowObservation:
    return ShadowObservation(WS, "UA", "UMGR", CallRef("Acme"), CallType.DISCOVERY, day, ANSWERS, "ok",
                             indicators={QUESTIONS.id: questions}, id=obs_id)


def test_the_same_call_debriefed_and_shadowed_counts_once_with_the_observers_value_and_the_difference() -> None:
    found = same_calls(
        [_debrief(1, 7), _debrief(2, 9), _debrief(None, 6)],
        [_observation(1, 5), _observation(2, 8), _observation(3, 4)],  # 3: shadowed, never debriefed
    )
    assert len(found) == 4  # not six
    value = one(QUESTIONS, found)
    assert value.calls == 4 and value.value == 5.8  # (5 + 8 + 6 + 4) / 4, to one decimal
    agreement = value.agreement
    assert agreement is not None and agreement.calls == 2
    assert (agreement.rep, agreement.observer, agreement.difference) == (8.0, 6.5, 1.5)  # "you counted 8, ..."
    impact = one(IMPACT, found)  # the observer left it blank: the rep's value of that call still counts
    assert impact.calls == 3 and impact.agreement is None


def test_a_week_without_shadowed_calls_has_no_comparison() -> None:
    assert one(QUESTIONS, same_calls([_debrief(None, 6)] * 3, [])).agreement is None


def test_weeks_are_iso_weeks_ending_with_the_week_of_today() -> None:
    assert mondays(date(2026, 12, 13), 3) == WEEKS  # a Sunday is still its Monday's week
    assert mondays(date(2026, 12, 14), 1) == (date(2026, 12, 14),)


def test_skills_the_catalog_no_longer_has_are_left_out() -> None:
    rep = rep_indicators("UA", ["gone", "discovery"], WEEKS, [], [], CATALOG)
    assert [s.competency for s in rep.skills] == ["discovery"]
    assert [i.indicator.id for i in rep.skills[0].indicators] == [i.id for i in CATALOG.indicators_for("discovery")]
    assert rep.weeks == WEEKS[1:] and all(len(i.weeks) == 2 for i in rep.skills[0].indicators)

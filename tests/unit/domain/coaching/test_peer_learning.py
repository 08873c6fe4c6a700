"""The most-improved rule: who on a team is asked to share, and who never is."""

from __future__ import annotations

from datetime import date, timedelta

from domain.catalog import load_catalog
from domain.coaching.debriefs import week_label
from domain.coaching.leading import CallValues, RepIndicators, mondays, rep_indicators
from domain.coaching.peer_learning import most_improved, relative_gain

CATALOG = load_catalog()
FRIDAY = date(2026, 12, 11)  # week 2026-W50; the week before starts Mon 30 Nov
THIS, LAST = date(2026, 12, 7), date(2026, 11, 30)
QUESTIONS = "discovery_questions_asked"  # higher is better
DISCOUNTS = "price_objections_discounted"  # objection handling; lower is better


def _calls(monday: date, indicator: str, values: list[float]) -> list[CallValues]:
    return [CallValues(monday + timedelta(days=n % 5), {indicator: value}) for n, value in enumerate(values)]


def _rep(rep_id: str, skill: str, indicator: str, last: list[float], this: list[float]) -> RepIndicators:
    calls = _calls(LAST, indicator, last) + _calls(THIS, indicator, this)
    return rep_indicators(rep_id, [skill], mondays(FRIDAY, 2), calls, (), CATALOG)


def _week(*reps: RepIndicators) -> dict[str, date]:
    return {rep.rep_id: FRIDAY for rep in reps}


def test_the_rep_with_the_biggest_relative_step_in_the_better_direction_is_picked() -> None:
    alex = _rep("UA", "discovery", QUESTIONS, [4, 4, 4], [6, 6, 6])  # 4 -> 6: +40% of the two weeks' average
    bea = _rep("UB", "discovery", QUESTIONS, [8, 8, 8], [9, 9, 9])  # 8 -> 9: larger numbers, smaller step
    found = most_improved({"UA": alex, "UB": bea}, _week(alex, bea))

    assert found is not None
    assert (found.rep_id, found.competency, found.indicator) == ("UA", "discovery", QUESTIONS)
    assert (found.before, found.after, found.change, found.calls, found.label) == (4.0, 6.0, 2.0, 3, "2026-W50")
    assert found.relative_gain == relative_gain(4, 6) == 0.4


def test_one_debrief_never_wins_however_big_its_step() -> None:
    one_call = _rep("UA", "discovery", QUESTIONS, [1, 1, 1], [20])  # only one call this week
    two_weeks_ago_few = _rep("UC", "discovery", QUESTIONS, [1, 1], [20, 20, 20])  # two calls last week
    steady = _rep("UB", "discovery", QUESTIONS, [5, 5, 5], [6, 6, 6])
    team = {"UA": one_call, "UC": two_weeks_ago_few, "UB": steady}

    found = most_improved(team, _week(one_call, two_weeks_ago_few, steady))

    assert found is not None and found.rep_id == "UB"
    assert most_improved({"UA": one_call, "UC": two_weeks_ago_few}, _week(one_call, two_weeks_ago_few)) is None


def test_a_lower_is_better_indicator_improves_when_it_goes_down_and_worsens_when_it_goes_up() -> None:
    fewer_discounts = _rep("UA", "objection_handling", DISCOUNTS, [3, 3, 3], [1, 1, 1])
    more_discounts = _rep("UB", "objection_handling", DISCOUNTS, [1, 1, 1], [3, 3, 3])

    found = most_improved({"UA": fewer_discounts, "UB": more_discounts}, _week(fewer_discounts, more_discounts))

    assert found is not None and (found.rep_id, found.before, found.after) == ("UA", 3.0, 1.0)
    assert most_improved({"UB": more_discounts}, _week(more_discounts)) is None  # worse is never an improvement


def test_different_indicators_compare_by_relative_step_not_by_their_units() -> None:
    # Discounts 2 -> 1 (-1 time, 67% of the average) beats questions 10 -> 13 (+3 questions, 26%).
    discounts = _rep("UA", "objection_handling", DISCOUNTS, [2, 2, 2], [1, 1, 1])
    questions = _rep("UB", "discovery", QUESTIONS, [10, 10, 10], [13, 13, 13])

    found = most_improved({"UA": discounts, "UB": questions}, _week(discounts, questions))

    assert found is not None and found.rep_id == "UA"


def test_a_step_up_from_zero_counts_without_being_infinite() -> None:
    assert relative_gain(0, 5) == 2.0  # the most any step can be
    assert relative_gain(0, 0) == 0.0


def test_ties_go_to_the_larger_step_then_more_calls_then_the_smaller_rep_id() -> None:
    # The same relative step (x1.5): the larger step in the indicator's own unit wins.
    small = _rep("UA", "discovery", QUESTIONS, [2, 2, 2], [3, 3, 3])
    large = _rep("UZ", "discovery", QUESTIONS, [4, 4, 4], [6, 6, 6])
    found = most_improved({"UA": small, "UZ": large}, _week(small, large))
    assert found is not None and found.rep_id == "UZ"
    # The same numbers: more calls this week win; then the smaller rep id, whatever the order given.
    more_calls = _rep("UZ", "discovery", QUESTIONS, [2, 2, 2], [3, 3, 3, 3])
    found = most_improved({"UZ": more_calls, "UA": small}, _week(small, more_calls))
    assert found is not None and found.rep_id == "UZ"
    twin = _rep("UB", "discovery", QUESTIONS, [2, 2, 2], [3, 3, 3])
    for team in ({"UB": twin, "UA": small}, {"UA": small, "UB": twin}):
        found = most_improved(team, _week(small, twin))
        assert found is not None and found.rep_id == "UA"


def test_nobody_qualifies_without_calls_skills_or_a_week_to_judge() -> None:
    quiet = _rep("UA", "discovery", QUESTIONS, [], [])
    no_skills = RepIndicators("UB", mondays(FRIDAY, 1))
    improved = _rep("UC", "discovery", QUESTIONS, [4, 4, 4], [6, 6, 6])

    assert most_improved({}, {}) is None
    assert most_improved({"UA": quiet, "UB": no_skills}, _week(quiet, no_skills)) is None
    assert most_improved({"UC": improved}, {}) is None  # not judged this week: takes no part


def test_week_labels_are_iso_weeks() -> None:
    assert week_label(FRIDAY) == "2026-W50"
    assert week_label(date(2027, 1, 1)) == "2026-W53"

"""The call rules a debrief and a shadow observation share: questions, fields and indicator values."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from domain.catalog.loader import load_catalog
from domain.catalog.model import IndicatorType, LeadingIndicator
from domain.coaching.calls import CallAnswers, CallRef, CallType, observer_questions, rep_questions, validate_call
from domain.coaching.debriefs import Debrief, week_of
from domain.coaching.indicators import parse_indicator, parse_indicators, shown
from domain.model import WorkspaceRef

TODAY = date(2026, 12, 2)
FINE = CallAnswers("Asked about impact", "Pause after questions", "Quantify the pain")


def _indicator(kind: IndicatorType, unit: str = "questions") -> LeadingIndicator:
    return LeadingIndicator(id="x", name="X", type=kind, better="higher", unit=unit)


def test_the_questions_name_the_focus_skills_or_none() -> None:
    assert rep_questions(["Discovery"])[0] == "What went well regarding Discovery?"
    assert rep_questions(["Discovery", "Closing"])[0] == "What went well regarding Discovery and Closing?"
    assert rep_questions([]) == ("What went well?", "What would you do differently next time?",
                                 "What's one specific thing to practice before your next similar call?")
    assert observer_questions("Alex", ["Discovery"])[0] == "What did Alex do well regarding Discovery?"


def test_a_good_call_has_no_problems() -> None:
    assert validate_call(CallRef("Acme"), "demo", TODAY, today=TODAY, earliest=date(2026, 11, 2), answers=FINE,
                         recording_link="https://rec.example/1") == {}
    assert validate_call(CallRef("", "OPP-1"), "other", TODAY, today=TODAY, earliest=None, answers=FINE,
                         recording_link=None) == {}


@pytest.mark.parametrize(("kwargs", "field", "says"), [
    ({"ref": CallRef("  ")}, "deal", "Pick the deal or type the account"),
    ({"ref": CallRef("x" * 256)}, "deal", "Keep it to 255 characters"),
    ({"call_type": "webinar"}, "call_type", "Pick the kind of call"),
    ({"call_on": None}, "call_on", "Pick the day of the call"),
    ({"call_on": TODAY + timedelta(days=1)}, "call_on", "cannot be in the future"),
    ({"call_on": date(2026, 11, 1)}, "call_on", "started on Mon 2 Nov"),
    ({"answers": CallAnswers(" ", "a", "b")}, "went_well", "Write a sentence or two"),
    ({"answers": CallAnswers("a", "b" * 3001, "c")}, "do_differently", "Keep it to 3000 characters"),
    ({"answers": CallAnswers("a", "b", "c\x00")}, "practice_next", "NUL"),
    ({"recording_link": "http://rec.example/1"}, "recording_link", "starts with https://"),
    ({"recording_link": "javascript:alert(1)"}, "recording_link", "starts with https://"),
    ({"recording_link": "https://" + "x" * 500}, "recording_link", "Keep it to 500 characters"),
])
def test_each_bad_field_is_named_with_what_to_do(kwargs: dict, field: str, says: str) -> None:
    args = {"ref": CallRef("Acme"), "call_type": "demo", "call_on": TODAY, "answers": FINE,
            "recording_link": None} | kwargs
    problems = validate_call(args["ref"], args["call_type"], args["call_on"], today=TODAY,
                             earliest=date(2026, 11, 2), answers=args["answers"],
                             recording_link=args["recording_link"])
    assert list(problems) == [field]
    assert says in problems[field]


@pytest.mark.parametrize(("kind", "raw", "value", "problem"), [
    (IndicatorType.COUNT, "7", 7, None),
    (IndicatorType.COUNT, "", None, None),
    (IndicatorType.COUNT, "-1", None, "cannot be negative"),
    (IndicatorType.COUNT, "2.5", None, "whole number"),
    (IndicatorType.COUNT, "seven", None, "Type a number"),
    (IndicatorType.COUNT, "9" * 40, None, "Type a number"),
    (IndicatorType.COUNT, "NaN", None, "Type a number"),
    (IndicatorType.COUNT, "1e9", None, "Type a number"),
    (IndicatorType.COUNT, "١٢", None, "Type a number"),
    (IndicatorType.COUNT, "１２", None, "Type a number"),
    (IndicatorType.COUNT, "1001", None, "more than 1000"),
    (IndicatorType.PERCENTAGE, "60", 60, None),
    (IndicatorType.PERCENTAGE, "62,5", 62.5, None),
    (IndicatorType.PERCENTAGE, "101", None, "from 0 to 100"),
    (IndicatorType.DAYS, "12", 12, None),
    (IndicatorType.MINUTES, "1441", None, "more than 1440"),
    (IndicatorType.YES_NO, "yes", True, None),
    (IndicatorType.YES_NO, "no", False, None),
    (IndicatorType.YES_NO, "maybe", None, "Pick yes or no"),
])
def test_indicator_values_by_type(kind: IndicatorType, raw: str, value: object, problem: str | None) -> None:
    got, said = parse_indicator(_indicator(kind), raw)
    assert got == value and type(got) is type(value)
    assert (said is None) if problem is None else (problem in (said or ""))


def test_the_catalogs_indicators_parse_together_and_crafted_ids_are_ignored() -> None:
    discovery = load_catalog().indicators_for("discovery")
    values, problems = parse_indicators(discovery, {
        "discovery_questions_asked": "6", "business_impact_quantified": "yes", "stakeholders_identified": "-2",
        "not_in_the_catalog": "99"})
    assert values == {"discovery_questions_asked": 6, "business_impact_quantified": True}
    assert problems == {"stakeholders_identified": "This cannot be negative."}
    assert shown(discovery[0], 6) == "6 questions" and shown(discovery[1], True) == "yes"
    assert shown(discovery[0], 1) == "1 question" and shown(discovery[0], 0) == "0 questions"


def test_a_debrief_is_editable_for_seven_days_and_an_edit_keeps_the_history() -> None:
    made = datetime(2026, 12, 1, 17, tzinfo=UTC)
    debrief = Debrief(WorkspaceRef("T1"), "UA", CallRef("Acme"), CallType.DEMO, TODAY, FINE, created_at=made, id=3)
    assert debrief.editable(made + timedelta(days=6, hours=23))
    assert not debrief.editable(made + timedelta(days=7))
    edited = debrief.revised(call=CallRef("Acme"), call_type=CallType.CLOSING, call_on=TODAY,
                             answers=CallAnswers("x", "y", "z"), indicators={"a": 1}, recording_link=None,
                             now=made + timedelta(hours=1))
    assert edited.version == 2 and edited.answers.went_well == "x" and edited.id == 3
    assert edited.history[0]["went_well"] == FINE.went_well and edited.history[0]["call_type"] == "demo"


def test_this_week_runs_monday_to_sunday() -> None:
    assert week_of(date(2026, 12, 2)) == (date(2026, 11, 30), date(2026, 12, 6))
    assert week_of(date(2026, 12, 6)) == (date(2026, 11, 30), date(2026, 12, 6))

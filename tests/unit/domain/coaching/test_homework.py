"""Homework rules: due dates, late, the order of its states, what a hand-in must hold, templates on real deals."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from domain.catalog import HomeworkTemplate, load_catalog
from domain.coaching.homework import (
    ANSWER,
    DUE_ON,
    FILE,
    HAND_IN_KIND,
    LINK,
    TEXT,
    HandIn,
    HandInKind,
    Homework,
    HomeworkStatus,
    assignment_problems,
    due_date_problem,
    feedback_problem,
    hand_in_problems,
    largest_open_deals,
    link_problem,
    prefilled,
    slack_file_link,
)
from domain.errors import InvalidInput
from domain.model import WorkspaceRef
from domain.pipeline.model import DealStatus, Opportunity

WS = WorkspaceRef("T1")
FRIDAY = date(2026, 12, 11)
HOMEWORK = Homework(WS, "UA", "UMGR", "Write value propositions", FRIDAY, HandInKind.LINK, id=7)


@pytest.mark.parametrize(("due", "today", "problem"), [
    (FRIDAY, FRIDAY, None),  # due today is fine
    (date(2027, 12, 11), FRIDAY, None),  # a year ahead, to the day
    (date(2026, 12, 10), FRIDAY, "Pick today or a later day: Thu 10 Dec has passed."),
    (date(2027, 12, 12), FRIDAY, "Pick a due date within a year."),
    (None, FRIDAY, "Pick a due date."),
])
def test_a_due_date_is_today_or_later_and_within_a_year(due: date | None, today: date, problem: str | None) -> None:
    assert due_date_problem(due, today) == problem


def test_an_assignment_needs_text_a_due_date_and_what_to_hand_in() -> None:
    assert assignment_problems("Write it", FRIDAY, "file", FRIDAY) == {}
    problems = assignment_problems("  \n ", None, "fax", FRIDAY)
    assert set(problems) == {TEXT, DUE_ON, HAND_IN_KIND}
    too_long = assignment_problems("x" * 3001, FRIDAY, "text", FRIDAY)
    assert too_long == {TEXT: "Keep it to 3000 characters; this is 3001."}
    assert assignment_problems("a\x00b", FRIDAY, "text", FRIDAY)[TEXT].startswith("Remove the invisible NUL")


@pytest.mark.parametrize(("handed_in_at", "late"), [
    (datetime(2026, 12, 12, 7, 59, tzinfo=UTC), False),  # 23:59 Friday in Los Angeles
    (datetime(2026, 12, 12, 8, 0, tzinfo=UTC), True),  # 00:00 Saturday there
])
def test_a_hand_in_is_late_after_the_due_day_in_the_reps_own_calendar(handed_in_at: datetime, late: bool) -> None:
    handed = HOMEWORK.handed_in_with(HandIn(link="https://x.example"), handed_in_at)
    assert handed.handed_in_late("America/Los_Angeles") is late
    assert handed.handed_in_late("Asia/Tokyo") is True  # already Saturday afternoon in Tokyo either way
    assert not HOMEWORK.handed_in_late("America/Los_Angeles")  # not handed in: not late either


def test_open_homework_is_overdue_after_its_due_date_only() -> None:
    assert not HOMEWORK.overdue_on(FRIDAY)
    assert HOMEWORK.overdue_on(date(2026, 12, 12))
    handed = HOMEWORK.handed_in_with(HandIn(link="https://x.example"), datetime(2026, 12, 20, tzinfo=UTC))
    assert not handed.overdue_on(date(2026, 12, 21))


def test_states_move_assigned_handed_in_reviewed_and_never_back() -> None:
    at = datetime(2026, 12, 10, 12, tzinfo=UTC)
    with pytest.raises(InvalidInput, match="has not handed this homework in yet"):
        HOMEWORK.answered("Good", at)
    handed = HOMEWORK.handed_in_with(HandIn("note", link="https://x.example"), at)
    assert (handed.status, handed.handed_in_at, handed.hand_in) == (
        HomeworkStatus.HANDED_IN, at, HandIn("note", link="https://x.example"))
    with pytest.raises(InvalidInput, match="handed this homework in already"):
        handed.handed_in_with(HandIn("again"), at)
    reviewed = handed.answered("Good", at)
    assert (reviewed.status, reviewed.feedback, reviewed.feedback_at) == (HomeworkStatus.REVIEWED, "Good", at)
    with pytest.raises(InvalidInput, match="answered this homework already"):
        reviewed.answered("More", at)
    with pytest.raises(InvalidInput, match="handed this homework in already"):
        reviewed.handed_in_with(HandIn("late again"), at)
    assert HOMEWORK.ref == "h7"


@pytest.mark.parametrize(("link", "ok"), [
    ("https://docs.example.com/d/1", True),
    ("HTTPS://docs.example.com", True),
    ("http://docs.example.com", False),
    ("javascript:alert(1)", False),
    ("https://", False),
    ("https://[", False),
    ("https://docs.example.com/a b", False),
    ("docs.example.com", False),
])
def test_a_link_is_https_with_a_host(link: str, ok: bool) -> None:
    assert (link_problem(link) is None) is ok


def test_a_hand_in_holds_what_the_homework_asks_for() -> None:
    assert hand_in_problems(HandInKind.TEXT, HandIn("My answer")) == {}
    assert hand_in_problems(HandInKind.TEXT, HandIn("  ")) == {ANSWER: "Write your answer."}
    assert hand_in_problems(HandInKind.LINK, HandIn("")) == {LINK: "Paste the link to your work."}
    assert hand_in_problems(HandInKind.LINK, HandIn("", link="https://x.example")) == {}
    assert hand_in_problems(HandInKind.LINK, HandIn("n" * 3001, link="https://x.example")) == {
        ANSWER: "Keep it to 3000 characters; this is 3001."}
    assert hand_in_problems(HandInKind.FILE, HandIn("")) == {FILE: "Attach the file you are handing in."}
    assert hand_in_problems(HandInKind.FILE, HandIn("", file_id="F0ABC12")) == {}
    for forged in ("../etc", "U0ABC", "F", "f0abc", "F" + "0" * 40):
        assert hand_in_problems(HandInKind.FILE, HandIn("", file_id=forged)) == {
            FILE: "That file could not be read; attach it again."}


def test_a_files_link_is_kept_only_when_it_points_at_slack() -> None:
    assert slack_file_link("https://demo-co.slack.com/files/UA/F1/pitch.m4a") is not None
    assert slack_file_link("https://files.slack.com/files-pri/T1-F1/pitch.m4a") is not None
    assert slack_file_link("https://demo.slack-gov.com/files/UA/F1/x") is not None
    for foreign in ("https://evil.example/sign", "https://slack.com.evil.example/x", "http://demo.slack.com/x",
                    "https://evilslack.com/x", None, ""):
        assert slack_file_link(foreign) is None


def test_feedback_is_needed_and_fits() -> None:
    assert feedback_problem("Good") is None
    assert feedback_problem(" ") == "Write your feedback."
    assert feedback_problem("f" * 3001) == "Keep it to 3000 characters; this is 3001."


def _deal(name: str, amount: str | None, status: DealStatus = DealStatus.OPEN) -> Opportunity:
    return Opportunity(WS, name.lower(), "UA", name, Decimal(amount) if amount else None, status=status)


DEALS = [_deal("Initech", "50000"), _deal("Acme", "120000"), _deal("Won big", "900000", DealStatus.WON),
         _deal("Lost big", "800000", DealStatus.LOST), _deal("No amount", None), _deal("Globex", "80000.50")]


def test_the_largest_open_deals_come_first_and_deals_without_an_amount_last() -> None:
    assert [d.name for d in largest_open_deals(DEALS, 3)] == ["Acme", "Globex", "Initech"]
    assert [d.name for d in largest_open_deals(DEALS, 10)] == ["Acme", "Globex", "Initech", "No amount"]


def test_a_template_about_prospects_names_the_reps_largest_open_deals() -> None:
    template = load_catalog().competency("value_articulation").homework_templates[0]
    assert template.prospects == 3

    text = prefilled(template, DEALS)

    assert text.startswith(template.instructions)
    assert text.endswith("Your 3 largest open deals:\n• Acme (120,000)\n• Globex (80,000)\n• Initech (50,000)")
    assert prefilled(template, DEALS[:1]).endswith("Your largest open deal:\n• Initech (50,000)")
    assert prefilled(template, []).endswith("No open deals of yours are imported yet: "
                                            "pick your 3 most important prospects.")
    plain = HomeworkTemplate(id="plain", title="Plain", instructions="Do the thing.")
    assert prefilled(plain, DEALS) == "Do the thing."

"""What an admin types for `/coach admin scorecard`, and the day scorecards then come on."""

from __future__ import annotations

import re
from datetime import time

import pytest

from domain.errors import InvalidInput
from domain.model import WeeklyTime, WorkspaceSettings
from domain.scheduling.slots import SCORECARD_DEFAULT, SCORECARD_SLOT
from domain.services.scorecard_time import parse_scorecard_time, scorecard_time

SUN_THU = WorkspaceSettings(working_days=frozenset({6, 0, 1, 2, 3}))


@pytest.mark.parametrize(("typed", "weekday", "at"), [
    ("thu 16:00", 3, time(16)),
    ("Thursday 9:05", 3, time(9, 5)),
    ("  WED   07:30 ", 2, time(7, 30)),
    ("fridays 15:00", 4, time(15)),
    ("sun 00:00", 6, time(0)),
])
def test_a_day_and_a_24_hour_time_are_understood(typed: str, weekday: int, at: time) -> None:
    assert parse_scorecard_time(typed) == WeeklyTime(SCORECARD_SLOT, weekday, at)


def test_default_means_no_choice_of_ones_own() -> None:
    assert parse_scorecard_time("Default") is None


@pytest.mark.parametrize(("typed", "says"), [
    ("", "Which day? Say mon, tue, wed, thu, fri, sat or sun"),
    ("someday 16:00", "Which day?"),
    ("16:00 thu", "Which day?"),
    ("thu", "At what time?"),
    ("thu 16:00 please", "At what time?"),
    ("thu 24:00", "`24:00` is not a time I can use"),
    ("thu 16:75", "not a time I can use"),
    ("thu 4pm", "not a time I can use"),
    ("thu ١٦:٠٠", "not a time I can use"),  # other scripts' digits
])
def test_anything_else_says_what_to_type(typed: str, says: str) -> None:
    with pytest.raises(InvalidInput, match=re.escape(says)) as raised:
        parse_scorecard_time(typed)
    assert "/coach admin scorecard thu 16:00" in str(raised.value)


def test_without_a_choice_scorecards_come_on_friday_at_1500() -> None:
    found = scorecard_time(WorkspaceSettings())
    assert (found.chosen, found.is_default, found.goes_on, found.moved_by_work_week) == (
        SCORECARD_DEFAULT, True, 4, False)


def test_a_sunday_to_thursday_team_gets_fridays_on_thursday() -> None:
    found = scorecard_time(SUN_THU)
    assert (found.goes_on, found.moved_by_work_week) == (3, True)


def test_a_chosen_time_is_read_back_as_chosen() -> None:
    chosen = WeeklyTime(SCORECARD_SLOT, 2, time(16))
    found = scorecard_time(SUN_THU.with_weekly_time(SCORECARD_SLOT, chosen))
    assert (found.chosen, found.is_default, found.goes_on, found.moved_by_work_week) == (chosen, False, 2, False)

"""`/coach admin checkin ...`: reading what the admin typed, and the slot read back."""

from __future__ import annotations

import re
from datetime import time

import pytest

from domain.errors import InvalidInput
from domain.model import MonthlyTime, WorkspaceSettings
from domain.scheduling.monthly_slots import CHECKIN_SLOT
from domain.services.checkin_time import checkin_time, parse_checkin_time


@pytest.mark.parametrize(("typed", "expected"), [
    ("second wed 09:00", MonthlyTime(CHECKIN_SLOT, 2, 2, time(9))),
    ("First Tuesday 10:00", MonthlyTime(CHECKIN_SLOT, 1, 1, time(10))),
    ("4th fri 7:05", MonthlyTime(CHECKIN_SLOT, 4, 4, time(7, 5))),
    ("third thurs 16:30", MonthlyTime(CHECKIN_SLOT, 3, 3, time(16, 30))),
    ("DEFAULT", None),
])
def test_it_reads_the_week_the_working_day_and_the_time(typed: str, expected: MonthlyTime | None) -> None:
    assert parse_checkin_time(typed) == expected


@pytest.mark.parametrize(("typed", "says"), [
    ("", "Which week of the month?"),
    ("fifth wed 09:00", "Which week of the month?"),
    ("last wed 09:00", "Which week of the month?"),
    ("second sat 09:00", "Which day? Say mon, tue, wed, thu or fri"),
    ("second someday 09:00", "Which day?"),
    ("second wed", "At what time?"),
    ("second wed 09:00 please", "At what time?"),
    ("second wed 24:00", "`24:00` is not a time I can use"),
    ("second wed noon", "`noon` is not a time I can use"),
    ("second wed ٠٩:٠٠", "is not a time I can use"),
])
def test_bad_input_says_what_to_type(typed: str, says: str) -> None:
    with pytest.raises(InvalidInput, match=re.escape(says)):
        parse_checkin_time(typed)


def test_read_back_the_default_or_the_choice_in_words() -> None:
    default = checkin_time(WorkspaceSettings())
    assert default.is_default and default.words == "First Tuesday of the month at 10:00"
    chosen = checkin_time(WorkspaceSettings().with_monthly_time(CHECKIN_SLOT, MonthlyTime(CHECKIN_SLOT, 2, 2, time(9))))
    assert not chosen.is_default and chosen.words == "Second Wednesday of the month at 09:00"

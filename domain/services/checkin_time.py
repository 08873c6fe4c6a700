"""When the workspace's maintenance check-ins come: the admin's n-th weekday and time of the month.

`PreferenceService.set_checkin_time` stores the choice (and refreshes the
schedules); these are the pure parts: reading what the admin typed
(`second wed 09:00`, `default`) and the effective slot read back.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import time

from domain.errors import InvalidInput
from domain.model import MonthlyTime, WorkspaceSettings
from domain.scheduling.monthly import ORDINALS, nth_weekday_words
from domain.scheduling.monthly_slots import CHECKIN_DEFAULT, CHECKIN_SLOT
from domain.scheduling.slots import weekday_named

_EXAMPLE = "`/coach admin checkin second wed 09:00`"
_CLOCK = re.compile(r"([0-9]{1,2}):([0-9]{2})", re.ASCII)
_WORK_DAYS = range(5)  # Monday to Friday: a check-in is a working conversation
_ORDINAL_WORDS = {**{word: n for n, word in enumerate(ORDINALS, 1)}, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}


@dataclass(frozen=True)
class CheckinTime:
    """The workspace's check-in slot as an admin reads it back."""

    chosen: MonthlyTime  # the admin's choice, or the default (the first Tuesday, 10:00)
    is_default: bool

    @property
    def words(self) -> str:
        """"Second Wednesday of the month at 09:00"."""
        day = nth_weekday_words(self.chosen.week_of_month, self.chosen.weekday)
        return f"{day} of the month at {self.chosen.at:%H:%M}"


def checkin_time(settings: WorkspaceSettings) -> CheckinTime:
    chosen = settings.monthly_time(CHECKIN_SLOT)
    return CheckinTime(chosen or CHECKIN_DEFAULT, chosen is None)


def parse_checkin_time(text: str) -> MonthlyTime | None:
    """`second wed 09:00` -> the second Wednesday, 09:00; `default` -> None (the first Tuesday, 10:00)."""
    words = text.lower().split()
    if words == ["default"]:
        return None
    week = _ORDINAL_WORDS.get(words[0]) if words else None
    if week is None:
        raise InvalidInput(f"Which week of the month? Say first, second, third or fourth, then the day and "
                           f"time: {_EXAMPLE}, or `/coach admin checkin default`.")
    weekday = weekday_named(words[1]) if len(words) > 1 else None
    if weekday is None or weekday not in _WORK_DAYS:
        raise InvalidInput(f"Which day? Say mon, tue, wed, thu or fri after the week: {_EXAMPLE}.")
    if len(words) != 3:
        raise InvalidInput(f"At what time? Give the week, the day, then a 24-hour local time: {_EXAMPLE}.")
    match = _CLOCK.fullmatch(words[2])
    hours, minutes = (int(match.group(1)), int(match.group(2))) if match else (99, 99)
    if hours > 23 or minutes > 59:
        raise InvalidInput(f"`{words[2][:20]}` is not a time I can use: a 24-hour local time, 00:00 to 23:59, "
                           f"like {_EXAMPLE}.")
    return MonthlyTime(CHECKIN_SLOT, week, weekday, time(hours, minutes))

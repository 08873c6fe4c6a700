"""When the workspace's scorecards come: the admin's day and time, and the work week's say.

`PreferenceService.set_scorecard_time` stores the choice (and refreshes the
schedules); these are the pure parts: reading what the admin typed, and
working out the day scorecards actually come on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import time

from domain.errors import InvalidInput
from domain.model import WeeklyTime, WorkspaceSettings
from domain.scheduling.slots import (
    SCORECARD_DEFAULT,
    SCORECARD_GOES_BACK,
    SCORECARD_SLOT,
    delivered_weekday,
    weekday_named,
)

_EXAMPLE = "`/coach admin scorecard thu 16:00`"
# ASCII digits only (re.ASCII): `\d` also matches other scripts' digits.
_CLOCK = re.compile(r"(\d{1,2}):(\d{2})", re.ASCII)


@dataclass(frozen=True)
class ScorecardTime:
    """The workspace's scorecard slot as an admin reads it back."""

    chosen: WeeklyTime  # the admin's choice, or the default (Friday 15:00)
    is_default: bool  # no choice stored: the default applies
    goes_on: int | None  # the weekday they come on in a week without holidays; None: no working day
    working_days: frozenset[int]

    @property
    def moved_by_work_week(self) -> bool:
        return self.goes_on is not None and self.goes_on != self.chosen.weekday


def scorecard_time(settings: WorkspaceSettings) -> ScorecardTime:
    chosen = settings.weekly_time(SCORECARD_SLOT)
    effective = chosen or SCORECARD_DEFAULT
    goes_on = delivered_weekday(effective.weekday, settings.working_days, goes_back=SCORECARD_GOES_BACK)
    return ScorecardTime(effective, chosen is None, goes_on, settings.working_days)


def parse_scorecard_time(text: str) -> WeeklyTime | None:
    """`thu 16:00` -> Thursday 16:00; `default` -> None (back to Friday 15:00)."""
    words = text.split()
    if [word.lower() for word in words] == ["default"]:
        return None
    weekday = weekday_named(words[0]) if words else None
    if weekday is None:
        raise InvalidInput(f"Which day? Say mon, tue, wed, thu, fri, sat or sun, then the time: {_EXAMPLE}.")
    if len(words) != 2:
        raise InvalidInput(f"At what time? Give the day, then a 24-hour local time: {_EXAMPLE}.")
    match = _CLOCK.fullmatch(words[1])
    at = _clock(match) if match else None
    if at is None:
        raise InvalidInput(
            f"`{words[1][:20]}` is not a time I can use: a 24-hour local time, 00:00 to 23:59, like {_EXAMPLE}."
        )
    return WeeklyTime(SCORECARD_SLOT, weekday, at)


def _clock(match: re.Match[str]) -> time | None:
    hours, minutes = int(match.group(1)), int(match.group(2))
    return time(hours, minutes) if hours < 24 and minutes < 60 else None

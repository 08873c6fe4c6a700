"""Replies to `/coach admin scorecard`: when the workspace's scorecards come, and the work week's say."""

from __future__ import annotations

from typing import Any, Literal

from domain.scheduling.slots import DAY_NAMES, SCORECARD_DEFAULT
from domain.services.scorecard_time import ScorecardTime
from handlers.blocks.kit import context, message, section
from handlers.blocks.preferences import workdays_text

_SHORT = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_DEFAULT = f"{DAY_NAMES[SCORECARD_DEFAULT.weekday]}s {SCORECARD_DEFAULT.at:%H:%M}"

Change = Literal["shown", "set", "reset"]


def _work_week_span(days: frozenset[int]) -> str:
    """`Sun-Thu` for an unbroken run of days, else the list of days in the order the week runs."""
    starts = [day for day in days if (day - 1) % 7 not in days]
    if len(starts) == 1 and len(days) >= 2:
        first = starts[0]
        return f"{_SHORT[first]}-{_SHORT[(first + len(days) - 1) % 7]}"
    return workdays_text(days)


def _scorecard_time_text(found: ScorecardTime) -> str:
    """"Fridays at 15:00": the day and time chosen (the warning says where a day off sends them)."""
    return f"{DAY_NAMES[found.chosen.weekday]}s at {found.chosen.at:%H:%M}"


def scorecard_time_message(found: ScorecardTime, change: Change) -> dict[str, Any]:
    when = f"*{_scorecard_time_text(found)}*, in each person's own time zone"
    if change == "set":
        lines = [f":white_check_mark: Scorecards and the managers' team digest are now set for {when}."]
    elif change == "reset":
        lines = [f":white_check_mark: Scorecards are back to the default: {when}."]
    else:
        default = " (the default)" if found.is_default else ""
        lines = [f"Scorecards and the managers' team digest are set for {when}{default}."]
    if found.goes_on is None:
        lines.append(":warning: This workspace has no working days, so no scorecards go out. "
                     "Set them with `/coach admin workweek mon-fri`.")
    elif found.moved_by_work_week:
        chosen, goes_on = DAY_NAMES[found.chosen.weekday], DAY_NAMES[found.goes_on]
        lines.append(f":warning: {chosen} is not in your work week ({_work_week_span(found.working_days)}): "
                     f"scorecards will go on {goes_on}.")
    text = "\n".join(lines)
    return message(
        text,
        [section(text),
         context(f"Change with `/coach admin scorecard thu 16:00`; `/coach admin scorecard default` goes back "
                 f"to {_DEFAULT}. On a holiday they come on the working day before it that week.")],
    )

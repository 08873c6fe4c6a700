"""When a rep's 21-day challenge nudge comes: the time they chose, within sensible hours.

The start form offers a time picker (08:30 unless changed) and `/challenge
time 07:45` moves it for the running challenge. Only 06:00 to 20:00 local:
a nudge asks about today's calls, so not in the middle of the night. The
nudge's ledger period is the day, not the time (`Run.period_on`), so a
change never sends a day twice. Pure.
"""

from __future__ import annotations

import re
from datetime import time

from domain.coaching.challenge_model import NUDGE_AT
from domain.errors import InvalidInput

EARLIEST, LATEST = time(6, 0), time(20, 0)
NUDGE_TIME = "nudge_at"  # the start form's time picker
_CLOCK = re.compile(r"([0-9]{1,2}):([0-9]{2})", re.ASCII)
_EXAMPLE = "`/challenge time 07:45`"


def nudge_time_problem(at: time) -> str | None:
    """Why `at` cannot be the nudge's time, or None."""
    if EARLIEST <= at <= LATEST:
        return None
    return f"Pick a time from {EARLIEST:%H:%M} to {LATEST:%H:%M}, your local time."


def read_nudge_time(text: str | None) -> time:
    """`07:45` -> 07:45; empty -> the default 08:30; anything else, or outside 06:00-20:00, refused."""
    words = (text or "").split()
    if not words:
        return NUDGE_AT
    match = _CLOCK.fullmatch(words[0]) if len(words) == 1 else None
    hours, minutes = (int(match.group(1)), int(match.group(2))) if match else (99, 99)
    if hours > 23 or minutes > 59:
        raise InvalidInput(f"`{' '.join(words)[:20]}` is not a time I can use: a 24-hour local time like "
                           f"{_EXAMPLE}, from {EARLIEST:%H:%M} to {LATEST:%H:%M}.")
    at = time(hours, minutes)
    problem = nudge_time_problem(at)
    if problem is not None:
        raise InvalidInput(f"{problem} For example {_EXAMPLE}.")
    return at

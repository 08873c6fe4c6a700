"""Reading when a 1:1 session starts from what a manager types, in the manager's own time zone.

Accepted: `today 16:30`, `tomorrow 15:00`, a weekday (`fri 9:30`: the next
Friday; today when it is Friday and the time is still ahead), an ISO date
(`2026-12-02 14:00`), and a time alone (`15:00`: today). Times read as
24-hour `15:00` / `9:30` or 12-hour `3pm` / `9:30am` / `3 pm`.

The wall-clock time is turned into an instant with `resolve_local`, so the
days clocks change are safe: a time that does not exist (clocks jump
forward) books the first minute after the jump, and a time that happens
twice (clocks go back) books the first of the two; either way the note says
so, and the confirmation shows the time that was booked.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from domain.errors import InvalidInput
from domain.scheduling.calendar import resolve_local

FORMS = "`tomorrow 15:00`, `today 16:30`, `fri 9:30`, `2026-12-02 14:00` or `3pm` / `9:30am` after a day"
_DAYS = {
    "mon": 0, "monday": 0, "tue": 1, "tues": 1, "tuesday": 1, "wed": 2, "wednesday": 2,
    "thu": 3, "thur": 3, "thurs": 3, "thursday": 3, "fri": 4, "friday": 4,
    "sat": 5, "saturday": 5, "sun": 6, "sunday": 6,
}
_ISO_DAY = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})", re.ASCII)
_CLOCK = re.compile(r"([0-9]{1,2})(?::([0-9]{2}))?\s*(am|pm)?", re.ASCII | re.IGNORECASE)


@dataclass(frozen=True)
class When:
    """The instant a typed or picked time stands for; `note` says when it is not quite what was asked."""

    starts_at: datetime  # aware, UTC
    note: str | None = None


def unreadable(typed: str) -> InvalidInput:
    shown = " ".join(typed.split())[:60] or "nothing"
    return InvalidInput(f"I could not read `{shown}` as a time. Try {FORMS} (read in your own time zone).")


def parse_clock(text: str) -> time | None:
    """`15:00`, `9:30`, `3pm`, `9:30am`, `12am` (midnight); None when it is not a time of day."""
    found = _CLOCK.fullmatch(text.strip())
    if found is None:
        return None
    hour, minute, half = int(found.group(1)), int(found.group(2) or 0), (found.group(3) or "").lower()
    if found.group(2) is None and not half:
        return None  # a bare "15" is more likely a date or a typo than a time
    if minute > 59:
        return None
    if half:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if half == "pm" else 0)
    elif hour > 23:
        return None
    return time(hour, minute)


def _day(word: str, today: date, at: time, now_local: datetime) -> date | None:
    word = word.lower()
    if word == "today":
        return today
    if word == "tomorrow":
        return today + timedelta(days=1)
    if word in _DAYS:
        ahead = (_DAYS[word] - today.weekday()) % 7
        if ahead == 0 and at <= now_local.time().replace(tzinfo=None):
            ahead = 7  # "fri 9:30" on a Friday at 10:00 means next Friday
        return today + timedelta(days=ahead)
    iso = _ISO_DAY.fullmatch(word)
    if iso is not None:
        try:
            return date(int(iso.group(1)), int(iso.group(2)), int(iso.group(3)))
        except ValueError:
            return None
    return None


def parse_when(typed: str, now: datetime, tz: ZoneInfo) -> When:
    """The instant `typed` names, read in `tz` as of `now`; `InvalidInput` names the forms accepted."""
    words = typed.split()
    now_local = now.astimezone(tz)
    today = now_local.date()
    if not words or len(words) > 3:
        raise unreadable(typed)
    # A day word first (optional), then the time, which may be "3 pm" in two words.
    first_is_day = _day(words[0], today, time(23, 59), now_local) is not None
    clock_text = " ".join(words[1:] if first_is_day else words)
    at = parse_clock(clock_text)
    if at is None:
        raise unreadable(typed)
    day = _day(words[0], today, at, now_local) if first_is_day else today
    if day is None:
        raise unreadable(typed)
    return local_instant(day, at, tz)


def local_instant(day: date, at: time, tz: ZoneInfo) -> When:
    """`day at` on the wall clock of `tz`, as an instant; a note when clocks change at that time."""
    starts_at = resolve_local(day, at, tz)
    booked = starts_at.astimezone(tz)
    wall = datetime(day.year, day.month, day.day, at.hour, at.minute, tzinfo=tz)
    if booked.replace(tzinfo=None) != wall.replace(tzinfo=None):
        return When(starts_at, f"{at:%H:%M} does not exist on {day:%a %-d %b} where you are (the clocks go "
                               f"forward), so it is booked for {booked:%H:%M}.")
    later = wall.replace(fold=1)
    if later.utcoffset() != wall.utcoffset():
        return When(starts_at, f"{at:%H:%M} happens twice on {day:%a %-d %b} where you are (the clocks go "
                               f"back); it is booked for the first, {booked:%H:%M} {booked.tzname() or ''}."
                    .replace(" .", "."))
    return When(starts_at.astimezone(UTC))

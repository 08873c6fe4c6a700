"""The 21-day challenge (issue 13, stage 5): its days, when a day's answer closes, streaks and compliance.

The rep commits to one concrete behaviour per focus skill and answers once a
day: did it, missed, or no relevant calls today. These are the rules; the
scheduling, storage and Slack parts build on them.

- Days. `CHALLENGE_DAYS` challenge days from the start: working days (the
  default) or calendar days, a workspace setting. A day off (a holiday, the
  rep's time off) is not a challenge day: it pauses the challenge and the
  end moves out by one. Days are the rep's local dates, so travel never
  makes a day count twice or vanish: the day is its date wherever they are.
- Answers. A day's answer counts until the rep's next local midnight plus
  `GRACE` (in the zone they are in when they answer); after that an
  unanswered day is missed. Answering again before then replaces the answer.
- Repair. Once per challenge, a missed day can be made up on the next
  challenge day (that day's date in the rep's calendar): it then counts as
  done, marked repaired.
- Figures. Compliance, the headline, is days done over relevant days: days
  closed (answered, or past their deadline) that were not "no relevant calls".
  The streak is the run of done days up to the latest closed day; a
  "no relevant calls" day neither breaks nor extends it. One missed day
  resets the streak, not the compliance.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from domain.errors import InvalidInput
from domain.scheduling.calendar import resolve_local

CHALLENGE_DAYS = 21
GRACE = timedelta(hours=3)  # past local midnight, a late answer still counts (a rep answering on the way home)
REPAIRS = 1
_FAR = 3 * 366  # days: a challenge paused longer than this is not looked for


class DayKind(str, enum.Enum):
    WORKING = "working"
    CALENDAR = "calendar"


class Answer(str, enum.Enum):
    DONE = "done"
    MISSED = "missed"
    NO_CALLS = "no_calls"


class DayStatus(str, enum.Enum):
    DONE = "done"
    REPAIRED = "repaired"  # missed, then made up the next day
    MISSED = "missed"  # answered "missed", or left unanswered past its deadline
    NO_CALLS = "no_calls"
    OPEN = "open"  # still answerable
    AHEAD = "ahead"


@dataclass(frozen=True)
class DayRecord:
    day: date  # the challenge day, the rep's local date
    answer: Answer
    note: str = ""
    repaired: bool = False


def challenge_days(start: date, is_off: Callable[[date], bool], count: int = CHALLENGE_DAYS) -> tuple[date, ...]:
    """The challenge's days in order from `start`: working days (or every day) that are not days off.

    `is_off(day)`: a holiday or the rep's time off; a non-working day for a working-days challenge
    is the caller's `is_off` too (see `days_off`). Each day off moves the end out by one.
    """
    days: list[date] = []
    day = start
    while len(days) < count and (day - start).days <= _FAR:
        if not is_off(day):
            days.append(day)
        day += timedelta(days=1)
    return tuple(days)


def days_off(kind: DayKind, working_days: frozenset[int], holidays: frozenset[date],
             away: Callable[[date], bool]) -> Callable[[date], bool]:
    """`is_off` for `challenge_days`: outside the work week (working-days challenges), a holiday, or away."""
    def is_off(day: date) -> bool:
        return ((kind is DayKind.WORKING and day.weekday() not in working_days)
                or day in holidays or away(day))
    return is_off


def answer_deadline(day: date, tz: ZoneInfo) -> datetime:
    """Until when `day`'s answer counts: the next local midnight in `tz` plus `GRACE`."""
    return resolve_local(day + timedelta(days=1), time(0), tz) + GRACE


def answerable_day(days: Sequence[date], now: datetime, tz: ZoneInfo) -> date | None:
    """The challenge day an answer sent `now` belongs to: the earliest day that has begun in `tz` and whose
    deadline has not passed (at 01:00 that is yesterday, still within its grace, not today); None when there is
    none (before the start, or after the last day closed)."""
    today = now.astimezone(tz).date()
    for day in days:
        if day > today:
            return None
        if now < answer_deadline(day, tz):
            return day
    return None


def record_answer(records: Mapping[date, DayRecord], days: Sequence[date], day: date, answer: Answer,
                  now: datetime, tz: ZoneInfo, note: str = "") -> dict[date, DayRecord]:
    """The records with `day`'s answer (the day the nudge was for, so a late answer after midnight still
    lands on it); answering again replaces it. Refused for a day not begun, closed, or not in the challenge."""
    if day not in days:
        raise InvalidInput("That day is not a day of your challenge.")
    if now.astimezone(tz).date() < day:
        raise InvalidInput("That challenge day has not begun yet.")
    if now >= answer_deadline(day, tz):
        raise InvalidInput(f"{day:%a %-d %b} closed at midnight (plus {int(GRACE.total_seconds() // 3600)} h): "
                           "it counts as missed. One missed day can be made up the next day.")
    if (kept := records.get(day)) is not None and kept.repaired:
        raise InvalidInput("That day was made up already.")
    return {**records, day: DayRecord(day, answer, note.strip())}


def repair(records: Mapping[date, DayRecord], days: Sequence[date], now: datetime, tz: ZoneInfo
           ) -> dict[date, DayRecord]:
    """Make up the missed day before today's challenge day: once per challenge, only on the next day."""
    if sum(1 for r in records.values() if r.repaired) >= REPAIRS:
        raise InvalidInput("You have used this challenge's repair already: one missed day can be made up.")
    today = now.astimezone(tz).date()
    if today not in days or days.index(today) == 0:
        raise InvalidInput("A missed day can be made up only on the next challenge day.")
    missed = days[days.index(today) - 1]
    if status_of(records.get(missed), missed, now, tz) is not DayStatus.MISSED:
        raise InvalidInput("Yesterday's challenge day was not missed, so there is nothing to make up.")
    return {**records, missed: DayRecord(missed, Answer.DONE, "made up the next day", repaired=True)}


def status_of(record: DayRecord | None, day: date, now: datetime, tz: ZoneInfo) -> DayStatus:
    if record is not None:
        if record.repaired:
            return DayStatus.REPAIRED
        return {Answer.DONE: DayStatus.DONE, Answer.MISSED: DayStatus.MISSED,
                Answer.NO_CALLS: DayStatus.NO_CALLS}[record.answer]
    if now >= answer_deadline(day, tz):
        return DayStatus.MISSED
    return DayStatus.OPEN if now.astimezone(tz).date() >= day else DayStatus.AHEAD


@dataclass(frozen=True)
class ChallengeProgress:
    statuses: tuple[tuple[date, DayStatus], ...]
    streak: int
    longest_streak: int
    done: int
    relevant: int
    days_left: int  # challenge days not yet closed, today's open one included
    repairs_left: int

    @property
    def compliance(self) -> float | None:
        """Days done over relevant days; None before any relevant day has closed."""
        return self.done / self.relevant if self.relevant else None

    @property
    def complete(self) -> bool:
        return self.days_left == 0


_DONE = frozenset({DayStatus.DONE, DayStatus.REPAIRED})
_CLOSED = frozenset({DayStatus.DONE, DayStatus.REPAIRED, DayStatus.MISSED, DayStatus.NO_CALLS})


def progress(records: Mapping[date, DayRecord], days: Sequence[date], now: datetime,
             tz: ZoneInfo) -> ChallengeProgress:
    """Streak, longest streak, compliance and days left as of `now` in the rep's zone `tz`."""
    statuses = tuple((day, status_of(records.get(day), day, now, tz)) for day in days)
    streak = longest = 0
    for _day, status in statuses:
        if status in _DONE:
            streak += 1
            longest = max(longest, streak)
        elif status is DayStatus.MISSED:
            streak = 0
        elif status is not DayStatus.NO_CALLS:
            break  # open or ahead: the streak so far is the current one
    done = sum(1 for _, s in statuses if s in _DONE)
    relevant = sum(1 for _, s in statuses if s in _CLOSED and s is not DayStatus.NO_CALLS)
    left = sum(1 for _, s in statuses if s not in _CLOSED)
    used = sum(1 for r in records.values() if r.repaired)
    return ChallengeProgress(statuses, streak, longest, done, relevant, left, max(0, REPAIRS - used))


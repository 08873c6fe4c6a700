"""1:1 coaching sessions between a rep and their manager: the model and its rules.

A session is the anchor the rest of the coaching conversation hangs off:
the rep's pre-work (agenda, questions), the session card at its start,
takeaways and the action plan all name a session by its id.

Rules:
- Who: the rep's own manager books, moves and cancels; so may a workspace
  admin, for any rep who has a manager (the session is always between the
  rep and that manager). Only the rep, the session's manager and an admin
  see a session; a rep does not change one (they ask their manager).
- When: not in the past, within a year, `MIN_MINUTES`-`MAX_MINUTES` long,
  and never overlapping another scheduled session of the same pair (their
  [start, start + minutes) intervals).
- Series: weekly or bi-weekly, stored as single occurrences `SERIES_SPAN`
  (8 weeks) ahead, each at the same wall-clock time in the manager's zone
  (across a DST change too), all sharing `series_id` (the first's id), so
  one occurrence can be moved or cancelled alone, or the rest of the series
  cancelled at once. Eight weeks is one coaching cycle (fixed rather than
  the rep's cycle end, so a rep without an active cycle gets the same);
  booking again starts the next series.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from domain.errors import InvalidInput
from domain.model import WorkspaceRef
from domain.scheduling.calendar import resolve_local

DEFAULT_MINUTES = 45
MIN_MINUTES, MAX_MINUTES = 15, 240
DURATIONS = (15, 30, 45, 60, 90)  # what the modal offers
SERIES_SPAN = timedelta(weeks=8)
MAX_AHEAD = timedelta(days=365)
# Field keys of the problems, shared with the modal's reader.
DAY, TIME, MINUTES, REPEAT = "day", "time", "minutes", "repeat"


class Repeat(str, enum.Enum):
    ONCE = "once"
    WEEKLY = "weekly"
    BIWEEKLY = "biweekly"

    @property
    def every(self) -> timedelta | None:
        return {Repeat.WEEKLY: timedelta(weeks=1), Repeat.BIWEEKLY: timedelta(weeks=2)}.get(self)

    @property
    def label(self) -> str:
        return {Repeat.ONCE: "once", Repeat.WEEKLY: "every week", Repeat.BIWEEKLY: "every other week"}[self]


def repeat_of(raw: object) -> Repeat | None:
    text = str(raw).strip().lower().replace("-", "") if raw is not None else "once"
    return next((r for r in Repeat if r.value == text), None)


class SessionStatus(str, enum.Enum):
    SCHEDULED = "scheduled"
    CANCELLED = "cancelled"


class ChangeKind(str, enum.Enum):
    RESCHEDULED = "rescheduled"
    CANCELLED = "cancelled"


@dataclass(frozen=True)
class SessionChange:
    """One change in a session's history: who moved or cancelled it, when, and from what start."""

    kind: ChangeKind
    by: str
    at: datetime
    from_start: datetime | None = None  # a move's previous start


@dataclass(frozen=True)
class CoachingSession:
    workspace: WorkspaceRef
    rep_id: str
    manager_id: str
    starts_at: datetime  # aware, UTC
    minutes: int = DEFAULT_MINUTES
    repeat: Repeat = Repeat.ONCE
    series_id: int | None = None  # the first occurrence's id; None for a one-off
    status: SessionStatus = SessionStatus.SCHEDULED
    created_at: datetime | None = None
    id: int | None = None
    history: tuple[SessionChange, ...] = ()

    @property
    def ref(self) -> str:
        """The anchor ref (pre-work, session card): stays put while the session exists."""
        return f"s{self.id}"

    @property
    def ends_at(self) -> datetime:
        return self.starts_at + timedelta(minutes=self.minutes)

    @property
    def is_scheduled(self) -> bool:
        return self.status is SessionStatus.SCHEDULED

    def involves(self, user_id: str) -> bool:
        return user_id in (self.rep_id, self.manager_id)

    def overlaps(self, starts_at: datetime, ends_at: datetime) -> bool:
        return self.is_scheduled and self.starts_at < ends_at and starts_at < self.ends_at

    def moved_to(self, starts_at: datetime, by: str, at: datetime) -> CoachingSession:
        if not self.is_scheduled:
            raise InvalidInput("That session was cancelled; book a new one instead.")
        change = SessionChange(ChangeKind.RESCHEDULED, by, at, self.starts_at)
        return replace(self, starts_at=starts_at, history=(*self.history, change))

    def cancelled_by(self, by: str, at: datetime) -> CoachingSession:
        if not self.is_scheduled:
            raise InvalidInput("That session is cancelled already.")
        change = SessionChange(ChangeKind.CANCELLED, by, at)
        return replace(self, status=SessionStatus.CANCELLED, history=(*self.history, change))


def start_problem(starts_at: datetime, now: datetime, tz: ZoneInfo) -> str | None:
    """Not in the past, not more than a year ahead; said in the manager's zone."""
    if starts_at <= now:
        local = starts_at.astimezone(tz)
        return (f"{local:%a %-d %b %H:%M} has passed where you are (it is {now.astimezone(tz):%H:%M} now). "
                "Pick a later time, e.g. `tomorrow 15:00`.")
    if starts_at > now + MAX_AHEAD:
        return "Book a session within the next year."
    return None


def minutes_problem(minutes: int | None) -> str | None:
    if minutes is None or not MIN_MINUTES <= minutes <= MAX_MINUTES:
        return f"A session lasts {MIN_MINUTES} to {MAX_MINUTES} minutes."
    return None


def occurrences(first: datetime, repeat: Repeat, tz: ZoneInfo) -> list[datetime]:
    """The starts of a booking: one, or a series `SERIES_SPAN` long at the same local time in `tz`.

    Each occurrence is resolved on its own day, so 15:00 stays 15:00 for the
    manager across a DST change (the UTC instant moves by the hour).
    """
    step = repeat.every
    if step is None:
        return [first]
    local = first.astimezone(tz)
    at = time(local.hour, local.minute)
    count = SERIES_SPAN // step
    days: list[date] = [local.date() + step * n for n in range(count)]
    return [first, *(resolve_local(day, at, tz) for day in days[1:])]


def clash(existing: list[CoachingSession], starts_at: datetime, minutes: int,
          ignoring: int | None = None) -> CoachingSession | None:
    """The first scheduled session of the pair that [starts_at, +minutes) overlaps (not `ignoring`)."""
    ends_at = starts_at + timedelta(minutes=minutes)
    return next((s for s in sorted(existing, key=lambda s: s.starts_at)
                 if s.id != ignoring and s.overlaps(starts_at, ends_at)), None)


def next_of(sessions: list[CoachingSession], after: datetime) -> CoachingSession | None:
    """The next scheduled session starting after `after`."""
    ahead = [s for s in sessions if s.is_scheduled and s.starts_at > after]
    return min(ahead, key=lambda s: (s.starts_at, s.id or 0), default=None)

"""Notification kinds: what is sent, to whom, at which local time, and until when.

Each feature registers its kind here (the manager's week-ahead note, the
cycle's week 1-2 reminders; Friday scorecards, challenge nudges, check-ins
later) and the scheduling
engine treats them all the same way.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import time


class Cadence(str, enum.Enum):
    DAILY = "daily"  # every working day
    WEEKLY = "weekly"  # once a week, on `weekday` (or the next working day that week)
    MONTHLY = "monthly"  # once a month, on `day_of_month` (or the next working day)


class Audience(str, enum.Enum):
    MANAGERS = "managers"  # people who coach at least one rep
    REPS = "reps"  # people on a coaching team
    EVERYONE = "everyone"


@dataclass(frozen=True)
class Staleness:
    """When an occurrence stops being worth sending, relative to its local date.

    `days_after=1, at=time(0)` is local end of the day; `days_after=1,
    at=time(12)` is noon the next day; `days_after=3, at=None` is three days
    after the scheduled local time.
    """

    days_after: int
    at: time | None = None


@dataclass(frozen=True)
class NotificationKind:
    name: str  # the ledger's `kind`, e.g. "week_ahead"
    title: str  # what people see in `/coach notify` and App Home
    audience: Audience
    cadence: Cadence
    local_time: time
    stale: Staleness
    weekday: int | None = None  # WEEKLY: date.weekday() of the week's anchor day
    day_of_month: int | None = None  # MONTHLY
    respects_working_days: bool = True

    def __post_init__(self) -> None:
        if self.cadence is Cadence.WEEKLY and self.weekday is None:
            raise ValueError(f"{self.name}: a weekly kind needs a weekday")
        if self.cadence is Cadence.MONTHLY and not self.day_of_month:
            raise ValueError(f"{self.name}: a monthly kind needs a day_of_month")


WEEK_AHEAD = NotificationKind(
    name="week_ahead",
    title="Monday week-ahead note (managers)",
    audience=Audience.MANAGERS,
    cadence=Cadence.WEEKLY,
    weekday=0,
    local_time=time(8, 0),
    stale=Staleness(days_after=1, at=time(0, 0)),  # worth reading until the day ends
)

# Weeks 1 and 2 of a coaching cycle: the rep hears on Monday what the week asks
# of them (the self-assessment arrives at the start of week 1); the manager
# gets a mid-week list of what each rep still needs. Both stay silent when
# nothing is missing or no rep is in those weeks.
CYCLE_TASKS = NotificationKind(
    name="cycle_tasks",
    title="Monday tasks in cycle weeks 1-2 (reps)",
    audience=Audience.REPS,
    cadence=Cadence.WEEKLY,
    weekday=0,
    local_time=time(9, 0),
    stale=Staleness(days_after=2, at=time(0, 0)),
)

TEAM_TASKS = NotificationKind(
    name="team_tasks",
    title="Wednesday what's-missing note in cycle weeks 1-2 (managers)",
    audience=Audience.MANAGERS,
    cadence=Cadence.WEEKLY,
    weekday=2,
    local_time=time(9, 0),
    stale=Staleness(days_after=1, at=time(0, 0)),
)

KINDS: dict[str, NotificationKind] = {kind.name: kind for kind in (WEEK_AHEAD, CYCLE_TASKS, TEAM_TASKS)}

"""What a scheduled kind declares to the engine: to whom, how often, at which local time, until when.

The kinds themselves (the week-ahead note, the cycle reminders, ...) live in
`domain/notifications/`, one module each, and are listed in
`domain.notifications.registry.KINDS`; the engine (calendar, due plan,
`ScheduleService`) treats every kind the same way through this spec.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import time, timedelta

from domain.scheduling.anchors import AnchorSource
from domain.scheduling.monthly import monthly_problems, nth_weekday_words


class Cadence(str, enum.Enum):
    # Periodic: the calendar alone decides, the same for everyone in the audience.
    DAILY = "daily"  # every working day
    WEEKLY = "weekly"  # once a week, on `weekday` (or the next working day that week)
    MONTHLY = "monthly"  # once a month, on `day_of_month` (or the next working day)
    # ... or on the `week_of_month`-th `weekday` ("the first Tuesday"): domain.scheduling.monthly
    # Anchored: each recipient's own data decides, through the kind's `source`.
    BEFORE_INSTANT = "before_instant"  # `before` ahead of an Appointment ("24 h before the session")
    ON_DATE = "on_date"  # at `local_time` on a Deadline's day (the last working day up to it)
    WORKING_DAY_RUN = "working_day_run"  # at `local_time` on every working day of a Run

    @property
    def anchored(self) -> bool:
        return self in _ANCHORED


_ANCHORED = frozenset({Cadence.BEFORE_INSTANT, Cadence.ON_DATE, Cadence.WORKING_DAY_RUN})


class Audience(str, enum.Enum):
    MANAGERS = "managers"  # people who coach at least one rep
    REPS = "reps"  # people on a coaching team
    EVERYONE = "everyone"


@dataclass(frozen=True)
class Staleness:
    """When an occurrence stops being worth sending.

    Relative to its local date: `days_after=1, at=time(0)` is local end of
    the day; `days_after=1, at=time(12)` is noon the next day; `days_after=3,
    at=None` is three days after the scheduled local time. BEFORE_INSTANT
    kinds count back from the appointment instead: `before_instant=
    timedelta(0)` is stale once it starts, `timedelta(hours=12)` half a day
    before, `-timedelta(minutes=15)` a quarter of an hour after it started.
    """

    days_after: int = 0
    at: time | None = None
    before_instant: timedelta | None = None


END_OF_DAY = Staleness(days_after=1, at=time(0))


@dataclass(frozen=True)
class NotificationKind:
    name: str  # the ledger's `kind`, e.g. "week_ahead"
    title: str  # what people see in `/coach notify` and App Home
    audience: Audience
    cadence: Cadence
    local_time: time | None = None  # every cadence but BEFORE_INSTANT
    stale: Staleness = END_OF_DAY
    weekday: int | None = None  # WEEKLY: date.weekday() of the week's anchor day
    day_of_month: int | None = None  # MONTHLY
    # MONTHLY instead of `day_of_month`: the n-th (1-4) `weekday` of the month, e.g. 1 and 1: the first Tuesday.
    week_of_month: int | None = None
    respects_working_days: bool = True
    before: timedelta | None = None  # BEFORE_INSTANT: how long ahead of the appointment (elapsed time)
    source: AnchorSource | None = None  # anchored cadences: who lists each recipient's anchors
    # Anchored kinds whose anchors follow other features' data (a cycle's weeks, its focus skills),
    # which change without a `refresh_people`: look at each recipient again at least this often.
    recheck: timedelta | None = None
    # How `/coach notify` says when it comes, for a kind its cadence describes badly
    # (a digest that follows what people do); None: from the cadence.
    when: str | None = None
    # WEEKLY: the workspace's weekly time for this slot ("scorecard"), when an admin set one, replaces
    # `weekday` and `local_time`; kinds sharing a slot move together (a rep's card, the manager's digest).
    # MONTHLY on an n-th weekday: the workspace's monthly time for it ("checkin") replaces `week_of_month`,
    # `weekday` and `local_time`, and the ledger keys the month, not the day (domain.scheduling.monthly_slots).
    slot: str | None = None
    # WEEKLY: on a day off the occurrence goes to the last working day before it in the same ISO
    # week (a Sun-Thu team's Friday card comes on Thursday), not to the next one; with none before
    # it, the next working day later that week.
    day_off_goes_back: bool = False
    # Why it arrives, completing "You get this because ..." under every message (the footer);
    # None: from the audience (domain.notifications.hygiene.why_line).
    why: str | None = None
    # A kind nobody may switch off for themself, and why ("your manager needs your answer"): its
    # footer says so instead of offering "Stop these", and `/coach notify off` refuses it. A pause
    # (time off) still silences it, and an admin can still turn it off for the workspace.
    must_send: str | None = None

    def __post_init__(self) -> None:
        cadence, before = self.cadence, self.before
        relative = cadence is Cadence.BEFORE_INSTANT
        problems = [
            (cadence is Cadence.WEEKLY and self.weekday is None, "a weekly kind needs a weekday"),
            (cadence is Cadence.MONTHLY and not self.day_of_month and self.week_of_month is None,
             "a monthly kind needs a day_of_month"),
            *monthly_problems(self.cadence is Cadence.MONTHLY, self.day_of_month, self.week_of_month, self.weekday),
            (cadence.anchored and self.source is None, "an anchored kind needs a source"),
            (not cadence.anchored and self.source is not None, "a periodic kind follows the calendar, not a source"),
            (relative and (before is None or before < timedelta(0)), "a before-instant kind needs `before`, 0 or more"),
            (not relative and before is not None, "only a before-instant kind counts `before` an instant"),
            (relative and self.stale.before_instant is None,
             "a before-instant kind goes stale relative to the instant: Staleness(before_instant=...)"),
            (not relative and self.local_time is None, "needs a local_time"),
            (self.recheck is not None and (not cadence.anchored or self.recheck <= timedelta(0)),
             "only an anchored kind rechecks its anchors, after a positive interval"),
            (self.slot is not None and (not self._slotted_cadence or not self.slot.strip()),
             "only a weekly kind follows a weekly slot (or a monthly one on an n-th weekday), and it needs a name"),
            (self.day_off_goes_back and cadence is not Cadence.WEEKLY,
             "only a weekly kind goes back to an earlier working day of its week"),
            (self.why is not None and not self.why.strip(), "a kind's `why` needs words"),
            (self.must_send is not None and not self.must_send.strip(), "a kind that must be sent says why"),
        ]
        found = [problem for broken, problem in problems if broken]
        if found:
            raise ValueError(f"{self.name}: {'; '.join(found)}")

    @property
    def _slotted_cadence(self) -> bool:
        return self.cadence is Cadence.WEEKLY or (self.cadence is Cadence.MONTHLY and self.week_of_month is not None)

    @property
    def wall_time(self) -> time:
        """The local time it fires at; every cadence but BEFORE_INSTANT has one (checked at creation)."""
        if self.local_time is None:
            raise ValueError(f"{self.name} fires relative to an instant, not at a local time")
        return self.local_time

    @property
    def timing(self) -> str:
        """When it comes, in words for `/coach notify`: "08:00 your time", "24 h before"."""
        if self.when is not None:
            return self.when
        if self.cadence is Cadence.BEFORE_INSTANT and self.before is not None:
            return f"{_duration(self.before)} before"
        if self.week_of_month is not None and self.weekday is not None:
            day = nth_weekday_words(self.week_of_month, self.weekday)
            return f"{day} of the month, {self.wall_time:%H:%M} your time"
        return f"{self.wall_time:%H:%M} your time"


def _duration(span: timedelta) -> str:
    minutes = int(span.total_seconds() // 60)
    if minutes % 60:
        return f"{minutes} min"
    return f"{minutes // 60} h"

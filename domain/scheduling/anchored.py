"""Occurrences of anchored kinds: before an instant, on a date, every working day of a run.

The same rules as the periodic kinds (`calendar`): local times resolve
DST-safely, time off cancels, quiet hours delay, opt-outs silence. What
differs is where the occurrences come from: the recipient's anchors, which
the planner fetched from the kind's source. Pure: no clock, no storage.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import UTC, date, time, timedelta
from zoneinfo import ZoneInfo

from domain.model import Member, WorkspaceSettings
from domain.scheduling.anchors import Anchor, Appointment, Deadline, Run
from domain.scheduling.calendar import (
    ONE_DAY,
    Occurrence,
    cannot_happen,
    is_working_day,
    outside_quiet_hours,
    resolve_local,
    stale_at,
    zone,
)
from domain.scheduling.kinds import Cadence, NotificationKind

# How far back a deadline on a day off moves to find a working day.
_DEADLINE_LOOKBACK = 7


def anchored_occurrences(
    kind: NotificationKind, member: Member, settings: WorkspaceSettings, anchors: Iterable[Anchor]
) -> list[Occurrence]:
    """Every occurrence the anchors give `member`, earliest first.

    None when muted or disabled; none on time off; a run skips days that
    are not working days (holidays included) when the kind respects them.
    """
    if not kind.cadence.anchored:
        raise ValueError(f"{kind.name} is periodic: see domain.scheduling.calendar")
    if cannot_happen(kind, member, settings):
        return []
    tz = zone(member.time_zone)
    found = [o for anchor in anchors for o in _occurrences(kind, member, settings, tz, anchor)]
    return sorted(found, key=lambda o: (o.due_at, o.ledger_period))


def _occurrences(
    kind: NotificationKind, member: Member, settings: WorkspaceSettings, tz: ZoneInfo, anchor: Anchor
) -> Iterator[Occurrence]:
    match kind.cadence, anchor:
        case Cadence.BEFORE_INSTANT, Appointment():
            found = _before(kind, member, settings, tz, anchor)
            if found is not None:
                yield found
        case Cadence.ON_DATE, Deadline():
            day = _last_working_day(kind, settings, anchor.on)
            found = _on_day(kind, member, settings, tz, day, anchor.on, anchor.period) if day else None
            if found is not None:
                yield found
        case Cadence.WORKING_DAY_RUN, Run():
            day = anchor.first_day
            while day <= anchor.last_day:
                if not kind.respects_working_days or is_working_day(day, settings):
                    found = _on_day(kind, member, settings, tz, day, day, anchor.period_on(day), anchor.at)
                    if found is not None:
                        yield found
                day += ONE_DAY
        case _:
            raise TypeError(f"{kind.name} ({kind.cadence.value}) cannot follow a {type(anchor).__name__}")


def _before(
    kind: NotificationKind, member: Member, settings: WorkspaceSettings, tz: ZoneInfo, anchor: Appointment
) -> Occurrence | None:
    """`before` ahead of the instant, in elapsed time: "2 h before" is two real hours, clock change or not."""
    assert kind.before is not None and kind.stale.before_instant is not None  # checked by NotificationKind
    at = anchor.at.astimezone(UTC)
    due_at = at - kind.before
    local = due_at.astimezone(tz)
    local_date, wall = outside_quiet_hours(local.date(), local.time(), settings.quiet_hours)
    if (local_date, wall) != (local.date(), local.time()):
        due_at = resolve_local(local_date, wall, tz)
    stale = at - kind.stale.before_instant
    if due_at >= stale or member.is_paused_on(local_date):
        return None  # quiet hours pushed it past its use, or time off cancels it
    return Occurrence(kind.name, local_date, local_date, due_at, stale, anchor.period)


def _last_working_day(kind: NotificationKind, settings: WorkspaceSettings, day: date) -> date | None:
    """A deadline on a day off is announced on the last working day before it (within a week)."""
    if not kind.respects_working_days:
        return day
    for back in range(_DEADLINE_LOOKBACK):
        candidate = day - timedelta(days=back)
        if is_working_day(candidate, settings):
            return candidate
    return None


def _on_day(
    kind: NotificationKind,
    member: Member,
    settings: WorkspaceSettings,
    tz: ZoneInfo,
    day: date,
    period: date,
    ledger_period: str,
    at: time | None = None,
) -> Occurrence | None:
    """At `at` (a run's own time), else the kind's local time, on `day`, like a daily kind's occurrence."""
    if member.is_paused_on(day):
        return None
    local_date, wall = outside_quiet_hours(day, kind.wall_time if at is None else at, settings.quiet_hours)
    due_at = resolve_local(local_date, wall, tz)
    stale = stale_at(kind.stale, local_date, due_at, tz)
    if due_at >= stale:
        return None
    return Occurrence(kind.name, period, local_date, due_at, stale, ledger_period)


def last_of_working_days(first_day: date, count: int, settings: WorkspaceSettings) -> date:
    """The day a run of `count` working days starting on `first_day` ends ("21 working days").

    Holidays and days off do not count, so a holiday inside the run
    lengthens it by a day. For a source that stores a start and a length.
    """
    if count < 1 or not settings.working_days:
        raise ValueError("a run needs at least one working day and a working week")
    day, left = first_day, count
    while True:
        if is_working_day(day, settings):
            left -= 1
            if left == 0:
                return day
        day += ONE_DAY


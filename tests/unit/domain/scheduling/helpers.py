"""Shared people, workspaces and kinds for the scheduling tests."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from domain.model import Member, WorkspaceRef, WorkspaceSettings
from domain.scheduling.kinds import END_OF_DAY, Audience, Cadence, NotificationKind, Staleness
from tests.fakes_anchors import FakeAnchors

T1 = WorkspaceRef("T1")
MON_FRI = WorkspaceSettings()
SUN_THU = WorkspaceSettings(working_days=frozenset({6, 0, 1, 2, 3}))
MON_SAT = WorkspaceSettings(working_days=frozenset({0, 1, 2, 3, 4, 5}))

# A 09:00 nudge every working day, worth sending until local midnight.
NUDGE = NotificationKind(
    name="challenge_nudge",
    title="Daily challenge nudge",
    audience=Audience.REPS,
    cadence=Cadence.DAILY,
    local_time=time(9),
    stale=Staleness(days_after=1, at=time(0)),
)
# A check-in on the 1st of the month (or the next working day), good for three days.
CHECK_IN = NotificationKind(
    name="monthly_check_in",
    title="Monthly check-in",
    audience=Audience.EVERYONE,
    cadence=Cadence.MONTHLY,
    day_of_month=1,
    local_time=time(10),
    stale=Staleness(days_after=3),
)

# Anchored kinds, as the coming features will declare them (their source is a fake).
SOURCE = FakeAnchors()

DAY_BEFORE = NotificationKind(
    name="session_24h", title="A day before the session", audience=Audience.EVERYONE,
    cadence=Cadence.BEFORE_INSTANT, before=timedelta(hours=24), source=SOURCE,
    stale=Staleness(before_instant=timedelta(hours=12)),
)
TWO_HOURS_BEFORE = replace(DAY_BEFORE, name="session_2h", before=timedelta(hours=2),
                           stale=Staleness(before_instant=timedelta(0)))
DEADLINE_MORNING = NotificationKind(
    name="deadline_day", title="The morning of a deadline", audience=Audience.EVERYONE,
    cadence=Cadence.ON_DATE, local_time=time(8), source=SOURCE, stale=END_OF_DAY,
)
CHALLENGE = NotificationKind(
    name="challenge_nudge", title="Challenge nudge", audience=Audience.REPS,
    cadence=Cadence.WORKING_DAY_RUN, local_time=time(9), source=SOURCE, stale=END_OF_DAY,
)


def person(time_zone: str = "America/New_York", user_id: str = "U7", **changes: object) -> Member:
    member = Member(workspace=T1, user_id=user_id, name=user_id, time_zone=time_zone)
    return replace(member, **changes)  # type: ignore[arg-type]


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


def local(zone_name: str, year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    """A wall-clock time in a zone (never a skipped one in these tests)."""
    return datetime(year, month, day, hour, minute, tzinfo=ZoneInfo(zone_name))


def wall(instant: datetime, zone_name: str) -> tuple[date, time]:
    """What the clock on the wall in `zone_name` reads at `instant`."""
    moment = instant.astimezone(ZoneInfo(zone_name))
    return moment.date(), moment.time()


ONE_DAY_STALE = Staleness(1, time(0))


def daily(name: str, at: time, stale: Staleness = ONE_DAY_STALE, **changes: object) -> NotificationKind:
    kind = replace(NUDGE, name=name, local_time=at, stale=stale)
    return replace(kind, **changes)  # type: ignore[arg-type]

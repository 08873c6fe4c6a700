"""Local wall-clock times to UTC instants, and the occurrences of a periodic kind.

A periodic kind (daily, weekly, monthly) happens at most once per *period*
(day, week, month) per person, at a local time in their own zone. The period
is the ledger key's, so it stays put when the occurrence shifts (a Monday
note moved to Tuesday by a holiday is still that Monday's note; a Friday
scorecard a Sun-Thu team gets on Thursday is still that Friday's). A weekly
kind with a `slot` keeps the weekday and time the workspace chose for it
(`on_workspace_schedule`), a monthly one its n-th weekday and keys the
month (`monthly_slots`). Anchored
kinds (before an instant, on a date, a run of working days) are
`domain.scheduling.anchored`'s, on the same rules. Pure: no clock, no host
time zone.
"""

from __future__ import annotations

import calendar as _gregorian
import math
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from domain.delivery import DeliveryKey
from domain.model import Member, QuietHours, WorkspaceSettings
from domain.scheduling.kinds import Cadence, NotificationKind, Staleness
from domain.scheduling.monthly import nth_weekday
from domain.scheduling.monthly_slots import month_period, on_monthly_schedule

HORIZON = timedelta(days=400)  # how far occurrences are looked for, either way
ONE_DAY = timedelta(days=1)
# Zone names that exist on disk but describe the host, not a person.
_HOST_ZONES = frozenset({"localtime", "posixrules"})


# Without a tz database (no /usr/share/zoneinfo, no `tzdata` package) this
# fails at import: better than silently putting everyone on UTC.
_UTC_ZONE = ZoneInfo("UTC")


@lru_cache(maxsize=2048)
def zone(name: str) -> ZoneInfo:
    """The IANA zone called `name`, or UTC for an empty or unknown name.

    Slack sometimes sends odd values; a bad name must not stop a person's
    schedule. Cached because failed lookups search the disk every time.
    """
    if not name or name in _HOST_ZONES:
        return _UTC_ZONE
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):  # unknown, malformed, not a TZif file
        return _UTC_ZONE


def resolve_local(day: date, at: time, tz: ZoneInfo) -> datetime:
    """The UTC instant at which the wall clock in `tz` reads `day at`.

    An ambiguous time (clocks going back) resolves to its first occurrence;
    a time that does not exist (clocks going forward) to the first instant
    after the gap, so a nudge is late by the gap rather than lost.
    """
    local = datetime(day.year, day.month, day.day, at.hour, at.minute, at.second, at.microsecond, tz)
    first = local.astimezone(UTC)  # fold=0: the earlier offset, so the first of two
    # Same tzinfo on both sides, so == compares wall clocks: unequal only in a gap.
    return first if first.astimezone(tz) == local else _end_of_gap(local.replace(tzinfo=None), tz)


def _end_of_gap(wall: datetime, tz: ZoneInfo) -> datetime:
    """The transition instant ending the gap that swallowed `wall`.

    Inside a gap fold=0 reads `wall` with the offset before the change and
    fold=1 with the one after, which brackets the transition; a binary search
    to the second finds it (a gap can be a whole day: Pacific/Apia, 2011-12-30).
    """
    ends = [wall.replace(tzinfo=tz, fold=fold).timestamp() for fold in (0, 1)]
    # Whole seconds (transitions are): the wall clock reads before `wall` at low, not at high.
    low, high = math.floor(min(ends)), math.ceil(max(ends))
    while high - low > 1:
        middle = (low + high) // 2
        if datetime.fromtimestamp(middle, tz).replace(tzinfo=None) < wall:
            low = middle
        else:
            high = middle
    return datetime.fromtimestamp(high, UTC)


# --- occurrences --------------------------------------------------------------


@dataclass(frozen=True)
class Occurrence:
    """One scheduled happening of a kind for one person."""

    kind: str
    period: date  # the day, or the week's / month's anchor day; an anchored kind's anchor day
    local_date: date  # the local date it fires, after working-day and quiet-hour shifts
    due_at: datetime  # UTC
    stale_at: datetime  # UTC
    anchored_period: str | None = None  # anchored kinds: "ref@moment" (domain.scheduling.anchors); a slotted monthly
    # kind: its month ("2026-12-01", domain.scheduling.monthly_slots)

    @property
    def ledger_period(self) -> str:
        return self.anchored_period or self.period.isoformat()

    def key(self, team_id: str, user_id: str) -> DeliveryKey:
        return DeliveryKey(team_id, user_id, self.kind, self.ledger_period)


def cannot_happen(kind: NotificationKind, member: Member, settings: WorkspaceSettings) -> bool:
    """True when no period can ever yield an occurrence: stop before iterating."""
    switched_off = kind.name in member.muted_kinds or kind.name in settings.disabled_kinds
    return switched_off or (kind.respects_working_days and not settings.working_days)


def _monthly_anchor(kind: NotificationKind, year: int, month: int) -> date:
    if kind.week_of_month is not None:  # "the first Tuesday": domain.scheduling.monthly
        return nth_weekday(year, month, kind.weekday or 0, kind.week_of_month)
    # day_of_month 31 in February means the last day of February.
    last = _gregorian.monthrange(year, month)[1]
    return date(year, month, min(kind.day_of_month or 1, last))


def _first_of_next_month(day: date) -> date:
    return date(day.year + day.month // 12, day.month % 12 + 1, 1)


def on_workspace_schedule(kind: NotificationKind, settings: WorkspaceSettings) -> NotificationKind:
    """`kind` at the weekday (or n-th weekday of the month) and local time the workspace chose for its
    slot, if it chose one."""
    if kind.cadence is Cadence.MONTHLY:
        return on_monthly_schedule(kind, settings)
    if kind.slot is None:
        return kind
    chosen = settings.weekly_time(kind.slot)
    if chosen is None or (chosen.weekday, chosen.at) == (kind.weekday, kind.local_time):
        return kind
    return _moved(kind, chosen.weekday, chosen.at)


@lru_cache(maxsize=256)
def _moved(kind: NotificationKind, weekday: int, at: time) -> NotificationKind:
    # Cached: a tick asks for every person, and `replace` validates the kind again each time.
    return replace(kind, weekday=weekday, local_time=at)


def _week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _window_start(kind: NotificationKind, period: date) -> date:
    """The first date on which the period's occurrence may fire: its ISO week's Monday for a
    kind whose day off goes back, else the period's own date."""
    return _week_start(period) if kind.day_off_goes_back else period


def _period_end(kind: NotificationKind, period: date) -> date:
    """The first date after the window in which the period's occurrence may fire
    (a kind whose day off goes back keeps to its ISO week: `_working_day_going_back`)."""
    if kind.cadence is Cadence.DAILY:
        return period + ONE_DAY
    if kind.cadence is Cadence.WEEKLY:
        return period + timedelta(days=7)
    return _first_of_next_month(period)


def _is_period(kind: NotificationKind, period: date) -> bool:
    if kind.cadence is Cadence.WEEKLY:
        return period.weekday() == kind.weekday
    if kind.cadence is Cadence.MONTHLY:
        return period == _monthly_anchor(kind, period.year, period.month)
    return True


def _period_from(kind: NotificationKind, day: date) -> date:
    """The earliest period whose occurrence can fire on or after `day`."""
    if kind.day_off_goes_back:
        # Its window is the ISO week: the period of `day`'s week, even when after `day`.
        return _week_start(day) + timedelta(days=kind.weekday or 0)
    if kind.cadence is Cadence.WEEKLY:
        return day - timedelta(days=(day.weekday() - (kind.weekday or 0)) % 7)
    if kind.cadence is Cadence.MONTHLY:
        # Days before this month's anchor belong to no window; start here anyway.
        return _monthly_anchor(kind, day.year, day.month)
    return day


def _next_period(kind: NotificationKind, period: date) -> date:
    following = _period_end(kind, period)
    if kind.cadence is Cadence.MONTHLY:
        return _monthly_anchor(kind, following.year, following.month)
    return following


def _periods(kind: NotificationKind, first_day: date, last_day: date) -> Iterator[date]:
    """Periods in order, from the one that can fire on `first_day` to the last that can fire by
    `last_day` (a period after `last_day` can fire before it when its day off goes back)."""
    period = _period_from(kind, first_day)
    while _window_start(kind, period) <= last_day:
        yield period
        period = _next_period(kind, period)


def is_working_day(day: date, settings: WorkspaceSettings) -> bool:
    return day.weekday() in settings.working_days and day not in settings.holidays


def _scheduled_day(kind: NotificationKind, settings: WorkspaceSettings, period: date) -> date | None:
    """The first working day in the period's window; None when there is none.

    A kind whose day off goes back takes the last working day before the
    period in its ISO week instead, and only then the first one after it.
    """
    if not kind.respects_working_days:
        return period
    if kind.day_off_goes_back:
        return _working_day_going_back(settings, period)
    day, end = period, _period_end(kind, period)
    while day < end and not is_working_day(day, settings):
        day += ONE_DAY
    return day if day < end else None


def _working_day_going_back(settings: WorkspaceSettings, period: date) -> date | None:
    position = period.weekday()
    earlier = [period - timedelta(days=back) for back in range(position + 1)]  # the day itself first
    later = [period + timedelta(days=ahead) for ahead in range(1, 7 - position)]
    return next((day for day in (*earlier, *later) if is_working_day(day, settings)), None)


def outside_quiet_hours(day: date, at: time, quiet: QuietHours | None) -> tuple[date, time]:
    """Move a time inside quiet hours to their end (the next morning if they wrap)."""
    if quiet is None or not quiet.contains(at):
        return day, at
    if quiet.end > at:
        return day, quiet.end
    return day + ONE_DAY, quiet.end


def stale_at(stale: Staleness, local_date: date, due_at: datetime, tz: ZoneInfo) -> datetime:
    if stale.at is None:
        return due_at + timedelta(days=stale.days_after)
    return resolve_local(local_date + timedelta(days=stale.days_after), stale.at, tz)


@lru_cache(maxsize=1 << 16)
def _timing(
    kind: NotificationKind, settings: WorkspaceSettings, tz: ZoneInfo, period: date
) -> tuple[date, Occurrence] | None:
    """The period's occurrence for anyone in `tz` here, and its day before quiet hours.

    Cached because it does not depend on the person: a schedule refresh for
    100,000 people in a few dozen zones resolves each period only once.
    """
    day = _scheduled_day(kind, settings, period)
    if day is None:
        return None
    local_date, at = outside_quiet_hours(day, kind.wall_time, settings.quiet_hours)
    due_at = resolve_local(local_date, at, tz)
    stale = stale_at(kind.stale, local_date, due_at, tz)
    if due_at >= stale:
        return None  # stale before it is due: nothing worth sending
    return day, Occurrence(kind.name, period, local_date, due_at, stale, month_period(kind, period))


def _for_member(
    kind: NotificationKind, member: Member, settings: WorkspaceSettings, tz: ZoneInfo, period: date
) -> Occurrence | None:
    try:
        timing = _timing(kind, settings, tz, period)
    except TypeError:  # settings built with a plain set: unhashable, so compute uncached
        timing = _timing.__wrapped__(kind, settings, tz, period)
    if timing is None or member.is_paused_on(timing[0]):
        return None  # time off cancels it; it is not moved past the pause
    return timing[1]


def occurrence_in_period(
    kind: NotificationKind, member: Member, settings: WorkspaceSettings, period: date
) -> Occurrence | None:
    """The occurrence of `kind` for `member` in the period starting at `period`.

    `period` is a day (DAILY), a day with weekday `kind.weekday` (WEEKLY; the
    workspace's weekday for a kind with a slot it set) or
    the month's `day_of_month`, clamped to the month's length, or its n-th weekday (MONTHLY).
    None when it does not happen: muted, disabled, no working day in the
    window, time off, or stale before it is due.
    """
    _require_periodic(kind)
    kind = on_workspace_schedule(kind, settings)
    if not _is_period(kind, period):
        raise ValueError(f"{period} does not start a period of {kind.name}")
    if cannot_happen(kind, member, settings):
        return None
    return _for_member(kind, member, settings, zone(member.time_zone), period)


def _require_periodic(kind: NotificationKind) -> None:
    if kind.cadence.anchored:
        raise ValueError(f"{kind.name} follows its anchors: see domain.scheduling.anchored")


def require_aware(*instants: datetime) -> None:
    # A naive datetime would be read in the host's zone: refuse it.
    for instant in instants:
        if instant.tzinfo is None or instant.utcoffset() is None:
            raise ValueError("scheduling needs time-zone-aware datetimes")


def _due_after(
    kind: NotificationKind, member: Member, settings: WorkspaceSettings, after: datetime, last_day: date
) -> Iterator[Occurrence]:
    """Occurrences due after `after`, in order, from periods up to local `last_day`.

    Periods start two days back: quiet hours can push one past midnight, and
    just after a clock change at midnight a later instant can read an earlier
    local date. Nothing fires during time off, so the search starts after it.
    """
    tz = zone(member.time_zone)
    first = after.astimezone(tz).date() - 2 * ONE_DAY
    if member.paused_until is not None:
        first = max(first, member.paused_until)
    for period in _periods(kind, first, last_day):
        occurrence = _for_member(kind, member, settings, tz, period)
        if occurrence is not None and occurrence.due_at > after:
            yield occurrence


def occurrences_between(
    kind: NotificationKind,
    member: Member,
    settings: WorkspaceSettings,
    start: datetime,
    end: datetime,
) -> list[Occurrence]:
    """Every occurrence with `start < due_at <= end`, earliest first.

    Only the last 400 days of a longer range are looked at.
    """
    require_aware(start, end)
    _require_periodic(kind)
    kind = on_workspace_schedule(kind, settings)
    if cannot_happen(kind, member, settings) or end <= start:
        return []
    start = max(start, end - HORIZON)
    last_day = end.astimezone(zone(member.time_zone)).date()
    found = [o for o in _due_after(kind, member, settings, start, last_day) if o.due_at <= end]
    return sorted(found, key=lambda occurrence: (occurrence.due_at, occurrence.period))


def next_occurrence(
    kind: NotificationKind, member: Member, settings: WorkspaceSettings, after: datetime
) -> Occurrence | None:
    """The first occurrence due strictly after `after`, within 400 days.

    Periods come in order and each fires inside its own window, so the first
    hit is the earliest one: usually found within three periods.
    """
    require_aware(after)
    _require_periodic(kind)
    kind = on_workspace_schedule(kind, settings)
    if cannot_happen(kind, member, settings):
        return None
    limit = after + HORIZON
    last_day = limit.astimezone(zone(member.time_zone)).date()
    found = next(_due_after(kind, member, settings, after, last_day), None)
    return found if found is not None and found.due_at <= limit else None

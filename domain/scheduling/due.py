"""What is due now: people, policies, the ledger of what was sent, and `now`.

Pure: the caller reads the clock and the ledger (and an anchored kind's
anchors) and passes them in. Who should get a kind (its audience) is the
caller's decision too; these functions get only the right people.
"""

from __future__ import annotations

from collections.abc import Container, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from domain.delivery import DeliveryKey
from domain.model import Member, WorkspaceRef, WorkspaceSettings
from domain.scheduling.anchored import anchored_occurrences
from domain.scheduling.anchors import Anchor
from domain.scheduling.calendar import (
    HORIZON,
    Occurrence,
    next_occurrence,
    occurrences_between,
    outside_quiet_hours,
    require_aware,
    resolve_local,
    zone,
)
from domain.scheduling.kinds import NotificationKind

# Locale-independent names for reasons people and operators read.
_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@dataclass(frozen=True)
class DueNotification:
    workspace: WorkspaceRef
    recipient_id: str
    kind: str
    occurrence: Occurrence
    # A late occurrence found inside the recipient's quiet hours waits for their end (a tick after downtime).
    not_before: datetime | None = None

    @property
    def key(self) -> DeliveryKey:
        return self.occurrence.key(self.workspace.team_id, self.recipient_id)


@dataclass(frozen=True)
class Skipped:
    notification: DueNotification
    reason: str  # e.g. "stale: was due Mon 23 Nov 08:00 America/New_York, relevant until ..."


@dataclass(frozen=True)
class DuePlan:
    send: list[DueNotification]
    skip: list[Skipped]


def _notification(member: Member, occurrence: Occurrence) -> DueNotification:
    return DueNotification(member.workspace, member.user_id, occurrence.kind, occurrence)


def lookback(kind: NotificationKind) -> timedelta:
    """How far back an occurrence can be due and still not be stale now.

    Staleness counts from the local date it fires, so it can end at most
    `days_after` days plus one (a late `at`) after it is due; one more day
    covers clock changes and time-zone offsets.
    """
    return timedelta(days=kind.stale.days_after + 2)


def _latest_live(
    member: Member, settings: WorkspaceSettings, kind: NotificationKind, now: datetime
) -> Occurrence | None:
    """The newest occurrence with `due_at <= now < stale_at`, if any."""
    recent = occurrences_between(kind, member, settings, now - lookback(kind), now)
    live = [occurrence for occurrence in recent if now < occurrence.stale_at]
    return live[-1] if live else None


def due_now(
    candidates: Iterable[tuple[Member, WorkspaceSettings, NotificationKind]],
    sent: Container[DeliveryKey],
    now: datetime,
) -> list[DueNotification]:
    """For each candidate, the newest occurrence due and not yet stale, unless already sent.

    Only the newest: an older one still within its staleness is superseded by
    a newer one (nobody wants Monday's nudge after Tuesday's). `catch_up`
    is the function that also looks at older ones.
    """
    due: list[DueNotification] = []
    for member, settings, kind in candidates:
        occurrence = _latest_live(member, settings, kind, now)
        if occurrence is None:
            continue
        notification = _notification(member, occurrence)
        if notification.key not in sent:
            due.append(notification)
    return due


def _local(instant: datetime, member: Member) -> str:
    moment = instant.astimezone(zone(member.time_zone))
    weekday, month = _WEEKDAYS[moment.weekday()], _MONTHS[moment.month - 1]
    return f"{weekday} {moment.day} {month} {moment:%H:%M}"


def stale_reason(member: Member, occurrence: Occurrence) -> str:
    """Why an occurrence was not sent, in the recipient's local time."""
    tz_name = zone(member.time_zone).key
    due, until = _local(occurrence.due_at, member), _local(occurrence.stale_at, member)
    return f"stale: was due {due} {tz_name}, relevant until {until}"


def catch_up(
    member: Member,
    settings: WorkspaceSettings,
    kind: NotificationKind,
    since: datetime,
    now: datetime,
    sent: Container[DeliveryKey],
    anchors: Sequence[Anchor] = (),
) -> DuePlan:
    """Every occurrence due in `(since, now]` that is not in `sent`: send or skip.

    After downtime, what is still relevant goes out late (today's nudge due
    two hours ago) and what went stale is skipped with a reason the ledger
    keeps. Each key lands in exactly one of the two lists.

    An anchored kind's anchors can appear or move after the fact (a session
    booked for this afternoon, due "24 h before" yesterday), so for those an
    occurrence due by `now` counts if it was still live after `since`.
    """
    require_aware(since, now)
    plan = DuePlan(send=[], skip=[])
    hold = quiet_until(member, settings, now)
    if kind.cadence.anchored:
        window = [o for o in anchored_occurrences(kind, member, settings, anchors)
                  if o.due_at <= now and o.stale_at > since]
    else:
        window = occurrences_between(kind, member, settings, since, now)
    for occurrence in window:
        notification = _notification(member, occurrence)
        if notification.key in sent:
            continue
        if now >= occurrence.stale_at:
            plan.skip.append(Skipped(notification, stale_reason(member, occurrence)))
        elif hold is None or occurrence.due_at >= now:
            plan.send.append(notification)
        elif hold < occurrence.stale_at:
            # Planned outside quiet hours but found late inside them (downtime): it waits for their end.
            plan.send.append(replace(notification, not_before=hold))
        else:
            plan.skip.append(Skipped(notification, stale_reason(member, occurrence) + ", and quiet hours ran past it"))
    return plan


def quiet_until(member: Member, settings: WorkspaceSettings, now: datetime) -> datetime | None:
    """When the recipient's quiet hours end (UTC) if `now` is inside them for them, else None."""
    quiet = settings.quiet_hours
    if quiet is None:
        return None
    tz = zone(member.time_zone)
    local = now.astimezone(tz)
    if not quiet.contains(local.time()):
        return None
    day, at = outside_quiet_hours(local.date(), local.time(), quiet)
    return resolve_local(day, at, tz)


def next_due(
    kind: NotificationKind,
    member: Member,
    settings: WorkspaceSettings,
    after: datetime,
    anchors: Sequence[Anchor] = (),
) -> Occurrence | None:
    """The first occurrence due strictly after `after` (within 400 days), of any cadence."""
    if not kind.cadence.anchored:
        return next_occurrence(kind, member, settings, after)
    require_aware(after)
    limit = after + HORIZON
    upcoming = (o for o in anchored_occurrences(kind, member, settings, anchors) if after < o.due_at <= limit)
    return next(upcoming, None)


def next_check_at(
    kind: NotificationKind,
    member: Member,
    settings: WorkspaceSettings,
    now: datetime,
    anchors: Sequence[Anchor] = (),
) -> datetime | None:
    """When a tick should next look at this person's kind, after anything about them changed.

    Periodic kinds: their next occurrence. Anchored kinds: their earliest
    occurrence not yet stale, even if already due: an anchor just added or
    moved (a session booked for this afternoon) can make one due at once.
    Sending it twice is impossible: the ledger already has it if it went.
    """
    if not kind.cadence.anchored:
        found = next_occurrence(kind, member, settings, now)
        return found.due_at if found else None
    require_aware(now)
    live = (o for o in anchored_occurrences(kind, member, settings, anchors) if o.stale_at > now)
    first = next(live, None)
    return first.due_at if first is not None and first.due_at <= now + HORIZON else None

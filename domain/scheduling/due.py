"""What is due now: people, policies, the ledger of what was sent, and `now`.

Pure: the caller reads the clock and the ledger and passes them in. Who should
get a kind (its audience) is the caller's decision too; these functions get
only the right people.
"""

from __future__ import annotations

from collections.abc import Container, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from domain.delivery import DeliveryKey
from domain.model import Member, WorkspaceRef, WorkspaceSettings
from domain.scheduling.calendar import Occurrence, occurrences_between, zone
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


def _lookback(kind: NotificationKind) -> timedelta:
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
    recent = occurrences_between(kind, member, settings, now - _lookback(kind), now)
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
) -> DuePlan:
    """Every occurrence due in `(since, now]` that is not in `sent`: send or skip.

    After downtime, what is still relevant goes out late (today's nudge due
    two hours ago) and what went stale is skipped with a reason the ledger
    keeps. Each key lands in exactly one of the two lists.
    """
    plan = DuePlan(send=[], skip=[])
    for occurrence in occurrences_between(kind, member, settings, since, now):
        notification = _notification(member, occurrence)
        if notification.key in sent:
            continue
        if now < occurrence.stale_at:
            plan.send.append(notification)
        else:
            plan.skip.append(Skipped(notification, stale_reason(member, occurrence)))
    return plan

"""A rep's 21-day challenge as stored (issue 13): who, since when, the behaviours, how it ended.

The rules (its days, answers, repairs, figures) are `domain.coaching.challenge`;
this is the record they work on. The days themselves are not stored: they
follow from the start, the day kind, the workspace's holidays and the rep's
time off (`away_days` keeps the days a past time off covered, see
`challenge_plan`).
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta

from domain.coaching.challenge import REPAIRS, DayKind, DayRecord, challenge_days, days_off
from domain.errors import InvalidInput
from domain.model import Member, WorkspaceRef, WorkspaceSettings

NUDGE_AT = time(8, 30)  # the rep's local morning
REF_PREFIX = "ch"
NUDGE_KIND = "challenge_nudge"  # the scheduled kind of the morning nudge (domain.notifications.challenge)


class ChallengeRunning(InvalidInput):
    """A second active challenge for a rep: refused by storage (two starts at once), said to the person."""

    def __init__(self) -> None:
        super().__init__("A challenge is running already for this rep. One challenge at a time.")


class ChallengeStatus(str, enum.Enum):
    ACTIVE = "active"
    COMPLETE = "complete"
    STOPPED = "stopped"


@dataclass(frozen=True)
class Behaviour:
    """What the rep commits to do every relevant day for one focus skill."""

    skill_id: str
    text: str


@dataclass(frozen=True)
class Challenge:
    workspace: WorkspaceRef
    rep_id: str
    started_by: str
    start: date  # the first day, the rep's local date
    day_kind: DayKind
    behaviours: tuple[Behaviour, ...]
    cycle_id: int | None = None
    nudge_at: time = NUDGE_AT
    repairs_used: int = 0
    status: ChallengeStatus = ChallengeStatus.ACTIVE
    away_days: frozenset[date] = frozenset()  # days a time off covered, kept once it is over
    created_at: datetime | None = None
    completed_at: datetime | None = None
    id: int | None = None

    @property
    def ref(self) -> str:
        """The anchor ref of its nudges ("ch7")."""
        return f"{REF_PREFIX}{self.id}"

    def nudge_period(self, day: date) -> str:
        """The ledger period of `day`'s nudge ("ch7@2027-01-04", as `Run.period_on`)."""
        return f"{self.ref}@{day.isoformat()}"

    @property
    def is_active(self) -> bool:
        return self.status is ChallengeStatus.ACTIVE

    @property
    def repairs_left(self) -> int:
        return max(0, REPAIRS - self.repairs_used)

    def completed(self, at: datetime) -> Challenge:
        return replace(self, status=ChallengeStatus.COMPLETE, completed_at=at)

    def stopped(self, at: datetime) -> Challenge:
        return replace(self, status=ChallengeStatus.STOPPED, completed_at=at)


def challenge_id_of(ref: str | None) -> int | None:
    """The challenge id of an anchor ref ("ch7" -> 7); None for anything else."""
    digits = (ref or "")[len(REF_PREFIX):]
    if not (ref or "").startswith(REF_PREFIX) or not (digits.isascii() and digits.isdigit()) or len(digits) > 9:
        return None
    return int(digits)


@dataclass(frozen=True)
class StoredDay:
    """One answered challenge day as kept: the rule's record and when it was (last) answered."""

    record: DayRecord
    answered_at: datetime


@dataclass(frozen=True)
class ChallengeWithDays:
    challenge: Challenge
    days: dict[date, StoredDay] = field(default_factory=dict)

    @property
    def records(self) -> dict[date, DayRecord]:
        return {day: stored.record for day, stored in self.days.items()}


def day_kind_of(settings: WorkspaceSettings) -> DayKind:
    return DayKind.CALENDAR if settings.challenge_calendar_days else DayKind.WORKING


def away_rule(challenge: Challenge, member: Member, records: Mapping[date, DayRecord]) -> Callable[[date], bool]:
    """Whether the rep was away on a day: a day a past time off covered (kept on the challenge), or an
    unanswered day after their latest answer that their current time off covers. The member keeps only
    the end of their latest time off, so the days it covered are kept (`away_to_keep`) at the next answer."""
    last = max(records, default=None)

    def away(day: date) -> bool:
        if day in challenge.away_days:
            return True
        if day in records:
            return False
        return member.is_paused_on(day) and (last is None or day > last)
    return away


def days_of(challenge: Challenge, settings: WorkspaceSettings, member: Member,
            records: Mapping[date, DayRecord]) -> tuple[date, ...]:
    """The challenge's days: from its start, its day kind, the workspace's holidays and the rep's time off."""
    is_off = days_off(challenge.day_kind, settings.working_days, settings.holidays,
                      away_rule(challenge, member, records))
    return challenge_days(challenge.start, is_off)


def away_to_keep(challenge: Challenge, member: Member, records: Mapping[date, DayRecord],
                 today: date) -> frozenset[date]:
    """The away days to keep on the challenge before an answer (which moves "the latest answer" on)."""
    away = away_rule(challenge, member, records)
    span = (today - challenge.start).days
    found = {challenge.start + timedelta(days=n) for n in range(max(0, span))}
    return frozenset(day for day in found if away(day)) | challenge.away_days

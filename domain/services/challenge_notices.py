"""What the 21-day challenge tells people, as data (rendered by handlers/blocks/challenge.py)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime

from domain.coaching.challenge import ChallengeProgress, DayRecord, DayStatus
from domain.coaching.challenge_model import Challenge
from domain.effects import Notice
from domain.model import Member
from domain.scheduling.calendar import zone


@dataclass(frozen=True)
class ChallengeView:
    """A challenge as of `now` for its rep: its days, figures, and what can be answered now."""

    challenge: Challenge
    rep: Member
    days: tuple[date, ...]
    progress: ChallengeProgress
    records: Mapping[date, DayRecord]
    now: datetime
    open_day: date | None  # the day an answer sent now belongs to
    skill_names: Mapping[str, str]
    nudge_message: tuple[str, str] | None = None  # (channel, ts) of the answered day's nudge, to update in place

    @property
    def running(self) -> bool:
        """Still going: active, and not every day closed (a last day left unanswered closes it too)."""
        return self.challenge.is_active and not self.progress.complete

    @property
    def today_record(self) -> DayRecord | None:
        return self.records.get(self.open_day) if self.open_day is not None else None

    @property
    def day_number(self) -> int | None:
        """1-based position of the open day in the challenge."""
        return self.days.index(self.open_day) + 1 if self.open_day in self.days else None

    @property
    def last_day(self) -> date:
        return self.days[-1]

    def status_before(self, day: date) -> tuple[date, DayStatus] | None:
        """The challenge day before `day` and how it stands ("yesterday's state")."""
        if day not in self.days or self.days.index(day) == 0:
            return None
        previous = self.days[self.days.index(day) - 1]
        return previous, dict(self.progress.statuses)[previous]

    def can_repair_before(self, day: date) -> bool:
        """A missed day before `day` that the challenge's one repair may still make up (on `day` only)."""
        before = self.status_before(day)
        today = self.now.astimezone(zone(self.rep.time_zone)).date()
        return (before is not None and before[1] is DayStatus.MISSED and self.progress.repairs_left > 0
                and today == day)


@dataclass(frozen=True)
class ChallengeStarted(Notice):
    """To the rep (and their manager): the challenge began; `started_by` is who started it."""

    view: ChallengeView
    started_by: str


@dataclass(frozen=True)
class ChallengeCompleted(Notice):
    """To the rep after the last day's answer: a celebration, with the figures."""

    view: ChallengeView


@dataclass(frozen=True)
class ChallengeFinishedForManager(Notice):
    """To the rep's manager: the rep finished their challenge, with the figures."""

    view: ChallengeView


@dataclass(frozen=True)
class Encouraged(Notice):
    """To the rep: their manager's one-click word of encouragement, with their figures."""

    manager_id: str
    view: ChallengeView

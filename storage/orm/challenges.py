"""The 21-day challenge (issue 13): one row per challenge, one per answered day."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

from sqlalchemy import JSON, Boolean, ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from domain import field_lengths
from storage.orm.base import SLACK_ID, Base, TimestampMixin, UtcDateTime

CHALLENGE_STATUS = 16  # "active", "complete", "stopped"
DAY_KIND = 16  # "working", "calendar"
DAY_ANSWER = 16  # "done", "missed", "no_calls"
CADENCE = 16  # "daily", "weekly"


class ChallengeRow(TimestampMixin, Base):
    """`behaviours`: [{"skill": id, "text": ...}] (each text at most field_lengths.CHALLENGE_BEHAVIOUR);
    `away_days`: ISO dates a past time off covered. `active_slot` is 1 while active, NULL after, so the
    unique key allows one active challenge per rep (NULLs are distinct on both databases)."""

    __tablename__ = "challenges"
    __table_args__ = (UniqueConstraint("team_id", "rep_id", "active_slot"), Index(None, "team_id", "rep_id"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[str] = mapped_column(String(SLACK_ID), ForeignKey("workspaces.team_id", ondelete="CASCADE"))
    rep_id: Mapped[str] = mapped_column(String(SLACK_ID))
    started_by: Mapped[str] = mapped_column(String(SLACK_ID))
    cycle_id: Mapped[int | None] = mapped_column(Integer, ForeignKey("cycles.id", ondelete="SET NULL"))
    start_day: Mapped[date] = mapped_column()
    day_kind: Mapped[str] = mapped_column(String(DAY_KIND))
    nudge_at: Mapped[time] = mapped_column()
    behaviours: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    away_days: Mapped[list[str]] = mapped_column(JSON, default=list)
    repairs_used: Mapped[int] = mapped_column(Integer, default=0)
    status: Mapped[str] = mapped_column(String(CHALLENGE_STATUS), default="active")
    active_slot: Mapped[int | None] = mapped_column(Integer)
    completed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class ChallengeDayRow(Base):
    """One answered challenge day; answering again replaces the row."""

    __tablename__ = "challenge_days"
    __table_args__ = (UniqueConstraint("challenge_id", "day"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    challenge_id: Mapped[int] = mapped_column(Integer, ForeignKey("challenges.id", ondelete="CASCADE"))
    day: Mapped[date] = mapped_column()
    answer: Mapped[str] = mapped_column(String(DAY_ANSWER))
    repaired: Mapped[bool] = mapped_column(Boolean, default=False)
    note: Mapped[str] = mapped_column(String(field_lengths.CHALLENGE_NOTE), default="")
    answered_at: Mapped[datetime] = mapped_column(UtcDateTime)


class ChallengeSummaryChoiceRow(TimestampMixin, Base):
    """A manager's choice of the challenge summary: "daily" or "weekly" (no row: weekly)."""

    __tablename__ = "challenge_summary_choices"
    __table_args__ = (UniqueConstraint("team_id", "manager_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[str] = mapped_column(String(SLACK_ID), ForeignKey("workspaces.team_id", ondelete="CASCADE"))
    manager_id: Mapped[str] = mapped_column(String(SLACK_ID))
    cadence: Mapped[str] = mapped_column(String(CADENCE))


class ChallengeEncouragementRow(Base):
    """A manager's one-click word of encouragement to the rep of a challenge: at most one a day (the manager's)."""

    __tablename__ = "challenge_encouragements"
    __table_args__ = (UniqueConstraint("challenge_id", "day"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    challenge_id: Mapped[int] = mapped_column(Integer, ForeignKey("challenges.id", ondelete="CASCADE"))
    manager_id: Mapped[str] = mapped_column(String(SLACK_ID))
    day: Mapped[date] = mapped_column()
    sent_at: Mapped[datetime] = mapped_column(UtcDateTime)

"""The coaching cycle: cycles, call scores, self-assessments, gap ratings, focus skills, contracts."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, Integer, Numeric, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from domain import field_lengths
from storage.orm.base import SLACK_ID, Base, TimestampMixin


class CycleRow(TimestampMixin, Base):
    """A rep's 8-week coaching cycle; ended ones stay as history."""

    __tablename__ = "cycles"
    __table_args__ = (Index(None, "team_id", "rep_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[str] = mapped_column(
        String(SLACK_ID), ForeignKey("workspaces.team_id", ondelete="CASCADE")
    )
    rep_id: Mapped[str] = mapped_column(String(SLACK_ID))
    manager_id: Mapped[str] = mapped_column(String(SLACK_ID))
    starts_on: Mapped[date] = mapped_column()
    offset_weeks: Mapped[int] = mapped_column(Integer, default=0)
    status: Mapped[str] = mapped_column(String(16), default="active")
    ended_on: Mapped[date | None] = mapped_column()


class CallScoreRow(TimestampMixin, Base):
    """One scored call: by the rep's manager (observed) or by the rep (self-score)."""

    __tablename__ = "call_scores"
    __table_args__ = (Index(None, "team_id", "rep_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[str] = mapped_column(String(SLACK_ID), ForeignKey("workspaces.team_id", ondelete="CASCADE"))
    rep_id: Mapped[str] = mapped_column(String(SLACK_ID))
    scored_by: Mapped[str] = mapped_column(String(SLACK_ID))
    call_title: Mapped[str] = mapped_column(String(field_lengths.CALL_TITLE))
    call_link: Mapped[str | None] = mapped_column(String(field_lengths.CALL_LINK))
    call_on: Mapped[date] = mapped_column()
    scores: Mapped[dict[str, Any]] = mapped_column()  # dimension id -> 1..5
    notes: Mapped[str] = mapped_column(Text, default="")


class SelfAssessmentRow(TimestampMixin, Base):
    """One submitted self-assessment; the latest one counts."""

    __tablename__ = "self_assessments"
    __table_args__ = (Index(None, "team_id", "rep_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[str] = mapped_column(String(SLACK_ID), ForeignKey("workspaces.team_id", ondelete="CASCADE"))
    rep_id: Mapped[str] = mapped_column(String(SLACK_ID))
    answers: Mapped[list[Any]] = mapped_column(JSON())  # [{question, competency, confidence, competence}]
    submitted_at: Mapped[datetime] = mapped_column()


class GapRatingRow(TimestampMixin, Base):
    """The manager's week-2 impact and difficulty rating of one competency, per cycle."""

    __tablename__ = "gap_ratings"
    __table_args__ = (UniqueConstraint("cycle_id", "competency"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[str] = mapped_column(String(SLACK_ID), ForeignKey("workspaces.team_id", ondelete="CASCADE"))
    cycle_id: Mapped[int] = mapped_column(Integer, ForeignKey("cycles.id", ondelete="CASCADE"))
    competency: Mapped[str] = mapped_column(String(64))
    impact: Mapped[int] = mapped_column(Integer)
    difficulty: Mapped[int] = mapped_column(Integer)


class FocusSkillRow(TimestampMixin, Base):
    """One of the (at most two) focus skills of a cycle; position keeps the order they were chosen in."""

    __tablename__ = "focus_skills"
    __table_args__ = (UniqueConstraint("cycle_id", "competency"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[str] = mapped_column(String(SLACK_ID), ForeignKey("workspaces.team_id", ondelete="CASCADE"))
    cycle_id: Mapped[int] = mapped_column(Integer, ForeignKey("cycles.id", ondelete="CASCADE"))
    competency: Mapped[str] = mapped_column(String(64))
    position: Mapped[int] = mapped_column(Integer)


class ContractRow(TimestampMixin, Base):
    """The coaching contract of a cycle; a revision updates the row and appends to its history."""

    __tablename__ = "contracts"
    __table_args__ = (UniqueConstraint("cycle_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[str] = mapped_column(String(SLACK_ID), ForeignKey("workspaces.team_id", ondelete="CASCADE"))
    cycle_id: Mapped[int] = mapped_column(Integer, ForeignKey("cycles.id", ondelete="CASCADE"))
    rep_id: Mapped[str] = mapped_column(String(SLACK_ID))
    manager_id: Mapped[str] = mapped_column(String(SLACK_ID))
    metrics: Mapped[list[Any]] = mapped_column(JSON())  # [{competency, indicator, target}]
    weekly_hours: Mapped[float] = mapped_column(Numeric(4, 1))
    rep_commitments: Mapped[str] = mapped_column(Text)
    manager_commitments: Mapped[str] = mapped_column(Text)
    version: Mapped[int] = mapped_column(Integer, default=1)
    rep_signed_at: Mapped[datetime | None] = mapped_column()
    manager_signed_at: Mapped[datetime | None] = mapped_column()
    history: Mapped[list[Any]] = mapped_column(JSON(), default=list)

"""Calls after the fact: the rep's debriefs and the manager's shadow observations."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from domain import field_lengths
from storage.orm.base import SLACK_ID, Base, TimestampMixin

CALL_TYPE = 16  # "negotiation" is the longest
COMPETENCY = 64  # as focus_skills.competency


class ShadowObservationRow(TimestampMixin, Base):
    """One call a manager shadowed, with their feedback for the rep."""

    __tablename__ = "shadow_observations"
    __table_args__ = (Index(None, "team_id", "rep_id", "call_on"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[str] = mapped_column(String(SLACK_ID), ForeignKey("workspaces.team_id", ondelete="CASCADE"))
    rep_id: Mapped[str] = mapped_column(String(SLACK_ID))
    observer_id: Mapped[str] = mapped_column(String(SLACK_ID))
    cycle_id: Mapped[int | None] = mapped_column(Integer, ForeignKey("cycles.id", ondelete="SET NULL"))
    account: Mapped[str] = mapped_column(String(field_lengths.CALL_ACCOUNT))
    deal_id: Mapped[str | None] = mapped_column(String(field_lengths.DEAL_ID))
    call_type: Mapped[str] = mapped_column(String(CALL_TYPE))
    call_on: Mapped[date] = mapped_column()
    went_well: Mapped[str] = mapped_column(Text)
    do_differently: Mapped[str] = mapped_column(Text)
    practice_next: Mapped[str] = mapped_column(Text)
    feedback: Mapped[str] = mapped_column(Text)
    skill_scores: Mapped[dict[str, Any]] = mapped_column(JSON())  # competency id -> 1..5
    indicators: Mapped[dict[str, Any]] = mapped_column(JSON())  # indicator id -> value
    skills: Mapped[list[Any]] = mapped_column(JSON())  # focus skills the questions named
    recording_link: Mapped[str | None] = mapped_column(String(field_lengths.RECORDING_LINK))


class DebriefRow(TimestampMixin, Base):
    """One post-call debrief; an edit updates the row and appends the earlier version to `history`."""

    __tablename__ = "debriefs"
    __table_args__ = (
        Index(None, "team_id", "rep_id", "call_on"),
        Index(None, "team_id", "created_at"),
        Index(None, "shadow_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[str] = mapped_column(String(SLACK_ID), ForeignKey("workspaces.team_id", ondelete="CASCADE"))
    rep_id: Mapped[str] = mapped_column(String(SLACK_ID))
    cycle_id: Mapped[int | None] = mapped_column(Integer, ForeignKey("cycles.id", ondelete="SET NULL"))
    shadow_id: Mapped[int | None] = mapped_column(
        Integer, ForeignKey("shadow_observations.id", ondelete="SET NULL")
    )
    account: Mapped[str] = mapped_column(String(field_lengths.CALL_ACCOUNT))
    deal_id: Mapped[str | None] = mapped_column(String(field_lengths.DEAL_ID))
    call_type: Mapped[str] = mapped_column(String(CALL_TYPE))
    call_on: Mapped[date] = mapped_column()
    went_well: Mapped[str] = mapped_column(Text)
    do_differently: Mapped[str] = mapped_column(Text)
    practice_next: Mapped[str] = mapped_column(Text)
    indicators: Mapped[dict[str, Any]] = mapped_column(JSON())
    skills: Mapped[list[Any]] = mapped_column(JSON())
    recording_link: Mapped[str | None] = mapped_column(String(field_lengths.RECORDING_LINK))
    version: Mapped[int] = mapped_column(Integer, default=1)
    history: Mapped[list[Any]] = mapped_column(JSON(), default=list)


class DebriefFeedbackRow(TimestampMixin, Base):
    """A manager's reply to a debrief ("Reply with feedback"), kept for scorecards."""

    __tablename__ = "debrief_feedback"
    __table_args__ = (Index(None, "team_id", "debrief_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[str] = mapped_column(String(SLACK_ID), ForeignKey("workspaces.team_id", ondelete="CASCADE"))
    debrief_id: Mapped[int] = mapped_column(Integer, ForeignKey("debriefs.id", ondelete="CASCADE"))
    rep_id: Mapped[str] = mapped_column(String(SLACK_ID))
    manager_id: Mapped[str] = mapped_column(String(SLACK_ID))
    text: Mapped[str] = mapped_column(Text)

"""Action-plan commitments (issue 12): one row per action, its history kept beside it as JSON."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from domain import field_lengths
from storage.orm.base import SLACK_ID, Base, TimestampMixin

COMMITMENT_STATUS = 16  # "open", "done", "partly", "not_done", "dropped"
PLAN_ID = 32  # the grouping of the 1-3 actions agreed together


class CommitmentRow(TimestampMixin, Base):
    """One action of a plan. Indexed by (team, rep, status) for App Home and the kept-on-time rate, and by
    (team, owner, status) for the owner's follow-up reminders."""

    __tablename__ = "commitments"
    __table_args__ = (Index(None, "team_id", "rep_id", "status"), Index(None, "team_id", "owner_id", "status"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[str] = mapped_column(String(SLACK_ID), ForeignKey("workspaces.team_id", ondelete="CASCADE"))
    rep_id: Mapped[str] = mapped_column(String(SLACK_ID))
    manager_id: Mapped[str | None] = mapped_column(String(SLACK_ID))
    owner_id: Mapped[str] = mapped_column(String(SLACK_ID))
    plan_id: Mapped[str] = mapped_column(String(PLAN_ID))
    # The 1:1 the plan was agreed at; an action outlives its session (only deleted with the workspace).
    session_id: Mapped[int | None] = mapped_column(Integer, ForeignKey("coaching_sessions.id", ondelete="SET NULL"))
    action: Mapped[str] = mapped_column(String(field_lengths.COMMITMENT_ACTION))
    deadline: Mapped[date] = mapped_column()
    evidence: Mapped[str] = mapped_column(String(field_lengths.COMMITMENT_EVIDENCE), default="")
    confidence: Mapped[int | None] = mapped_column(Integer)
    support: Mapped[str] = mapped_column(String(field_lengths.COMMITMENT_SUPPORT), default="")
    status: Mapped[str] = mapped_column(String(COMMITMENT_STATUS), default="open")
    obstacles: Mapped[str] = mapped_column(Text, default="")
    answered_on: Mapped[date | None] = mapped_column()
    created_by: Mapped[str] = mapped_column(String(SLACK_ID))
    history: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)

"""1:1 coaching sessions between a rep and their manager (issue 12)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from storage.orm.base import SLACK_ID, Base, TimestampMixin

SESSION_STATE = 16  # "scheduled", "cancelled"; repeats "once", "weekly", "biweekly"


class CoachingSessionRow(TimestampMixin, Base):
    """One session (one occurrence of a series); read by (team, rep, start) and (team, manager, start).

    `history` is the list of changes, oldest first: {"kind", "by", "at", "from_start"}.
    """

    __tablename__ = "coaching_sessions"
    __table_args__ = (
        Index(None, "team_id", "rep_id", "starts_at"),
        Index(None, "team_id", "manager_id", "starts_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[str] = mapped_column(String(SLACK_ID), ForeignKey("workspaces.team_id", ondelete="CASCADE"))
    rep_id: Mapped[str] = mapped_column(String(SLACK_ID))
    manager_id: Mapped[str] = mapped_column(String(SLACK_ID))
    starts_at: Mapped[datetime] = mapped_column()
    minutes: Mapped[int] = mapped_column(Integer)
    repeat: Mapped[str] = mapped_column(String(SESSION_STATE), default="once")
    series_id: Mapped[int | None] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(SESSION_STATE), default="scheduled")
    history: Mapped[list[Any]] = mapped_column(JSON, default=list)

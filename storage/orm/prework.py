"""The rep's pre-work for a 1:1 session (issue 12)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import JSON, ForeignKey, Integer, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column

from storage.orm.base import SLACK_ID, Base, TimestampMixin


class SessionPreworkRow(TimestampMixin, Base):
    """One per session; `agenda` and `manager_questions` are JSON lists of strings."""

    __tablename__ = "session_prework"
    __table_args__ = (UniqueConstraint("team_id", "session_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[str] = mapped_column(String(SLACK_ID), ForeignKey("workspaces.team_id", ondelete="CASCADE"))
    session_id: Mapped[int] = mapped_column(Integer, ForeignKey("coaching_sessions.id", ondelete="CASCADE"))
    rep_id: Mapped[str] = mapped_column(String(SLACK_ID))
    agenda: Mapped[list[Any]] = mapped_column(JSON, default=list)
    questions: Mapped[str] = mapped_column(Text, default="")
    background: Mapped[str] = mapped_column(Text, default="")
    manager_questions: Mapped[list[Any]] = mapped_column(JSON, default=list)
    # The enablement pre-read as answered: [{"question": ..., "answer": ...}] (migration 0022).
    preread: Mapped[list[Any]] = mapped_column(JSON, default=list, server_default=text("'[]'"))

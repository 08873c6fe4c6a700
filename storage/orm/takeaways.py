"""A 1:1 session's takeaways and the agenda items it covered (issue 12)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import JSON, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from storage.orm.base import SLACK_ID, Base, TimestampMixin


class SessionTakeawaysRow(TimestampMixin, Base):
    """One per session; `covered` is a JSON list of agenda items, `history` the replaced versions.

    `history`, oldest first: {"text", "covered", "by", "at"} (domain.coaching.takeaways.KEPT_VERSIONS at most).
    """

    __tablename__ = "session_takeaways"
    __table_args__ = (UniqueConstraint("team_id", "session_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[str] = mapped_column(String(SLACK_ID), ForeignKey("workspaces.team_id", ondelete="CASCADE"))
    session_id: Mapped[int] = mapped_column(Integer, ForeignKey("coaching_sessions.id", ondelete="CASCADE"))
    rep_id: Mapped[str] = mapped_column(String(SLACK_ID))
    text: Mapped[str] = mapped_column(Text, default="")
    covered: Mapped[list[Any]] = mapped_column(JSON, default=list)
    recorded_by: Mapped[str] = mapped_column(String(SLACK_ID))
    history: Mapped[list[Any]] = mapped_column(JSON, default=list)

"""Days a rep said "No calls today" on the end-of-day debrief prompt."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import ForeignKey, Integer, String, UniqueConstraint, func
from sqlalchemy.orm import Mapped, mapped_column

from storage.orm.base import SLACK_ID, Base, utcnow


class CallFreeDayRow(Base):
    """One rep's day without calls, as they said; unique per workspace, rep and day.

    A scorecard tells a quiet day from a forgotten debrief with it, and the
    end-of-day prompt is not sent again on that day.
    """

    __tablename__ = "call_free_days"
    __table_args__ = (UniqueConstraint("team_id", "rep_id", "day"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[str] = mapped_column(String(SLACK_ID), ForeignKey("workspaces.team_id", ondelete="CASCADE"))
    rep_id: Mapped[str] = mapped_column(String(SLACK_ID))
    day: Mapped[date] = mapped_column()  # the rep's local day
    created_at: Mapped[datetime] = mapped_column(default=utcnow, server_default=func.now())

"""Reps' comments on their Friday scorecards, for their managers (issue 11)."""

from __future__ import annotations

from sqlalchemy import ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from domain.coaching.scorecard_comments import WEEK_LABEL_LENGTH
from storage.orm.base import SLACK_ID, Base, TimestampMixin


class ScorecardCommentRow(TimestampMixin, Base):
    """One comment of a rep on their scorecard of one ISO week; read by (workspace, rep, week)."""

    __tablename__ = "scorecard_comments"
    __table_args__ = (Index(None, "team_id", "rep_id", "week"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[str] = mapped_column(String(SLACK_ID), ForeignKey("workspaces.team_id", ondelete="CASCADE"))
    rep_id: Mapped[str] = mapped_column(String(SLACK_ID))
    manager_id: Mapped[str] = mapped_column(String(SLACK_ID))  # whom it was sent to
    week: Mapped[str] = mapped_column(String(WEEK_LABEL_LENGTH))  # "2026-W50"
    text: Mapped[str] = mapped_column(Text)

"""Reps' success stories (issue 13)."""

from __future__ import annotations

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from domain.catalog.model import ID_MAX
from domain.coaching.wins import SOURCE_LENGTH
from domain.field_lengths import WIN_OUTCOME
from storage.orm.base import SLACK_ID, SLACK_TS, Base, TimestampMixin


class SuccessStoryRow(TimestampMixin, Base):
    """One win of a rep; read by (workspace, rep) and by (workspace, skill), latest first."""

    __tablename__ = "success_stories"
    __table_args__ = (Index(None, "team_id", "rep_id", "created_at"), Index(None, "team_id", "skill", "created_at"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[str] = mapped_column(String(SLACK_ID), ForeignKey("workspaces.team_id", ondelete="CASCADE"))
    rep_id: Mapped[str] = mapped_column(String(SLACK_ID))
    manager_id: Mapped[str | None] = mapped_column(String(SLACK_ID))  # the rep's manager when they wrote it
    skill: Mapped[str] = mapped_column(String(ID_MAX))  # a competency id of the catalog
    what_happened: Mapped[str] = mapped_column(Text)
    approach: Mapped[str] = mapped_column(Text)
    outcome: Mapped[str] = mapped_column(String(WIN_OUTCOME))
    consent: Mapped[bool] = mapped_column(Boolean)  # "Share with my team"
    source: Mapped[str] = mapped_column(String(SOURCE_LENGTH))  # home, challenge, command
    posted_channel: Mapped[str | None] = mapped_column(String(SLACK_ID))
    posted_ts: Mapped[str | None] = mapped_column(String(SLACK_TS))

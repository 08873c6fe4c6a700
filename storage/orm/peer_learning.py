"""Peer learning: each rep's Friday ask to share their approach, and what became of it."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Float, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from domain.catalog.model import ID_MAX
from storage.orm.base import PERIOD, SLACK_ID, SLACK_TS, Base, TimestampMixin

SHARE_STATUS = 16  # "asked", "shared", "declined", "posted_failed"
SLACK_ERROR = 64  # Slack's error code of a failed post, e.g. "not_in_channel"


class PeerShareRow(TimestampMixin, Base):
    """One ask of one rep for one ISO week: the improvement it was about, the decision, the words, the post.

    Unique per (workspace, rep, week): a second ask, a replayed click or a
    second instance cannot make another.
    """

    __tablename__ = "peer_shares"
    __table_args__ = (UniqueConstraint("team_id", "rep_id", "week"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[str] = mapped_column(String(SLACK_ID), ForeignKey("workspaces.team_id", ondelete="CASCADE"))
    rep_id: Mapped[str] = mapped_column(String(SLACK_ID))
    week: Mapped[str] = mapped_column(String(PERIOD))  # "2026-W50"
    competency: Mapped[str] = mapped_column(String(ID_MAX))
    indicator: Mapped[str] = mapped_column(String(ID_MAX))
    value_before: Mapped[float] = mapped_column(Float)
    value_after: Mapped[float] = mapped_column(Float)
    calls: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(SHARE_STATUS))
    text: Mapped[str] = mapped_column(Text, default="")  # the prefill while asked; the shared words after
    channel_id: Mapped[str | None] = mapped_column(String(SLACK_ID))
    message_ts: Mapped[str | None] = mapped_column(String(SLACK_TS))
    error: Mapped[str | None] = mapped_column(String(SLACK_ERROR))
    asked_at: Mapped[datetime | None] = mapped_column()
    decided_at: Mapped[datetime | None] = mapped_column()

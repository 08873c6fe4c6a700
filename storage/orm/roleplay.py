"""Role-plays practised on a rep's real deals."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from domain import field_lengths
from domain.pipeline.model import MAX_EXTERNAL_ID, MAX_NAME
from storage.orm.base import SLACK_ID, Base, TimestampMixin


class RoleplayPracticeRow(TimestampMixin, Base):
    """One role-play practised on one deal of a rep, with the account's name at the time.

    The deal is named by its CRM id, not a foreign key: a later import may
    rename or drop the deal, and the record of the practice stays.
    """

    __tablename__ = "roleplay_practices"
    # recent(): a team's practices since a day, newest first.
    __table_args__ = (Index(None, "team_id", "rep_id", "practised_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[str] = mapped_column(String(SLACK_ID), ForeignKey("workspaces.team_id", ondelete="CASCADE"))
    rep_id: Mapped[str] = mapped_column(String(SLACK_ID))
    external_id: Mapped[str] = mapped_column(String(MAX_EXTERNAL_ID))
    account: Mapped[str] = mapped_column(String(MAX_NAME))
    practised_by: Mapped[str] = mapped_column(String(SLACK_ID))
    note: Mapped[str] = mapped_column(String(field_lengths.ROLEPLAY_NOTE), default="")
    practised_at: Mapped[datetime] = mapped_column()

"""Skill homework: what a manager assigned a rep, what the rep handed in, and the manager's feedback."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from domain import field_lengths
from storage.orm.base import SLACK_ID, Base, TimestampMixin

CATALOG_ID = 64  # a competency or template id of the skill catalog
HOMEWORK_STATE = 16  # "assigned", "handed_in", "reviewed"; hand-in kinds "text", "link", "file"


class HomeworkRow(TimestampMixin, Base):
    """One homework; `status` moves assigned -> handed_in -> reviewed.

    Indexed by (team, rep, status): App Home and the due-date reminder read
    the unfinished homework of many reps at once.
    """

    __tablename__ = "homework"
    __table_args__ = (Index(None, "team_id", "rep_id", "status"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[str] = mapped_column(String(SLACK_ID), ForeignKey("workspaces.team_id", ondelete="CASCADE"))
    rep_id: Mapped[str] = mapped_column(String(SLACK_ID))
    manager_id: Mapped[str] = mapped_column(String(SLACK_ID))
    cycle_id: Mapped[int | None] = mapped_column(Integer, ForeignKey("cycles.id", ondelete="SET NULL"))
    competency: Mapped[str | None] = mapped_column(String(CATALOG_ID))
    template_id: Mapped[str | None] = mapped_column(String(CATALOG_ID))
    text: Mapped[str] = mapped_column(Text)
    due_on: Mapped[date] = mapped_column()
    hand_in_kind: Mapped[str] = mapped_column(String(HOMEWORK_STATE))
    status: Mapped[str] = mapped_column(String(HOMEWORK_STATE), default="assigned")
    hand_in_text: Mapped[str | None] = mapped_column(Text)
    hand_in_link: Mapped[str | None] = mapped_column(String(field_lengths.HOMEWORK_LINK))
    hand_in_file_id: Mapped[str | None] = mapped_column(String(SLACK_ID))
    hand_in_file_name: Mapped[str | None] = mapped_column(String(field_lengths.HOMEWORK_FILE_NAME))
    handed_in_at: Mapped[datetime | None] = mapped_column()
    feedback: Mapped[str | None] = mapped_column(Text)
    feedback_at: Mapped[datetime | None] = mapped_column()

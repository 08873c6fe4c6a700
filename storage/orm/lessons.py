"""Micro-lessons: each lesson's progress per cycle, and a workspace's own wording of the lessons."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from domain.catalog.model import ID_MAX, NAME_MAX, PARAGRAPH_MAX
from storage.orm.base import SLACK_ID, Base, TimestampMixin

LESSON_STATUS = 16  # "sent", "done", "remind", "discuss"


class LessonProgressRow(TimestampMixin, Base):
    """One micro-lesson of a cycle and what its rep made of it (weeks 3-6)."""

    __tablename__ = "lesson_progress"
    __table_args__ = (UniqueConstraint("team_id", "cycle_id", "lesson_id"), Index(None, "team_id", "rep_id"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[str] = mapped_column(String(SLACK_ID), ForeignKey("workspaces.team_id", ondelete="CASCADE"))
    cycle_id: Mapped[int] = mapped_column(Integer, ForeignKey("cycles.id", ondelete="CASCADE"))
    rep_id: Mapped[str] = mapped_column(String(SLACK_ID))
    competency: Mapped[str] = mapped_column(String(ID_MAX))
    lesson_id: Mapped[str] = mapped_column(String(ID_MAX))
    status: Mapped[str] = mapped_column(String(LESSON_STATUS))
    sent_at: Mapped[datetime | None] = mapped_column()
    done_at: Mapped[datetime | None] = mapped_column()
    remind_on: Mapped[date | None] = mapped_column()
    discuss_at: Mapped[datetime | None] = mapped_column()


class LessonTextRow(TimestampMixin, Base):
    """A workspace's own wording of one lesson; a field left empty keeps the catalog's."""

    __tablename__ = "lesson_texts"
    __table_args__ = (UniqueConstraint("team_id", "lesson_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[str] = mapped_column(String(SLACK_ID), ForeignKey("workspaces.team_id", ondelete="CASCADE"))
    lesson_id: Mapped[str] = mapped_column(String(ID_MAX))
    title: Mapped[str | None] = mapped_column(String(NAME_MAX))
    summary: Mapped[str | None] = mapped_column(String(PARAGRAPH_MAX))
    example: Mapped[str | None] = mapped_column(String(PARAGRAPH_MAX))
    exercise: Mapped[str | None] = mapped_column(String(PARAGRAPH_MAX))

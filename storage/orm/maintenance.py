"""Monthly maintenance check-ins (issue 13): one per rep, cycle and month, its ratings and readings as child rows."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Float, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from storage.orm.base import SLACK_ID, Base, TimestampMixin

COMPETENCY = 64  # as focus_skills.competency
INDICATOR = 64  # a catalog indicator id


class MaintenanceCheckinRow(TimestampMixin, Base):
    """A rep's check-in of one month (`month`: its first day) in one cycle; a resubmission updates it."""

    __tablename__ = "maintenance_checkins"
    __table_args__ = (UniqueConstraint("team_id", "rep_id", "cycle_id", "month"), Index(None, "team_id", "cycle_id"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[str] = mapped_column(String(SLACK_ID), ForeignKey("workspaces.team_id", ondelete="CASCADE"))
    rep_id: Mapped[str] = mapped_column(String(SLACK_ID))
    manager_id: Mapped[str] = mapped_column(String(SLACK_ID))
    cycle_id: Mapped[int] = mapped_column(Integer, ForeignKey("cycles.id", ondelete="CASCADE"))
    month: Mapped[date] = mapped_column()
    slipping: Mapped[str] = mapped_column(Text, default="")
    submitted_at: Mapped[datetime] = mapped_column()
    restarted_skill: Mapped[str | None] = mapped_column(String(COMPETENCY))
    new_cycle_id: Mapped[int | None] = mapped_column(Integer, ForeignKey("cycles.id", ondelete="SET NULL"))


class MaintenanceRatingRow(Base):
    """The rep's 1-5 self-rating of one focus skill in one check-in."""

    __tablename__ = "maintenance_checkin_ratings"

    checkin_id: Mapped[int] = mapped_column(
        Integer, ForeignKey("maintenance_checkins.id", ondelete="CASCADE"), primary_key=True)
    competency: Mapped[str] = mapped_column(String(COMPETENCY), primary_key=True)
    position: Mapped[int] = mapped_column(Integer)
    rating: Mapped[int] = mapped_column(Integer)


class MaintenanceReadingRow(Base):
    """One indicator's value over the snapshot's weeks, as the check-in saw it (None: no call recorded it)."""

    __tablename__ = "maintenance_checkin_readings"

    checkin_id: Mapped[int] = mapped_column(
        Integer, ForeignKey("maintenance_checkins.id", ondelete="CASCADE"), primary_key=True)
    competency: Mapped[str] = mapped_column(String(COMPETENCY), primary_key=True)
    indicator: Mapped[str] = mapped_column(String(INDICATOR), primary_key=True)
    position: Mapped[int] = mapped_column(Integer)
    value: Mapped[float | None] = mapped_column(Float)
    calls: Mapped[int] = mapped_column(Integer)

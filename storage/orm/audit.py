"""The audit log: who read or changed whose coaching records (issue 14, data rights)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from domain.audit import ACTION_LENGTH, KIND_LENGTH, RECORD_ID_LENGTH
from storage.orm.base import SLACK_ID, Base


class AuditEventRow(Base):
    """One read or change of a person's coaching records; names ids, never content.

    Read newest first per workspace, and per person as actor or subject.
    """

    __tablename__ = "audit_events"
    __table_args__ = (
        Index(None, "team_id", "at"),
        Index(None, "team_id", "subject_id", "at"),
        Index(None, "team_id", "actor_id", "at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[str] = mapped_column(String(SLACK_ID), ForeignKey("workspaces.team_id", ondelete="CASCADE"))
    actor_id: Mapped[str] = mapped_column(String(SLACK_ID))
    subject_id: Mapped[str] = mapped_column(String(SLACK_ID))
    action: Mapped[str] = mapped_column(String(ACTION_LENGTH))
    record_kind: Mapped[str] = mapped_column(String(KIND_LENGTH))
    record_id: Mapped[str] = mapped_column(String(RECORD_ID_LENGTH))
    at: Mapped[datetime]

"""Per-person schedules and the delivery ledger."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from storage.orm.base import KIND, PERIOD, SLACK_ID, SLACK_TS, Base, TimestampMixin


class ScheduleRow(TimestampMixin, Base):
    """When one person's notifications of one kind next need a look.

    The dispatch tick reads only rows whose `next_check_at` has passed, so it
    costs the same with ten thousand people as with ten.
    """

    __tablename__ = "schedules"
    __table_args__ = (
        UniqueConstraint("team_id", "user_id", "kind"),
        # The tick: `next_check_at <= now ORDER BY next_check_at LIMIT n`.
        Index(None, "next_check_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[str] = mapped_column(
        String(SLACK_ID), ForeignKey("workspaces.team_id", ondelete="CASCADE")
    )
    user_id: Mapped[str] = mapped_column(String(SLACK_ID))
    kind: Mapped[str] = mapped_column(String(KIND))
    # NULL: nothing scheduled (muted, disabled); such rows are never due.
    next_check_at: Mapped[datetime | None] = mapped_column()
    checked_until: Mapped[datetime] = mapped_column()


DELIVERY_STATUSES = ("pending", "sending", "sent", "failed", "skipped")


class DeliveryRow(TimestampMixin, Base):
    """The delivery ledger (outbox): one row per scheduled message, made before sending.

    The unique key (team_id, recipient_id, kind, period) is what makes a
    double send impossible: a second tick, a restart or a second instance
    inserting the same message finds the row there and does nothing.
    """

    __tablename__ = "deliveries"
    __table_args__ = (
        UniqueConstraint("team_id", "recipient_id", "kind", "period"),
        # claim_ready(): PENDING rows whose retry time has come.
        Index(None, "status", "next_attempt_at"),
        # search(): the newest first, for operators.
        Index(None, "created_at"),
        CheckConstraint(
            "status IN (" + ", ".join(f"'{s}'" for s in DELIVERY_STATUSES) + ")", name="status"
        ),
    )

    # Integer, not BigInteger: SQLite only autoincrements INTEGER PRIMARY KEY,
    # and two billion messages is far beyond any one deployment.
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[str] = mapped_column(
        String(SLACK_ID), ForeignKey("workspaces.team_id", ondelete="CASCADE")
    )
    # Kept on the row (not joined from workspaces) so the sender needs no join.
    enterprise_id: Mapped[str | None] = mapped_column(String(SLACK_ID))
    recipient_id: Mapped[str] = mapped_column(String(SLACK_ID))
    kind: Mapped[str] = mapped_column(String(KIND))
    period: Mapped[str] = mapped_column(String(PERIOD))
    # domain.delivery.DeliveryStatus values; a plain string for the same
    # reason as members.role.
    status: Mapped[str] = mapped_column(String(16))
    due_at: Mapped[datetime] = mapped_column()
    stale_at: Mapped[datetime] = mapped_column()
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime | None] = mapped_column()
    claimed_at: Mapped[datetime | None] = mapped_column()
    channel: Mapped[str | None] = mapped_column(String(SLACK_ID))
    ts: Mapped[str | None] = mapped_column(String(SLACK_TS))
    # Text: Slack error strings and our reasons have no natural bound.
    error: Mapped[str | None] = mapped_column(Text)
    reason: Mapped[str | None] = mapped_column(Text)

"""Imported CRM opportunities."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import CheckConstraint, ForeignKey, Index, Integer, Numeric, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from storage.orm.base import NAME, SLACK_ID, Base, TimestampMixin

OPPORTUNITY_STATUSES = ("open", "won", "lost")
OPPORTUNITY_STAGES = ("prospecting", "qualifying", "presenting", "closing")


class OpportunityRow(TimestampMixin, Base):
    """A CRM deal imported from an export; (team_id, external_id) is the CRM's identity.

    The four stage dates are columns, not a child table: the audit reads a
    whole workspace at once, and one row per deal keeps that a single scan.
    Sizes match domain.pipeline.model's limits, which the import checks.
    """

    __tablename__ = "opportunities"
    __table_args__ = (
        # Re-importing a file upserts on this key.
        UniqueConstraint("team_id", "external_id"),
        # for_owners(): one rep's (or one team's) deals.
        Index(None, "team_id", "owner_id"),
        CheckConstraint(
            "status IN (" + ", ".join(f"'{s}'" for s in OPPORTUNITY_STATUSES) + ")", name="status"
        ),
        CheckConstraint(
            "stage IN (" + ", ".join(f"'{s}'" for s in OPPORTUNITY_STAGES) + ")", name="stage"
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[str] = mapped_column(
        String(SLACK_ID), ForeignKey("workspaces.team_id", ondelete="CASCADE")
    )
    external_id: Mapped[str] = mapped_column(String(128))
    # A member's Slack user id; no foreign key, like members.manager_id, so
    # a member's row can change without touching their deals.
    owner_id: Mapped[str] = mapped_column(String(SLACK_ID))
    name: Mapped[str] = mapped_column(String(NAME), default="")
    # In the CRM's currency, to the cent (Numeric, never float, on PostgreSQL).
    amount: Mapped[Decimal | None] = mapped_column(Numeric(14, 2))
    # NULL: a lost deal whose export said neither stage nor stage dates.
    stage: Mapped[str | None] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(8))
    created_on: Mapped[date | None] = mapped_column()
    closed_on: Mapped[date | None] = mapped_column()
    loss_reason: Mapped[str | None] = mapped_column(Text)
    loss_category: Mapped[str | None] = mapped_column(String(32))
    entered_prospecting: Mapped[date | None] = mapped_column()
    entered_qualifying: Mapped[date | None] = mapped_column()
    entered_presenting: Mapped[date | None] = mapped_column()
    entered_closing: Mapped[date | None] = mapped_column()
    # The file this row last came from (its name), for operators.
    source: Mapped[str] = mapped_column(String(NAME), default="")

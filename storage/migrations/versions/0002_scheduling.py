"""Scheduling: per-person schedules, the delivery ledger, pauses and mutes.

Revision ID: 0002
Revises: 0001
Create Date: 2025-11-24

Hand-written to match storage.orm at this revision, with `sa.*` types only
(see 0001). Workspace settings gained keys too (working days, holidays,
quiet hours, disabled kinds), but they live in the JSON `settings` column:
rows written before read the defaults, so no data migration is needed.
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0002"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _timestamps() -> list[sa.Column[Any]]:
    return [
        sa.Column(name, sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False)
        for name in ("created_at", "updated_at")
    ]


def _team_id_fk(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["team_id"],
        ["workspaces.team_id"],
        name=op.f(f"fk_{table}_team_id_workspaces"),
        ondelete="CASCADE",
    )


def upgrade() -> None:
    # Batch mode: a plain ALTER on PostgreSQL, and on SQLite an ADD COLUMN
    # (no table copy is needed to add a column with a default).
    with op.batch_alter_table("members") as batch:
        batch.add_column(sa.Column("paused_until", sa.Date(), nullable=True))
        # The server default gives every existing member "nothing muted".
        batch.add_column(
            sa.Column("muted_kinds", sa.JSON(), server_default=sa.text("'[]'"), nullable=False)
        )

    op.create_table(
        "schedules",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("user_id", sa.String(length=32), nullable=False),
        sa.Column("kind", sa.String(length=64), nullable=False),
        sa.Column("next_check_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("checked_until", sa.DateTime(timezone=True), nullable=False),
        *_timestamps(),
        _team_id_fk("schedules"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_schedules")),
        sa.UniqueConstraint(
            "team_id", "user_id", "kind", name=op.f("uq_schedules_team_id_user_id_kind")
        ),
    )
    op.create_index(
        op.f("ix_schedules_next_check_at"), "schedules", ["next_check_at"], unique=False
    )

    op.create_table(
        "deliveries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("enterprise_id", sa.String(length=32), nullable=True),
        sa.Column("recipient_id", sa.String(length=32), nullable=False),
        sa.Column("kind", sa.String(length=64), nullable=False),
        sa.Column("period", sa.String(length=32), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("due_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("stale_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("claimed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("channel", sa.String(length=32), nullable=True),
        sa.Column("ts", sa.String(length=32), nullable=True),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=True),
        *_timestamps(),
        sa.CheckConstraint(
            "status IN ('pending', 'sending', 'sent', 'failed', 'skipped')",
            name=op.f("ck_deliveries_status"),
        ),
        _team_id_fk("deliveries"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_deliveries")),
        # The ledger's key: one message per (workspace, recipient, kind, period).
        sa.UniqueConstraint(
            "team_id",
            "recipient_id",
            "kind",
            "period",
            name=op.f("uq_deliveries_team_id_recipient_id_kind_period"),
        ),
    )
    op.create_index(
        op.f("ix_deliveries_status_next_attempt_at"),
        "deliveries",
        ["status", "next_attempt_at"],
        unique=False,
    )
    op.create_index(op.f("ix_deliveries_created_at"), "deliveries", ["created_at"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_deliveries_created_at"), table_name="deliveries")
    op.drop_index(op.f("ix_deliveries_status_next_attempt_at"), table_name="deliveries")
    op.drop_table("deliveries")
    op.drop_index(op.f("ix_schedules_next_check_at"), table_name="schedules")
    op.drop_table("schedules")
    # On SQLite this copies the members table without the two columns; env.py
    # turns foreign keys off around it so nothing cascades.
    with op.batch_alter_table("members") as batch:
        batch.drop_column("muted_kinds")
        batch.drop_column("paused_until")

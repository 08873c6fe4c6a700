"""Pipeline audit: imported CRM opportunities, and members' Slack emails.

Revision ID: 0003
Revises: 0002
Create Date: 2025-11-26

Hand-written to match storage.orm at this revision, with `sa.*` types only
(see 0001). `members.email` starts NULL for everyone: it is filled from
Slack's profile the next time a person's profile is read.
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0003"
down_revision: str | Sequence[str] | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _timestamps() -> list[sa.Column[Any]]:
    return [
        sa.Column(name, sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False)
        for name in ("created_at", "updated_at")
    ]


def upgrade() -> None:
    # Batch mode: a plain ALTER on PostgreSQL, an ADD COLUMN on SQLite.
    with op.batch_alter_table("members") as batch:
        batch.add_column(sa.Column("email", sa.String(length=320), nullable=True))
    op.create_index(op.f("ix_members_team_id_email"), "members", ["team_id", "email"], unique=False)

    op.create_table(
        "opportunities",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("external_id", sa.String(length=128), nullable=False),
        sa.Column("owner_id", sa.String(length=32), nullable=False),
        sa.Column("name", sa.String(length=255), nullable=False),
        sa.Column("amount", sa.Numeric(precision=14, scale=2), nullable=True),
        sa.Column("stage", sa.String(length=16), nullable=True),
        sa.Column("status", sa.String(length=8), nullable=False),
        sa.Column("created_on", sa.Date(), nullable=True),
        sa.Column("closed_on", sa.Date(), nullable=True),
        sa.Column("loss_reason", sa.Text(), nullable=True),
        sa.Column("loss_category", sa.String(length=32), nullable=True),
        sa.Column("entered_prospecting", sa.Date(), nullable=True),
        sa.Column("entered_qualifying", sa.Date(), nullable=True),
        sa.Column("entered_presenting", sa.Date(), nullable=True),
        sa.Column("entered_closing", sa.Date(), nullable=True),
        sa.Column("source", sa.String(length=255), nullable=False),
        *_timestamps(),
        sa.CheckConstraint(
            "status IN ('open', 'won', 'lost')", name=op.f("ck_opportunities_status")
        ),
        sa.CheckConstraint(
            "stage IN ('prospecting', 'qualifying', 'presenting', 'closing')",
            name=op.f("ck_opportunities_stage"),
        ),
        sa.ForeignKeyConstraint(
            ["team_id"],
            ["workspaces.team_id"],
            name=op.f("fk_opportunities_team_id_workspaces"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_opportunities")),
        # The CRM's identity: re-importing a file upserts on it.
        sa.UniqueConstraint(
            "team_id", "external_id", name=op.f("uq_opportunities_team_id_external_id")
        ),
    )
    op.create_index(
        op.f("ix_opportunities_team_id_owner_id"),
        "opportunities",
        ["team_id", "owner_id"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_opportunities_team_id_owner_id"), table_name="opportunities")
    op.drop_table("opportunities")
    op.drop_index(op.f("ix_members_team_id_email"), table_name="members")
    # On SQLite this copies the members table without the column; env.py
    # turns foreign keys off around it so nothing cascades.
    with op.batch_alter_table("members") as batch:
        batch.drop_column("email")

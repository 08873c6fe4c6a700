"""Week 2: impact/difficulty ratings, focus skills and coaching contracts, per cycle.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-23
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | Sequence[str] | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _common(table: str) -> list[sa.Column | sa.Constraint]:
    """id, team and cycle (both cascading), timestamps: what every table here starts with."""
    return [
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("cycle_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sa.ForeignKeyConstraint(["team_id"], ["workspaces.team_id"], name=op.f(f"fk_{table}_team_id_workspaces"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["cycle_id"], ["cycles.id"], name=op.f(f"fk_{table}_cycle_id_cycles"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f(f"pk_{table}")),
    ]


def upgrade() -> None:
    op.create_table(
        "gap_ratings",
        *_common("gap_ratings"),
        sa.Column("competency", sa.String(length=64), nullable=False),
        sa.Column("impact", sa.Integer(), nullable=False),
        sa.Column("difficulty", sa.Integer(), nullable=False),
        sa.UniqueConstraint("cycle_id", "competency", name=op.f("uq_gap_ratings_cycle_id_competency")),
    )
    op.create_table(
        "focus_skills",
        *_common("focus_skills"),
        sa.Column("competency", sa.String(length=64), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.UniqueConstraint("cycle_id", "competency", name=op.f("uq_focus_skills_cycle_id_competency")),
    )
    op.create_table(
        "contracts",
        *_common("contracts"),
        sa.Column("rep_id", sa.String(length=32), nullable=False),
        sa.Column("manager_id", sa.String(length=32), nullable=False),
        sa.Column("metrics", sa.JSON(), nullable=False),
        sa.Column("weekly_hours", sa.Numeric(precision=4, scale=1), nullable=False),
        sa.Column("rep_commitments", sa.Text(), nullable=False),
        sa.Column("manager_commitments", sa.Text(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("rep_signed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("manager_signed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("history", sa.JSON(), nullable=False),
        sa.UniqueConstraint("cycle_id", name=op.f("uq_contracts_cycle_id")),
    )


def downgrade() -> None:
    op.drop_table("contracts")
    op.drop_table("focus_skills")
    op.drop_table("gap_ratings")

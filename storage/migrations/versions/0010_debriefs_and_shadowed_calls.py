"""Post-call debriefs and shadow observations (issue 10).

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-01
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | Sequence[str] | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _timestamps() -> list[sa.Column]:
    return [
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
    ]


def _call_columns(table: str) -> list[sa.Column | sa.Constraint]:
    return [
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("rep_id", sa.String(length=32), nullable=False),
        sa.Column("cycle_id", sa.Integer(), nullable=True),
        sa.Column("account", sa.String(length=255), nullable=False),
        sa.Column("deal_id", sa.String(length=128), nullable=True),
        sa.Column("call_type", sa.String(length=16), nullable=False),
        sa.Column("call_on", sa.Date(), nullable=False),
        sa.Column("went_well", sa.Text(), nullable=False),
        sa.Column("do_differently", sa.Text(), nullable=False),
        sa.Column("practice_next", sa.Text(), nullable=False),
        sa.Column("indicators", sa.JSON(), nullable=False),
        sa.Column("skills", sa.JSON(), nullable=False),
        sa.Column("recording_link", sa.String(length=500), nullable=True),
        *_timestamps(),
        sa.ForeignKeyConstraint(["team_id"], ["workspaces.team_id"], name=op.f(f"fk_{table}_team_id_workspaces"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["cycle_id"], ["cycles.id"], name=op.f(f"fk_{table}_cycle_id_cycles"),
                                ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f(f"pk_{table}")),
    ]


def upgrade() -> None:
    op.create_table(
        "shadow_observations",
        *_call_columns("shadow_observations"),
        sa.Column("observer_id", sa.String(length=32), nullable=False),
        sa.Column("feedback", sa.Text(), nullable=False),
        sa.Column("skill_scores", sa.JSON(), nullable=False),
    )
    op.create_index(op.f("ix_shadow_observations_team_id_rep_id_call_on"), "shadow_observations",
                    ["team_id", "rep_id", "call_on"], unique=False)
    op.create_table(
        "debriefs",
        *_call_columns("debriefs"),
        sa.Column("shadow_id", sa.Integer(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("history", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(["shadow_id"], ["shadow_observations.id"],
                                name=op.f("fk_debriefs_shadow_id_shadow_observations"), ondelete="SET NULL"),
    )
    op.create_index(op.f("ix_debriefs_team_id_rep_id_call_on"), "debriefs", ["team_id", "rep_id", "call_on"],
                    unique=False)
    op.create_index(op.f("ix_debriefs_team_id_created_at"), "debriefs", ["team_id", "created_at"], unique=False)
    op.create_index(op.f("ix_debriefs_shadow_id"), "debriefs", ["shadow_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_debriefs_shadow_id"), table_name="debriefs")
    op.drop_index(op.f("ix_debriefs_team_id_created_at"), table_name="debriefs")
    op.drop_index(op.f("ix_debriefs_team_id_rep_id_call_on"), table_name="debriefs")
    op.drop_table("debriefs")
    op.drop_index(op.f("ix_shadow_observations_team_id_rep_id_call_on"), table_name="shadow_observations")
    op.drop_table("shadow_observations")

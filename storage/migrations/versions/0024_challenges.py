"""The 21-day challenge (issue 13): challenges, their answered days, managers' summary choices, encouragements.

Revision ID: 0024
Revises: 0023
Create Date: 2026-12-01
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0024"
down_revision: str | Sequence[str] | None = "0023"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "challenges",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("rep_id", sa.String(length=32), nullable=False),
        sa.Column("started_by", sa.String(length=32), nullable=False),
        sa.Column("cycle_id", sa.Integer(), nullable=True),
        sa.Column("start_day", sa.Date(), nullable=False),
        sa.Column("day_kind", sa.String(length=16), nullable=False),
        sa.Column("nudge_at", sa.Time(), nullable=False),
        sa.Column("behaviours", sa.JSON(), nullable=False),
        sa.Column("away_days", sa.JSON(), nullable=False),
        sa.Column("repairs_used", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("active_slot", sa.Integer(), nullable=True),
        sa.Column("completed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sa.ForeignKeyConstraint(["team_id"], ["workspaces.team_id"],
                                name=op.f("fk_challenges_team_id_workspaces"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["cycle_id"], ["cycles.id"],
                                name=op.f("fk_challenges_cycle_id_cycles"), ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_challenges")),
        sa.UniqueConstraint("team_id", "rep_id", "active_slot", name=op.f("uq_challenges_team_id_rep_id_active_slot")),
    )
    op.create_index(op.f("ix_challenges_team_id_rep_id"), "challenges", ["team_id", "rep_id"], unique=False)
    op.create_table(
        "challenge_days",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("challenge_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("answer", sa.String(length=16), nullable=False),
        sa.Column("repaired", sa.Boolean(), nullable=False),
        sa.Column("note", sa.String(length=1000), nullable=False),
        sa.Column("answered_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["challenge_id"], ["challenges.id"],
                                name=op.f("fk_challenge_days_challenge_id_challenges"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_challenge_days")),
        sa.UniqueConstraint("challenge_id", "day", name=op.f("uq_challenge_days_challenge_id_day")),
    )
    op.create_table(
        "challenge_summary_choices",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("manager_id", sa.String(length=32), nullable=False),
        sa.Column("cadence", sa.String(length=16), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sa.ForeignKeyConstraint(["team_id"], ["workspaces.team_id"],
                                name=op.f("fk_challenge_summary_choices_team_id_workspaces"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_challenge_summary_choices")),
        sa.UniqueConstraint("team_id", "manager_id", name=op.f("uq_challenge_summary_choices_team_id_manager_id")),
    )
    op.create_table(
        "challenge_encouragements",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("challenge_id", sa.Integer(), nullable=False),
        sa.Column("manager_id", sa.String(length=32), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["challenge_id"], ["challenges.id"],
                                name=op.f("fk_challenge_encouragements_challenge_id_challenges"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_challenge_encouragements")),
        sa.UniqueConstraint("challenge_id", "day", name=op.f("uq_challenge_encouragements_challenge_id_day")),
    )


def downgrade() -> None:
    op.drop_table("challenge_encouragements")
    op.drop_table("challenge_summary_choices")
    op.drop_table("challenge_days")
    op.drop_index(op.f("ix_challenges_team_id_rep_id"), table_name="challenges")
    op.drop_table("challenges")

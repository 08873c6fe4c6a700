"""Monthly maintenance check-ins (issue 13): the check-in, its ratings per skill, its indicator readings.

Revision ID: 0026
Revises: 0025
Create Date: 2026-12-01
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0026"
down_revision: str | Sequence[str] | None = "0025"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "maintenance_checkins",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("rep_id", sa.String(length=32), nullable=False),
        sa.Column("manager_id", sa.String(length=32), nullable=False),
        sa.Column("cycle_id", sa.Integer(), nullable=False),
        sa.Column("month", sa.Date(), nullable=False),
        sa.Column("slipping", sa.Text(), nullable=False),
        sa.Column("submitted_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("restarted_skill", sa.String(length=64), nullable=True),
        sa.Column("new_cycle_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sa.ForeignKeyConstraint(["team_id"], ["workspaces.team_id"],
                                name=op.f("fk_maintenance_checkins_team_id_workspaces"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["cycle_id"], ["cycles.id"],
                                name=op.f("fk_maintenance_checkins_cycle_id_cycles"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["new_cycle_id"], ["cycles.id"],
                                name=op.f("fk_maintenance_checkins_new_cycle_id_cycles"), ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_maintenance_checkins")),
        sa.UniqueConstraint("team_id", "rep_id", "cycle_id", "month",
                            name=op.f("uq_maintenance_checkins_team_id_rep_id_cycle_id_month")),
    )
    op.create_index(op.f("ix_maintenance_checkins_team_id_cycle_id"), "maintenance_checkins",
                    ["team_id", "cycle_id"], unique=False)
    op.create_table(
        "maintenance_checkin_ratings",
        sa.Column("checkin_id", sa.Integer(), nullable=False),
        sa.Column("competency", sa.String(length=64), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("rating", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["checkin_id"], ["maintenance_checkins.id"],
                                name=op.f("fk_maintenance_checkin_ratings_checkin_id_maintenance_checkins"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("checkin_id", "competency", name=op.f("pk_maintenance_checkin_ratings")),
    )
    op.create_table(
        "maintenance_checkin_readings",
        sa.Column("checkin_id", sa.Integer(), nullable=False),
        sa.Column("competency", sa.String(length=64), nullable=False),
        sa.Column("indicator", sa.String(length=64), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("value", sa.Float(), nullable=True),
        sa.Column("calls", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["checkin_id"], ["maintenance_checkins.id"],
                                name=op.f("fk_maintenance_checkin_readings_checkin_id_maintenance_checkins"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("checkin_id", "competency", "indicator",
                                name=op.f("pk_maintenance_checkin_readings")),
    )


def downgrade() -> None:
    op.drop_table("maintenance_checkin_readings")
    op.drop_table("maintenance_checkin_ratings")
    op.drop_index(op.f("ix_maintenance_checkins_team_id_cycle_id"), table_name="maintenance_checkins")
    op.drop_table("maintenance_checkins")

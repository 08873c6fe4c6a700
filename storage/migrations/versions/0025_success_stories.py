"""Reps' success stories ("wins", issue 13).

Revision ID: 0025
Revises: 0024
Create Date: 2026-12-01
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0025"
down_revision: str | Sequence[str] | None = "0024"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "success_stories",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("rep_id", sa.String(length=32), nullable=False),
        sa.Column("manager_id", sa.String(length=32), nullable=True),
        sa.Column("skill", sa.String(length=40), nullable=False),
        sa.Column("what_happened", sa.Text(), nullable=False),
        sa.Column("approach", sa.Text(), nullable=False),
        sa.Column("outcome", sa.String(length=200), nullable=False),
        sa.Column("consent", sa.Boolean(), nullable=False),
        sa.Column("source", sa.String(length=16), nullable=False),
        sa.Column("posted_channel", sa.String(length=32), nullable=True),
        sa.Column("posted_ts", sa.String(length=32), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sa.ForeignKeyConstraint(["team_id"], ["workspaces.team_id"],
                                name=op.f("fk_success_stories_team_id_workspaces"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_success_stories")),
    )
    op.create_index(op.f("ix_success_stories_team_id_rep_id_created_at"), "success_stories",
                    ["team_id", "rep_id", "created_at"], unique=False)
    op.create_index(op.f("ix_success_stories_team_id_skill_created_at"), "success_stories",
                    ["team_id", "skill", "created_at"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_success_stories_team_id_skill_created_at"), table_name="success_stories")
    op.drop_index(op.f("ix_success_stories_team_id_rep_id_created_at"), table_name="success_stories")
    op.drop_table("success_stories")

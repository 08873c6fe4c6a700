"""1:1 coaching sessions between a rep and their manager (issue 12).

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-01
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0018"
down_revision: str | Sequence[str] | None = "0017"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "coaching_sessions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("rep_id", sa.String(length=32), nullable=False),
        sa.Column("manager_id", sa.String(length=32), nullable=False),
        sa.Column("starts_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("minutes", sa.Integer(), nullable=False),
        sa.Column("repeat", sa.String(length=16), nullable=False),
        sa.Column("series_id", sa.Integer(), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("history", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sa.ForeignKeyConstraint(["team_id"], ["workspaces.team_id"],
                                name=op.f("fk_coaching_sessions_team_id_workspaces"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_coaching_sessions")),
    )
    op.create_index(op.f("ix_coaching_sessions_team_id_rep_id_starts_at"), "coaching_sessions",
                    ["team_id", "rep_id", "starts_at"], unique=False)
    op.create_index(op.f("ix_coaching_sessions_team_id_manager_id_starts_at"), "coaching_sessions",
                    ["team_id", "manager_id", "starts_at"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_coaching_sessions_team_id_manager_id_starts_at"), table_name="coaching_sessions")
    op.drop_index(op.f("ix_coaching_sessions_team_id_rep_id_starts_at"), table_name="coaching_sessions")
    op.drop_table("coaching_sessions")

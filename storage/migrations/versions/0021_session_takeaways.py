"""A 1:1 session's takeaways and the agenda items it covered (issue 12).

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-01
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0021"
down_revision: str | Sequence[str] | None = "0020"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "session_takeaways",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("rep_id", sa.String(length=32), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("covered", sa.JSON(), nullable=False),
        sa.Column("recorded_by", sa.String(length=32), nullable=False),
        sa.Column("history", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sa.ForeignKeyConstraint(["team_id"], ["workspaces.team_id"],
                                name=op.f("fk_session_takeaways_team_id_workspaces"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["session_id"], ["coaching_sessions.id"],
                                name=op.f("fk_session_takeaways_session_id_coaching_sessions"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_session_takeaways")),
        sa.UniqueConstraint("team_id", "session_id", name=op.f("uq_session_takeaways_team_id_session_id")),
    )


def downgrade() -> None:
    op.drop_table("session_takeaways")

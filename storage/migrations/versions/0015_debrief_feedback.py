"""A manager's replies to their reps' debriefs (issue 10).

Revision ID: 0015
Revises: 0010
Create Date: 2026-12-01
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0015"
down_revision: str | Sequence[str] | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "debrief_feedback",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("debrief_id", sa.Integer(), nullable=False),
        sa.Column("rep_id", sa.String(length=32), nullable=False),
        sa.Column("manager_id", sa.String(length=32), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sa.ForeignKeyConstraint(["team_id"], ["workspaces.team_id"],
                                name=op.f("fk_debrief_feedback_team_id_workspaces"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["debrief_id"], ["debriefs.id"],
                                name=op.f("fk_debrief_feedback_debrief_id_debriefs"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_debrief_feedback")),
    )
    op.create_index(op.f("ix_debrief_feedback_team_id_debrief_id"), "debrief_feedback", ["team_id", "debrief_id"],
                    unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_debrief_feedback_team_id_debrief_id"), table_name="debrief_feedback")
    op.drop_table("debrief_feedback")

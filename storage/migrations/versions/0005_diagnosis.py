"""Diagnosis: scored calls and self-assessments.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-23
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | Sequence[str] | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _timestamps() -> list[sa.Column]:
    return [
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
    ]


def _team(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(["team_id"], ["workspaces.team_id"], name=op.f(f"fk_{table}_team_id_workspaces"),
                                   ondelete="CASCADE")


def upgrade() -> None:
    op.create_table(
        "call_scores",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("rep_id", sa.String(length=32), nullable=False),
        sa.Column("scored_by", sa.String(length=32), nullable=False),
        sa.Column("call_title", sa.String(length=150), nullable=False),
        sa.Column("call_link", sa.String(length=500), nullable=True),
        sa.Column("call_on", sa.Date(), nullable=False),
        sa.Column("scores", sa.JSON(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        *_timestamps(),
        _team("call_scores"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_call_scores")),
    )
    op.create_index(op.f("ix_call_scores_team_id_rep_id"), "call_scores", ["team_id", "rep_id"], unique=False)
    op.create_table(
        "self_assessments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("rep_id", sa.String(length=32), nullable=False),
        sa.Column("answers", sa.JSON(), nullable=False),
        sa.Column("submitted_at", sa.DateTime(timezone=True), nullable=False),
        *_timestamps(),
        _team("self_assessments"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_self_assessments")),
    )
    op.create_index(op.f("ix_self_assessments_team_id_rep_id"), "self_assessments", ["team_id", "rep_id"],
                    unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_self_assessments_team_id_rep_id"), table_name="self_assessments")
    op.drop_table("self_assessments")
    op.drop_index(op.f("ix_call_scores_team_id_rep_id"), table_name="call_scores")
    op.drop_table("call_scores")

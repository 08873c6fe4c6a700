"""Micro-lessons: each lesson's progress per cycle, and workspaces' own lesson texts.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-07
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0013"
down_revision: str | Sequence[str] | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _timestamps() -> list[sa.Column]:
    return [
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
    ]


def upgrade() -> None:
    op.create_table(
        "lesson_progress",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("cycle_id", sa.Integer(), nullable=False),
        sa.Column("rep_id", sa.String(length=32), nullable=False),
        sa.Column("competency", sa.String(length=40), nullable=False),
        sa.Column("lesson_id", sa.String(length=40), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("done_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("remind_on", sa.Date(), nullable=True),
        sa.Column("discuss_at", sa.DateTime(timezone=True), nullable=True),
        *_timestamps(),
        sa.ForeignKeyConstraint(["team_id"], ["workspaces.team_id"],
                                name=op.f("fk_lesson_progress_team_id_workspaces"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["cycle_id"], ["cycles.id"],
                                name=op.f("fk_lesson_progress_cycle_id_cycles"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_lesson_progress")),
        sa.UniqueConstraint("team_id", "cycle_id", "lesson_id",
                            name=op.f("uq_lesson_progress_team_id_cycle_id_lesson_id")),
    )
    op.create_index(op.f("ix_lesson_progress_team_id_rep_id"), "lesson_progress", ["team_id", "rep_id"],
                    unique=False)
    op.create_table(
        "lesson_texts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("lesson_id", sa.String(length=40), nullable=False),
        sa.Column("title", sa.String(length=75), nullable=True),
        sa.Column("summary", sa.String(length=1000), nullable=True),
        sa.Column("example", sa.String(length=1000), nullable=True),
        sa.Column("exercise", sa.String(length=1000), nullable=True),
        *_timestamps(),
        sa.ForeignKeyConstraint(["team_id"], ["workspaces.team_id"],
                                name=op.f("fk_lesson_texts_team_id_workspaces"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_lesson_texts")),
        sa.UniqueConstraint("team_id", "lesson_id", name=op.f("uq_lesson_texts_team_id_lesson_id")),
    )


def downgrade() -> None:
    op.drop_table("lesson_texts")
    op.drop_index(op.f("ix_lesson_progress_team_id_rep_id"), table_name="lesson_progress")
    op.drop_table("lesson_progress")

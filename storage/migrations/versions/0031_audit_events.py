"""The audit log: who read or changed whose coaching records (issue 14, data rights).

Revision ID: 0031
Revises: 0030
Create Date: 2026-12-01
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0031"
down_revision: str | Sequence[str] | None = "0030"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "audit_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("actor_id", sa.String(length=32), nullable=False),
        sa.Column("subject_id", sa.String(length=32), nullable=False),
        sa.Column("action", sa.String(length=16), nullable=False),
        sa.Column("record_kind", sa.String(length=32), nullable=False),
        sa.Column("record_id", sa.String(length=64), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["team_id"], ["workspaces.team_id"],
                                name=op.f("fk_audit_events_team_id_workspaces"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_events")),
    )
    op.create_index(op.f("ix_audit_events_team_id_at"), "audit_events", ["team_id", "at"], unique=False)
    op.create_index(op.f("ix_audit_events_team_id_subject_id_at"), "audit_events",
                    ["team_id", "subject_id", "at"], unique=False)
    op.create_index(op.f("ix_audit_events_team_id_actor_id_at"), "audit_events",
                    ["team_id", "actor_id", "at"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_audit_events_team_id_actor_id_at"), table_name="audit_events")
    op.drop_index(op.f("ix_audit_events_team_id_subject_id_at"), table_name="audit_events")
    op.drop_index(op.f("ix_audit_events_team_id_at"), table_name="audit_events")
    op.drop_table("audit_events")

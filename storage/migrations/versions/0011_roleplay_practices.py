"""Role-plays practised on a rep's real deals.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-08
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | Sequence[str] | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "roleplay_practices",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("rep_id", sa.String(length=32), nullable=False),
        sa.Column("external_id", sa.String(length=128), nullable=False),
        sa.Column("account", sa.String(length=255), nullable=False),
        sa.Column("practised_by", sa.String(length=32), nullable=False),
        sa.Column("note", sa.String(length=1000), nullable=False),
        sa.Column("practised_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sa.ForeignKeyConstraint(["team_id"], ["workspaces.team_id"],
                                name=op.f("fk_roleplay_practices_team_id_workspaces"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_roleplay_practices")),
    )
    op.create_index(op.f("ix_roleplay_practices_team_id_rep_id_practised_at"), "roleplay_practices",
                    ["team_id", "rep_id", "practised_at"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_roleplay_practices_team_id_rep_id_practised_at"), table_name="roleplay_practices")
    op.drop_table("roleplay_practices")

"""Shared files keep their outcome: claimed, done or failed, with what happened and how often.

Files recorded before this revision were recorded before they were handled,
so whether they were imported is unknown: they become "failed", which lets
whoever shared one share it again (an import of the same file changes
nothing that is already stored).

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-01
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | Sequence[str] | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("shared_files") as batch:
        batch.add_column(sa.Column("status", sa.String(length=16), server_default="claimed", nullable=False))
        batch.add_column(sa.Column("outcome", sa.Text(), nullable=True))
        batch.add_column(sa.Column("attempts", sa.Integer(), server_default="1", nullable=False))
    op.execute(
        "UPDATE shared_files SET status = 'failed', "
        "outcome = 'recorded before Coachflow kept outcomes: share it again to import it'"
    )


def downgrade() -> None:
    with op.batch_alter_table("shared_files") as batch:
        batch.drop_column("attempts")
        batch.drop_column("outcome")
        batch.drop_column("status")

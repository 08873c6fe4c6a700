"""`dispatcher_ticks`: when the dispatcher last finished a tick, and which instance (issue 14).

`coachflow doctor` reads it to say "last tick 40 s ago" or to warn that no
scheduler is ticking. One row per clock job (`dispatch`), overwritten by each
tick of the instance holding the dispatcher lock.

Revision ID: 0032
Revises: 0030
Create Date: 2026-12-01
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0032"
down_revision: str | Sequence[str] | None = "0030"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "dispatcher_ticks",
        sa.Column("job", sa.String(length=32), nullable=False),
        sa.Column("ticked_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("instance", sa.String(length=255), nullable=False),
        sa.PrimaryKeyConstraint("job", name=op.f("pk_dispatcher_ticks")),
    )


def downgrade() -> None:
    op.drop_table("dispatcher_ticks")

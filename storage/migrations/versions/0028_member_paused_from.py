"""`members.paused_from`: the local day a person's time off began, beside `paused_until` (issue 13).

Until now only the end of a pause was kept, so every day before it counted as
time off. The scheduler never needed more (it plans forwards), but the 21-day
challenge looks back: a day the rep missed before going away must stay missed,
not turn into time off. Existing pauses keep no start (NULL): they read as
before.

Revision ID: 0028
Revises: 0027
Create Date: 2026-12-01
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0028"
down_revision: str | Sequence[str] | None = "0027"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("members") as batch:
        batch.add_column(sa.Column("paused_from", sa.Date(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("members") as batch:
        batch.drop_column("paused_from")

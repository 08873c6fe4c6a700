"""`members.deactivated`: Slack says the person is deactivated (`deleted: true`), so nothing is scheduled for them.

The daily profile refresh (`users.list`) sets it and clears it again when an
admin reactivates the account; the scheduler plans nothing for a deactivated
member (issue 13, nudge hygiene). Existing rows are active.

Revision ID: 0027
Revises: 0026
Create Date: 2026-12-01
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0027"
down_revision: str | Sequence[str] | None = "0026"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("members") as batch:
        batch.add_column(sa.Column("deactivated", sa.Boolean(), server_default=sa.false(), nullable=False))


def downgrade() -> None:
    with op.batch_alter_table("members") as batch:
        batch.drop_column("deactivated")

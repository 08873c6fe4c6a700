"""`workspaces.profile_refresh_cursor`: where the daily time zone refresh stopped (issue 15).

The refresh pages Slack's `users.list` 200 people at a time, about 20 pages a
minute; a 100,000-person workspace takes some 25 minutes. After each page the
next `users.list` cursor is saved here, and cleared when the list is finished,
so a restart or an error mid-way resumes from the page it reached. Existing
workspaces have no refresh under way (NULL).

Revision ID: 0033
Revises: 0032
Create Date: 2026-12-01
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0033"
down_revision: str | Sequence[str] | None = "0032"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("workspaces") as batch:
        batch.add_column(sa.Column("profile_refresh_cursor", sa.String(length=255), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("workspaces") as batch:
        batch.drop_column("profile_refresh_cursor")

"""`workspaces.uninstalled_at`: when Slack said the app was uninstalled (or its bot token revoked) there.

Set by the `app_uninstalled` and `tokens_revoked` events, cleared when the
workspace installs the app again. While it is set nothing is scheduled or
sent there; once it is older than COACHFLOW_RETENTION_DAYS the workspace's
coaching data is deleted (`coachflow workspaces purge`, and a daily job
step). Existing workspaces are installed (NULL).

Revision ID: 0030
Revises: 0028
Create Date: 2026-12-01
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0030"
down_revision: str | Sequence[str] | None = "0028"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("workspaces") as batch:
        batch.add_column(sa.Column("uninstalled_at", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("workspaces") as batch:
        batch.drop_column("uninstalled_at")

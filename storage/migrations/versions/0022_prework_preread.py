"""The enablement pre-read's answers in a 1:1's pre-work (issue 12).

A JSON list of {"question", "answer"}: each answer beside the question as it
was asked, so a questionnaire edited later leaves old answers readable.
Pre-work written before has none (`[]`).

Revision ID: 0022
Revises: 0021
Create Date: 2026-12-01
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0022"
down_revision: str | Sequence[str] | None = "0021"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("session_prework") as batch:
        batch.add_column(sa.Column("preread", sa.JSON(), server_default=sa.text("'[]'"), nullable=False))


def downgrade() -> None:
    with op.batch_alter_table("session_prework") as batch:
        batch.drop_column("preread")

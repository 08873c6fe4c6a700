"""slack-sdk's OAuth tables: installations, bots and OAuth states (issue 14).

The schema of slack-sdk's `SQLAlchemyInstallationStore` and
`SQLAlchemyOAuthStateStore`, built from the same definitions the store uses
(storage/orm/slack_installations.py), except that the token columns are wide
enough for Fernet ciphertext on PostgreSQL. slack-sdk's own `create_tables()`
(a `create_all`) is never called.

Revision ID: 0029
Revises: 0028
Create Date: 2026-12-01
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from storage.orm.base import NAMING_CONVENTION
from storage.orm.slack_installations import bots_table, installations_table, oauth_states_table

revision: str = "0029"
down_revision: str | Sequence[str] | None = "0028"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _tables() -> list[sa.Table]:
    metadata = sa.MetaData(naming_convention=NAMING_CONVENTION)
    return [installations_table(metadata), bots_table(metadata), oauth_states_table(metadata)]


def upgrade() -> None:
    bind = op.get_bind()
    for table in _tables():
        table.create(bind)  # with its index


def downgrade() -> None:
    bind = op.get_bind()
    for table in reversed(_tables()):
        table.drop(bind)

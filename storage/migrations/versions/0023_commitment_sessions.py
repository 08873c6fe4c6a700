"""An action plan's 1:1 as a foreign key: `commitments.session_id` -> `coaching_sessions.id` (issue 12).

Commitments came before sessions (0019 before 0018's sessions had a plan to
link), so the column had no constraint. Now a plan recorded from the session
card keeps its session, and the database keeps the link honest: an id naming
no session is cleared first, and deleting a session (only ever with its
workspace) leaves its actions in place, unlinked.

Revision ID: 0023
Revises: 0022
Create Date: 2026-12-01
"""
from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0023"
down_revision: str | Sequence[str] | None = "0022"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_FK = "fk_commitments_session_id_coaching_sessions"


def upgrade() -> None:
    op.execute("UPDATE commitments SET session_id = NULL WHERE session_id IS NOT NULL "
               "AND session_id NOT IN (SELECT id FROM coaching_sessions)")
    with op.batch_alter_table("commitments") as batch:
        batch.create_foreign_key(_FK, "coaching_sessions", ["session_id"], ["id"], ondelete="SET NULL")


def downgrade() -> None:
    with op.batch_alter_table("commitments") as batch:
        batch.drop_constraint(_FK, type_="foreignkey")

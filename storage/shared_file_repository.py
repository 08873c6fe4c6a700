"""SQL implementation of `domain.ports.SharedFileRepository`: files shared in the app's DM.

`claim` is INSERT ... ON CONFLICT DO NOTHING on (team_id, file_id), as the
delivery ledger's `add_if_absent`: a retried event, on this instance or
another, finds the row and does nothing, and nobody gets an IntegrityError.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from domain.model import WorkspaceRef
from storage.dialects import upsert_insert
from storage.orm import SharedFileRow, utcnow


class SqlSharedFileRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def claim(self, ref: WorkspaceRef, file_id: str, user_id: str) -> bool:
        now = utcnow()
        statement = (
            upsert_insert(self._session, SharedFileRow)
            .values(team_id=ref.team_id, file_id=file_id, user_id=user_id, created_at=now, updated_at=now)
            .on_conflict_do_nothing(index_elements=[SharedFileRow.team_id, SharedFileRow.file_id])
            .returning(SharedFileRow.id)
        )
        # A row back only when this call inserted it (rowcount is -1 with RETURNING on some drivers).
        return self._session.execute(statement).first() is not None

"""SQL implementation of `domain.ports.SharedFileRepository`: files shared in the app's DM.

`claim` is INSERT ... ON CONFLICT DO NOTHING on (team_id, file_id), as the
delivery ledger's `add_if_absent`, then a conditional UPDATE that takes
over a failed record or a stale claim. Both are single statements, so two
instances racing for the same file get one yes: on PostgreSQL the second
UPDATE waits for the first's row lock and then re-checks its WHERE against
the fresh claim; on SQLite writers are serialised. Nobody gets an
IntegrityError.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import and_, or_, select, update
from sqlalchemy.orm import Session

from domain.model import WorkspaceRef
from domain.pipeline.upload import SharedFileRecord, SharedFileStatus
from storage.dialects import upsert_insert
from storage.orm import SharedFileRow


class SqlSharedFileRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def claim(self, ref: WorkspaceRef, file_id: str, user_id: str, now: datetime, stale_before: datetime) -> bool:
        inserted = (
            upsert_insert(self._session, SharedFileRow)
            .values(team_id=ref.team_id, file_id=file_id, user_id=user_id, status=SharedFileStatus.CLAIMED.value,
                    attempts=1, created_at=now, updated_at=now)
            .on_conflict_do_nothing(index_elements=[SharedFileRow.team_id, SharedFileRow.file_id])
            .returning(SharedFileRow.id)
        )
        # A row back only when this call inserted it (rowcount is -1 with RETURNING on some drivers).
        if self._session.execute(inserted).first() is not None:
            return True
        retaken = (
            update(SharedFileRow)
            .where(
                SharedFileRow.team_id == ref.team_id,
                SharedFileRow.file_id == file_id,
                or_(
                    SharedFileRow.status == SharedFileStatus.FAILED.value,
                    and_(SharedFileRow.status == SharedFileStatus.CLAIMED.value,
                         SharedFileRow.updated_at < stale_before),
                ),
            )
            .values(status=SharedFileStatus.CLAIMED.value, user_id=user_id, outcome=None,
                    attempts=SharedFileRow.attempts + 1, updated_at=now)
            .returning(SharedFileRow.id)
            .execution_options(synchronize_session=False)
        )
        return self._session.execute(retaken).first() is not None

    def finish(self, ref: WorkspaceRef, file_id: str, status: SharedFileStatus, outcome: str, now: datetime) -> None:
        self._session.execute(
            update(SharedFileRow)
            .where(SharedFileRow.team_id == ref.team_id, SharedFileRow.file_id == file_id)
            .values(status=status.value, outcome=outcome, updated_at=now)
            .execution_options(synchronize_session=False)
        )

    def get(self, ref: WorkspaceRef, file_id: str) -> SharedFileRecord | None:
        row = self._session.scalars(
            select(SharedFileRow).where(SharedFileRow.team_id == ref.team_id, SharedFileRow.file_id == file_id)
        ).first()
        if row is None:
            return None
        return SharedFileRecord(
            file_id=row.file_id,
            user_id=row.user_id,
            status=SharedFileStatus(row.status),
            outcome=row.outcome,
            attempts=row.attempts,
            updated_at=row.updated_at,
        )

"""SQL implementation of `domain.ports.ScheduleRepository`.

One row per (workspace, user, kind) saying when it next needs a look. The
tick's `due()` reads only rows whose time has come, through the index on
`next_check_at`, so its cost follows what is due, not how many people exist.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Select, delete, select
from sqlalchemy.orm import Session

from domain.model import WorkspaceRef
from domain.ports import ScheduleEntry
from storage.dialects import upsert_insert
from storage.mapping import schedule_from_row
from storage.orm import ScheduleRow, WorkspaceRow, utcnow


class SqlScheduleRepository:
    """Scoped by workspace everywhere except `due()`, which is the whole tick."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def due(self, now: datetime, limit: int) -> list[ScheduleEntry]:
        # Only `next_check_at <= now` (NULL never is), in time order, so a
        # backlog after downtime is worked off oldest first, `limit` at a time.
        query = (
            self._select()
            .where(ScheduleRow.next_check_at <= now)
            .order_by(ScheduleRow.next_check_at)
            .limit(limit)
        )
        return self._entries(query)

    def for_member(self, ref: WorkspaceRef, user_id: str) -> list[ScheduleEntry]:
        query = (
            self._select()
            .where(ScheduleRow.team_id == ref.team_id, ScheduleRow.user_id == user_id)
            .order_by(ScheduleRow.kind)
        )
        return self._entries(query)

    def upsert(self, entry: ScheduleEntry) -> None:
        # INSERT ... ON CONFLICT DO UPDATE: two units writing the same
        # (workspace, user, kind) at once both succeed, the later one winning,
        # where select-then-insert would fail one of them on the unique key.
        values: dict[str, Any] = {
            "team_id": entry.workspace.team_id,
            "user_id": entry.user_id,
            "kind": entry.kind,
            "next_check_at": entry.next_check_at,
            "checked_until": entry.checked_until,
        }
        statement = upsert_insert(self._session, ScheduleRow).values(**values)
        statement = statement.on_conflict_do_update(
            index_elements=[ScheduleRow.team_id, ScheduleRow.user_id, ScheduleRow.kind],
            set_={
                "next_check_at": statement.excluded.next_check_at,
                "checked_until": statement.excluded.checked_until,
                # Core ON CONFLICT does not apply `onupdate`; say it here.
                "updated_at": utcnow(),
            },
        )
        self._session.execute(statement)

    def delete(self, ref: WorkspaceRef, user_id: str, kind: str) -> None:
        self._session.execute(
            delete(ScheduleRow).where(
                ScheduleRow.team_id == ref.team_id,
                ScheduleRow.user_id == user_id,
                ScheduleRow.kind == kind,
            )
        )

    def delete_workspace(self, ref: WorkspaceRef) -> int:
        result = self._session.execute(delete(ScheduleRow).where(ScheduleRow.team_id == ref.team_id))
        return int(result.rowcount)  # type: ignore[attr-defined]

    @staticmethod
    def _select() -> Select[ScheduleRow, str | None]:
        # The workspace's enterprise_id comes along in the same query.
        # populate_existing: upsert() writes with Core, behind the session's
        # identity map, so rows read earlier in this unit must be refreshed.
        return (
            select(ScheduleRow, WorkspaceRow.enterprise_id)
            .join(WorkspaceRow, WorkspaceRow.team_id == ScheduleRow.team_id)
            .execution_options(populate_existing=True)
        )

    def _entries(self, query: Select[ScheduleRow, str | None]) -> list[ScheduleEntry]:
        rows = self._session.execute(query)
        return [schedule_from_row(row, enterprise_id) for row, enterprise_id in rows]

"""SQL implementation of `domain.audit.AuditRepository`."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Select, func, or_, select, update
from sqlalchemy.orm import Session

from domain.audit import AuditAction, AuditEvent, RecordKind
from domain.model import WorkspaceRef
from storage.orm import AuditEventRow


def _event(row: AuditEventRow, ref: WorkspaceRef) -> AuditEvent:
    return AuditEvent(ref, row.actor_id, row.subject_id, AuditAction(row.action), RecordKind(row.record_kind),
                      row.record_id, row.at, id=row.id)


def _about(query: Select[Any], ref: WorkspaceRef, user_id: str | None) -> Select[Any]:
    query = query.where(AuditEventRow.team_id == ref.team_id)
    if user_id is not None:
        query = query.where(or_(AuditEventRow.subject_id == user_id, AuditEventRow.actor_id == user_id))
    return query


class SqlAuditRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, event: AuditEvent) -> None:
        # Flushed with the use case's own writes at its commit: no round trip of its own.
        self._session.add(AuditEventRow(
            team_id=event.workspace.team_id, actor_id=event.actor_id, subject_id=event.subject_id,
            action=event.action.value, record_kind=event.record_kind.value, record_id=event.record_id, at=event.at))

    def page(self, ref: WorkspaceRef, user_id: str | None, offset: int, limit: int) -> tuple[list[AuditEvent], int]:
        total = self._session.scalar(
            _about(select(func.count()).select_from(AuditEventRow), ref, user_id))
        rows = self._session.scalars(
            _about(select(AuditEventRow), ref, user_id)
            .order_by(AuditEventRow.at.desc(), AuditEventRow.id.desc()).offset(offset).limit(limit))
        return [_event(row, ref) for row in rows], int(total or 0)

    def search(self, ref: WorkspaceRef, user_id: str | None, since: datetime | None) -> list[AuditEvent]:
        query = _about(select(AuditEventRow), ref, user_id)
        if since is not None:
            query = query.where(AuditEventRow.at >= since)
        rows = self._session.scalars(query.order_by(AuditEventRow.at.desc(), AuditEventRow.id.desc()))
        return [_event(row, ref) for row in rows]

    def pseudonymise(self, ref: WorkspaceRef, user_id: str, placeholder: str) -> int:
        changed = self._session.scalar(
            _about(select(func.count()).select_from(AuditEventRow), ref, user_id))
        for column in (AuditEventRow.actor_id, AuditEventRow.subject_id):
            self._session.execute(
                update(AuditEventRow).where(AuditEventRow.team_id == ref.team_id, column == user_id)
                .values({column: placeholder}))
        return int(changed or 0)

"""SQL implementation of `domain.coaching.session_ports.SessionRepository`."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Select, or_, select
from sqlalchemy.orm import Session

from domain.coaching.sessions import (
    MAX_MINUTES,
    ChangeKind,
    CoachingSession,
    Repeat,
    SessionChange,
    SessionStatus,
)
from domain.model import WorkspaceRef
from storage.orm import WorkspaceRow
from storage.orm.base import IDS_PER_STATEMENT
from storage.orm.sessions import CoachingSessionRow
from storage.repositories import UnknownRowError


class SqlSessionRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, coaching: CoachingSession) -> CoachingSession:
        row = CoachingSessionRow(team_id=coaching.workspace.team_id)
        _copy(coaching, row)
        self._session.add(row)
        self._session.flush()
        return _coaching(row, coaching.workspace.enterprise_id)

    def get(self, ref: WorkspaceRef, session_id: int, *, for_update: bool = False) -> CoachingSession | None:
        query = self._select(ref).where(CoachingSessionRow.id == session_id)
        if for_update:
            query = query.with_for_update(of=CoachingSessionRow)
        found = self._session.execute(query).first()
        return _coaching(found[0], found[1]) if found else None

    def update(self, coaching: CoachingSession) -> CoachingSession:
        row = self._session.get(CoachingSessionRow, coaching.id) if coaching.id is not None else None
        if row is None or row.team_id != coaching.workspace.team_id:
            raise UnknownRowError(f"no session {coaching.id} in {coaching.workspace.team_id}")
        _copy(coaching, row)
        self._session.flush()
        return _coaching(row, coaching.workspace.enterprise_id)

    def upcoming_for(self, ref: WorkspaceRef, person_ids: Iterable[str],
                     after: datetime) -> dict[str, list[CoachingSession]]:
        wanted = list(dict.fromkeys(person_ids))
        found: dict[str, list[CoachingSession]] = {}
        asked, seen = set(wanted), set[tuple[str, int]]()
        # Half the statement's ids per side: each chunk is named twice (rep or manager).
        size = IDS_PER_STATEMENT // 2
        for start in range(0, len(wanted), size):
            chunk = wanted[start:start + size]
            query = (
                self._select(ref)
                .where(or_(CoachingSessionRow.rep_id.in_(chunk), CoachingSessionRow.manager_id.in_(chunk)),
                       CoachingSessionRow.status == SessionStatus.SCHEDULED.value,
                       CoachingSessionRow.starts_at > after)
                .order_by(CoachingSessionRow.starts_at, CoachingSessionRow.id)
            )
            for row, enterprise in self._session.execute(query):
                coaching = _coaching(row, enterprise)
                for person in (row.rep_id, row.manager_id):
                    if person in asked and (person, row.id) not in seen:
                        seen.add((person, row.id))
                        found.setdefault(person, []).append(coaching)
        for sessions in found.values():  # chunks are each in order; several chunks are merged here
            sessions.sort(key=lambda s: (s.starts_at, s.id or 0))
        return found

    def between(self, ref: WorkspaceRef, person_ids: Iterable[str], since: datetime,
                until: datetime) -> list[CoachingSession]:
        wanted = list(dict.fromkeys(person_ids))
        found: dict[int, CoachingSession] = {}
        size = IDS_PER_STATEMENT // 2  # each chunk is named twice (rep or manager)
        for start in range(0, len(wanted), size):
            chunk = wanted[start:start + size]
            query = (
                self._select(ref)
                .where(or_(CoachingSessionRow.rep_id.in_(chunk), CoachingSessionRow.manager_id.in_(chunk)),
                       CoachingSessionRow.status == SessionStatus.SCHEDULED.value,
                       CoachingSessionRow.starts_at >= since, CoachingSessionRow.starts_at < until)
            )
            for row, enterprise in self._session.execute(query):
                found[row.id] = _coaching(row, enterprise)
        return sorted(found.values(), key=lambda s: (s.starts_at, s.id or 0), reverse=True)

    def overlapping(self, ref: WorkspaceRef, rep_id: str, manager_id: str,
                    starts_at: datetime, ends_at: datetime) -> list[CoachingSession]:
        # No interval arithmetic in SQL (it differs by dialect): a session that meets the range starts
        # before its end and at most MAX_MINUTES before its start; the exact test is the domain's.
        query = (
            self._select(ref)
            .where(CoachingSessionRow.rep_id == rep_id, CoachingSessionRow.manager_id == manager_id,
                   CoachingSessionRow.status == SessionStatus.SCHEDULED.value,
                   CoachingSessionRow.starts_at < ends_at,
                   CoachingSessionRow.starts_at > starts_at - timedelta(minutes=MAX_MINUTES))
            .order_by(CoachingSessionRow.starts_at, CoachingSessionRow.id)
        )
        found = [_coaching(row, enterprise) for row, enterprise in self._session.execute(query)]
        return [s for s in found if s.overlaps(starts_at, ends_at)]

    @staticmethod
    def _select(ref: WorkspaceRef) -> Select[CoachingSessionRow, str | None]:
        return (
            select(CoachingSessionRow, WorkspaceRow.enterprise_id)
            .join(WorkspaceRow, WorkspaceRow.team_id == CoachingSessionRow.team_id)
            .where(CoachingSessionRow.team_id == ref.team_id)
        )


def _copy(coaching: CoachingSession, row: CoachingSessionRow) -> None:
    row.rep_id = coaching.rep_id
    row.manager_id = coaching.manager_id
    row.starts_at = coaching.starts_at
    row.minutes = coaching.minutes
    row.repeat = coaching.repeat.value
    row.series_id = coaching.series_id
    row.status = coaching.status.value
    row.history = [_change_json(c) for c in coaching.history]


def _change_json(change: SessionChange) -> dict[str, Any]:
    return {"kind": change.kind.value, "by": change.by, "at": change.at.isoformat(),
            "from_start": change.from_start.isoformat() if change.from_start else None}


def _change(raw: dict[str, Any]) -> SessionChange:
    before = raw.get("from_start")
    return SessionChange(ChangeKind(raw["kind"]), str(raw["by"]), datetime.fromisoformat(raw["at"]),
                         datetime.fromisoformat(before) if before else None)


def _coaching(row: CoachingSessionRow, enterprise_id: str | None) -> CoachingSession:
    return CoachingSession(
        workspace=WorkspaceRef(row.team_id, enterprise_id), rep_id=row.rep_id, manager_id=row.manager_id,
        starts_at=row.starts_at, minutes=row.minutes, repeat=Repeat(row.repeat), series_id=row.series_id,
        status=SessionStatus(row.status), created_at=row.created_at, id=row.id,
        history=tuple(_change(c) for c in row.history or []),
    )

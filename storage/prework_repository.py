"""SQL implementation of `domain.coaching.prework_ports.PreworkRepository`."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from domain.coaching.preread import PrereadAnswer
from domain.coaching.prework import Prework
from domain.coaching.sessions import SessionStatus
from domain.model import WorkspaceRef
from storage.orm import WorkspaceRow
from storage.orm.base import IDS_PER_STATEMENT
from storage.orm.prework import SessionPreworkRow
from storage.orm.sessions import CoachingSessionRow


class SqlPreworkRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def get(self, ref: WorkspaceRef, session_id: int) -> Prework | None:
        found = self._session.execute(self._select(ref).where(SessionPreworkRow.session_id == session_id)).first()
        return _prework(found[0], found[1]) if found else None

    def save(self, prework: Prework) -> Prework:
        row = self._session.scalars(
            select(SessionPreworkRow).where(SessionPreworkRow.team_id == prework.workspace.team_id,
                                            SessionPreworkRow.session_id == prework.session_id)
        ).first()
        if row is None:
            row = SessionPreworkRow(team_id=prework.workspace.team_id, session_id=prework.session_id)
            self._session.add(row)
        row.rep_id = prework.rep_id
        row.agenda = list(prework.agenda)
        row.questions = prework.questions
        row.background = prework.background
        row.manager_questions = list(prework.manager_questions)
        row.preread = [{"question": given.question, "answer": given.answer} for given in prework.preread]
        self._session.flush()
        return _prework(row, prework.workspace.enterprise_id)

    def for_sessions(self, ref: WorkspaceRef, session_ids: Iterable[int]) -> dict[int, Prework]:
        wanted = list(dict.fromkeys(session_ids))
        found: dict[int, Prework] = {}
        for start in range(0, len(wanted), IDS_PER_STATEMENT):
            query = self._select(ref).where(
                SessionPreworkRow.session_id.in_(wanted[start:start + IDS_PER_STATEMENT]))
            for row, enterprise in self._session.execute(query):
                found[row.session_id] = _prework(row, enterprise)
        return found

    def previous(self, ref: WorkspaceRef, rep_id: str, manager_id: str, before: datetime) -> Prework | None:
        query = (
            self._select(ref)
            .join(CoachingSessionRow, CoachingSessionRow.id == SessionPreworkRow.session_id)
            .where(CoachingSessionRow.team_id == ref.team_id, CoachingSessionRow.rep_id == rep_id,
                   CoachingSessionRow.manager_id == manager_id,
                   CoachingSessionRow.status == SessionStatus.SCHEDULED.value,
                   CoachingSessionRow.starts_at < before)
            .order_by(CoachingSessionRow.starts_at.desc(), CoachingSessionRow.id.desc())
            .limit(1)
        )
        found = self._session.execute(query).first()
        return _prework(found[0], found[1]) if found else None

    @staticmethod
    def _select(ref: WorkspaceRef) -> Select[SessionPreworkRow, str | None]:
        return (
            select(SessionPreworkRow, WorkspaceRow.enterprise_id)
            .join(WorkspaceRow, WorkspaceRow.team_id == SessionPreworkRow.team_id)
            .where(SessionPreworkRow.team_id == ref.team_id)
        )


def _prework(row: SessionPreworkRow, enterprise_id: str | None) -> Prework:
    return Prework(
        workspace=WorkspaceRef(row.team_id, enterprise_id), session_id=row.session_id, rep_id=row.rep_id,
        agenda=tuple(str(a) for a in row.agenda or []), questions=row.questions or "",
        background=row.background or "", manager_questions=tuple(str(q) for q in row.manager_questions or []),
        updated_at=row.updated_at, preread=_preread(row.preread),
    )


def _preread(stored: Any) -> tuple[PrereadAnswer, ...]:
    """The answers this version can read; anything else (a hand-edited row) is left out."""
    return tuple(PrereadAnswer(entry["question"], entry["answer"]) for entry in stored or []
                 if isinstance(entry, dict) and isinstance(entry.get("question"), str)
                 and isinstance(entry.get("answer"), str))

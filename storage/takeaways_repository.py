"""SQL implementation of `domain.coaching.takeaways_ports.TakeawaysRepository`."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from domain.coaching.takeaways import Takeaways, TakeawaysVersion
from domain.model import WorkspaceRef
from storage.orm import WorkspaceRow
from storage.orm.base import IDS_PER_STATEMENT
from storage.orm.takeaways import SessionTakeawaysRow


class SqlTakeawaysRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def get(self, ref: WorkspaceRef, session_id: int) -> Takeaways | None:
        found = self._session.execute(self._select(ref).where(SessionTakeawaysRow.session_id == session_id)).first()
        return _takeaways(found[0], found[1]) if found else None

    def save(self, takeaways: Takeaways) -> Takeaways:
        row = self._session.scalars(
            select(SessionTakeawaysRow).where(SessionTakeawaysRow.team_id == takeaways.workspace.team_id,
                                              SessionTakeawaysRow.session_id == takeaways.session_id)
        ).first()
        if row is None:
            row = SessionTakeawaysRow(team_id=takeaways.workspace.team_id, session_id=takeaways.session_id)
            self._session.add(row)
        row.rep_id = takeaways.rep_id
        row.text = takeaways.text
        row.covered = list(takeaways.covered)
        row.recorded_by = takeaways.by
        row.history = [_version_json(v) for v in takeaways.history]
        self._session.flush()
        return _takeaways(row, takeaways.workspace.enterprise_id)

    def for_sessions(self, ref: WorkspaceRef, session_ids: Iterable[int]) -> dict[int, Takeaways]:
        wanted = list(dict.fromkeys(session_ids))
        found: dict[int, Takeaways] = {}
        for start in range(0, len(wanted), IDS_PER_STATEMENT):
            query = self._select(ref).where(
                SessionTakeawaysRow.session_id.in_(wanted[start:start + IDS_PER_STATEMENT]))
            for row, enterprise in self._session.execute(query):
                found[row.session_id] = _takeaways(row, enterprise)
        return found

    @staticmethod
    def _select(ref: WorkspaceRef) -> Select[SessionTakeawaysRow, str | None]:
        return (
            select(SessionTakeawaysRow, WorkspaceRow.enterprise_id)
            .join(WorkspaceRow, WorkspaceRow.team_id == SessionTakeawaysRow.team_id)
            .where(SessionTakeawaysRow.team_id == ref.team_id)
        )


def _version_json(version: TakeawaysVersion) -> dict[str, Any]:
    return {"text": version.text, "covered": list(version.covered), "by": version.by, "at": version.at.isoformat()}


def _version(raw: dict[str, Any]) -> TakeawaysVersion:
    return TakeawaysVersion(str(raw.get("text", "")), tuple(str(c) for c in raw.get("covered") or []),
                            str(raw.get("by", "")), datetime.fromisoformat(raw["at"]))


def _takeaways(row: SessionTakeawaysRow, enterprise_id: str | None) -> Takeaways:
    return Takeaways(
        workspace=WorkspaceRef(row.team_id, enterprise_id), session_id=row.session_id, rep_id=row.rep_id,
        text=row.text or "", covered=tuple(str(c) for c in row.covered or []), by=row.recorded_by,
        updated_at=row.updated_at, history=tuple(_version(v) for v in row.history or []),
    )

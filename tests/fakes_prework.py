"""In-memory fake of the 1:1 pre-work port, used by `tests.fakes`."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import UTC, datetime

from domain.coaching.prework import Prework
from domain.model import Workspace, WorkspaceRef
from tests.fakes_sessions import Sessions

Preworks = dict[tuple[str, int], Prework]


class FakePreworkRepository:
    def __init__(self, rows: Preworks, sessions: Sessions, workspaces: dict[str, Workspace]) -> None:
        self._rows, self._sessions, self._workspaces = rows, sessions, workspaces

    def get(self, ref: WorkspaceRef, session_id: int) -> Prework | None:
        return self._rows.get((ref.team_id, session_id))

    def save(self, prework: Prework) -> Prework:
        team = prework.workspace.team_id
        session = self._sessions.get(prework.session_id)
        if team not in self._workspaces or session is None or session.workspace.team_id != team:
            raise LookupError(f"no session {prework.session_id} in {team}")  # the foreign keys
        stored = replace(prework, workspace=self._workspaces[team].ref, updated_at=datetime.now(UTC))
        self._rows[(team, prework.session_id)] = stored
        return stored

    def for_sessions(self, ref: WorkspaceRef, session_ids: Iterable[int]) -> dict[int, Prework]:
        return {i: found for i in session_ids if (found := self._rows.get((ref.team_id, i))) is not None}

    def previous(self, ref: WorkspaceRef, rep_id: str, manager_id: str, before: datetime) -> Prework | None:
        earlier = sorted((s for s in self._sessions.values()
                          if s.workspace.team_id == ref.team_id and s.rep_id == rep_id
                          and s.manager_id == manager_id and s.is_scheduled and s.starts_at < before
                          and (ref.team_id, s.id or 0) in self._rows),
                         key=lambda s: (s.starts_at, s.id or 0))
        return self._rows[(ref.team_id, earlier[-1].id or 0)] if earlier else None

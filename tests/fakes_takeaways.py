"""In-memory fake of the 1:1 takeaways port, used by `tests.fakes`."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import UTC, datetime

from domain.coaching.takeaways import Takeaways
from domain.model import Workspace, WorkspaceRef
from tests.fakes_sessions import Sessions

TakeawaysRows = dict[tuple[str, int], Takeaways]


class FakeTakeawaysRepository:
    def __init__(self, rows: TakeawaysRows, sessions: Sessions, workspaces: dict[str, Workspace]) -> None:
        self._rows, self._sessions, self._workspaces = rows, sessions, workspaces

    def get(self, ref: WorkspaceRef, session_id: int) -> Takeaways | None:
        return self._rows.get((ref.team_id, session_id))

    def save(self, takeaways: Takeaways) -> Takeaways:
        team = takeaways.workspace.team_id
        session = self._sessions.get(takeaways.session_id)
        if team not in self._workspaces or session is None or session.workspace.team_id != team:
            raise LookupError(f"no session {takeaways.session_id} in {team}")  # the foreign keys
        stored = replace(takeaways, workspace=self._workspaces[team].ref, updated_at=datetime.now(UTC))
        self._rows[(team, takeaways.session_id)] = stored
        return stored

    def for_sessions(self, ref: WorkspaceRef, session_ids: Iterable[int]) -> dict[int, Takeaways]:
        return {i: found for i in session_ids if (found := self._rows.get((ref.team_id, i))) is not None}

"""In-memory fake of the 1:1 sessions port, used by `tests.fakes`."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import UTC, datetime

from domain.coaching.sessions import CoachingSession
from domain.model import Workspace, WorkspaceRef

Sessions = dict[int, CoachingSession]


class FakeSessionRepository:
    def __init__(self, rows: Sessions, workspaces: dict[str, Workspace]) -> None:
        self._rows, self._workspaces = rows, workspaces

    def add(self, session: CoachingSession) -> CoachingSession:
        if session.workspace.team_id not in self._workspaces:
            raise LookupError(f"add workspace {session.workspace.team_id} before its sessions")
        new_id = max(self._rows, default=0) + 1
        stored = replace(session, workspace=self._workspaces[session.workspace.team_id].ref, id=new_id,
                         created_at=datetime.now(UTC))
        self._rows[new_id] = stored
        return stored

    def get(self, ref: WorkspaceRef, session_id: int, *, for_update: bool = False) -> CoachingSession | None:
        found = self._rows.get(session_id)
        return found if found is not None and found.workspace.team_id == ref.team_id else None

    def update(self, session: CoachingSession) -> CoachingSession:
        stored = self._rows.get(session.id) if session.id is not None else None
        if stored is None or stored.workspace.team_id != session.workspace.team_id:
            raise LookupError(f"no session {session.id} in {session.workspace.team_id}")
        updated = replace(session, workspace=stored.workspace, created_at=stored.created_at)
        self._rows[session.id or 0] = updated
        return updated

    def between(self, ref: WorkspaceRef, person_ids: Iterable[str], since: datetime,
                until: datetime) -> list[CoachingSession]:
        asked = set(person_ids)
        return sorted((s for s in self._rows.values()
                       if s.workspace.team_id == ref.team_id and s.is_scheduled and since <= s.starts_at < until
                       and (s.rep_id in asked or s.manager_id in asked)),
                      key=lambda s: (s.starts_at, s.id or 0), reverse=True)

    def upcoming_for(self, ref: WorkspaceRef, person_ids: Iterable[str],
                     after: datetime) -> dict[str, list[CoachingSession]]:
        asked = set(person_ids)
        found: dict[str, list[CoachingSession]] = {}
        for session in sorted(self._rows.values(), key=lambda s: (s.starts_at, s.id or 0)):
            if session.workspace.team_id != ref.team_id or not session.is_scheduled or session.starts_at <= after:
                continue
            for person in dict.fromkeys((session.rep_id, session.manager_id)):
                if person in asked:
                    found.setdefault(person, []).append(session)
        return found

    def overlapping(self, ref: WorkspaceRef, rep_id: str, manager_id: str,
                    starts_at: datetime, ends_at: datetime) -> list[CoachingSession]:
        return sorted((s for s in self._rows.values()
                       if s.workspace.team_id == ref.team_id and s.rep_id == rep_id and s.manager_id == manager_id
                       and s.overlaps(starts_at, ends_at)), key=lambda s: (s.starts_at, s.id or 0))

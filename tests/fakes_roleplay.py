"""In-memory fake of the role-play practices port, used by `tests.fakes`."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import datetime

from domain.coaching.roleplay import RoleplayPractice
from domain.model import Workspace, WorkspaceRef


class FakeRoleplayRepository:
    """Practices in insertion order; ids as the database gives them."""

    def __init__(self, practices: list[RoleplayPractice], workspaces: dict[str, Workspace]) -> None:
        self._practices, self._workspaces = practices, workspaces

    def add(self, practice: RoleplayPractice) -> RoleplayPractice:
        workspace = self._workspaces.get(practice.workspace.team_id)
        if workspace is None:
            raise LookupError(f"add workspace {practice.workspace.team_id} before its role-plays")
        stored = replace(practice, workspace=workspace.ref, id=len(self._practices) + 1)
        self._practices.append(stored)
        return stored

    def recent(self, ref: WorkspaceRef, rep_ids: Iterable[str], since: datetime) -> dict[str, list[RoleplayPractice]]:
        wanted = set(rep_ids)
        found: dict[str, list[RoleplayPractice]] = {}
        mine = [p for p in self._practices
                if p.workspace.team_id == ref.team_id and p.rep_id in wanted and p.practised_at >= since]
        for practice in sorted(mine, key=lambda p: (p.practised_at, p.id or 0), reverse=True):
            found.setdefault(practice.rep_id, []).append(practice)
        return dict(sorted(found.items()))

"""In-memory fake of `SharedFileRepository` (files shared in the app's DM), used by `tests.fakes`."""

from __future__ import annotations

from domain.model import Workspace, WorkspaceRef


class FakeSharedFileRepository:
    """{(team_id, file_id): user_id}, unique like the SQL table's key."""

    def __init__(self, claimed: dict[tuple[str, str], str], workspaces: dict[str, Workspace]) -> None:
        self._claimed, self._workspaces = claimed, workspaces

    def claim(self, ref: WorkspaceRef, file_id: str, user_id: str) -> bool:
        if ref.team_id not in self._workspaces:
            raise LookupError(f"add workspace {ref.team_id} before its shared files")
        if (ref.team_id, file_id) in self._claimed:
            return False
        self._claimed[(ref.team_id, file_id)] = user_id
        return True

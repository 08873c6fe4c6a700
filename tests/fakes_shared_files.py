"""Fakes for files shared in the app's DM: the claim ledger (used by `tests.fakes`) and Slack's side."""

from __future__ import annotations

from domain.model import Workspace, WorkspaceRef
from domain.pipeline.upload import FileUnavailable, SharedFile


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


class FakeSharedFiles:
    """A `SharedFiles` holding what a test shares; records what was downloaded."""

    def __init__(self) -> None:
        self.files: dict[str, tuple[SharedFile, bytes]] = {}
        self.downloads: list[str] = []
        self.unavailable: set[str] = set()  # ids whose download fails

    def share(self, file_id: str, name: str, content: bytes, *, filetype: str = "csv",
              mimetype: str = "text/csv", size: int | None = None, downloadable: bool = True) -> SharedFile:
        shared = SharedFile(file_id, name, len(content) if size is None else size, filetype, mimetype, downloadable)
        self.files[file_id] = (shared, content)
        return shared

    def info(self, file_id: str) -> SharedFile:
        if file_id not in self.files:
            raise FileUnavailable("Slack says the file no longer exists.")
        return self.files[file_id][0]

    def download(self, file: SharedFile, max_bytes: int) -> bytes:
        self.downloads.append(file.file_id)
        if file.file_id in self.unavailable:
            raise FileUnavailable("Slack answered with its sign-in page instead of the file.")
        return self.files[file.file_id][1][: max_bytes + 1]

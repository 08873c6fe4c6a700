"""Fakes for files shared in the app's DM: the records of claims and outcomes (`tests.fakes`), and Slack's side."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import datetime

from domain.model import Workspace, WorkspaceRef
from domain.pipeline.upload import FileUnavailable, SharedFile, SharedFileRecord, SharedFileStatus


class FakeSharedFileRepository:
    """{(team_id, file_id): record}, unique like the SQL table's key, with its claim rules."""

    def __init__(self, records: dict[tuple[str, str], SharedFileRecord], workspaces: dict[str, Workspace]) -> None:
        self._records, self._workspaces = records, workspaces

    def claim(self, ref: WorkspaceRef, file_id: str, user_id: str, now: datetime, stale_before: datetime) -> bool:
        if ref.team_id not in self._workspaces:
            raise LookupError(f"add workspace {ref.team_id} before its shared files")
        record = self._records.get((ref.team_id, file_id))
        if record is None:
            self._records[(ref.team_id, file_id)] = SharedFileRecord(
                file_id, user_id, SharedFileStatus.CLAIMED, None, 1, now
            )
            return True
        stale = record.status is SharedFileStatus.CLAIMED and record.updated_at < stale_before
        if record.status is not SharedFileStatus.FAILED and not stale:
            return False
        self._records[(ref.team_id, file_id)] = replace(
            record, user_id=user_id, status=SharedFileStatus.CLAIMED, outcome=None,
            attempts=record.attempts + 1, updated_at=now,
        )
        return True

    def finish(self, ref: WorkspaceRef, file_id: str, status: SharedFileStatus, outcome: str, now: datetime) -> None:
        record = self._records.get((ref.team_id, file_id))
        if record is not None:
            self._records[(ref.team_id, file_id)] = replace(record, status=status, outcome=outcome, updated_at=now)

    def get(self, ref: WorkspaceRef, file_id: str) -> SharedFileRecord | None:
        return self._records.get((ref.team_id, file_id))


class FakeSharedFiles:
    """A `SharedFiles` holding what a test shares; records what was downloaded."""

    def __init__(self) -> None:
        self.files: dict[str, tuple[SharedFile, bytes]] = {}
        self.downloads: list[str] = []
        self.unavailable: set[str] = set()  # ids whose download fails
        self.while_downloading: list[Callable[[], None]] = []  # e.g. the database going down

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
        for happening in self.while_downloading:
            happening()
        if file.file_id in self.unavailable:
            raise FileUnavailable("Slack answered with its sign-in page instead of the file.")
        return self.files[file.file_id][1][: max_bytes + 1]

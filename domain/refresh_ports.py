"""Issue 15: where the daily time zone refresh resumes, kept per workspace (part of `WorkspaceRepository`).

The refresh pages Slack's `users.list`; after each page it saves the next
cursor, and clears it (None) when the list is finished or must start over.
"""

from __future__ import annotations

from typing import Protocol

from domain.model import WorkspaceRef


class RefreshCursors(Protocol):
    def refresh_cursor(self, ref: WorkspaceRef) -> str | None: ...

    def save_refresh_cursor(self, ref: WorkspaceRef, cursor: str | None) -> None: ...  # unknown workspace: no-op

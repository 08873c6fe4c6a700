"""What 1:1 pre-work needs from storage (storage/prework_repository.py; faked in tests/fakes_prework.py)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Protocol

from domain.coaching.prework import Prework
from domain.model import WorkspaceRef


class PreworkRepository(Protocol):
    """One pre-work per session, every method scoped by workspace."""

    def get(self, ref: WorkspaceRef, session_id: int) -> Prework | None: ...

    def save(self, prework: Prework) -> Prework:
        """Insert or replace the session's pre-work; returns it with `updated_at`."""
        ...

    def for_sessions(self, ref: WorkspaceRef, session_ids: Iterable[int]) -> dict[int, Prework]:
        """By session id, those of these sessions that have pre-work; one query."""
        ...

    def previous(self, ref: WorkspaceRef, rep_id: str, manager_id: str, before: datetime) -> Prework | None:
        """The pre-work of the pair's latest scheduled session starting before `before` that has one."""
        ...

"""What 1:1 takeaways need from storage (storage/takeaways_repository.py; faked in tests/fakes_takeaways.py)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

from domain.coaching.takeaways import Takeaways
from domain.model import WorkspaceRef


class TakeawaysRepository(Protocol):
    """One set of takeaways per session, every method scoped by workspace."""

    def get(self, ref: WorkspaceRef, session_id: int) -> Takeaways | None: ...

    def save(self, takeaways: Takeaways) -> Takeaways:
        """Insert or replace the session's takeaways (with their history); returns them with `updated_at`."""
        ...

    def for_sessions(self, ref: WorkspaceRef, session_ids: Iterable[int]) -> dict[int, Takeaways]:
        """By session id, those of these sessions that have takeaways."""
        ...

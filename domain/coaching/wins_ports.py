"""What success stories need from storage (storage/win_repository.py; faked in tests/fakes_wins.py)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

from domain.coaching.wins import SuccessStory
from domain.model import WorkspaceRef


class SuccessStoryRepository(Protocol):
    """Reps' success stories; every method scoped by workspace, latest first wherever a list comes back."""

    def add(self, story: SuccessStory) -> SuccessStory:
        """Store a new story; it comes back with its id and `created_at`."""
        ...

    def get(self, ref: WorkspaceRef, story_id: int) -> SuccessStory | None: ...

    def mark_posted(self, ref: WorkspaceRef, story_id: int, channel: str, ts: str) -> None:
        """Where the story was posted in the team channel (its message ts)."""
        ...

    def visible(self, ref: WorkspaceRef, rep_ids: Iterable[str], skill: str | None, limit: int
                ) -> list[SuccessStory]:
        """The latest `limit` stories shared with consent or written by one of `rep_ids` (optionally of one skill).

        The privacy rule is in the query, so a limit never hides a story the
        caller may see behind ones they may not.
        """
        ...

    def recent_for_reps(self, ref: WorkspaceRef, rep_ids: Iterable[str], per_rep: int
                        ) -> dict[str, list[SuccessStory]]:
        """Each rep's latest `per_rep` stories (shared or not); a rep without one is left out. One query."""
        ...

"""In-memory fake of the success stories port, used by `tests.fakes`."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import UTC, datetime

from domain.coaching.wins import SuccessStory
from domain.model import Workspace, WorkspaceRef

# {id: story}, in insertion (creation) order.
SuccessStories = dict[int, SuccessStory]


def _latest_first(story: SuccessStory) -> tuple[datetime, int]:
    return story.created_at or datetime.min.replace(tzinfo=UTC), story.id or 0


class FakeSuccessStoryRepository:
    def __init__(self, stories: SuccessStories, workspaces: dict[str, Workspace]) -> None:
        self._stories, self._workspaces = stories, workspaces

    def add(self, story: SuccessStory) -> SuccessStory:
        if story.workspace.team_id not in self._workspaces:
            raise LookupError(f"add workspace {story.workspace.team_id} before its success stories")
        stored = replace(story, id=max(self._stories, default=0) + 1, created_at=story.created_at or datetime.now(UTC))
        self._stories[stored.id or 0] = stored
        return stored

    def get(self, ref: WorkspaceRef, story_id: int) -> SuccessStory | None:
        found = self._stories.get(story_id)
        return replace(found, workspace=ref) if found is not None and found.workspace.team_id == ref.team_id else None

    def mark_posted(self, ref: WorkspaceRef, story_id: int, channel: str, ts: str) -> None:
        found = self._stories.get(story_id)
        if found is not None and found.workspace.team_id == ref.team_id:
            self._stories[story_id] = replace(found, posted_channel=channel, posted_ts=ts)

    def _in(self, ref: WorkspaceRef) -> list[SuccessStory]:
        return sorted((replace(s, workspace=ref) for s in self._stories.values() if s.workspace.team_id == ref.team_id),
                      key=_latest_first, reverse=True)

    def visible(self, ref: WorkspaceRef, rep_ids: Iterable[str], skill: str | None, limit: int
                ) -> list[SuccessStory]:
        mine = set(rep_ids)
        return [s for s in self._in(ref)
                if (s.consent or s.rep_id in mine) and (skill is None or s.skill == skill)][:max(limit, 0)]

    def recent_for_reps(self, ref: WorkspaceRef, rep_ids: Iterable[str], per_rep: int
                        ) -> dict[str, list[SuccessStory]]:
        wanted = set(rep_ids)
        found: dict[str, list[SuccessStory]] = {}
        for story in self._in(ref):
            if story.rep_id in wanted and len(found.get(story.rep_id, [])) < per_rep:
                found.setdefault(story.rep_id, []).append(story)
        return found

"""In-memory fake of the scorecard comments port, used by `tests.fakes`."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import UTC, datetime

from domain.coaching.scorecard_comments import ScorecardComment
from domain.model import Workspace, WorkspaceRef

# {id: comment}, in insertion (creation) order.
ScorecardComments = dict[int, ScorecardComment]


class FakeScorecardCommentRepository:
    def __init__(self, comments: ScorecardComments, workspaces: dict[str, Workspace]) -> None:
        self._comments, self._workspaces = comments, workspaces

    def add(self, comment: ScorecardComment) -> ScorecardComment:
        if comment.workspace.team_id not in self._workspaces:
            raise LookupError(f"add workspace {comment.workspace.team_id} before its scorecard comments")
        stored = replace(comment, id=max(self._comments, default=0) + 1,
                         created_at=comment.created_at or datetime.now(UTC))
        self._comments[stored.id or 0] = stored
        return stored

    def for_reps_weeks(self, ref: WorkspaceRef, rep_ids: Iterable[str], week_labels: Iterable[str]
                       ) -> dict[str, list[ScorecardComment]]:
        wanted, weeks = set(rep_ids), set(week_labels)
        found: dict[str, list[ScorecardComment]] = {}
        mine = [c for c in self._comments.values()
                if c.workspace.team_id == ref.team_id and c.rep_id in wanted and c.week in weeks]
        for comment in sorted(mine, key=lambda c: (c.rep_id, c.created_at or datetime.min.replace(tzinfo=UTC),
                                                   c.id or 0)):
            found.setdefault(comment.rep_id, []).append(replace(comment, workspace=ref))
        return found

"""The manager's App Home part of success stories (issue 13): their reps' latest wins, for a batch of Homes."""

from __future__ import annotations

from datetime import UTC, datetime

from domain.coaching.wins import SuccessStory
from domain.model import Member, WorkspaceRef
from domain.ports import UnitOfWork

HOME_WINS = 5  # the manager's Home lists their reps' latest five; `/coach wins` has the rest


def recent_team_wins(uow: UnitOfWork, ws: WorkspaceRef, reps_of: dict[str, list[Member]]
                     ) -> dict[str, tuple[SuccessStory, ...]]:
    """Each manager's reps' latest `HOME_WINS` wins, latest first, for their App Homes: one query for the batch."""
    rep_ids = [r.user_id for reps in reps_of.values() for r in reps]
    if not rep_ids:
        return {}
    recent = uow.success_stories.recent_for_reps(ws, rep_ids, HOME_WINS)
    found: dict[str, tuple[SuccessStory, ...]] = {}
    for manager_id, reps in reps_of.items():
        theirs = [s for r in reps for s in recent.get(r.user_id, [])]
        theirs.sort(key=lambda s: (s.created_at or datetime.min.replace(tzinfo=UTC), s.id or 0), reverse=True)
        if theirs:
            found[manager_id] = tuple(theirs[:HOME_WINS])
    return found

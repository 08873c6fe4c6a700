"""App Home's "Commitments": each viewer's open actions (their own plan's and those delegated to them) and,
for a manager, their reps'. Two queries for any batch of Homes."""

from __future__ import annotations

from collections.abc import Sequence

from domain.coaching.commitments import Commitment, CommitmentStatus
from domain.model import WorkspaceRef
from domain.ports import UnitOfWork

OPEN = (CommitmentStatus.OPEN,)


def load_open_commitments(uow: UnitOfWork, ws: WorkspaceRef, viewer_ids: Sequence[str],
                          rep_ids: Sequence[str]) -> tuple[dict[str, list[Commitment]], dict[str, list[Commitment]]]:
    """(open actions by rep, open actions by owner): the rep's plan for the rep and their manager, what is
    delegated to a viewer for that viewer only."""
    by_rep = uow.commitments.for_reps(ws, list(dict.fromkeys([*viewer_ids, *rep_ids])), OPEN)
    by_owner = uow.commitments.owned_by(ws, viewer_ids, OPEN)
    return by_rep, by_owner


def own_commitments(viewer_id: str, by_rep: dict[str, list[Commitment]],
                    by_owner: dict[str, list[Commitment]]) -> tuple[Commitment, ...]:
    """The viewer's own plan and what others' plans delegate to them, once each."""
    mine = {c.id: c for c in [*by_rep.get(viewer_id, []), *by_owner.get(viewer_id, [])]}
    return tuple(sorted(mine.values(), key=lambda c: (c.deadline, c.id or 0)))

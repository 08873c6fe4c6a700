"""In-memory fake of the commitments port, used by `tests.fakes`."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import replace
from datetime import UTC, date, datetime

from domain.coaching.commitments import Commitment, CommitmentStatus
from domain.model import Workspace, WorkspaceRef

# {id: commitment}, in insertion (creation) order.
Commitments = dict[int, Commitment]


class FakeCommitmentRepository:
    def __init__(self, rows: Commitments, workspaces: dict[str, Workspace]) -> None:
        self._rows, self._workspaces = rows, workspaces

    def add(self, commitment: Commitment) -> Commitment:
        if commitment.workspace.team_id not in self._workspaces:
            raise LookupError(f"add workspace {commitment.workspace.team_id} before its commitments")
        new_id = max(self._rows, default=0) + 1
        stored = replace(commitment, workspace=self._workspaces[commitment.workspace.team_id].ref, id=new_id,
                         created_at=commitment.created_at or datetime.now(UTC))
        self._rows[new_id] = stored
        return stored

    def get(self, ref: WorkspaceRef, commitment_id: int, *, for_update: bool = False) -> Commitment | None:
        found = self._rows.get(commitment_id)
        return found if found is not None and found.workspace.team_id == ref.team_id else None

    def get_many(self, ref: WorkspaceRef, commitment_ids: Iterable[int]) -> dict[int, Commitment]:
        found = {c: self.get(ref, c) for c in commitment_ids}
        return {c: commitment for c, commitment in found.items() if commitment is not None}

    def update(self, commitment: Commitment) -> Commitment:
        stored = self._rows.get(commitment.id) if commitment.id is not None else None
        if stored is None or stored.workspace.team_id != commitment.workspace.team_id:
            raise LookupError(f"no commitment {commitment.id} in {commitment.workspace.team_id}")
        updated = replace(commitment, workspace=stored.workspace, created_at=stored.created_at)
        self._rows[stored.id or 0] = updated
        return updated

    def for_reps(self, ref: WorkspaceRef, rep_ids: Iterable[str], statuses: Collection[CommitmentStatus] | None = None,
                 deadline_from: date | None = None) -> dict[str, list[Commitment]]:
        wanted = set(rep_ids)
        return self._by(ref, lambda c: c.rep_id if c.rep_id in wanted else None, statuses, deadline_from)

    def owned_by(self, ref: WorkspaceRef, owner_ids: Iterable[str],
                 statuses: Collection[CommitmentStatus]) -> dict[str, list[Commitment]]:
        wanted = set(owner_ids)
        return self._by(ref, lambda c: c.owner_id if c.owner_id in wanted else None, statuses, None)

    def _by(self, ref: WorkspaceRef, key_of: object, statuses: Collection[CommitmentStatus] | None,
            deadline_from: date | None) -> dict[str, list[Commitment]]:
        assert callable(key_of)
        found: dict[str, list[Commitment]] = {}
        for commitment in sorted(self._rows.values(), key=lambda c: (c.deadline, c.id or 0)):
            key = key_of(commitment)
            if (key is None or commitment.workspace.team_id != ref.team_id
                    or (statuses is not None and commitment.status not in statuses)
                    or (deadline_from is not None and commitment.deadline < deadline_from)):
                continue
            found.setdefault(key, []).append(commitment)
        return found

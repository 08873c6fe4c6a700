"""In-memory fake of the peer-learning port (`PeerShareRepository`), used by `tests.fakes`."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from domain.coaching.peer_learning import PeerShare
from domain.model import Workspace, WorkspaceRef

# (team_id, rep_id, week) -> the ask; insertion order is id order
PeerShares = dict[tuple[str, str, str], PeerShare]


class FakePeerShareRepository:
    def __init__(self, shares: PeerShares, workspaces: dict[str, Workspace]) -> None:
        self._shares, self._workspaces = shares, workspaces

    def add_if_absent(self, share: PeerShare) -> bool:
        if share.workspace.team_id not in self._workspaces:
            raise LookupError(f"add workspace {share.workspace.team_id} before its peer shares")
        key = (share.workspace.team_id, share.rep_id, share.week)
        if key in self._shares:
            return False
        self._shares[key] = replace(share, id=max((s.id or 0 for s in self._shares.values()), default=0) + 1)
        return True

    def get(self, ref: WorkspaceRef, rep_id: str, week: str, *, for_update: bool = False) -> PeerShare | None:
        found = self._shares.get((ref.team_id, rep_id, week))
        return replace(found, workspace=ref) if found is not None else None

    def update(self, share: PeerShare) -> None:
        key = (share.workspace.team_id, share.rep_id, share.week)
        stored = self._shares.get(key)
        if stored is None or stored.id != share.id:
            raise LookupError(f"no peer share {share.id} in {share.workspace.team_id}")
        # Only what the SQL update writes: the decision, words, channel, ts, error and when.
        self._shares[key] = replace(stored, status=share.status, text=share.text, channel_id=share.channel_id,
                                    message_ts=share.message_ts, error=share.error, decided_at=share.decided_at)

    def asked(self, ref: WorkspaceRef, rep_ids: Iterable[str], weeks: Iterable[str]) -> set[tuple[str, str]]:
        reps, labels = set(rep_ids), set(weeks)
        return {(rep, week) for team, rep, week in self._shares if team == ref.team_id and rep in reps
                and week in labels}

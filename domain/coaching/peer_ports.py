"""What peer learning needs from storage (implemented in storage/peer_share_repository.py, faked in tests)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

from domain.coaching.peer_learning import PeerShare
from domain.model import WorkspaceRef


class PeerShareRepository(Protocol):
    """Peer-learning asks, one per (workspace, rep, ISO week); every read is scoped by workspace."""

    def add_if_absent(self, share: PeerShare) -> bool:
        """Insert-or-ignore on (workspace, rep, week); True when this call inserted it.

        The workspace must exist.
        """
        ...

    def get(self, ref: WorkspaceRef, rep_id: str, week: str, *, for_update: bool = False) -> PeerShare | None:
        """The rep's ask of that week; `for_update` locks the row (PostgreSQL) until the unit ends,
        so two decisions arriving together are taken one after the other."""
        ...

    def update(self, share: PeerShare) -> None:
        """Save the decision, words, channel, message ts and error of a stored ask (by its id)."""
        ...

    def asked(self, ref: WorkspaceRef, rep_ids: Iterable[str], weeks: Iterable[str]) -> set[tuple[str, str]]:
        """Which of these (rep, week) pairs already have an ask; one query whatever the number of reps."""
        ...

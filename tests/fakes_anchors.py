"""A hand-written `AnchorSource`: what a sessions, deadlines or challenges feature would read from its tables."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import datetime

from domain.model import WorkspaceRef
from domain.ports import UnitOfWork
from domain.scheduling.anchors import Anchor, Appointment


class FakeAnchors:
    """Each person's anchors of one kind, as a test sets them; records every question."""

    def __init__(self) -> None:
        self._anchors: dict[tuple[str, str], list[Anchor]] = {}
        self.calls: list[tuple[str, tuple[str, ...], datetime]] = []  # (team, recipients, after)

    def set(self, ws: WorkspaceRef, user_id: str, *anchors: Anchor) -> None:
        self._anchors[(ws.team_id, user_id)] = list(anchors)

    def move(self, ref: str, at: datetime) -> None:
        """Reschedule the appointment `ref` for everyone who has it."""
        for anchors in self._anchors.values():
            anchors[:] = [replace(a, at=at) if isinstance(a, Appointment) and a.ref == ref else a for a in anchors]

    def upcoming(
        self, uow: UnitOfWork, ws: WorkspaceRef, recipient_ids: Sequence[str], after: datetime
    ) -> Mapping[str, Sequence[Anchor]]:
        self.calls.append((ws.team_id, tuple(recipient_ids), after))
        found = {user: [a for a in self._anchors.get((ws.team_id, user), []) if a.is_upcoming(after)]
                 for user in recipient_ids}
        return {user: anchors for user, anchors in found.items() if anchors}

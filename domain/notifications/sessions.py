"""1:1 sessions as the anchors of scheduled kinds (issue 12): pre-work before, the session card at the start.

`SessionAppointments` is the `AnchorSource` those kinds share: for each
recipient, their upcoming sessions (as rep or as manager) as appointments
`s<id>` at the session's start. A moved session keeps its ref and gets a
new moment, so a message queued for the old time finds its period gone and
is skipped; a cancelled one is no longer listed. Each later kind (pre-work
24 h before, the card at the start) registers in its own module with this
source and its own audience.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Literal

from domain.coaching.sessions import CoachingSession
from domain.model import WorkspaceRef
from domain.ports import UnitOfWork
from domain.scheduling.anchors import Anchor, Appointment

Side = Literal["rep", "manager"]


class SessionAppointments:
    """Recipient -> their upcoming sessions as `Appointment(ref="s<id>", at=start)`; one query a batch.

    `side`: only the sessions where the recipient is the rep (pre-work is the rep's to write) or the manager
    (the card is the manager's); a manager's own 1:1s with their manager are theirs as a rep.
    """

    def __init__(self, side: Side | None = None) -> None:
        self._side = side

    def upcoming(self, uow: UnitOfWork, ws: WorkspaceRef, recipient_ids: Sequence[str], after: datetime
                 ) -> Mapping[str, Sequence[Anchor]]:
        found = uow.sessions.upcoming_for(ws, recipient_ids, after)
        mine = {person: [Appointment(s.ref, s.starts_at) for s in sessions if self._mine(s, person)]
                for person, sessions in found.items()}
        return {person: anchors for person, anchors in mine.items() if anchors}

    def _mine(self, session: CoachingSession, person: str) -> bool:
        return (self._side is None or (self._side == "rep" and session.rep_id == person)
                or (self._side == "manager" and session.manager_id == person))

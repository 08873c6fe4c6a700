"""The session card, delivered to the manager just before each 1:1 (issue 12, the conversation).

A BEFORE_INSTANT kind over each manager's upcoming sessions, `CARD_LEAD`
(5 minutes) before the start in elapsed time, so the card is open when the
rep joins. It stays worth sending until `STALE_AFTER_START` into the
session (the shortest session's length: a card arriving later is no help
to a conversation that may be over); a DM queued late then is skipped.

A moved session is a new period (its ref at the new moment), so a row
queued for the old time finds its session elsewhere and is left out; a
cancelled one is no anchor any more. Only the manager gets it: the source
lists each recipient's sessions as the manager (a manager's own 1:1 with
their manager comes to that manager, not to them). The rep reads the same
card on demand with `/coach session card`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta

from domain.catalog import Catalog, load_catalog
from domain.coaching.session_card import SessionCard
from domain.coaching.sessions import MIN_MINUTES
from domain.model import WorkspaceRef
from domain.notifications.kind import Occasion, ScheduledKind
from domain.notifications.session_prework import session_id_of
from domain.notifications.sessions import SessionAppointments
from domain.ports import UnitOfWork
from domain.scheduling.kinds import Audience, Cadence, Staleness
from domain.services.session_card import CardRequest, assemble_many

KIND_NAME = "session_card"
CARD_LEAD = timedelta(minutes=5)
STALE_AFTER_START = timedelta(minutes=MIN_MINUTES)
_BEFORE = timedelta(minutes=1)  # sessions starting after this much before the earliest row's


@dataclass(frozen=True)
class SessionCardNote:
    workspace: WorkspaceRef
    card: SessionCard  # assembled for the manager as of the send


class SessionCards:
    """The kind's gatherer, over the deployment's catalog (the focus skills' indicators)."""

    def __init__(self, catalog: Catalog) -> None:
        self._catalog = catalog

    def gather(self, uow: UnitOfWork, ws: WorkspaceRef, occasions: Sequence[Occasion]
               ) -> dict[Occasion, SessionCardNote]:
        """A card per row still about its session: left out, one cancelled, moved, gone or someone else's.

        One batch for the whole tick (`assemble_many`: the same statements for 400 cards as for one), each
        card as of the moment it was due (a gatherer has no clock): "overdue" reads the same on a late tick.
        """
        instants = [at for o in occasions if (at := o.at) is not None]
        if not instants:
            return {}
        upcoming = uow.sessions.upcoming_for(ws, [o.recipient_id for o in occasions], min(instants) - _BEFORE)
        sessions = {s.id: s for found in upcoming.values() for s in found if s.id is not None}
        wanted: list[tuple[Occasion, CardRequest]] = []
        for occasion in occasions:
            session_id = session_id_of(occasion)
            session = sessions.get(session_id) if session_id is not None else None
            if (session is None or session.manager_id != occasion.recipient_id
                    or session.starts_at != occasion.at):
                continue
            wanted.append((occasion, CardRequest(session, occasion.recipient_id, session.starts_at - CARD_LEAD)))
        cards = assemble_many(uow, ws, [request for _, request in wanted], self._catalog)
        return {occasion: SessionCardNote(ws, card) for (occasion, _), card in zip(wanted, cards, strict=True)
                if card is not None}


def session_card_kind(catalog: Catalog) -> ScheduledKind[SessionCardNote]:
    """The kind over a catalog: the shipped one in the registry, the deployment's in `bot`."""
    return ScheduledKind(
        name=KIND_NAME,
        title="The session card, 5 min before each 1:1 (managers)",
        why="you have a 1:1 booked with a rep",
        audience=Audience.MANAGERS,
        cadence=Cadence.BEFORE_INSTANT,
        before=CARD_LEAD,
        # Negative: relevant until a quarter of an hour into the session, not only until it starts.
        stale=Staleness(before_instant=-STALE_AFTER_START),
        source=SessionAppointments(side="manager"),
        gather=SessionCards(catalog).gather,
    )


SESSION_CARD = session_card_kind(load_catalog())

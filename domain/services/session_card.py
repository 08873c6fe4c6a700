"""The session card (issue 12, the conversation): `/coach session card`, and the manager's DM at the start.

Who sees a card, whatever a crafted request names: the session's manager, a
workspace admin, and the session's rep (their own 1:1). Anybody else gets
the same refusal whether or not the session exists; nothing crosses
workspaces (every read is scoped by the caller's workspace).

Reading only. A card is a fixed number of queries whatever the rep's
history: the session, the people, the rep's pre-work, the pair's earlier
sessions, the rep's actions and their owners' calendars, the indicators
(`weekly_indicators`, five) and, when the rep has deals, the role-play
loader's (`load_roleplays`, six).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from domain.catalog import Catalog
from domain.coaching.session_card import (
    MAX_STALLED,
    SessionCard,
    focus_readings,
    pick_session,
    previous_of,
    to_review,
)
from domain.coaching.sessions import CoachingSession
from domain.errors import InvalidInput, NotAllowed, NotFound
from domain.model import Member, WorkspaceRef
from domain.ports import UnitOfWork, UnitOfWorkFactory
from domain.scheduling.calendar import zone
from domain.services.leading_indicators import weekly_indicators
from domain.services.roleplay_cards import load_roleplays

NOT_YOURS = "That 1:1 is not one of yours, so its session card is not yours to see."
CANCELLED = "That 1:1 was cancelled, so it has no session card. `/coach sessions` lists the upcoming ones."
INDICATOR_WEEKS = 4  # how far back the card looks for the latest week with data
RECENT = timedelta(days=7)  # `/coach session card` shows a session that ended this recently
_LOOK_BACK = timedelta(days=366)  # how far back the pair's previous session is looked for
_LOOK_AHEAD = timedelta(days=366)


def no_session(rep_id: str, *, own: bool) -> NotFound:
    if own:
        return NotFound("You have no 1:1 under way, coming up, or in the last 7 days: your manager books them.")
    return NotFound(f"<@{rep_id}> has no 1:1 under way, coming up, or in the last 7 days. Book one: "
                    f"`/coach session <@{rep_id}> tomorrow 15:00`.")


class SessionCardService:
    def __init__(self, uow_factory: UnitOfWorkFactory, catalog: Catalog, clock: Callable[[], datetime]) -> None:
        self._uow_factory = uow_factory
        self._catalog = catalog
        self._clock = clock

    def card(self, ws: WorkspaceRef, caller_id: str, session_id: int) -> SessionCard:
        """One session's card, for its manager, its rep or an admin."""
        with self._uow_factory(read_only=True) as uow:
            session = uow.sessions.get(ws, session_id)
            caller = uow.members.get(ws, caller_id)
            if session is None or caller is None or not may_see(session, caller):
                raise NotAllowed(NOT_YOURS)  # the same answer whether or not it exists
            if not session.is_scheduled:
                raise InvalidInput(CANCELLED)
            return assemble(uow, ws, session, caller_id, caller.is_admin, self._catalog, self._clock())

    def card_for(self, ws: WorkspaceRef, caller_id: str, rep_id: str | None) -> SessionCard:
        """`/coach session card [@rep]`: the pair's session under way, else the next, else the latest within 7 days.

        A rep asks for their own (no rep named, or themself); a manager names one of their reps; an admin any rep.
        """
        now = self._clock()
        with self._uow_factory(read_only=True) as uow:
            wanted = rep_id or caller_id
            people = uow.members.get_many(ws, {caller_id, wanted})
            caller, rep = people.get(caller_id), people.get(wanted)
            own = wanted == caller_id
            if caller is None or rep is None or not (own or rep.manager_id == caller_id or caller.is_admin):
                raise NotAllowed(f"<@{wanted}> is not on your team, so their 1:1s are not yours to see.")
            if rep.manager_id is None:
                raise no_session(wanted, own=own)
            found = uow.sessions.overlapping(ws, rep.user_id, rep.manager_id, now - RECENT, now + _LOOK_AHEAD)
            session = pick_session(found, now, RECENT)
            if session is None:
                raise no_session(wanted, own=own)
            return assemble(uow, ws, session, caller_id, caller.is_admin, self._catalog, now)


def may_see(session: CoachingSession, viewer: Member) -> bool:
    return session.involves(viewer.user_id) or viewer.is_admin


@dataclass(frozen=True)
class CardRequest:
    """One card to assemble: its session, who reads it (checked by the caller) and as of when."""

    session: CoachingSession
    viewer_id: str
    as_of: datetime
    viewer_is_admin: bool = False


def assemble(uow: UnitOfWork, ws: WorkspaceRef, session: CoachingSession, viewer_id: str, viewer_is_admin: bool,
             catalog: Catalog, now: datetime) -> SessionCard:
    """The card of a session the viewer may see (checked by the caller), as of `now`."""
    [card] = assemble_many(uow, ws, [CardRequest(session, viewer_id, now, viewer_is_admin)], catalog)
    if card is None:
        raise NotAllowed(NOT_YOURS)
    return card


def assemble_many(uow: UnitOfWork, ws: WorkspaceRef, asked: Sequence[CardRequest], catalog: Catalog
                  ) -> list[SessionCard | None]:
    """The cards of many sessions (the `session_card` kind's tick), in order, in the same dozen and a half
    statements as one: None for a session whose rep or manager is no longer known."""
    if not asked:
        return []
    sessions = [request.session for request in asked]
    rep_ids = list(dict.fromkeys(s.rep_id for s in sessions))
    people = dict(uow.members.get_many(ws, {*rep_ids, *(s.manager_id for s in sessions)}))
    ids = [s.id for s in sessions if s.id is not None]
    written = uow.prework.for_sessions(ws, ids)
    earlier = uow.sessions.between(ws, rep_ids, min(s.starts_at for s in sessions) - _LOOK_BACK,
                                             max(s.starts_at for s in sessions))
    previous = [previous_of(earlier, s) for s in sessions]
    actions = uow.commitments.for_reps(ws, rep_ids)
    owners = {c.owner_id for found in actions.values() for c in found} - set(people)
    people.update(uow.members.get_many(ws, owners) if owners else {})
    noted = uow.takeaways.for_sessions(ws, [*ids, *(p.id for p in previous if p is not None and p.id is not None)])
    reps = [people[rep_id] for rep_id in rep_ids if rep_id in people]
    rep_today = {request.session.rep_id: _today(people[request.session.rep_id], request.as_of)
                 for request in reversed(asked) if request.session.rep_id in people}
    indicators = weekly_indicators(uow, ws, rep_today, INDICATOR_WEEKS, catalog)
    roleplays = load_roleplays(uow, ws, reps, max(request.as_of for request in asked), catalog)
    names = {c.id: c.name for c in catalog.competencies}
    cards: list[SessionCard | None] = []
    for request, before in zip(asked, previous, strict=True):
        session = request.session
        rep, manager = people.get(session.rep_id), people.get(session.manager_id)
        if rep is None or manager is None:
            cards.append(None)
            continue
        mine = actions.get(rep.user_id, [])
        today_of = {c.owner_id: _today(people[c.owner_id], request.as_of) for c in mine if c.owner_id in people}
        session_day = session.starts_at.astimezone(zone(rep.time_zone)).date()
        played = roleplays.get(rep.user_id)
        has_pipeline = played is not None and not played.nothing_imported
        cards.append(SessionCard(
            session=session, rep=rep, manager=manager, viewer_id=request.viewer_id,
            prework=written.get(session.id or 0),
            review=to_review(mine, session, before.starts_at if before else None, today_of, session_day),
            previous_start=before.starts_at if before else None,
            focus=focus_readings(indicators.get(rep.user_id), names),
            stalled=played.cards[:MAX_STALLED] if played is not None and has_pipeline else (),
            has_pipeline=has_pipeline,
            plan=tuple(c for c in mine if c.session_id is not None and c.session_id == session.id),
            # The rep never changes their own plan here, even as an admin: their manager does.
            may_change=(request.viewer_id == session.manager_id or request.viewer_is_admin)
            and request.viewer_id != session.rep_id,
            takeaways=noted.get(session.id or 0),
            previous_takeaways=noted.get(before.id or 0) if before is not None else None,
        ))
    return cards


def _today(member: Member, at: datetime) -> date:
    return at.astimezone(zone(member.time_zone)).date()

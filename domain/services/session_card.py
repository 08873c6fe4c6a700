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

from collections.abc import Callable
from datetime import datetime, timedelta

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


def assemble(uow: UnitOfWork, ws: WorkspaceRef, session: CoachingSession, viewer_id: str, viewer_is_admin: bool,
             catalog: Catalog, now: datetime) -> SessionCard:
    """The card of a session the viewer may see (checked by the caller), as of `now`."""
    people = dict(uow.members.get_many(ws, {session.rep_id, session.manager_id}))
    rep, manager = people.get(session.rep_id), people.get(session.manager_id)
    if rep is None or manager is None:
        raise NotAllowed(NOT_YOURS)
    prework = uow.prework.get(ws, session.id or 0)
    earlier = uow.sessions.overlapping(ws, session.rep_id, session.manager_id, session.starts_at - _LOOK_BACK,
                                       session.starts_at)
    previous = previous_of(earlier, session)
    actions = uow.commitments.for_reps(ws, [rep.user_id]).get(rep.user_id, [])
    owners = {c.owner_id for c in actions} - {rep.user_id, manager.user_id}
    people.update(uow.members.get_many(ws, owners) if owners else {})
    today_of = {person_id: now.astimezone(zone(member.time_zone)).date() for person_id, member in people.items()}
    session_day = session.starts_at.astimezone(zone(rep.time_zone)).date()
    review = to_review(actions, session, previous.starts_at if previous else None, today_of, session_day)
    plan = tuple(c for c in actions if c.session_id is not None and c.session_id == session.id)
    noted = uow.takeaways.for_sessions(ws, [i for i in (session.id, previous.id if previous else None) if i])
    indicators = weekly_indicators(uow, ws, {rep.user_id: today_of[rep.user_id]}, INDICATOR_WEEKS, catalog)
    names = {c.id: c.name for c in catalog.competencies}
    roleplays = load_roleplays(uow, ws, [rep], now, catalog).get(rep.user_id)
    has_pipeline = roleplays is not None and not roleplays.nothing_imported
    stalled = roleplays.cards[:MAX_STALLED] if roleplays is not None and has_pipeline else ()
    return SessionCard(
        session=session, rep=rep, manager=manager, viewer_id=viewer_id, prework=prework, review=review,
        previous_start=previous.starts_at if previous else None,
        focus=focus_readings(indicators.get(rep.user_id), names), stalled=stalled, has_pipeline=has_pipeline,
        plan=plan, may_change=viewer_id == session.manager_id or viewer_is_admin,
        takeaways=noted.get(session.id or 0),
        previous_takeaways=noted.get(previous.id or 0) if previous is not None else None,
    )

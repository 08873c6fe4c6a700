"""1:1 sessions: `/coach session @rep <when>` books, moves and cancels; `/coach sessions` lists them.

Who may do what, whatever a crafted request names (domain/coaching/sessions.py):
- the rep's own manager books, moves and cancels their sessions; so may a
  workspace admin, for any rep in the workspace who has a manager;
- the rep, the session's manager and an admin see a session; nobody else.
A refusal reads the same whether or not the rep or the session exists.

Times are read in the booker's own time zone; both people are told in a DM
with their own local time. Each writing use case is one unit of work: its
receipt (a form's replay stores nothing), the change, the DMs' ledger rows,
the App Homes, commit.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from domain.coaching.session_time import When, local_instant, parse_when
from domain.coaching.sessions import (
    DAY,
    DEFAULT_MINUTES,
    MINUTES,
    REPEAT,
    TIME,
    CoachingSession,
    Repeat,
    clash,
    minutes_problem,
    next_of,
    occurrences,
    repeat_of,
    start_problem,
)
from domain.effects import Done, refresh, tell
from domain.errors import FieldProblems, InvalidInput, NotAllowed, NotFound
from domain.model import Member, WorkspaceRef
from domain.ports import UnitOfWork, UnitOfWorkFactory
from domain.receipts import Receipt, record, within_deadline
from domain.scheduling.calendar import zone
from domain.services.scheduling import ScheduleService
from domain.services.session_notices import News, SessionForm, SessionNews, UpcomingSessions
from domain.services.use_case import finish

NOT_YOURS = "That session is not one of yours: only the rep's manager (or an admin) changes it."
NO_SELF = "You cannot book a 1:1 with yourself: your manager books your sessions."


def not_your_rep(rep_id: str) -> NotAllowed:
    return NotAllowed(f"<@{rep_id}> is not on your team, so you cannot book or change their 1:1s. "
                      "Your reps are listed on your App Home.")


@dataclass(frozen=True)
class Typed:
    """A time as typed after the command (`tomorrow 15:00`)."""

    text: str


@dataclass(frozen=True)
class Picked:
    """A day and a time from the modal's pickers (None: left empty)."""

    day: date | None
    at: time | None


WhenInput = Typed | Picked


@dataclass(frozen=True)
class _Pair:
    booker: Member
    rep: Member
    manager: Member


class SessionService:
    def __init__(self, uow_factory: UnitOfWorkFactory, clock: Callable[[], datetime],
                 schedules: ScheduleService | None = None) -> None:
        self._uow_factory = uow_factory
        self._clock = clock
        # The kinds anchored on sessions (the rep's pre-work) follow each booking, move and cancel; a session
        # booked less than 24 h ahead has its pre-work DM due at once, and the next tick sends it.
        self._schedules = schedules

    # -- booking -----------------------------------------------------------------------

    def booking_form(self, ws: WorkspaceRef, caller_id: str, rep_id: str,
                     receipt: Receipt | None = None) -> SessionForm:
        """What the booking modal needs; refused unless the caller may book the rep's sessions."""
        with self._uow_factory(read_only=True) as uow:
            within_deadline(uow, receipt)
            pair = _pair(uow, ws, caller_id, rep_id)
        return self._form(pair)

    def book_and_tell(self, ws: WorkspaceRef, caller_id: str, rep_id: str, when: WhenInput,
                      minutes: int | None = DEFAULT_MINUTES, repeat: object = "once",
                      receipt: Receipt | None = None) -> Done[SessionNews]:
        """Book one session or a series; both people get a DM with their own local time."""
        with self._uow_factory() as uow:
            record(uow, ws, receipt)
            pair = _pair(uow, ws, caller_id, rep_id)
            now, tz = self._clock(), zone(pair.booker.time_zone)
            problems: dict[str, str] = {}
            chosen = repeat_of(repeat)
            if chosen is None:
                problems[REPEAT] = "Pick once, weekly or biweekly."
            if problem := minutes_problem(minutes):
                problems[MINUTES] = problem
            found = _resolve(when, now, tz, problems)
            if problems or found is None or chosen is None or minutes is None:
                raise FieldProblems(problems)
            starts = occurrences(found.starts_at, chosen, tz)
            for start in starts:
                if (busy := clash(uow.sessions.overlapping(ws, rep_id, pair.manager.user_id, start,
                                                           start + _span(minutes)), start, minutes)):
                    raise FieldProblems({DAY: _clash_text(busy, pair, tz, start, found.starts_at)})
            stored = _store(uow, ws, pair, starts, minutes, chosen)
            news = SessionNews(News.BOOKED, stored, pair.rep, pair.manager, caller_id, note=found.note)
            return self._finish(uow, ws, news, pair, now)

    # -- moving and cancelling -----------------------------------------------------------

    def next_session_form(self, ws: WorkspaceRef, caller_id: str, rep_id: str) -> SessionForm:
        """The move modal, on the pair's next session."""
        with self._uow_factory(read_only=True) as uow:
            pair = _pair(uow, ws, caller_id, rep_id)
            session = self._next(uow, ws, pair)
        return replace(self._form(pair), session=session)

    def move_and_tell(self, ws: WorkspaceRef, caller_id: str, when: WhenInput, *, rep_id: str | None = None,
                      session_id: int | None = None, receipt: Receipt | None = None) -> Done[SessionNews]:
        """Move the pair's next session (`rep_id`) or the one named (`session_id`, the modal's), alone."""
        with self._uow_factory() as uow:
            record(uow, ws, receipt)
            session, pair = self._target(uow, ws, caller_id, rep_id, session_id)
            now, tz = self._clock(), zone(pair.booker.time_zone)
            problems: dict[str, str] = {}
            found = _resolve(when, now, tz, problems)
            if problems or found is None:
                raise FieldProblems(problems)
            span = _span(session.minutes)
            busy = clash(uow.sessions.overlapping(ws, session.rep_id, session.manager_id, found.starts_at,
                                                  found.starts_at + span), found.starts_at, session.minutes,
                         ignoring=session.id)
            if busy is not None:
                raise FieldProblems({DAY: _clash_text(busy, pair, tz, found.starts_at, found.starts_at)})
            moved = uow.sessions.update(session.moved_to(found.starts_at, caller_id, now))
            news = SessionNews(News.MOVED, (moved,), pair.rep, pair.manager, caller_id,
                               previous=session.starts_at, note=found.note)
            return self._finish(uow, ws, news, pair, now)

    def cancel_and_tell(self, ws: WorkspaceRef, caller_id: str, *, rep_id: str | None = None,
                        session_id: int | None = None, whole_series: bool = False,
                        receipt: Receipt | None = None) -> Done[SessionNews]:
        """Cancel the pair's next session (or the one named); `whole_series`: it and the rest of its series."""
        with self._uow_factory() as uow:
            record(uow, ws, receipt)
            session, pair = self._target(uow, ws, caller_id, rep_id, session_id)
            now = self._clock()
            chosen = [session]
            if whole_series and session.series_id is not None:
                ahead = uow.sessions.upcoming_for(ws, [session.rep_id], now).get(session.rep_id, [])
                chosen = [s for s in ahead if s.series_id == session.series_id and s.starts_at >= session.starts_at
                          and s.manager_id == session.manager_id]
            cancelled = tuple(uow.sessions.update(s.cancelled_by(caller_id, now)) for s in chosen)
            news = SessionNews(News.CANCELLED, cancelled, pair.rep, pair.manager, caller_id)
            return self._finish(uow, ws, news, pair, now)

    # -- reading -------------------------------------------------------------------------

    def upcoming(self, ws: WorkspaceRef, caller_id: str, rep_id: str | None = None) -> UpcomingSessions:
        """The caller's upcoming sessions (all, or with one rep); a rep's for their manager or an admin."""
        now = self._clock()
        with self._uow_factory(read_only=True) as uow:
            viewer = uow.members.get(ws, caller_id)
            if viewer is None:
                raise NotFound("You have no 1:1 sessions yet: your manager books them with `/coach session`.")
            if rep_id is None or rep_id == caller_id:
                sessions = uow.sessions.upcoming_for(ws, [caller_id], now).get(caller_id, [])
            else:
                rep = uow.members.get(ws, rep_id)
                if rep is None or not (rep.manager_id == caller_id or (viewer.is_admin and rep.manager_id)):
                    raise not_your_rep(rep_id)
                sessions = uow.sessions.upcoming_for(ws, [rep_id], now).get(rep_id, [])
                if not viewer.is_admin:
                    sessions = [s for s in sessions if s.manager_id == caller_id]
            ids = {p for s in sessions for p in (s.rep_id, s.manager_id)} | {caller_id}
            people = uow.members.get_many(ws, ids)
        return UpcomingSessions(viewer, tuple(sessions), people, rep_id)

    # -- shared --------------------------------------------------------------------------

    def _form(self, pair: _Pair) -> SessionForm:
        tz = pair.booker.time_zone
        return SessionForm(pair.rep, tz, self._clock().astimezone(zone(tz)).date())

    def _next(self, uow: UnitOfWork, ws: WorkspaceRef, pair: _Pair) -> CoachingSession:
        ahead = uow.sessions.upcoming_for(ws, [pair.rep.user_id], self._clock()).get(pair.rep.user_id, [])
        found = next_of([s for s in ahead if s.manager_id == pair.manager.user_id], self._clock())
        if found is None:
            raise NotFound(f"<@{pair.rep.user_id}> has no upcoming 1:1. Book one: "
                           f"`/coach session <@{pair.rep.user_id}> tomorrow 15:00`.")
        return found

    def _target(self, uow: UnitOfWork, ws: WorkspaceRef, caller_id: str, rep_id: str | None,
                session_id: int | None) -> tuple[CoachingSession, _Pair]:
        if session_id is None:
            if rep_id is None:
                raise InvalidInput("Name the rep: `/coach session reschedule @alex tomorrow 15:00`.")
            pair = _pair(uow, ws, caller_id, rep_id)
            return self._next(uow, ws, pair), pair
        session = uow.sessions.get(ws, session_id, for_update=True)
        caller = uow.members.get(ws, caller_id)
        if session is None or caller is None or not (session.manager_id == caller_id or caller.is_admin):
            raise NotAllowed(NOT_YOURS)  # the same answer whether or not it exists
        people = uow.members.get_many(ws, {session.rep_id, session.manager_id})
        rep, manager = people.get(session.rep_id), people.get(session.manager_id)
        if rep is None or manager is None:
            raise NotAllowed(NOT_YOURS)
        if not session.is_scheduled or session.starts_at <= self._clock():
            raise InvalidInput("That session is over or cancelled; book a new one with `/coach session`.")
        return session, _Pair(caller, rep, manager)

    def _finish(self, uow: UnitOfWork, ws: WorkspaceRef, news: SessionNews, pair: _Pair,
                now: datetime) -> Done[SessionNews]:
        effects = (tell(pair.rep.user_id, news) + tell(pair.manager.user_id, news)
                   + refresh(pair.rep.user_id, pair.manager.user_id))
        if self._schedules is not None:
            self._schedules.refresh_in(uow, ws, [pair.rep.user_id, pair.manager.user_id], now)
        done = finish(uow, ws, Done(news, effects), catalog=None, now=now)
        uow.commit()
        return done


def _span(minutes: int) -> timedelta:
    return timedelta(minutes=minutes)


def _pair(uow: UnitOfWork, ws: WorkspaceRef, caller_id: str, rep_id: str) -> _Pair:
    """The booker, the rep and the rep's manager, if the booker may book for the rep."""
    if rep_id == caller_id:
        raise NotAllowed(NO_SELF)
    people = uow.members.get_many(ws, {caller_id, rep_id})
    caller, rep = people.get(caller_id), people.get(rep_id)
    if caller is None or rep is None or rep.manager_id is None:
        if caller is not None and caller.is_admin and rep is not None:
            raise InvalidInput(f"<@{rep_id}> has no manager yet: add them to a team first.")
        raise not_your_rep(rep_id)
    if rep.manager_id != caller_id and not caller.is_admin:
        raise not_your_rep(rep_id)
    manager = caller if rep.manager_id == caller_id else uow.members.get(ws, rep.manager_id)
    if manager is None:
        raise not_your_rep(rep_id)
    return _Pair(caller, rep, manager)


def _resolve(when: WhenInput, now: datetime, tz: ZoneInfo, problems: dict[str, str]) -> When | None:
    """The instant asked for, or None with the reason in `problems` (under the day field)."""
    try:
        if isinstance(when, Typed):
            found = parse_when(when.text, now, tz)
        else:
            if when.day is None or when.at is None:
                problems[DAY if when.day is None else TIME] = "Pick a day and a time."
                return None
            found = local_instant(when.day, when.at, tz)
    except InvalidInput as error:
        problems[DAY] = str(error)
        return None
    if problem := start_problem(found.starts_at, now, tz):
        problems[DAY] = problem
        return None
    return found


def _store(uow: UnitOfWork, ws: WorkspaceRef, pair: _Pair, starts: list[datetime], minutes: int,
           repeat: Repeat) -> tuple[CoachingSession, ...]:
    first = uow.sessions.add(CoachingSession(ws, pair.rep.user_id, pair.manager.user_id, starts[0], minutes,
                                             repeat))
    if len(starts) == 1:
        return (first,)
    first = uow.sessions.update(replace(first, series_id=first.id))
    rest = [uow.sessions.add(replace(first, starts_at=start, id=None, created_at=None)) for start in starts[1:]]
    return (first, *rest)


def _clash_text(busy: CoachingSession, pair: _Pair, tz: ZoneInfo, start: datetime, asked: datetime) -> str:
    local = busy.starts_at.astimezone(tz)
    which = "" if start == asked else f" (the series' {start.astimezone(tz):%a %-d %b} occurrence)"
    return (f"There is already a 1:1 with <@{pair.rep.user_id}> at {local:%a %-d %b %H:%M} "
            f"({busy.minutes} min){which}. Pick another time, or move that one: "
            f"`/coach session reschedule <@{pair.rep.user_id}> <when>`.")


def end_pair_sessions(uow: UnitOfWork, ws: WorkspaceRef, rep_id: str, manager_id: str, by: str,
                      now: datetime) -> int:
    """When a rep leaves a manager's team (removed, moved, added by another manager), their upcoming 1:1s
    with that manager are cancelled, in the same unit of work: a former manager gets no more session cards
    about the rep, and the rep no pre-work for a 1:1 that will not happen. How many were cancelled."""
    upcoming = uow.sessions.upcoming_for(ws, [rep_id], now).get(rep_id, [])
    ended = [s for s in upcoming if s.rep_id == rep_id and s.manager_id == manager_id]
    for session in ended:
        uow.sessions.update(session.cancelled_by(by, now))
    return len(ended)

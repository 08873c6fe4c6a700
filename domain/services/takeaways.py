"""1:1 takeaways: the manager records what was agreed and which agenda items were covered; both read them later.

Who may do what, whatever a crafted button value or view payload names:
- only the session's manager, or a workspace admin, opens and records its
  takeaways, from 15 minutes before it starts and any time after, never for
  a cancelled session;
- the rep reads their own sessions' takeaways, a manager those of their
  reps' sessions with them, an admin any rep's; nothing crosses workspaces.
A refusal reads the same whether or not the session exists. Recording is one
unit of work: its receipt (a replay stores nothing and tells nobody), the
takeaways, the DMs' ledger rows, commit.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from domain.coaching.sessions import CoachingSession
from domain.coaching.takeaways import COVERED, EARLY, TEXT, Takeaways, covered_of, recordable, takeaways_problems
from domain.effects import Done, tell
from domain.errors import FieldProblems, InvalidInput, NotAllowed, NotFound
from domain.fingerprint import version_of
from domain.model import Member, WorkspaceRef
from domain.ports import UnitOfWork, UnitOfWorkFactory
from domain.receipts import Receipt, record, within_deadline
from domain.services.sessions import not_your_rep
from domain.services.takeaway_notices import PastSession, RecentTakeaways, TakeawaysForm, TakeawaysRecorded
from domain.services.use_case import finish

RECENT = timedelta(days=14)  # how far back `/coach sessions` lists past 1:1s
NOT_YOURS = "That 1:1 is not one of yours: only the rep's manager (or an admin) records its takeaways."
CANCELLED = "That 1:1 was cancelled, so it has no takeaways to record."
NO_SESSIONS = "You have no 1:1 sessions yet: your manager books them with `/coach session`."


TOO_EARLY = (f"That 1:1 has not started yet: its takeaways open {int(EARLY.total_seconds() // 60)} minutes "
             "before it starts.")


def agenda_changed(rep: Member) -> str:
    return (f"{rep.name} changed their agenda after you opened this form, so these ticks may not match it. "
            "Copy your takeaways, close the form and click Record takeaways again.")


class TakeawaysService:
    def __init__(self, uow_factory: UnitOfWorkFactory, clock: Callable[[], datetime]) -> None:
        self._uow_factory = uow_factory
        self._clock = clock

    # -- the manager -----------------------------------------------------------------------

    def form(self, ws: WorkspaceRef, caller_id: str, session_id: int, receipt: Receipt | None = None) -> TakeawaysForm:
        """The modal, prefilled with what was recorded; the rep's agenda items as checkboxes (none without pre-work)."""
        with self._uow_factory(read_only=True) as uow:
            within_deadline(uow, receipt)
            session, caller, rep, _ = self._recorder_session(uow, ws, caller_id, session_id)
            prework = uow.prework.get(ws, session_id)
            takeaways = uow.takeaways.get(ws, session_id)
        return TakeawaysForm(session, rep, caller, prework.agenda if prework else (), takeaways)

    def record_and_tell(self, ws: WorkspaceRef, caller_id: str, session_id: int, text: str, ticked: list[int],
                        receipt: Receipt | None = None, *, shown_agenda: str | None = None
                        ) -> Done[TakeawaysRecorded]:
        """Store (or replace) the takeaways; `ticked` are indices into the rep's agenda as the form showed it
        (`shown_agenda`, its fingerprint: if the rep changed it since, nothing is stored). The rep is told."""
        with self._uow_factory() as uow:
            record(uow, ws, receipt)
            session, _, rep, manager = self._recorder_session(uow, ws, caller_id, session_id)
            text = text.strip()
            if problems := takeaways_problems(text):
                raise FieldProblems(problems)
            prework = uow.prework.get(ws, session_id)
            agenda = prework.agenda if prework else ()
            if shown_agenda is not None and shown_agenda != version_of(agenda):
                raise FieldProblems({COVERED if shown_agenda else TEXT: agenda_changed(rep)})
            covered = covered_of(agenda, ticked)
            existing = uow.takeaways.get(ws, session_id)
            draft = (existing.replaced_by(text, covered, caller_id, self._clock()) if existing is not None
                     else Takeaways(ws, session_id, rep.user_id, text, covered, caller_id))
            saved = uow.takeaways.save(draft)
            notice = TakeawaysRecorded(session, rep, manager, saved, agenda, edited=existing is not None)
            effects = tell(rep.user_id, notice) + tell(manager.user_id, notice)
            if caller_id not in (rep.user_id, manager.user_id):
                effects += tell(caller_id, notice)  # an admin who recorded them hears it went through
            done = finish(uow, ws, Done(notice, effects), catalog=None, now=self._clock())
            uow.commit()
            return done

    # -- reading ---------------------------------------------------------------------------

    def recent(self, ws: WorkspaceRef, caller_id: str, rep_id: str | None = None) -> RecentTakeaways:
        """The caller's 1:1s of the last `RECENT` days (all, or with one rep), with their takeaways."""
        now = self._clock()
        with self._uow_factory(read_only=True) as uow:
            viewer = uow.members.get(ws, caller_id)
            if viewer is None:
                raise NotFound(NO_SESSIONS)
            about = caller_id if rep_id is None else rep_id
            if about != caller_id:
                rep = uow.members.get(ws, about)
                if rep is None or not (rep.manager_id == caller_id or (viewer.is_admin and rep.manager_id)):
                    raise not_your_rep(about)
            sessions = uow.sessions.between(ws, [about], now - RECENT, now + EARLY)
            if about != caller_id:
                sessions = [s for s in sessions if s.rep_id == about
                            and (viewer.is_admin or s.manager_id == caller_id)]
            ids = [s.id or 0 for s in sessions]
            takeaways = uow.takeaways.for_sessions(ws, ids)
            prework = uow.prework.for_sessions(ws, ids)
            people = uow.members.get_many(ws, {p for s in sessions for p in (s.rep_id, s.manager_id)} | {caller_id})
        shown = tuple(PastSession(s, takeaways.get(s.id or 0), p.agenda if (p := prework.get(s.id or 0)) else (),
                                  (s.manager_id == caller_id or viewer.is_admin) and s.rep_id != caller_id)
                      for s in sessions)
        return RecentTakeaways(viewer, shown, people, now, rep_id)

    # -- shared ----------------------------------------------------------------------------

    def _recorder_session(self, uow: UnitOfWork, ws: WorkspaceRef, caller_id: str,
                          session_id: int) -> tuple[CoachingSession, Member, Member, Member]:
        """The session, the caller, its rep and its manager, if the caller may record its takeaways now."""
        session = uow.sessions.get(ws, session_id)
        caller = uow.members.get(ws, caller_id)
        if (session is None or caller is None or session.rep_id == caller_id
                or not (session.manager_id == caller_id or caller.is_admin)):
            raise NotAllowed(NOT_YOURS)  # the same answer whether or not it exists
        people = uow.members.get_many(ws, {session.rep_id, session.manager_id})
        rep, manager = people.get(session.rep_id), people.get(session.manager_id)
        if rep is None or manager is None:
            raise NotAllowed(NOT_YOURS)
        if not session.is_scheduled:
            raise InvalidInput(CANCELLED)
        if not recordable(session, self._clock()):
            raise InvalidInput(TOO_EARLY)
        return session, caller, rep, manager

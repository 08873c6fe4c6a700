"""1:1 pre-work: the rep writes their agenda, questions and background; the manager adds questions.

Who may do what, whatever a crafted button value or view payload names:
- only the session's rep opens and writes its pre-work, until it starts;
- only the session's manager, or a workspace admin, adds questions, and only
  to pre-work that exists, before the session starts.
A refusal reads the same whether or not the session exists. Each writing use
case is one unit of work: its receipt (a replay stores nothing and tells
nobody), the pre-work, the DMs' ledger rows, commit.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import datetime

from domain.coaching.preread import PrereadAnswer, answer_key, answer_problems, answers_of
from domain.coaching.prework import (
    MAX_MANAGER_QUESTIONS,
    Prework,
    agenda_of,
    manager_question_problems,
    prework_problems,
)
from domain.coaching.sessions import CoachingSession
from domain.coaching.takeaways import not_covered
from domain.effects import Done, tell
from domain.errors import FieldProblems, InvalidInput, NotAllowed
from domain.fingerprint import version_of
from domain.model import Member, WorkspaceRef
from domain.ports import UnitOfWork, UnitOfWorkFactory
from domain.receipts import Receipt, record, within_deadline
from domain.services.prework_notices import ManagerAsked, PreworkArrived, PreworkForm, PreworkSaved, QuestionForm
from domain.services.use_case import finish

NOT_YOUR_SESSION = "That 1:1 is not one of yours, so its pre-work is not yours to see or change."
NOT_YOUR_REP = "Only the rep's manager (or an admin) adds questions to a 1:1's pre-work."
STARTED = ("That 1:1 has started (or was cancelled), so its pre-work is closed. "
           "Bring anything new to the conversation, or to the next session's pre-work.")
ALL_ASKED = (f"You have added your {MAX_MANAGER_QUESTIONS} questions to this 1:1 already; "
             "the rep's agenda stays first. Bring anything else to the conversation.")
NO_PREWORK_YET = "Your rep has not written their pre-work yet; you can add your questions once it arrives."
PREREAD_CHANGED = ("The enablement team changed its pre-read questions while this form was open. Copy what you "
                   "wrote, close the form and press the button again to answer the current questions.")


class PreworkService:
    def __init__(self, uow_factory: UnitOfWorkFactory, clock: Callable[[], datetime]) -> None:
        self._uow_factory = uow_factory
        self._clock = clock

    # -- the rep --------------------------------------------------------------------------

    def form(self, ws: WorkspaceRef, caller_id: str, session_id: int, receipt: Receipt | None = None) -> PreworkForm:
        """The pre-work modal, prefilled with what the rep wrote; last session's unfinished items offered to carry."""
        with self._uow_factory(read_only=True) as uow:
            within_deadline(uow, receipt)
            session, rep = self._rep_session(uow, ws, caller_id, session_id)
            mine = uow.prework.get(ws, session_id)
            before = uow.prework.previous(ws, rep.user_id, session.manager_id, session.starts_at)
            covered = uow.takeaways.get(ws, before.session_id) if before else None
            preread = _questionnaire(uow, ws)
        on_agenda = {a.casefold() for a in (mine.agenda if mine else ())}
        unfinished = not_covered(before.agenda, covered) if before else ()
        carry = tuple(a for a in unfinished if a.casefold() not in on_agenda)
        return PreworkForm(session, rep, mine, carry, preread)

    def save_and_tell(self, ws: WorkspaceRef, caller_id: str, session_id: int, typed: list[str],
                      carried: list[str], questions: str, background: str,
                      receipt: Receipt | None = None, *, answers: tuple[str, ...] = (),
                      preread_version: str = "") -> Done[PreworkSaved]:
        """Store (or replace) the rep's pre-work; the manager is told, with the agenda.

        `answers` answer the workspace's pre-read questions in order, as the form
        showed them (`preread_version`, `domain.coaching.preread.version_of`).
        """
        with self._uow_factory() as uow:
            record(uow, ws, receipt)
            session, rep = self._rep_session(uow, ws, caller_id, session_id)
            agenda = agenda_of(typed, carried)
            questions, background = questions.strip(), background.strip()
            existing = uow.prework.get(ws, session_id)
            problems = prework_problems(agenda, questions, background)
            preread, preread_problems = self._preread(uow, ws, existing, answers, preread_version)
            if problems or preread_problems:
                raise FieldProblems({**problems, **preread_problems})
            draft = Prework(ws, session_id, rep.user_id, agenda, questions, background,
                            existing.manager_questions if existing else (), preread=preread)
            saved = uow.prework.save(draft)
            manager = uow.members.get(ws, session.manager_id)
            edited = existing is not None
            effects = tell(rep.user_id, PreworkSaved(session, rep, saved, edited))
            if manager is not None:
                effects += tell(manager.user_id, PreworkArrived(session, rep, manager, saved, edited))
            done = finish(uow, ws, Done(PreworkSaved(session, rep, saved, edited), effects), catalog=None,
                          now=self._clock())
            uow.commit()
            return done

    # -- the manager ----------------------------------------------------------------------

    def question_form(self, ws: WorkspaceRef, caller_id: str, session_id: int,
                      receipt: Receipt | None = None) -> QuestionForm:
        with self._uow_factory(read_only=True) as uow:
            within_deadline(uow, receipt)
            session, prework = self._manager_session(uow, ws, caller_id, session_id)
        room = MAX_MANAGER_QUESTIONS - len(prework.manager_questions)
        if room <= 0:
            raise InvalidInput(ALL_ASKED)
        return QuestionForm(session, prework, room)

    def ask_and_tell(self, ws: WorkspaceRef, caller_id: str, session_id: int, asked: list[str],
                     receipt: Receipt | None = None) -> Done[ManagerAsked]:
        """Add 1-2 of the manager's own questions (at most two in all); the rep is told."""
        with self._uow_factory() as uow:
            record(uow, ws, receipt)
            session, prework = self._manager_session(uow, ws, caller_id, session_id)
            questions = tuple(q.strip() for q in asked if q.strip())
            if problems := manager_question_problems(prework.manager_questions, questions):
                raise FieldProblems(problems)
            uow.prework.save(prework.with_manager_questions(questions))
            rep = uow.members.get(ws, session.rep_id)
            if rep is None:
                raise NotAllowed(NOT_YOUR_REP)
            notice = ManagerAsked(session, rep, session.manager_id, questions)
            done = finish(uow, ws, Done(notice, tell(rep.user_id, notice)), catalog=None, now=self._clock())
            uow.commit()
            return done

    # -- shared ---------------------------------------------------------------------------

    @staticmethod
    def _preread(uow: UnitOfWork, ws: WorkspaceRef, existing: Prework | None, typed: tuple[str, ...],
                 version: str) -> tuple[tuple[PrereadAnswer, ...], dict[str, str]]:
        """The pre-read answers to store, and their inline problems.

        Without a questionnaire the answers given before (if any) are kept as
        they were: the form did not show them, so the rep changed nothing.
        """
        asked = _questionnaire(uow, ws)
        if not asked:
            return (existing.preread if existing else ()), {}
        if version != version_of(asked):
            return (), {answer_key(1): PREREAD_CHANGED}
        answers = answers_of(asked, list(typed))
        return answers, answer_problems(answers)

    def _open(self, session: CoachingSession | None) -> CoachingSession:
        if session is None:
            raise NotAllowed(NOT_YOUR_SESSION)
        if not session.is_scheduled or session.starts_at <= self._clock():
            raise InvalidInput(STARTED)
        return session

    def _rep_session(self, uow: UnitOfWork, ws: WorkspaceRef, caller_id: str,
                     session_id: int) -> tuple[CoachingSession, Member]:
        session = uow.sessions.get(ws, session_id)
        rep = uow.members.get(ws, caller_id)
        if session is None or rep is None or session.rep_id != caller_id:
            raise NotAllowed(NOT_YOUR_SESSION)  # the same answer whether or not it exists
        return self._open(session), rep

    def _manager_session(self, uow: UnitOfWork, ws: WorkspaceRef, caller_id: str,
                         session_id: int) -> tuple[CoachingSession, Prework]:
        session = uow.sessions.get(ws, session_id)
        caller = uow.members.get(ws, caller_id)
        if session is None or caller is None or not (session.manager_id == caller_id or caller.is_admin):
            raise NotAllowed(NOT_YOUR_REP)
        self._open(session)
        prework = uow.prework.get(ws, session_id)
        if prework is None:
            raise InvalidInput(NO_PREWORK_YET)
        return session, replace(prework)


def _questionnaire(uow: UnitOfWork, ws: WorkspaceRef) -> tuple[str, ...]:
    workspace = uow.workspaces.get(ws)
    return workspace.settings.preread_questions if workspace else ()

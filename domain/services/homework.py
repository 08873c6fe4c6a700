"""Skill homework: `/coach homework @rep` assigns it, the rep hands it in, the manager answers with feedback.

Who may do what, whatever a crafted request names:
- only the rep's own manager assigns homework and answers a hand-in;
- only the rep the homework was given to hands it in.
A refusal reads the same whether or not the homework exists.

Each writing use case is one unit of work: its receipt first (a replay
stores nothing), the change, the rep's schedule (the due-date reminder,
`domain.notifications.homework_due`), the ledger rows of its DMs, commit.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime

from domain import field_lengths
from domain.catalog import Catalog, Competency
from domain.coaching.homework import (
    FEEDBACK,
    TEMPLATE,
    HandIn,
    HandInKind,
    Homework,
    assignment_problems,
    feedback_problem,
    hand_in_kind,
    hand_in_problems,
    prefilled,
    slack_file_link,
)
from domain.delivery import REPLY_KIND, DeliveryKey, DeliveryStatus, reply_period, reply_row
from domain.effects import Done, Effects, Message, Notice, refresh, tell
from domain.errors import FieldProblems, InvalidInput, NotAllowed
from domain.model import Member, WorkspaceRef
from domain.ports import UnitOfWork, UnitOfWorkFactory
from domain.receipts import Receipt, record, within_deadline
from domain.scheduling.calendar import zone
from domain.services.cycles import not_your_rep
from domain.services.homework_notices import (
    AssignmentForm,
    FeedbackForm,
    FeedbackSent,
    HandInForm,
    HandInSaved,
    HomeworkAnswered,
    HomeworkAssigned,
    HomeworkHandedIn,
    HomeworkSet,
    InThread,
    TemplateChoice,
    assignment_period,
)
from domain.services.scheduling import ScheduleService
from domain.services.use_case import finish

NOT_YOURS = "That homework is not yours: only the rep it was given to hands it in."
NOT_YOUR_REP = "Only the rep's own manager answers their homework."
HANDED_IN_ALREADY = "You have handed this homework in already; your manager has it."


class HomeworkService:
    def __init__(self, uow_factory: UnitOfWorkFactory, catalog: Catalog, clock: Callable[[], datetime],
                 schedules: ScheduleService | None = None) -> None:
        self._uow_factory = uow_factory
        self._catalog = catalog
        self._clock = clock
        self._schedules = schedules  # the due-date reminder follows each change

    # -- assigning -------------------------------------------------------------------

    def assignment_form(self, ws: WorkspaceRef, manager_id: str, rep_id: str,
                        receipt: Receipt | None = None) -> AssignmentForm:
        """What the modal offers: the focus skills' templates, prefilled for this rep. Their manager only."""
        with self._uow_factory(read_only=True) as uow:
            within_deadline(uow, receipt)
            rep = _managed_rep(uow, ws, manager_id, rep_id)
            manager = uow.members.get(ws, manager_id)
            cycle = uow.cycles.active_for(ws, rep_id)
            focus = uow.priorities.focus(cycle.id) if cycle is not None and cycle.id is not None else []
            skills = self._skills(focus)
            about_deals = any(t.prospects for c in skills for t in c.homework_templates)
            deals = uow.pipeline.for_owners(ws, [rep_id]) if about_deals else []
        choices = tuple(TemplateChoice(c, t, prefilled(t, deals)) for c in skills for t in c.homework_templates)
        return AssignmentForm(rep, self._today(manager or rep), choices, focused=bool(focus))

    def assign_and_tell(
        self, ws: WorkspaceRef, manager_id: str, rep_id: str, template_id: str | None, text: str,
        due_on: date | None, kind: object, receipt: Receipt | None = None,
    ) -> Done[Homework]:
        """Store the homework; the rep gets it with a Hand in button, the manager a receipt.

        `template_id` None is free text; `kind` is what the modal sent for what to hand in.
        """
        with self._uow_factory() as uow:
            record(uow, ws, receipt)
            rep = _managed_rep(uow, ws, manager_id, rep_id)
            manager = uow.members.get(ws, manager_id)
            text = text.strip()
            problems = assignment_problems(text, due_on, kind, self._today(manager or rep))
            competency = self._competency_of(template_id)
            if template_id is not None and competency is None:
                problems[TEMPLATE] = "Pick one of the templates listed, or Free text."
            chosen = hand_in_kind(kind)
            if problems or due_on is None or chosen is None:
                raise FieldProblems(problems)
            cycle = uow.cycles.active_for(ws, rep_id)
            stored = uow.homework.add(Homework(
                ws, rep_id, manager_id, text, due_on, chosen, cycle_id=cycle.id if cycle else None,
                competency=competency.id if competency else None, template_id=template_id,
            ))
            now = self._clock()
            row = reply_row(ws, rep_id, assignment_period(stored.id), now)
            uow.deliveries.add_if_absent(row)
            effects = (Effects(messages=(Message(rep_id, HomeworkAssigned(stored), row),))
                       + tell(manager_id, HomeworkSet(stored)) + refresh(manager_id, rep_id))
            return self._finish(uow, ws, stored, effects, [rep_id], now)

    # -- handing in ------------------------------------------------------------------

    def hand_in_form(self, ws: WorkspaceRef, rep_id: str, homework_id: int) -> HandInForm:
        """The open homework of this rep, for the hand-in modal; anyone else is refused."""
        with self._uow_factory(read_only=True) as uow:
            homework = _own_homework(uow, ws, rep_id, homework_id)
            rep = uow.members.get(ws, rep_id)
        if not homework.is_open:
            raise InvalidInput(HANDED_IN_ALREADY)
        return HandInForm(homework, self._today(rep) if rep else self._clock().date())

    def hand_in_and_tell(self, ws: WorkspaceRef, rep_id: str, homework_id: int, hand_in: HandIn,
                         receipt: Receipt | None = None) -> Done[Homework]:
        """Store the hand-in (late is allowed, and said); the rep's manager is told, with a feedback button."""
        with self._uow_factory() as uow:
            record(uow, ws, receipt)
            homework = _own_homework(uow, ws, rep_id, homework_id, for_update=True)
            if not homework.is_open:
                raise InvalidInput(HANDED_IN_ALREADY)
            clean = _cleaned(homework.hand_in_kind, hand_in)
            if problems := hand_in_problems(homework.hand_in_kind, clean):
                raise FieldProblems(problems)
            now = self._clock()
            stored = uow.homework.update(homework.handed_in_with(clean, now))
            rep = uow.members.get(ws, rep_id)
            manager_id = rep.manager_id if rep else None
            late = stored.handed_in_late(rep.time_zone if rep else "UTC")
            thread = _assignment_thread(uow, ws, stored)
            effects = _in_thread(uow, ws, rep_id, HandInSaved(stored, late, manager_id, thread), thread, now)
            if manager_id:
                effects += tell(manager_id, HomeworkHandedIn(stored, late))
            return self._finish(uow, ws, stored, effects + refresh(rep_id, manager_id), [rep_id], now)

    # -- feedback --------------------------------------------------------------------

    def feedback_form(self, ws: WorkspaceRef, manager_id: str, homework_id: int) -> FeedbackForm:
        """The handed-in homework of one of this manager's reps, for the feedback modal."""
        with self._uow_factory(read_only=True) as uow:
            homework, rep = _answerable(uow, ws, manager_id, homework_id)
        homework.answered("", self._clock())  # refuses one not handed in, or answered already
        return FeedbackForm(homework, homework.handed_in_late(rep.time_zone))

    def answer_and_tell(self, ws: WorkspaceRef, manager_id: str, homework_id: int, feedback: str,
                        receipt: Receipt | None = None) -> Done[Homework]:
        """Store the feedback; the rep gets it in the thread of the assignment, the manager a receipt."""
        with self._uow_factory() as uow:
            record(uow, ws, receipt)
            homework, rep = _answerable(uow, ws, manager_id, homework_id, for_update=True)
            now = self._clock()
            homework.answered("", now)  # the state comes before what was typed
            feedback = feedback.strip()
            if problem := feedback_problem(feedback):
                raise FieldProblems({FEEDBACK: problem})
            stored = uow.homework.update(homework.answered(feedback, now))
            thread = _assignment_thread(uow, ws, stored)
            effects = (_in_thread(uow, ws, rep.user_id, HomeworkAnswered(stored, manager_id, thread), thread, now)
                       + tell(manager_id, FeedbackSent(stored)) + refresh(manager_id, rep.user_id))
            return self._finish(uow, ws, stored, effects, [], now)

    # -- shared ----------------------------------------------------------------------

    def _finish(self, uow: UnitOfWork, ws: WorkspaceRef, result: Homework, effects: Effects,
                reschedule: list[str], now: datetime) -> Done[Homework]:
        if self._schedules is not None and reschedule:
            # In the same unit: the reminder of a new homework is planned, a handed-in one's dropped.
            self._schedules.refresh_in(uow, ws, reschedule, now)
        done = finish(uow, ws, Done(result, effects), catalog=self._catalog, now=now)
        uow.commit()
        return done

    def _skills(self, focus: list[str]) -> list[Competency]:
        known = {c.id: c for c in self._catalog.competencies}
        chosen = [known[skill] for skill in focus if skill in known]
        return chosen or list(self._catalog.competencies)

    def _competency_of(self, template_id: str | None) -> Competency | None:
        return next((c for c in self._catalog.competencies
                     if any(t.id == template_id for t in c.homework_templates)), None)

    def _today(self, member: Member) -> date:
        return self._clock().astimezone(zone(member.time_zone)).date()


def _managed_rep(uow: UnitOfWork, ws: WorkspaceRef, manager_id: str, rep_id: str) -> Member:
    rep = uow.members.get(ws, rep_id)
    if rep is None or rep.manager_id != manager_id:
        raise not_your_rep(manager_id, rep_id, "set their homework")
    return rep


def _own_homework(uow: UnitOfWork, ws: WorkspaceRef, rep_id: str, homework_id: int,
                  *, for_update: bool = False) -> Homework:
    homework = uow.homework.get(ws, homework_id, for_update=for_update)
    if homework is None or homework.rep_id != rep_id:
        raise NotAllowed(NOT_YOURS)
    return homework


def _answerable(uow: UnitOfWork, ws: WorkspaceRef, manager_id: str, homework_id: int,
                *, for_update: bool = False) -> tuple[Homework, Member]:
    """The homework and its rep, when `manager_id` manages the rep now (a former manager no longer sees it)."""
    homework = uow.homework.get(ws, homework_id, for_update=for_update)
    rep = uow.members.get(ws, homework.rep_id) if homework is not None else None
    if homework is None or rep is None or rep.manager_id != manager_id:
        raise NotAllowed(NOT_YOUR_REP)
    return homework, rep


def _cleaned(kind: HandInKind, hand_in: HandIn) -> HandIn:
    """Only what this kind of homework asks for, trimmed; a file's name clipped to its column."""
    text = hand_in.text.strip()
    if kind is HandInKind.TEXT:
        return HandIn(text)
    if kind is HandInKind.LINK:
        return HandIn(text, link=(hand_in.link or "").strip() or None)
    name = (hand_in.file_name or "").strip()[:field_lengths.HOMEWORK_FILE_NAME] or None
    return HandIn(text, link=slack_file_link(hand_in.link), file_id=hand_in.file_id, file_name=name)


def _assignment_thread(uow: UnitOfWork, ws: WorkspaceRef, homework: Homework) -> InThread | None:
    """Where the rep's assignment DM is, if Slack took it."""
    sent = uow.deliveries.get(DeliveryKey(ws.team_id, homework.rep_id, REPLY_KIND, assignment_period(homework.id)))
    if sent is None or sent.status is not DeliveryStatus.SENT or not sent.channel or not sent.ts:
        return None
    return InThread(sent.channel, sent.ts)


def _in_thread(uow: UnitOfWork, ws: WorkspaceRef, to: str, notice: Notice, thread: InThread | None,
               now: datetime) -> Effects:
    """A DM to `to`, posted in the assignment's DM channel when there is a thread to answer in."""
    if thread is None:
        return tell(to, notice)
    row = replace(reply_row(ws, to, reply_period(None), now), channel=thread.channel)
    uow.deliveries.add_if_absent(row)
    return Effects(messages=(Message(to, notice, row),))

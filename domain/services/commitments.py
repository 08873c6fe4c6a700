"""Action plans and their follow-up: `/coach plan @rep`, `/commit`, the deadline check-in, changes.

Who may do what, whatever a crafted request names:
- only the rep's own manager records a plan (a 1:1's plan, from the session card: that session's manager or an
  admin, once per session); only the rep adds one with `/commit`;
- only an action's owner answers its check-in;
- only the rep's manager (or an admin) moves, carries over or drops an action;
- the rep, their manager and an admin see every action of the rep; a delegated owner only their own.
A refusal reads the same whether or not the action exists.

Each writing use case is one unit of work: its receipt first (a replay stores
nothing), the change, the owners' schedules (the follow-up,
`domain.notifications.commitments`), the ledger rows of its DMs, commit.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date, datetime, timedelta
from typing import TypeVar

from domain.audit import AuditAction, RecordKind, audit
from domain.catalog import Catalog
from domain.coaching.commitments import (
    ANSWERS,
    DEADLINE,
    OBSTACLES,
    OWNER,
    ActionDraft,
    Change,
    ChangeKind,
    Commitment,
    CommitmentStatus,
    KeptRate,
    action_problems,
    confidence_of,
    deadline_problem,
    field_key,
    kept_on_time,
    obstacles_problem,
    plan_size_problem,
)
from domain.coaching.cycle import CYCLE_WEEKS, CoachingCycle
from domain.delivery import reply_period, reply_row
from domain.effects import Done, Effects, Message, refresh, tell
from domain.errors import FieldProblems, InvalidInput, NotAllowed
from domain.model import Member, WorkspaceRef, new_member
from domain.ports import UnitOfWork, UnitOfWorkFactory, UserDirectory
from domain.receipts import Receipt, record, within_deadline
from domain.scheduling.calendar import zone
from domain.services.commitment_notices import (
    ActionDelegated,
    AnswerForm,
    CommitForm,
    CommitmentAdded,
    CommitmentAnswered,
    CommitmentChanged,
    Listing,
    PlanForm,
    PlanForRep,
    PlanPosted,
    PlanSaved,
)
from domain.services.cycles import not_your_rep
from domain.services.scheduling import ScheduleService
from domain.services.use_case import finish

R = TypeVar("R")
NOT_YOURS = "That action is not yours: only its owner answers it."
NOT_VISIBLE = "That action is not one you can see or change."
NOT_A_REP = "Only a rep on a coaching team adds commitments with `/commit`; your manager records plans."
NOT_YOUR_SESSION = "That 1:1 is not one of yours, so you cannot record its action plan."
PLAN_RECORDED = ("This 1:1's action plan is recorded already (limit priorities). Change an action from the "
                 "session card or `/coach commitments`.")
NOT_A_PERSON = "Pick a person of this workspace: {who} is not one Coachflow can reach."


def cycle_last_day(cycle: CoachingCycle | None) -> date | None:
    """The last day of the rep's active cycle (before monthly maintenance), offsets included."""
    if cycle is None:
        return None
    return cycle.starts_on + timedelta(weeks=CYCLE_WEEKS - cycle.offset_weeks) - timedelta(days=1)


class CommitmentService:
    def __init__(self, uow_factory: UnitOfWorkFactory, catalog: Catalog | None, clock: Callable[[], datetime],
                 schedules: ScheduleService | None = None, default_time_zone: str = "UTC") -> None:
        self._uow_factory = uow_factory
        self._catalog = catalog
        self._clock = clock
        self._schedules = schedules  # the owners' follow-up follows each change
        self._default_tz = default_time_zone

    # -- the plan ----------------------------------------------------------------------

    def plan_form(self, ws: WorkspaceRef, manager_id: str, rep_id: str, receipt: Receipt | None = None,
                  session_id: int | None = None) -> PlanForm:
        """The plan modal; with `session_id` (the session card's button) the plan is that 1:1's."""
        with self._uow_factory(read_only=True) as uow:
            within_deadline(uow, receipt)
            return self._plan_form(uow, ws, manager_id, rep_id, session_id)

    def session_plan_form(self, ws: WorkspaceRef, caller_id: str, session_id: int,
                          receipt: Receipt | None = None) -> PlanForm:
        """The plan modal of one 1:1 (the session card's "Record action plan"), for its rep."""
        with self._uow_factory(read_only=True) as uow:
            within_deadline(uow, receipt)
            session = uow.sessions.get(ws, session_id)
            return self._plan_form(uow, ws, caller_id, session.rep_id if session is not None else "", session_id)

    def _plan_form(self, uow: UnitOfWork, ws: WorkspaceRef, manager_id: str, rep_id: str,
                   session_id: int | None) -> PlanForm:
        rep, _ = _plan_rep(uow, ws, manager_id, rep_id, session_id)
        manager = uow.members.get(ws, manager_id)
        workspace = uow.workspaces.get(ws)
        cycle = uow.cycles.active_for(ws, rep_id)
        channel = workspace.settings.coaching_channel if workspace is not None else None
        return PlanForm(rep, self._today(manager or rep), cycle_last_day(cycle), channel, session_id)

    def save_plan(self, ws: WorkspaceRef, manager_id: str, rep_id: str, drafts: Sequence[ActionDraft],
                  post: bool, directory: UserDirectory, receipt: Receipt | None = None,
                  session_id: int | None = None) -> Done[PlanSaved]:
        """Store 1-3 actions; each owner told what they own, the rep the plan, the team channel when asked."""
        if problem := plan_size_problem(drafts):
            raise FieldProblems({field_key("action", 1): problem})
        with self._uow_factory() as uow:
            record(uow, ws, receipt)
            rep, plan_manager = _plan_rep(uow, ws, manager_id, rep_id, session_id)
            now = self._clock()
            owners, problems = self._owners(uow, ws, [d.owner_id or rep_id for d in drafts], directory)
            for number, draft in enumerate(drafts, start=1):
                owner = owners.get(draft.owner_id or rep_id)
                problems.update(action_problems(number, draft, self._today(owner) if owner else None))
            if problems:
                raise FieldProblems(problems)
            for owner in owners.values():
                if uow.members.get(ws, owner.user_id) is None:
                    uow.members.add(owner)  # a delegated person new to Coachflow: their follow-up needs a calendar
            plan_id = uuid.uuid4().hex[:16]
            stored = tuple(uow.commitments.add(_new(ws, rep_id, plan_manager, draft.owner_id or rep_id, draft, plan_id,
                                                    manager_id, now, session_id)) for draft in drafts)
            audit(uow, ws, manager_id, rep_id, AuditAction.CHANGE, RecordKind.COMMITMENT, now, [c.id for c in stored])
            cycle_ends = cycle_last_day(uow.cycles.active_for(ws, rep_id))
            late = tuple(n for n, c in enumerate(stored, start=1) if cycle_ends and c.deadline > cycle_ends)
            workspace = uow.workspaces.get(ws)
            channel = workspace.settings.coaching_channel if workspace is not None and post else None
            effects = tell(rep.user_id, PlanForRep(stored))
            for commitment in stored:
                if commitment.delegated:
                    effects += tell(commitment.owner_id, ActionDelegated(commitment))
            if channel:
                row = replace(reply_row(ws, manager_id, reply_period(f"plan:{plan_id}:posted"), now), channel=channel)
                uow.deliveries.add_if_absent(row)
                effects += Effects(messages=(Message(manager_id, PlanPosted(stored), row),))
            effects += refresh(manager_id, plan_manager, rep_id, *(c.owner_id for c in stored))
            owners_ids = list(dict.fromkeys(c.owner_id for c in stored))
            saved = PlanSaved(stored, late, channel)
            return self._finish(uow, ws, saved, tell(manager_id, saved) + effects, owners_ids, now)

    # -- /commit -------------------------------------------------------------------------

    def commit_form(self, ws: WorkspaceRef, rep_id: str) -> CommitForm:
        with self._uow_factory(read_only=True) as uow:
            rep = _coached_rep(uow, ws, rep_id)
        return CommitForm(rep, self._today(rep))

    def today_of(self, ws: WorkspaceRef, user_id: str) -> date:
        """The caller's local today, to read `by fri` in their calendar."""
        with self._uow_factory(read_only=True) as uow:
            member = uow.members.get(ws, user_id)
        return self._today(member) if member else self._clock().date()

    def add_and_tell(self, ws: WorkspaceRef, rep_id: str, draft: ActionDraft,
                     receipt: Receipt | None = None) -> Done[Commitment]:
        """A rep's own action between sessions; their manager is told."""
        with self._uow_factory() as uow:
            record(uow, ws, receipt)
            rep = _coached_rep(uow, ws, rep_id)
            if problems := action_problems(1, draft, self._today(rep)):
                raise FieldProblems(problems)
            now = self._clock()
            stored = uow.commitments.add(_new(ws, rep_id, rep.manager_id, rep_id, draft, uuid.uuid4().hex[:16],
                                              rep_id, now, None))
            audit(uow, ws, rep_id, rep_id, AuditAction.CHANGE, RecordKind.COMMITMENT, now, [stored.id])
            effects = refresh(rep_id, rep.manager_id)
            if rep.manager_id:
                effects = tell(rep.manager_id, CommitmentAdded(stored)) + effects
            return self._finish(uow, ws, stored, effects, [rep_id], now)

    # -- the deadline check-in -----------------------------------------------------------

    def answer_form(self, ws: WorkspaceRef, owner_id: str, commitment_id: int, status: CommitmentStatus) -> AnswerForm:
        with self._uow_factory(read_only=True) as uow:
            commitment = _owned(uow, ws, owner_id, commitment_id)
        if not commitment.is_open:
            raise InvalidInput(f"This action is {commitment.status.label} already.")
        return AnswerForm(commitment, status)

    def answer_and_tell(self, ws: WorkspaceRef, owner_id: str, commitment_id: int, status: CommitmentStatus,
                        obstacles: str = "", receipt: Receipt | None = None) -> Done[Commitment]:
        """Done / partly / not done (the last two with what got in the way); the rep's manager is told."""
        if status not in ANSWERS:
            raise InvalidInput("Answer done, partly or not done.")
        with self._uow_factory() as uow:
            record(uow, ws, receipt)
            commitment = _owned(uow, ws, owner_id, commitment_id, for_update=True)
            obstacles = obstacles.strip()
            if not commitment.is_open:
                raise InvalidInput(f"This action is {commitment.status.label} already.")
            if problem := obstacles_problem(status, obstacles):
                raise FieldProblems({OBSTACLES: problem})
            owner = uow.members.get(ws, owner_id)
            now = self._clock()
            stored = uow.commitments.update(commitment.answered(status, obstacles, owner_id, now,
                                                                self._today(owner) if owner else now.date()))
            audit(uow, ws, owner_id, stored.rep_id, AuditAction.CHANGE, RecordKind.COMMITMENT, now, [stored.id])
            rep = uow.members.get(ws, stored.rep_id)
            manager_id = rep.manager_id if rep else None
            effects = refresh(owner_id, stored.rep_id, manager_id)
            if manager_id and manager_id != owner_id:
                effects = tell(manager_id, CommitmentAnswered(stored)) + effects
            if stored.delegated:
                effects = tell(stored.rep_id, CommitmentAnswered(stored)) + effects
            return self._finish(uow, ws, stored, effects, [owner_id], now)

    # -- the manager's changes -----------------------------------------------------------

    def change_form(self, ws: WorkspaceRef, caller_id: str, commitment_id: int) -> tuple[Commitment, date]:
        """The action to move, and the owner's today (the new deadline may not be before it)."""
        with self._uow_factory(read_only=True) as uow:
            commitment = _changeable(uow, ws, caller_id, commitment_id)
            owner = uow.members.get(ws, commitment.owner_id)
        return commitment, self._today(owner) if owner else self._clock().date()

    def change_and_tell(self, ws: WorkspaceRef, caller_id: str, commitment_id: int, new_deadline: date | None,
                        *, drop: bool = False, receipt: Receipt | None = None) -> Done[Commitment]:
        """Move the deadline (an answered action short of done is carried over), or drop it; kept in its history."""
        with self._uow_factory() as uow:
            record(uow, ws, receipt)
            commitment = _changeable(uow, ws, caller_id, commitment_id, for_update=True)
            now = self._clock()
            if drop:
                changed = commitment.dropped(caller_id, now)
            else:
                owner = uow.members.get(ws, commitment.owner_id)
                if problem := deadline_problem(new_deadline, self._today(owner) if owner else now.date()):
                    raise FieldProblems({DEADLINE: problem})
                assert new_deadline is not None
                changed = commitment.moved(new_deadline, caller_id, now)
            stored = uow.commitments.update(changed)
            audit(uow, ws, caller_id, stored.rep_id, AuditAction.CHANGE, RecordKind.COMMITMENT, now, [stored.id])
            effects = refresh(caller_id, stored.rep_id, stored.owner_id)
            if stored.owner_id != caller_id:
                effects = tell(stored.owner_id, CommitmentChanged(stored, caller_id)) + effects
            return self._finish(uow, ws, stored, effects, [stored.owner_id], now)

    # -- reading -------------------------------------------------------------------------

    def listing(self, ws: WorkspaceRef, viewer_id: str, rep_id: str) -> Listing:
        with self._uow_factory(read_only=True) as uow:
            people = uow.members.get_many(ws, {viewer_id, rep_id})
            viewer, rep = people.get(viewer_id), people.get(rep_id)
            everything = uow.commitments.for_reps(ws, [rep_id]).get(rep_id, [])
            cycle = uow.cycles.active_for(ws, rep_id)
        sees_all = rep is not None and viewer is not None and (
            viewer_id in (rep_id, rep.manager_id) or viewer.is_admin)
        shown = everything if sees_all else [c for c in everything if c.owner_id == viewer_id]
        if not shown and not sees_all:
            raise NotAllowed(f"<@{rep_id}>'s action plan is for them and their manager.")
        today = self._today(viewer) if viewer else self._clock().date()
        may_change = viewer is not None and rep is not None and (rep.manager_id == viewer_id or viewer.is_admin)
        kept = kept_on_time(shown, today, cycle.starts_on if cycle else None)
        ordered = sorted(shown, key=lambda c: (not c.overdue_on(today), not c.is_open, c.deadline, c.id or 0))
        return Listing(rep_id, tuple(ordered), today, may_change, kept)

    def kept_on_time_rates(self, ws: WorkspaceRef, rep_ids: Sequence[str]) -> dict[str, KeptRate]:
        """Each rep's commitments kept on time over their active cycle (the Friday scorecard, the digest)."""
        with self._uow_factory(read_only=True) as uow:
            return kept_rates(uow, ws, rep_ids, self._clock())

    # -- shared --------------------------------------------------------------------------

    def _owners(self, uow: UnitOfWork, ws: WorkspaceRef, owner_ids: list[str],
                directory: UserDirectory) -> tuple[dict[str, Member], dict[str, str]]:
        """Each owner as a member (people new to Coachflow looked up in Slack); problems for those who are not."""
        known = uow.members.get_many(ws, owner_ids)
        owners: dict[str, Member] = dict(known)
        problems: dict[str, str] = {}
        tz = self._workspace_tz(uow, ws)
        for number, owner_id in enumerate(owner_ids, start=1):
            if owner_id in owners:
                continue
            profile = directory.lookup(owner_id)
            if profile is None or profile.deleted or profile.is_bot:
                problems[field_key(OWNER, number)] = NOT_A_PERSON.format(who=f"<@{owner_id}>")
                continue
            owners[owner_id] = new_member(ws, profile, tz)
        return owners, problems

    def _workspace_tz(self, uow: UnitOfWork, ws: WorkspaceRef) -> str:
        workspace = uow.workspaces.get(ws)
        return (workspace.settings.default_time_zone if workspace is not None else None) or self._default_tz

    def _finish(self, uow: UnitOfWork, ws: WorkspaceRef, result: R, effects: Effects,
                reschedule: list[str], now: datetime) -> Done[R]:
        if self._schedules is not None and reschedule:
            self._schedules.refresh_in(uow, ws, reschedule, now)
        done = finish(uow, ws, Done(result, effects), catalog=self._catalog, now=now)
        uow.commit()
        return done

    def _today(self, member: Member) -> date:
        return self._clock().astimezone(zone(member.time_zone)).date()


def kept_rates(uow: UnitOfWork, ws: WorkspaceRef, rep_ids: Sequence[str], now: datetime) -> dict[str, KeptRate]:
    """Three queries for any number of reps: their cycles, their calendars, their actions since the earliest start."""
    cycles = uow.cycles.active_for_reps(ws, rep_ids)
    reps = uow.members.get_many(ws, rep_ids)
    since = min((c.starts_on for c in cycles.values()), default=None)
    found = uow.commitments.for_reps(ws, rep_ids, deadline_from=since)
    rates: dict[str, KeptRate] = {}
    for rep_id in rep_ids:
        rep, cycle = reps.get(rep_id), cycles.get(rep_id)
        today = now.astimezone(zone(rep.time_zone)).date() if rep else now.date()
        rates[rep_id] = kept_on_time(found.get(rep_id, []), today, cycle.starts_on if cycle else None)
    return rates


def _new(ws: WorkspaceRef, rep_id: str, manager_id: str | None, owner_id: str, draft: ActionDraft, plan_id: str,
         by: str, now: datetime, session_id: int | None) -> Commitment:
    assert draft.deadline is not None  # checked by action_problems
    return Commitment(
        ws, rep_id, manager_id, owner_id, draft.action.strip(), draft.deadline, plan_id,
        evidence=draft.evidence.strip(), confidence=confidence_of(draft.confidence), support=draft.support.strip(),
        session_id=session_id, created_by=by, history=(Change(ChangeKind.CREATED, by, now),),
    )


def _managed_rep(uow: UnitOfWork, ws: WorkspaceRef, manager_id: str, rep_id: str) -> Member:
    rep = uow.members.get(ws, rep_id)
    if rep is None or rep.manager_id != manager_id:
        raise not_your_rep(manager_id, rep_id, "record their action plan")
    return rep


def _plan_rep(uow: UnitOfWork, ws: WorkspaceRef, caller_id: str, rep_id: str,
              session_id: int | None) -> tuple[Member, str]:
    """The plan's rep and manager: the caller's own rep, or, for a session's plan, that session's rep and manager
    when the caller is its manager or an admin (a crafted session id naming another pair's 1:1 is refused)."""
    if session_id is None:
        return _managed_rep(uow, ws, caller_id, rep_id), caller_id
    session = uow.sessions.get(ws, session_id)
    people = uow.members.get_many(ws, {caller_id, rep_id})
    caller, rep = people.get(caller_id), people.get(rep_id)
    if (session is None or caller is None or rep is None or session.rep_id != rep_id or rep_id == caller_id
            or not (session.manager_id == caller_id or caller.is_admin)):
        raise NotAllowed(NOT_YOUR_SESSION)  # the same answer whether or not the session exists
    if not session.is_scheduled:
        raise InvalidInput("That 1:1 was cancelled; record the plan at the next one.")
    if any(c.session_id == session_id for c in uow.commitments.for_reps(ws, [rep_id]).get(rep_id, [])):
        raise InvalidInput(PLAN_RECORDED)
    return rep, session.manager_id


def _coached_rep(uow: UnitOfWork, ws: WorkspaceRef, rep_id: str) -> Member:
    rep = uow.members.get(ws, rep_id)
    if rep is None or rep.manager_id is None:
        raise NotAllowed(NOT_A_REP)
    return rep


def _owned(uow: UnitOfWork, ws: WorkspaceRef, owner_id: str, commitment_id: int,
           *, for_update: bool = False) -> Commitment:
    commitment = uow.commitments.get(ws, commitment_id, for_update=for_update)
    if commitment is None or commitment.owner_id != owner_id:
        raise NotAllowed(NOT_YOURS)
    return commitment


def _changeable(uow: UnitOfWork, ws: WorkspaceRef, caller_id: str, commitment_id: int,
                *, for_update: bool = False) -> Commitment:
    """The action, when the caller manages its rep now or is an admin."""
    commitment = uow.commitments.get(ws, commitment_id, for_update=for_update)
    people = uow.members.get_many(ws, {caller_id, commitment.rep_id}) if commitment is not None else {}
    caller, rep = people.get(caller_id), people.get(commitment.rep_id) if commitment is not None else None
    if commitment is None or caller is None or rep is None or not (rep.manager_id == caller_id or caller.is_admin):
        raise NotAllowed(NOT_VISIBLE)
    return commitment



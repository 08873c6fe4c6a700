"""Shadow coaching: a manager records a call they joined, and the rep gets the feedback.

Only the rep's own manager shadows, and only the rep and that manager ever
read an observation: being a workspace admin opens nothing here, and a rep
cannot shadow themself. The observer's form asks the three questions from
their side, a 1-5 score per focus skill, the leading indicators they
observed and feedback for the rep; bad input comes back as `FieldProblems`
keyed by field (`score_key` for a skill's score, `FEEDBACK` for the feedback,
the rest as `domain.coaching.calls.validate_call` and `parse_indicators` key
them). One submission stores one observation (its receipt), tells the rep
(the feedback, with a button to add their own debrief of the call) and the
manager (a confirmation with the rep's shadowed calls this week against the
2-3 target, `domain.coaching.shadow_week`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from domain import field_lengths
from domain.catalog import Catalog
from domain.catalog.model import LeadingIndicator
from domain.coaching.calls import CALL_TYPES, CallAnswers, CallRef, CallType, validate_call
from domain.coaching.cycle import CoachingCycle
from domain.coaching.debriefs import ShadowObservation
from domain.coaching.indicators import parse_indicators
from domain.coaching.scoring import validate_scores
from domain.coaching.shadow_week import ShadowWeek
from domain.effects import Done, Notice, refresh, tell
from domain.errors import FieldProblems, NotAllowed, NotFound
from domain.model import Member, WorkspaceRef
from domain.pipeline.model import DealStatus, Opportunity
from domain.ports import UnitOfWork, UnitOfWorkFactory
from domain.receipts import Receipt, record
from domain.scheduling.calendar import zone
from domain.services.debriefs import match_deal
from domain.services.shadow_weeks import managers_days, shadow_weeks
from domain.services.use_case import finish

FEEDBACK = "feedback"
DEAL = "deal"
CALL_ON = "call_on"
_SCORE_PREFIX = "score:"


def score_key(skill: str) -> str:
    """The problem key of a focus skill's score (competency ids and indicator ids may coincide)."""
    return _SCORE_PREFIX + skill


def skill_of_score_key(key: str) -> str | None:
    return key[len(_SCORE_PREFIX):] if key.startswith(_SCORE_PREFIX) else None


@dataclass(frozen=True)
class ShadowForm:
    """What the observer's modal opens with: whose call, their focus, the manager's today, the deal."""

    rep: Member
    manager_id: str
    today: date  # the manager's local today: the date's default and latest
    skills: tuple[str, ...] = ()  # the rep's focus skills (competency ids), in the order chosen
    deal: Opportunity | None = None  # the rep's open deal that `/coach shadow @rep <deal>` named
    account: str = ""  # what was typed when it named none of their open deals
    cycle_started: date | None = None

    def indicators(self, catalog: Catalog) -> tuple[LeadingIndicator, ...]:
        return indicators_of(self.skills, catalog)


@dataclass(frozen=True)
class ShadowInput:
    """The observer's form as typed (raw: the service checks everything)."""

    call: CallRef
    call_type: str | None
    call_on: date | None
    answers: CallAnswers
    feedback: str
    indicators: Mapping[str, str | None] = field(default_factory=dict)
    scores: Mapping[str, object] = field(default_factory=dict)  # competency id -> 1..5 as typed
    recording_link: str | None = None
    skills: tuple[str, ...] | None = None  # the focus skills the form was opened with; None: not known


@dataclass(frozen=True)
class ShadowSaved:
    observation: ShadowObservation
    rep: Member
    week: ShadowWeek  # the rep's shadowed calls this week, in the manager's calendar


@dataclass(frozen=True)
class ShadowFeedback(Notice):
    """To the rep: their manager shadowed a call and left feedback (with a button to add their debrief)."""

    observation: ShadowObservation


@dataclass(frozen=True)
class ShadowRecorded(Notice):
    """To the manager: the observation is saved; the rep's count this week against the target."""

    saved: ShadowSaved


def indicators_of(skills: Sequence[str], catalog: Catalog) -> tuple[LeadingIndicator, ...]:
    """The leading indicators of these focus skills, in order (skills the catalog lost are skipped)."""
    known = {c.id for c in catalog.competencies}
    return tuple(i for s in skills if s in known for i in catalog.indicators_for(s))


def _open(deals: Sequence[Opportunity]) -> list[Opportunity]:
    """The deals `/coach shadow @rep <deal>` may name: the rep's open ones (the rule is `/debrief`'s, `match_deal`)."""
    return [d for d in deals if d.status is DealStatus.OPEN]


class ShadowService:
    def __init__(self, uow_factory: UnitOfWorkFactory, catalog: Catalog, clock: Callable[[], datetime]) -> None:
        self._uow_factory = uow_factory
        self._catalog = catalog
        self._clock = clock

    def form(self, ws: WorkspaceRef, manager_id: str, rep_id: str, deal: str = "") -> ShadowForm:
        """The check before the observer's modal opens (refuses anyone but the rep's own manager)."""
        with self._uow_factory(read_only=True) as uow:
            manager, rep = self._observable(uow, ws, manager_id, rep_id)
            today = self._today(manager)
            cycle = self._cycle(uow, ws, rep_id, today)
            skills = self._focus(uow, cycle)
            found = match_deal(_open(uow.pipeline.for_owners(ws, [rep_id])), deal) if deal.strip() else None
        return ShadowForm(rep, manager_id, today, skills, found,
                          "" if found is not None else " ".join(deal.split()),
                          cycle.starts_on if cycle is not None else None)

    def shadow_and_tell(self, ws: WorkspaceRef, manager_id: str, rep_id: str, submitted: ShadowInput,
                        receipt: Receipt | None = None) -> Done[ShadowSaved]:
        """Store one observation; the rep gets the feedback, the manager the week's count; both Homes change.

        `receipt`: the form's submission; a replay raises `Replayed` and stores nothing.
        """
        with self._uow_factory() as uow:
            record(uow, ws, receipt)
            manager, rep = self._observable(uow, ws, manager_id, rep_id)
            today = self._today(manager)
            cycle = self._cycle(uow, ws, rep_id, today)
            skills = self._focus(uow, cycle)
            if submitted.skills is not None and tuple(submitted.skills) != skills:
                raise NotAllowed(f"{rep.name}'s focus skills changed while this form was open. "
                                 "Copy what you wrote, close the form and run `/coach shadow` again.")
            observation = self._checked(uow, ws, manager_id, rep, cycle, skills, submitted, today)
            stored = uow.shadow_observations.add(observation)
            week = shadow_weeks(uow, ws, {rep_id: today}, {rep_id: cycle} if cycle is not None else {})[rep_id]
            saved = ShadowSaved(stored, rep, week)
            effects = (tell(rep_id, ShadowFeedback(stored)) + tell(manager_id, ShadowRecorded(saved))
                       + refresh(manager_id, rep_id))
            done = finish(uow, ws, Done(saved, effects), catalog=self._catalog, now=self._clock())
            uow.commit()
        return done

    def team_week(self, ws: WorkspaceRef, manager_id: str) -> list[ShadowWeek]:
        """The manager's reps' shadowed calls this week (the manager's week), by rep name; one read-only unit."""
        with self._uow_factory(read_only=True) as uow:
            manager = uow.members.get(ws, manager_id)
            if manager is None:
                raise NotFound("Coachflow does not know you yet in this workspace. Run `/coach team` to get started.")
            reps = sorted(uow.members.reps_of(ws, manager_id), key=lambda m: (m.name.lower(), m.user_id))
            weeks = shadow_weeks(uow, ws, managers_days(reps, {manager_id: manager}, self._clock()))
        return [weeks[rep.user_id] for rep in reps]

    def observation(self, ws: WorkspaceRef, viewer_id: str, shadow_id: int) -> ShadowObservation:
        """One observation, for the rep it is about or their own manager only (a call's detail)."""
        with self._uow_factory(read_only=True) as uow:
            found = uow.shadow_observations.get(ws, shadow_id)
            rep = uow.members.get(ws, found.rep_id) if found is not None else None
        if found is None or rep is None or viewer_id not in (rep.user_id, rep.manager_id):
            # The same answer whether or not it exists: ids are not there to be probed.
            raise NotAllowed("That shadowed call is not yours to see: only the rep and their own manager see it.")
        return found

    def _checked(self, uow: UnitOfWork, ws: WorkspaceRef, manager_id: str, rep: Member, cycle: CoachingCycle | None,
                 skills: tuple[str, ...], submitted: ShadowInput, today: date) -> ShadowObservation:
        """The observation to store, or `FieldProblems` with every problem of the form at once."""
        call = CallRef(" ".join(submitted.call.account.split()), submitted.call.deal_id)
        link = (submitted.recording_link or "").strip() or None
        problems = validate_call(call, submitted.call_type, submitted.call_on, today=today, earliest=None,
                                 answers=submitted.answers, recording_link=link)
        started = cycle.starts_on if cycle is not None else None
        if CALL_ON not in problems and submitted.call_on is not None and started and submitted.call_on < started:
            problems[CALL_ON] = f"{rep.name}'s coaching cycle started on {started:%a %-d %b}; pick a day since then."
        if call.deal_id is not None and DEAL not in problems:
            deal = next((d for d in uow.pipeline.for_owners(ws, [rep.user_id]) if d.external_id == call.deal_id), None)
            if deal is None:
                problems[DEAL] = f"That deal is not one of {rep.name}'s; pick one of theirs or type the account."
            elif not call.account:
                call = CallRef(deal.name[: field_lengths.CALL_ACCOUNT], deal.external_id)
        values, indicator_problems = parse_indicators(indicators_of(skills, self._catalog), submitted.indicators)
        problems.update(indicator_problems)
        problems.update({score_key(s): text for s, text in validate_scores(submitted.scores, skills).items()})
        feedback = submitted.feedback.strip()
        if not feedback:
            problems[FEEDBACK] = f"Write the feedback {rep.name} will get: what to keep, what to change."
        elif problem := field_lengths.text_problem(feedback, field_lengths.SHADOW_FEEDBACK):
            problems[FEEDBACK] = problem
        if problems:
            raise FieldProblems(problems)
        assert submitted.call_on is not None and submitted.call_type in {k.value for k in CALL_TYPES}
        return ShadowObservation(
            workspace=ws, rep_id=rep.user_id, observer_id=manager_id, call=call,
            call_type=CallType(submitted.call_type), call_on=submitted.call_on,
            answers=CallAnswers(*(text.strip() for text in submitted.answers.as_dict().values())),
            feedback=feedback, skill_scores={s: int(submitted.scores[s]) for s in skills},  # type: ignore[call-overload]
            indicators=values, skills=skills, cycle_id=cycle.id if cycle is not None else None,
            recording_link=link,
        )

    @staticmethod
    def _cycle(uow: UnitOfWork, ws: WorkspaceRef, rep_id: str, today: date) -> CoachingCycle | None:
        """The rep's active cycle once it has started: a call before its first Monday belongs to no cycle week."""
        cycle = uow.cycles.active_for(ws, rep_id)
        return cycle if cycle is not None and cycle.starts_on <= today else None

    def _focus(self, uow: UnitOfWork, cycle: CoachingCycle | None) -> tuple[str, ...]:
        if cycle is None or cycle.id is None:
            return ()
        known = {c.id for c in self._catalog.competencies}
        return tuple(s for s in uow.priorities.focus(cycle.id) if s in known)

    def _today(self, member: Member) -> date:
        return self._clock().astimezone(zone(member.time_zone)).date()

    @staticmethod
    def _observable(uow: UnitOfWork, ws: WorkspaceRef, manager_id: str, rep_id: str) -> tuple[Member, Member]:
        """(manager, rep) when `manager_id` is the rep's own manager; refuses everyone else, saying why."""
        if manager_id == rep_id:
            raise NotAllowed("You cannot shadow your own calls; your manager does. "
                             "Debrief a call of your own with `/debrief`.")
        caller = uow.members.get(ws, manager_id)
        rep = uow.members.get(ws, rep_id)
        if caller is None or rep is None or rep.manager_id != manager_id:
            # The same answer whether or not the rep exists: no probing other teams.
            why = ("Shadow notes are private to a rep and their own manager; being an admin does not open them."
                   if caller is not None and caller.is_admin else
                   "Add them to your team first: `/coach team add @name`.")
            raise NotAllowed(f"Only <@{rep_id}>'s own manager can shadow their calls. {why}")
        return caller, rep

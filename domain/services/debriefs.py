"""Post-call debriefs (cycle weeks 3-6): the rep's one minute after a call, its DM copy and its edits.

Only the rep records and edits their own debriefs. Their active cycle's
focus skills phrase the first question and decide which leading-indicator
fields the form has; a rep with no active cycle gets the three questions
without a skill and no indicator fields. Bad input comes back as
`FieldProblems` keyed by field (`validate_call`) or indicator id
(`parse_indicators`), and nothing is stored. Each submission is stored once
(its receipt), and the rep's DM copy has a fixed ledger key per version, so
its channel and ts can be found later: an edit updates it (`chat.update`)
and the manager's feedback is sent in its thread.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime

from domain import field_lengths
from domain.catalog import Catalog
from domain.catalog.model import LeadingIndicator
from domain.coaching.calls import CallAnswers, CallRef, CallType, rep_questions, validate_call
from domain.coaching.cycle import CoachingCycle
from domain.coaching.debriefs import EDIT_WINDOW, Debrief
from domain.coaching.indicators import IndicatorValue, parse_indicators
from domain.delivery import REPLY_KIND, DeliveryKey, DeliveryStatus, reply_period, reply_row
from domain.effects import Done, Effects, Message, Notice, refresh
from domain.errors import FieldProblems, NotAllowed, NotFound
from domain.model import Member, WorkspaceRef
from domain.pipeline.model import DealStatus, Opportunity
from domain.ports import UnitOfWork, UnitOfWorkFactory
from domain.receipts import Receipt, record, within_deadline
from domain.scheduling.calendar import zone
from domain.services.debrief_prompts import digest_after_debrief
from domain.services.scheduling import ScheduleService
from domain.services.use_case import finish

MIN_NAME_WITHIN = 4  # a deal name this short is found inside other words by chance
MAX_DEAL_OPTIONS = 100  # Slack shows at most 100 options
NOT_YOURS = "That debrief is not yours, so you cannot change it. Record your own with `/debrief`."


@dataclass(frozen=True)
class DealPick:
    """One of the rep's imported deals, as the form shows it."""

    deal_id: str
    label: str


@dataclass(frozen=True)
class DebriefInput:
    """What the rep typed into the form, unchecked (the service checks it)."""

    call: CallRef
    call_type: str | None
    call_on: date | None
    answers: CallAnswers
    indicators: Mapping[str, str | None]  # raw text per indicator id
    recording_link: str | None


@dataclass(frozen=True)
class DebriefForm:
    """What the debrief modal opens with: the rep's questions, their indicator fields and a prefill."""

    rep_id: str
    today: date
    skill_names: tuple[str, ...]
    indicators: tuple[LeadingIndicator, ...]
    deal: DealPick | None = None
    account: str = ""
    call_type: str | None = None
    call_on: date | None = None
    recording_link: str | None = None
    shadow_id: int | None = None  # the manager's observation of this call, linked on save
    editing: Debrief | None = None

    @property
    def questions(self) -> tuple[str, str, str]:
        return rep_questions(self.skill_names)


@dataclass(frozen=True)
class DebriefCopy(Notice):
    """To the rep: the short copy of what they recorded, with Edit while `editable`."""

    debrief: Debrief
    questions: tuple[str, str, str]
    indicators: tuple[tuple[LeadingIndicator, IndicatorValue], ...]
    editable: bool


@dataclass(frozen=True)
class DebriefSaved:
    debrief: Debrief
    copy: DebriefCopy


@dataclass(frozen=True)
class DebriefEdited:
    """The edit; `copy_at` is the (channel, ts) of the DM copy to update, None when it was sent anew."""

    debrief: Debrief
    copy: DebriefCopy
    copy_at: tuple[str, str] | None


def copy_key(ws: WorkspaceRef, debrief_id: int, version: int) -> str:
    """The ledger key of a debrief's DM copy (one per version sent as a new message)."""
    return f"debrief-copy:{ws.team_id}:{debrief_id}:v{version}"


def copy_location(uow: UnitOfWork, ws: WorkspaceRef, debrief: Debrief) -> tuple[str, str] | None:
    """Where the newest DM copy of `debrief` is (channel, ts), from the delivery ledger; None if never sent."""
    assert debrief.id is not None
    for version in range(debrief.version, 0, -1):
        key = DeliveryKey(ws.team_id, debrief.rep_id, REPLY_KIND, reply_period(copy_key(ws, debrief.id, version)))
        row = uow.deliveries.get(key)
        if row is not None and row.status is DeliveryStatus.SENT and row.channel and row.ts:
            return row.channel, row.ts
    return None


def match_deal(deals: Iterable[Opportunity], text: str) -> Opportunity | None:
    """The deal `text` names: the same name or CRM id, else the one deal whose name contains it,
    else the one deal whose name the text contains."""
    wanted = " ".join(text.split()).casefold()
    if not wanted:
        return None
    candidates = list(deals)
    exact = [d for d in candidates if wanted in (d.name.casefold(), d.external_id.casefold())]
    if exact:
        return exact[0]
    partial = [d for d in candidates if wanted in d.name.casefold()]
    if len(partial) == 1:
        return partial[0]
    # A calendar title names the deal among other words: "Acme renewal - discovery call".
    within = [d for d in candidates if len(d.name) >= MIN_NAME_WITHIN and d.name.casefold() in wanted]
    return within[0] if len(within) == 1 and not partial else None


def _label(deal: Opportunity) -> str:
    return deal.name or deal.external_id


class DebriefService:
    def __init__(self, uow_factory: UnitOfWorkFactory, catalog: Catalog, clock: Callable[[], datetime],
                 schedules: ScheduleService | None = None) -> None:
        self._uow_factory = uow_factory
        self._catalog = catalog
        self._clock = clock
        self._schedules = schedules  # plans the manager's debrief digest after each new debrief

    # -- opening the form ---------------------------------------------------

    def form(self, ws: WorkspaceRef, rep_id: str, *, text: str = "", recording_link: str | None = None,
             shadow_id: int | None = None, call_on: date | None = None) -> DebriefForm:
        """The modal for a new debrief; `text` names a deal of the rep's or is taken as the account.

        `call_on`: the day the form opens on (the end-of-day prompt's day); never a day still to come.
        """
        with self._uow_factory(read_only=True) as uow:
            rep = self._known(uow, ws, rep_id)
            cycle = self._started_cycle(uow, ws, rep)
            skills = self._focus(uow, cycle)
            deal = match_deal(self._open_deals(uow, ws, rep_id), text)
            prefill = DebriefForm(
                rep_id, self._today(rep), self._skill_names(skills), self._indicators(skills),
                deal=DealPick(deal.external_id, _label(deal)) if deal else None,
                account="" if deal else " ".join(text.split())[: field_lengths.CALL_ACCOUNT],
                recording_link=recording_link,
                call_on=call_on if call_on is not None and call_on <= self._today(rep) else None,
            )
            if shadow_id is None:
                return prefill
            seen = uow.shadow_observations.get(ws, shadow_id)
            if seen is None or seen.rep_id != rep_id:
                raise NotAllowed("That shadowed call is not one of yours. Record your own debrief with `/debrief`.")
            linked = uow.debriefs.for_shadows(ws, [shadow_id]).get(shadow_id)
            if linked is not None:
                raise NotAllowed("You already added your debrief of that call; edit it from its copy in our DM.")
        return replace(
            prefill, shadow_id=shadow_id, call_type=seen.call_type.value, call_on=seen.call_on,
            deal=DealPick(seen.call.deal_id, seen.call.label) if seen.call.deal_id else None,
            account="" if seen.call.deal_id else seen.call.account,
            recording_link=recording_link or seen.recording_link,
        )

    def edit_form(self, ws: WorkspaceRef, rep_id: str, debrief_id: int) -> DebriefForm:
        """The modal prefilled with the debrief as it stands; refused unless it is the rep's and still editable."""
        with self._uow_factory(read_only=True) as uow:
            rep = self._known(uow, ws, rep_id)
            debrief = self._editable(uow, ws, rep_id, debrief_id)
        skills = list(debrief.skills)
        deal = DealPick(debrief.call.deal_id, debrief.call.label) if debrief.call.deal_id else None
        return DebriefForm(
            rep_id, self._today(rep), self._skill_names(skills), self._indicators(skills), deal=deal,
            account=debrief.call.account, call_type=debrief.call_type.value, call_on=debrief.call_on,
            recording_link=debrief.recording_link, shadow_id=debrief.shadow_id, editing=debrief,
        )

    def deal_options(self, ws: WorkspaceRef, caller_id: str, typed: str, rep_id: str | None = None
                     ) -> list[DealPick]:
        """The open deals matching `typed` of the caller, or of `rep_id` when the caller is their manager.

        Anyone else's deals are never listed: a crafted request naming another
        rep gets an empty list, as does a caller Coachflow does not know.
        """
        owner = rep_id or caller_id
        with self._uow_factory(read_only=True) as uow:
            if owner != caller_id:
                rep = uow.members.get(ws, owner)
                if rep is None or rep.manager_id != caller_id:
                    return []
            deals = self._open_deals(uow, ws, owner)
        wanted = " ".join(typed.split()).casefold()
        found = [d for d in deals if wanted in d.name.casefold() or wanted in d.external_id.casefold()]
        found.sort(key=lambda d: (not d.name.casefold().startswith(wanted), d.name.casefold(), d.external_id))
        return [DealPick(d.external_id, _label(d)) for d in found[:MAX_DEAL_OPTIONS]]

    # -- saving ---------------------------------------------------------------

    def record_and_tell(self, ws: WorkspaceRef, rep_id: str, given: DebriefInput, *, shadow_id: int | None = None,
                        receipt: Receipt | None = None) -> Done[DebriefSaved]:
        """Store a new debrief; the rep gets its DM copy; their Home and their manager's change.

        `receipt`: the form's submission; a replay of it raises `Replayed` and stores nothing.
        """
        with self._uow_factory() as uow:
            record(uow, ws, receipt)
            rep = self._known(uow, ws, rep_id)
            now = self._clock()
            cycle = self._started_cycle(uow, ws, rep)
            skills = self._focus(uow, cycle)
            if shadow_id is not None:
                self._check_shadow(uow, ws, rep_id, shadow_id)
            call, values = self._checked(uow, ws, rep, given, skills, cycle.starts_on if cycle else None)
            assert given.call_type is not None and given.call_on is not None  # checked above
            stored = uow.debriefs.add(Debrief(
                ws, rep_id, call, CallType(given.call_type), given.call_on, _stripped(given.answers), values,
                skills=tuple(skills), cycle_id=cycle.id if cycle else None,
                recording_link=_link(given.recording_link), shadow_id=shadow_id, created_at=now, updated_at=now,
            ))
            if self._schedules is not None:  # the manager hears of it in their next digest, not one DM each
                digest_after_debrief(self._schedules, uow, ws, rep, now)
            copy = self._copy(stored, now)
            message = self._copy_message(uow, ws, stored, copy, now)
            effects = Effects(messages=(message,)) + refresh(rep_id, rep.manager_id)
            # The form's ack waits for this commit: the two Homes are built after it (and after the ack).
            done = finish(uow, ws, Done(DebriefSaved(stored, copy), effects), catalog=self._catalog, now=now,
                          homes_after_commit=True)
            uow.commit()
        return done

    def edit_and_tell(self, ws: WorkspaceRef, rep_id: str, debrief_id: int, given: DebriefInput,
                      receipt: Receipt | None = None) -> Done[DebriefEdited]:
        """Save an edit (the earlier version goes to the history); the DM copy is updated or sent anew."""
        with self._uow_factory() as uow:
            record(uow, ws, receipt)
            rep = self._known(uow, ws, rep_id)
            now = self._clock()
            debrief = self._editable(uow, ws, rep_id, debrief_id, for_update=True)
            earliest = next((c.starts_on for c in uow.cycles.history(ws, rep_id) if c.id == debrief.cycle_id), None)
            call, values = self._checked(uow, ws, rep, given, list(debrief.skills), earliest)
            assert given.call_type is not None and given.call_on is not None  # checked above
            edited = debrief.revised(call=call, call_type=CallType(given.call_type), call_on=given.call_on,
                                     answers=_stripped(given.answers), indicators=values,
                                     recording_link=_link(given.recording_link), now=now)
            uow.debriefs.update(edited)
            copy = self._copy(edited, now)
            copy_at = copy_location(uow, ws, debrief)
            effects = refresh(rep_id, rep.manager_id)
            if copy_at is None:  # the first copy never arrived: this one is a new message
                effects += Effects(messages=(self._copy_message(uow, ws, edited, copy, now),))
            done = finish(uow, ws, Done(DebriefEdited(edited, copy, copy_at), effects),
                          catalog=self._catalog, now=now, homes_after_commit=True)
            uow.commit()
        return done

    def check_receipt(self, ws: WorkspaceRef, receipt: Receipt | None) -> None:
        """Nothing but the deadline, for listeners that must read before their writing unit."""
        with self._uow_factory(read_only=True) as uow:
            within_deadline(uow, receipt)

    # -- helpers --------------------------------------------------------------

    def _checked(self, uow: UnitOfWork, ws: WorkspaceRef, rep: Member, given: DebriefInput, skills: Sequence[str],
                 earliest: date | None) -> tuple[CallRef, dict[str, IndicatorValue]]:
        problems: dict[str, str] = {}
        call = given.call
        if call.deal_id:
            deal = next((d for d in uow.pipeline.for_owners(ws, [rep.user_id]) if d.external_id == call.deal_id), None)
            if deal is None:
                # Not theirs (or gone since the list was shown): never store another rep's deal on this call.
                problems["deal"] = "That deal is not one of your imported deals; pick it again or type the account."
            else:
                call = CallRef(call.account.strip() or _label(deal)[: field_lengths.CALL_ACCOUNT], deal.external_id)
        problems.update(validate_call(call, given.call_type, given.call_on, today=self._today(rep),
                                      earliest=earliest, answers=given.answers, recording_link=given.recording_link))
        values, wrong = parse_indicators(self._indicators(skills), given.indicators)
        problems.update(wrong)
        if problems:
            raise FieldProblems(problems)
        return CallRef(call.account.strip(), call.deal_id), values

    def _copy(self, debrief: Debrief, now: datetime) -> DebriefCopy:
        shown = []
        for indicator_id, value in debrief.indicators.items():
            try:
                shown.append((self._catalog.indicator(indicator_id), value))
            except NotFound:  # the catalog was replaced since: the value stays stored, unshown
                continue
        return DebriefCopy(debrief, rep_questions(self._skill_names(debrief.skills)), tuple(shown),
                           debrief.editable(now))

    @staticmethod
    def _copy_message(uow: UnitOfWork, ws: WorkspaceRef, debrief: Debrief, copy: DebriefCopy, now: datetime
                      ) -> Message:
        assert debrief.id is not None
        row = reply_row(ws, debrief.rep_id, reply_period(copy_key(ws, debrief.id, debrief.version)), now)
        uow.deliveries.add_if_absent(row)
        return Message(debrief.rep_id, copy, row)

    @staticmethod
    def _check_shadow(uow: UnitOfWork, ws: WorkspaceRef, rep_id: str, shadow_id: int) -> None:
        seen = uow.shadow_observations.get(ws, shadow_id)
        if seen is None or seen.rep_id != rep_id:
            raise NotAllowed("That shadowed call is not one of yours. Record your own debrief with `/debrief`.")
        if uow.debriefs.for_shadows(ws, [shadow_id]):
            raise NotAllowed("You already added your debrief of that call; edit it from its copy in our DM.")

    def _editable(self, uow: UnitOfWork, ws: WorkspaceRef, rep_id: str, debrief_id: int, *,
                  for_update: bool = False) -> Debrief:
        debrief = uow.debriefs.get(ws, debrief_id, for_update=for_update)
        if debrief is None or debrief.rep_id != rep_id:
            raise NotAllowed(NOT_YOURS)  # the same answer whether or not it exists
        if not debrief.editable(self._clock()):
            days = EDIT_WINDOW.days
            raise NotAllowed(
                f"A debrief can be edited for {days} days after it was saved, and this one "
                f"({debrief.call.label}, {debrief.call_on:%a %-d %b}) is older. It stays as it is; "
                "record anything new with `/debrief`."
            )
        return debrief

    @staticmethod
    def _known(uow: UnitOfWork, ws: WorkspaceRef, rep_id: str) -> Member:
        rep = uow.members.get(ws, rep_id)
        if rep is None:
            raise NotFound("Coachflow does not know you yet in this workspace. Run `/coach team` to get started.")
        return rep

    def _started_cycle(self, uow: UnitOfWork, ws: WorkspaceRef, rep: Member) -> CoachingCycle | None:
        """The rep's active cycle once it has started; one starting next Monday asks nothing of calls yet."""
        cycle = uow.cycles.active_for(ws, rep.user_id)
        return cycle if cycle is not None and cycle.starts_on <= self._today(rep) else None

    @staticmethod
    def _focus(uow: UnitOfWork, cycle: CoachingCycle | None) -> list[str]:
        return uow.priorities.focus(cycle.id) if cycle is not None and cycle.id is not None else []

    @staticmethod
    def _open_deals(uow: UnitOfWork, ws: WorkspaceRef, owner_id: str) -> list[Opportunity]:
        return [d for d in uow.pipeline.for_owners(ws, [owner_id]) if d.status is DealStatus.OPEN]

    def _known_skills(self, skills: Iterable[str]) -> list[str]:
        known = {c.id for c in self._catalog.competencies}
        return [s for s in skills if s in known]

    def _skill_names(self, skills: Iterable[str]) -> tuple[str, ...]:
        names = (self._catalog.competency(s).name for s in self._known_skills(skills))
        return tuple(name[:1].lower() + name[1:] for name in names)

    def _indicators(self, skills: Iterable[str]) -> tuple[LeadingIndicator, ...]:
        return tuple(i for s in self._known_skills(skills) for i in self._catalog.indicators_for(s))

    def _today(self, member: Member) -> date:
        return self._clock().astimezone(zone(member.time_zone)).date()


def _stripped(answers: CallAnswers) -> CallAnswers:
    return CallAnswers(*(text.strip() for text in answers.as_dict().values()))


def _link(link: str | None) -> str | None:
    return (link or "").strip() or None

"""The 21-day challenge's use cases (issue 13): start, answer a day, repair, progress.

A manager starts one for their rep (`/challenge start @rep`) or a rep for
themself (`/challenge`); both go through a form with the rep's behaviour per
focus skill, prefilled from the catalog. One active challenge per rep. Only
the rep answers their days; every click or submission is stored once
(receipts). The rules are `domain.coaching.challenge`; the days follow from
`domain.coaching.challenge_model.days_of`.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import TYPE_CHECKING

from domain.catalog import Catalog
from domain.coaching.challenge import Answer, answerable_day, record_answer, repair
from domain.coaching.challenge_model import (
    NUDGE_KIND,
    Behaviour,
    Challenge,
    ChallengeWithDays,
    away_to_keep,
    day_kind_of,
    days_of,
)
from domain.coaching.challenge_time import NUDGE_TIME, read_nudge_time
from domain.delivery import DeliveryKey
from domain.effects import Done, Effects, refresh, tell
from domain.errors import FieldProblems, InvalidInput, NotAllowed, NotFound
from domain.field_lengths import CHALLENGE_BEHAVIOUR, CHALLENGE_NOTE, text_problem
from domain.model import Member, WorkspaceRef, WorkspaceSettings
from domain.notifications.challenge_invite import INVITE_KIND
from domain.notifications.challenge_invite import TEAM_KIND as INVITE_TEAM_KIND
from domain.notifications.challenge_summary import KIND_NAME as SUMMARY_KIND
from domain.ports import UnitOfWork, UnitOfWorkFactory
from domain.receipts import Receipt, record, within_deadline
from domain.scheduling.calendar import zone
from domain.services.challenge_notices import (
    ChallengeCompleted,
    ChallengeFinishedForManager,
    ChallengeStarted,
    ChallengeView,
    Encouraged,
)
from domain.services.challenge_views import build_view, settings_of, skill_name, views_for
from domain.services.use_case import finish

if TYPE_CHECKING:
    from domain.services.scheduling import ScheduleService

NOTE = "note"  # the note field of the answer form
# The scheduled kinds an answer can move: every other kind's schedule is the same before and after it.
_CHALLENGE_KINDS = frozenset({NUDGE_KIND, INVITE_KIND, INVITE_TEAM_KIND, SUMMARY_KIND})


def behaviour_key(skill_id: str) -> str:
    """The start form's field of one focus skill's behaviour."""
    return f"behaviour:{skill_id}"


@dataclass(frozen=True)
class ChallengeForm:
    """The start form: whose challenge, and each focus skill's behaviour, prefilled from the catalog."""

    rep: Member
    behaviours: tuple[Behaviour, ...]
    skill_names: Mapping[str, str]
    day_kind_label: str


class ChallengeService:
    def __init__(self, uow_factory: UnitOfWorkFactory, catalog: Catalog | None, clock: Callable[[], datetime],
                 schedules: ScheduleService | None = None) -> None:
        self._uow_factory = uow_factory
        self._catalog = catalog
        self._clock = clock
        self._schedules = schedules  # the rep's nudges follow each change

    # -- starting ----------------------------------------------------------------------

    def start_form(self, ws: WorkspaceRef, caller_id: str, rep_id: str | None = None,
                   receipt: Receipt | None = None) -> ChallengeForm:
        """The start form for `rep_id` (a manager's rep) or the caller themself; refused when one is running."""
        with self._uow_factory(read_only=True) as uow:
            within_deadline(uow, receipt)
            rep = self._startable(uow, ws, caller_id, rep_id or caller_id, write=False)
            skills = self._focus(uow, ws, rep)
            behaviours = tuple(Behaviour(s, self._default_behaviour(s)) for s in skills)
            kind = day_kind_of(settings_of(uow, ws))
        return ChallengeForm(rep, behaviours, {s: skill_name(self._catalog, s) for s in skills},
                             f"21 {kind.value} days")

    def start(self, ws: WorkspaceRef, caller_id: str, rep_id: str, texts: Mapping[str, str],
              receipt: Receipt | None = None, nudge_at: str | None = None) -> Done[ChallengeView]:
        """Start the challenge from the form: `texts` by skill id, `nudge_at` the picked "HH:MM" (None: 08:30);
        it begins today in the rep's calendar."""
        with self._uow_factory() as uow:
            record(uow, ws, receipt)
            rep = self._startable(uow, ws, caller_id, rep_id)
            skills = self._focus(uow, ws, rep)
            behaviours, problems = [], {}
            for skill in skills:
                text = " ".join((texts.get(skill) or "").split())
                problem = ("Say what you will do every relevant day." if not text
                           else text_problem(text, CHALLENGE_BEHAVIOUR))
                if problem:
                    problems[behaviour_key(skill)] = problem
                behaviours.append(Behaviour(skill, text))
            try:
                at = read_nudge_time(nudge_at)
            except InvalidInput as problem:
                problems[NUDGE_TIME] = str(problem)
            if problems:
                raise FieldProblems(problems)
            now = self._clock()
            cycle = uow.cycles.active_for(ws, rep.user_id)
            settings = settings_of(uow, ws)
            stored = uow.challenges.add(Challenge(
                ws, rep.user_id, caller_id, now.astimezone(zone(rep.time_zone)).date(), day_kind_of(settings),
                tuple(behaviours), cycle_id=cycle.id if cycle else None, nudge_at=at))
            view = build_view(ChallengeWithDays(stored), rep, settings, now, self._catalog)
            effects = tell(rep.user_id, ChallengeStarted(view, caller_id)) + refresh(rep.user_id, rep.manager_id)
            if rep.manager_id and rep.manager_id != rep.user_id:
                effects = effects + tell(rep.manager_id, ChallengeStarted(view, caller_id))
            return self._finish(uow, ws, view, effects, [rep.user_id], now)

    # -- the rep's answers ---------------------------------------------------------------

    def answer(self, ws: WorkspaceRef, user_id: str, challenge_id: int | None, day: date | None, answer: Answer,
               note: str = "", receipt: Receipt | None = None) -> Done[ChallengeView]:
        """Did it / missed / no relevant calls for `day` (the nudge's day; None: the day open now) of the
        challenge (None: the caller's running one, `/challenge done`)."""
        if (problem := text_problem(note.strip(), CHALLENGE_NOTE)) is not None:
            raise FieldProblems({NOTE: problem})
        with self._uow_factory() as uow:
            record(uow, ws, receipt)
            item, rep, settings = self._own(uow, ws, user_id, challenge_id)
            now = self._clock()
            tz = zone(rep.time_zone)
            records = item.records
            days = days_of(item.challenge, settings, rep, records)
            day = day if day is not None else answerable_day(days, now, tz)
            if day is None:
                raise InvalidInput("No challenge day is open to answer now; the next nudge comes in the morning.")
            kept = away_to_keep(item.challenge, rep, records, now.astimezone(tz).date())
            answered = record_answer(records, days, day, answer, now, tz, note)
            challenge = replace(item.challenge, away_days=kept)
            uow.challenges.save_day(ws, item.challenge.id or 0, answered[day], now)
            return self._after_answer(uow, ws, challenge, rep, settings, now, day)

    def repair(self, ws: WorkspaceRef, user_id: str, challenge_id: int | None,
               receipt: Receipt | None = None) -> Done[ChallengeView]:
        """Make up yesterday's missed challenge day (once per challenge, on the next challenge day only)."""
        with self._uow_factory() as uow:
            record(uow, ws, receipt)
            item, rep, settings = self._own(uow, ws, user_id, challenge_id)
            now = self._clock()
            tz = zone(rep.time_zone)
            records = item.records
            days = days_of(item.challenge, settings, rep, records)
            if item.challenge.repairs_left == 0:
                raise InvalidInput("You have used this challenge's repair already: one missed day can be made up.")
            kept = away_to_keep(item.challenge, rep, records, now.astimezone(tz).date())
            repaired = repair(records, days, now, tz)
            made_up = next(d for d, r in repaired.items() if r.repaired and not (d in records and records[d].repaired))
            uow.challenges.save_day(ws, item.challenge.id or 0, repaired[made_up], now)
            challenge = replace(item.challenge, away_days=kept, repairs_used=item.challenge.repairs_used + 1)
            # Today's nudge carries the repair button: it is the message updated in place.
            return self._after_answer(uow, ws, challenge, rep, settings, now, now.astimezone(tz).date())

    def set_nudge_time(self, ws: WorkspaceRef, user_id: str, text: str) -> Done[ChallengeView]:
        """`/challenge time 07:45`: the running challenge's nudges come at that local time from the next one
        on; a day already nudged is not nudged again (the ledger's period is the day)."""
        at = read_nudge_time(text) if text.strip() else None
        if at is None:
            raise InvalidInput("At what time? `/challenge time 07:45`, a 24-hour local time from 06:00 to 20:00.")
        with self._uow_factory() as uow:
            item, rep, settings = self._own(uow, ws, user_id, None)
            now = self._clock()
            challenge = replace(item.challenge, nudge_at=at)
            uow.challenges.update(challenge)
            view = build_view(ChallengeWithDays(challenge, item.days), rep, settings, now, self._catalog)
            return self._finish(uow, ws, view, refresh(rep.user_id), [rep.user_id], now)

    def view(self, ws: WorkspaceRef, user_id: str) -> ChallengeView | None:
        """The caller's current (or last) challenge as of now; None when they never had one."""
        with self._uow_factory(read_only=True) as uow:
            rep = uow.members.get(ws, user_id)
            if rep is None:
                return None
            return views_for(uow, ws, {user_id: rep}, self._clock(), self._catalog).get(user_id)

    def set_calendar_days(self, ws: WorkspaceRef, caller_id: str, calendar: bool) -> WorkspaceSettings:
        """Admins: new challenges count calendar days (or working days, the default); running ones keep theirs."""
        with self._uow_factory() as uow:
            caller = uow.members.get(ws, caller_id)
            workspace = uow.workspaces.get(ws)
            if caller is None or not caller.is_admin or workspace is None:
                raise NotAllowed("Only a Coachflow admin can change how challenges count days.")
            settings = replace(workspace.settings, challenge_calendar_days=calendar)
            uow.workspaces.update(replace(workspace, settings=settings))
            uow.commit()
            return settings

    # -- the manager's summary (issue 13) -----------------------------------------------

    def choose_summary(self, ws: WorkspaceRef, manager_id: str, cadence: str) -> str:
        """A manager's choice of the challenge summary: "daily" or "weekly" (the default)."""
        if cadence not in ("daily", "weekly"):
            raise InvalidInput("Say how often: `/challenge summary daily` or `/challenge summary weekly`.")
        with self._uow_factory() as uow:
            if not uow.members.reps_of(ws, manager_id):
                raise NotAllowed("The challenge summary is for managers: add reps with `/coach team add @rep`.")
            uow.challenges.choose_summary(ws, manager_id, cadence)
            uow.commit()
        return cadence

    def encourage(self, ws: WorkspaceRef, manager_id: str, challenge_id: int,
                  receipt: Receipt | None = None) -> Done[ChallengeView]:
        """"Send encouragement" from the summary: a short DM to the rep from their manager, once a day."""
        with self._uow_factory() as uow:
            record(uow, ws, receipt)
            challenge = uow.challenges.get(ws, challenge_id, for_update=True)
            rep = uow.members.get(ws, challenge.rep_id) if challenge is not None else None
            if challenge is None or rep is None or rep.manager_id != manager_id:
                raise NotAllowed("Only the rep's own manager can send encouragement on their challenge.")
            manager = uow.members.get(ws, manager_id)
            now = self._clock()
            today = now.astimezone(zone(manager.time_zone if manager else rep.time_zone)).date()
            if not uow.challenges.add_encouragement(ws, challenge_id, manager_id, today, now):
                raise InvalidInput(f"You sent <@{rep.user_id}> a word of encouragement today already.")
            days = uow.challenges.days(ws, [challenge_id]).get(challenge_id, {})
            view = build_view(ChallengeWithDays(challenge, days), rep, settings_of(uow, ws), now, self._catalog)
            if not view.running:
                raise InvalidInput(f"<@{rep.user_id}>'s challenge is over: nothing left to cheer on.")
            return self._finish(uow, ws, view, tell(rep.user_id, Encouraged(manager_id, view)), [], now)

    # -- helpers -----------------------------------------------------------------------

    def _after_answer(self, uow: UnitOfWork, ws: WorkspaceRef, challenge: Challenge, rep: Member,
                      settings: WorkspaceSettings, now: datetime, day: date | None = None) -> Done[ChallengeView]:
        days = uow.challenges.days(ws, [challenge.id or 0]).get(challenge.id or 0, {})
        view = build_view(ChallengeWithDays(challenge, days), rep, settings, now, self._catalog)
        if day is not None:  # the day's nudge, from the ledger: updated in place with the figures
            sent = uow.deliveries.get(DeliveryKey(ws.team_id, rep.user_id, NUDGE_KIND, challenge.nudge_period(day)))
            if sent is not None and sent.channel and sent.ts:
                view = replace(view, nudge_message=(sent.channel, sent.ts))
        effects: Effects = refresh(rep.user_id, rep.manager_id)
        if view.progress.complete and challenge.is_active:
            challenge = challenge.completed(now)
            view = replace(view, challenge=challenge)
            effects = tell(rep.user_id, ChallengeCompleted(view)) + effects
            if rep.manager_id and rep.manager_id != rep.user_id:
                effects = effects + tell(rep.manager_id, ChallengeFinishedForManager(view))
        uow.challenges.update(challenge)
        # An answer moves only the challenge's own kinds (its nudges end with it, the invitation may return).
        return self._finish(uow, ws, view, effects, [rep.user_id], now, only=_CHALLENGE_KINDS)

    def _startable(self, uow: UnitOfWork, ws: WorkspaceRef, caller_id: str, rep_id: str, *, write: bool = True
                   ) -> Member:
        rep = uow.members.get(ws, rep_id)
        if rep is None or caller_id not in (rep_id, rep.manager_id):
            raise NotAllowed("You can start a challenge for yourself, or for a rep you coach.")
        running = uow.challenges.active_for(ws, [rep_id]).get(rep_id)
        if running is not None:
            item = ChallengeWithDays(running, uow.challenges.days(ws, [running.id or 0]).get(running.id or 0, {}))
            view = build_view(item, rep, settings_of(uow, ws), self._clock(), self._catalog)
            if not view.progress.complete:
                who = "You have" if rep_id == caller_id else f"<@{rep_id}> has"
                raise InvalidInput(f"{who} a challenge running already: {view.progress.days_left} "
                                   "days left. One challenge at a time.")
            if write:  # over, never answered on its last day: it makes room for the new one
                uow.challenges.update(running.completed(self._clock()))
        return rep

    def _focus(self, uow: UnitOfWork, ws: WorkspaceRef, rep: Member) -> list[str]:
        cycle = uow.cycles.active_for(ws, rep.user_id)
        skills = uow.priorities.focus(cycle.id) if cycle is not None and cycle.id is not None else []
        known = [s for s in skills if self._catalog is None or skill_name(self._catalog, s) != s]
        if not known:
            raise InvalidInput("A challenge needs focus skills first: agree them in the coaching contract "
                               "(`/coach priorities`).")
        return known

    def _default_behaviour(self, skill_id: str) -> str:
        if self._catalog is None:
            return ""
        return self._catalog.competency(skill_id).challenge_behavior[:CHALLENGE_BEHAVIOUR]

    def _own(self, uow: UnitOfWork, ws: WorkspaceRef, user_id: str, challenge_id: int | None
             ) -> tuple[ChallengeWithDays, Member, WorkspaceSettings]:
        if challenge_id is None:  # the caller's running one
            running = uow.challenges.active_for(ws, [user_id]).get(user_id)
            if running is None or running.id is None:
                raise NotFound("You have no challenge running. `/challenge` starts one.")
            challenge_id = running.id
        challenge = uow.challenges.get(ws, challenge_id, for_update=True)
        if challenge is None:
            raise NotFound("That challenge could not be found.")
        if challenge.rep_id != user_id:
            raise NotAllowed(f"This is <@{challenge.rep_id}>'s challenge: only they can answer it.")
        if not challenge.is_active:
            raise InvalidInput(f"This challenge is {challenge.status.value}; nothing more to answer.")
        rep = uow.members.get(ws, user_id)
        if rep is None:
            raise NotFound("You are not known here yet.")
        days = uow.challenges.days(ws, [challenge_id]).get(challenge_id, {})
        return ChallengeWithDays(challenge, days), rep, settings_of(uow, ws)

    def _finish(self, uow: UnitOfWork, ws: WorkspaceRef, view: ChallengeView, effects: Effects,
                reschedule: Sequence[str], now: datetime, only: Collection[str] | None = None
                ) -> Done[ChallengeView]:
        if self._schedules is not None and reschedule:
            self._schedules.refresh_in(uow, ws, reschedule, now, only=only)
        # The Homes are built after the commit, so a click holds the write lock only for its own change.
        done = finish(uow, ws, Done(view, effects), catalog=self._catalog, now=now, homes_after_commit=True)
        uow.commit()
        return done

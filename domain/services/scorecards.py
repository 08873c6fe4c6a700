"""Scorecards of many reps, and managers' team scorecards, in a fixed number of queries.

The Friday scorecard kind, the team digest, `/scorecard` and the
full-scorecard button all read through `scorecards` and `team_scorecards`:
whatever the number of reps, the same statements (the indicators' five or
seven, this week's debriefs and shadowed calls, lessons, homework and
deals), never one per rep. Each rep's week is their own: `day_by_rep`
gives a day in the wanted week in the rep's own calendar (`local_days` for
"this week").
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime, time, timedelta

from domain.catalog import Catalog
from domain.coaching.commitments import Commitment, KeptRate, kept_on_time
from domain.coaching.contract import ContractStatus
from domain.coaching.cycle import CoachingCycle
from domain.coaching.debriefs import CallWords, ShadowObservation, week_of
from domain.coaching.homework import HomeworkStatus
from domain.coaching.scorecard import (
    MAX_EXAMPLES,
    CoachingTime,
    Example,
    Scorecard,
    ShadowFeedback,
    TeamScorecard,
)
from domain.coaching.scorecard_pipeline import pipeline_impact
from domain.errors import NotFound
from domain.model import Member, WorkspaceRef
from domain.pipeline.model import Opportunity
from domain.ports import UnitOfWork
from domain.scheduling.calendar import resolve_local, zone
from domain.services.bulk import collector_paused
from domain.services.challenge_views import progress_as_of
from domain.services.leading_indicators import indicators_and_contracts, local_days

CYCLE_WEEKS = 8  # the trend chart spans the cycle's weeks up to the scorecard's


def _local_day(at: datetime | None, member: Member) -> date | None:
    return at.astimezone(zone(member.time_zone)).date() if at is not None else None


def _lesson_title(catalog: Catalog, lesson_id: str) -> str:
    try:
        return catalog.lesson(lesson_id)[1].title
    except NotFound:  # a lesson the catalog no longer has keeps its id
        return lesson_id


def _examples(debriefs: Iterable[CallWords]) -> tuple[Example, ...]:
    """Newest first, at most three, each in the rep's own words (blank answers left out)."""
    found = [Example(d.call_on, d.account, d.went_well.strip()) for d in debriefs if d.went_well.strip()]
    found.sort(key=lambda e: e.call_on, reverse=True)
    return tuple(found[:MAX_EXAMPLES])


def _kept(actions: Sequence[Commitment], day: date, since: date) -> KeptRate | None:
    """Kept on time out of those due by the end of `day`; None when none fell due yet (nothing to say)."""
    rate = kept_on_time(actions, day + timedelta(days=1), since)
    return rate if rate.due else None


def _feedback(observations: Iterable[ShadowObservation]) -> tuple[ShadowFeedback, ...]:
    return tuple(ShadowFeedback(o.call_on, o.call.account, o.observer_id, o.feedback.strip(), dict(o.skill_scores))
                 for o in sorted(observations, key=lambda o: o.call_on) if o.feedback.strip())


def scorecards(uow: UnitOfWork, ws: WorkspaceRef, reps: Mapping[str, Member], day_by_rep: Mapping[str, date],
               catalog: Catalog, cycles: Mapping[str, CoachingCycle] | None = None) -> dict[str, Scorecard]:
    """Each rep's scorecard of the week holding their day in `day_by_rep`; reps without an active cycle are
    left out (they are not being coached: nothing to score). `cycles`: their active cycles, when known."""
    with collector_paused():
        return _scorecards(uow, ws, reps, day_by_rep, catalog, cycles)


def _scorecards(uow: UnitOfWork, ws: WorkspaceRef, reps: Mapping[str, Member], day_by_rep: Mapping[str, date],
                catalog: Catalog, cycles: Mapping[str, CoachingCycle] | None) -> dict[str, Scorecard]:
    wanted = {rep_id: day for rep_id, day in day_by_rep.items() if rep_id in reps}
    if not wanted:
        return {}
    active = dict(cycles) if cycles is not None else uow.cycles.active_for_reps(ws, list(wanted))
    wanted = {rep_id: day for rep_id, day in wanted.items() if rep_id in active}
    if not wanted:
        return {}
    mondays = {rep_id: week_of(day)[0] for rep_id, day in wanted.items()}
    # The cycle's weeks up to this one (at least this one), for the trend chart: never more than the cycle's.
    spans = {rep_id: min(max(active[rep_id].program_week(monday), 1), CYCLE_WEEKS)
             for rep_id, monday in mondays.items()}
    indicators, _ = indicators_and_contracts(uow, ws, wanted, spans, catalog, active)
    first, last = min(mondays.values()), max(mondays.values()) + timedelta(days=6)
    rep_ids = list(wanted)
    debriefs = uow.debriefs.words_for_reps_between(ws, rep_ids, first, last)  # not whole debriefs: a week of all
    observed = uow.shadow_observations.for_reps_between(ws, rep_ids, first, last)
    cycle_ids = [c.id for c in active.values() if c.id is not None]
    lessons = uow.lessons.for_cycles(ws, cycle_ids)
    homework = uow.homework.for_reps(ws, rep_ids, (HomeworkStatus.HANDED_IN, HomeworkStatus.REVIEWED))
    # Commitments kept on time over the cycle, as of the end of the rep's day in `day_by_rep`.
    actions = uow.commitments.for_reps(ws, rep_ids, deadline_from=min(c.starts_on for c in active.values()))
    deals_by_rep: dict[str, list[Opportunity]] = {}
    for deal in uow.pipeline.for_owners(ws, rep_ids):
        deals_by_rep.setdefault(deal.owner_id, []).append(deal)
    # The challenge's figures at the end of the rep's day (issue 13): three queries for the batch.
    ends = {rep_id: resolve_local(day, time(23, 59), zone(reps[rep_id].time_zone)) for rep_id, day in wanted.items()}
    challenges = progress_as_of(uow, ws, reps, ends)
    cards: dict[str, Scorecard] = {}
    for rep_id, monday in mondays.items():
        rep, cycle = reps[rep_id], active[rep_id]
        sunday = monday + timedelta(days=6)

        def this_week(day: date | None, monday: date = monday, sunday: date = sunday) -> bool:
            return day is not None and monday <= day <= sunday

        mine = [d for d in debriefs.get(rep_id, []) if this_week(d.call_on)]
        seen = [o for o in observed.get(rep_id, []) if this_week(o.call_on)]
        done_lessons = tuple(_lesson_title(catalog, p.lesson_id)
                             for p in (lessons.get(cycle.id, {}) if cycle.id is not None else {}).values()
                             if this_week(_local_day(p.done_at, rep)))
        handed_in = tuple(h.text for h in homework.get(rep_id, []) if this_week(_local_day(h.handed_in_at, rep)))
        program_week = cycle.program_week(monday)
        trend = indicators[rep_id]
        cards[rep_id] = Scorecard(
            workspace=ws, rep=rep, week=monday, indicators=trend,
            skill_names={s.competency: catalog.competency(s.competency).name for s in trend.skills},
            cycle_week=program_week if 1 <= program_week <= CYCLE_WEEKS else None,
            debriefed=len(mine), shadowed=len(seen), examples=_examples(mine),
            pipeline=pipeline_impact(deals_by_rep.get(rep_id, []), monday, sunday, cycle.starts_on),
            feedback=_feedback(seen), lessons_done=done_lessons, homework_done=handed_in,
            commitments=_kept(actions.get(rep_id, []), wanted[rep_id], cycle.starts_on),
            challenge=challenges.get(rep_id),
        )
    return cards



def rep_scorecards(uow: UnitOfWork, ws: WorkspaceRef, rep_ids: Sequence[str], now: datetime, catalog: Catalog,
                   weeks_back: int = 0) -> dict[str, Scorecard]:
    """This week's scorecards of these reps (`weeks_back` weeks earlier), each in their own calendar."""
    reps = uow.members.get_many(ws, list(rep_ids))
    days = {rep_id: day - timedelta(weeks=weeks_back) for rep_id, day in local_days(reps.values(), now).items()}
    return scorecards(uow, ws, reps, days, catalog)


def team_scorecards(uow: UnitOfWork, ws: WorkspaceRef, day_by_manager: Mapping[str, date], catalog: Catalog
                    ) -> dict[str, TeamScorecard]:
    """Each manager's team scorecard of the week holding their day in `day_by_manager` (their own calendar;
    `local_days` of the managers for "this week"): every rep in a coaching cycle, with or without data.

    The week is the same ISO week for the whole team, each rep's own Monday
    to Sunday (their calls are dated in their own time zone). Managers
    without a rep in a cycle are left out. The manager's coaching time counts
    their observations of their reps' calls, their replies to debriefs and
    their homework feedback, in the manager's own week.
    """
    with collector_paused():
        return _team_scorecards(uow, ws, day_by_manager, catalog)


def _team_scorecards(uow: UnitOfWork, ws: WorkspaceRef, day_by_manager: Mapping[str, date], catalog: Catalog
                     ) -> dict[str, TeamScorecard]:
    managers = uow.members.get_many(ws, list(day_by_manager))
    teams = uow.members.reps_of_many(ws, list(managers))
    reps = {rep.user_id: rep for team in teams.values() for rep in team}
    if not reps:
        return {}
    active = uow.cycles.active_for_reps(ws, list(reps))
    days = {rep.user_id: day_by_manager[manager_id] for manager_id, team in teams.items() for rep in team
            if rep.user_id in active and manager_id in managers}
    cards = _scorecards(uow, ws, reps, days, catalog, active)
    if not cards:
        return {}
    manager_weeks = {m: week_of(day_by_manager[m]) for m in managers}
    first = min(w[0] for w in manager_weeks.values())
    last = max(w[1] for w in manager_weeks.values())
    coached = list(cards)
    observations = uow.shadow_observations.for_reps_between(ws, coached, first, last)
    debriefs = uow.debriefs.for_reps_between(ws, coached, first - timedelta(weeks=2), last)
    replies = uow.debriefs.feedback_for(ws, [d.id for ds in debriefs.values() for d in ds if d.id is not None])
    reviewed = uow.homework.for_reps(ws, coached, (HomeworkStatus.REVIEWED,))
    contracts = uow.contracts.for_cycles([c.id for r, c in active.items() if r in cards and c.id is not None])
    result: dict[str, TeamScorecard] = {}
    for manager_id, manager in managers.items():
        mine = [cards[r.user_id] for r in teams.get(manager_id, []) if r.user_id in cards]
        if not mine:
            continue
        monday, sunday = manager_weeks[manager_id]

        def in_week(day: date | None, monday: date = monday, sunday: date = sunday) -> bool:
            return day is not None and monday <= day <= sunday

        team = {card.rep.user_id for card in mine}
        shadowed = sum(1 for r in team for o in observations.get(r, [])
                       if o.observer_id == manager_id and in_week(o.call_on))
        feedback = sum(1 for r in team for d in debriefs.get(r, []) for f in replies.get(d.id or -1, [])
                       if f.manager_id == manager_id and in_week(_local_day(f.created_at, manager)))
        feedback += sum(1 for r in team for h in reviewed.get(r, [])
                        if h.manager_id == manager_id and in_week(_local_day(h.feedback_at, manager)))
        agreed = sum(c.weekly_hours for r in team for c in [contracts.get(active[r].id or -1)]
                     if c is not None and c.status is ContractStatus.SIGNED)
        result[manager_id] = TeamScorecard(
            workspace=ws, manager=manager, week=monday,
            cards=tuple(sorted(mine, key=lambda card: (card.rep.name.lower(), card.rep.user_id))),
            coaching=CoachingTime(shadowed_calls=shadowed, feedback_given=feedback, agreed_hours=float(agreed)),
        )
    return result

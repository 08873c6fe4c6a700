"""The cycle's results (issue 13, item 4): one rep's page, and a team's over a date range, in a fixed number of queries.

Who sees what: a rep their own; a manager their reps' (the rep's manager
now); an admin anyone's in the workspace. Anybody else gets the same
refusal whether or not the rep exists, and nothing crosses workspaces.
A team's results (`/coach admin results`, `coachflow results`) are for
admins and operators only.

Reading only. Whatever the number of reps, `load_results` runs the same
statements: the people, the indicators' four (`indicators_and_contracts`:
focus skills, contracts, debriefs, shadowed calls), call scores, deals,
commitments, 1:1 sessions, plus whatever the challenge source reads.

The 21-day challenge is another feature's: its figures come through
`ChallengeSource`, a callable given to the service: `bot.app` gives it the
challenge feature's `challenge_figures`; `no_challenges` (the default, for
tests) answers for every cycle that there was no 21-day challenge in it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from domain.audit import AuditAction, RecordKind, audit
from domain.catalog import Catalog
from domain.coaching.commitments import kept_on_time
from domain.coaching.cycle import CoachingCycle
from domain.coaching.results import (
    ChallengeFigures,
    CycleResults,
    TeamTotals,
    coaching_hours,
    cycle_span,
    first_day_after,
    indicator_results,
    pipeline_result,
    score_changes,
    sessions_held,
    team_totals,
)
from domain.effects import Effects, Message, Notice, Picture
from domain.errors import InvalidInput, NotAllowed, NotFound
from domain.model import Member, WorkspaceRef
from domain.pipeline.model import Opportunity
from domain.ports import UnitOfWork, UnitOfWorkFactory
from domain.scheduling.calendar import zone
from domain.services.bulk import collector_paused
from domain.services.leading_indicators import indicators_and_contracts

# (uow, workspace, cycles, as of) -> the challenge figures of those cycles that had one, by cycle id, as of the
# page's own moment; a fixed number of queries for any number of cycles. The 21-day challenge feature provides
# it (domain.services.challenge_views.challenge_figures).
ChallengeSource = Callable[[UnitOfWork, WorkspaceRef, Sequence[CoachingCycle], datetime],
                           Mapping[int, ChallengeFigures]]
DEFAULT_SINCE = timedelta(weeks=12)  # a team's range when none is given
SCORES_PER_REP = 100  # the newest scored calls read per rep (a cycle's, with room to spare)


def no_challenges(uow: UnitOfWork, ws: WorkspaceRef, cycles: Sequence[CoachingCycle],
                  now: datetime) -> Mapping[int, ChallengeFigures]:
    """No cycle had a 21-day challenge: the source until the challenge feature is wired in."""
    return {}


def not_yours(rep_id: str) -> NotAllowed:
    return NotAllowed(f"You can see your own cycle's results and your reps', not <@{rep_id}>'s.")


@dataclass(frozen=True)
class CycleResultsShown(Notice):
    """To the rep or their manager: the results of a cycle the manager ended before its week 8 was over."""

    recipient_id: str
    results: CycleResults


class EndedCycleResults:
    """`CycleService`'s hook when a manager ends a cycle: the results to both of them, and their charts.

    Only for a cycle ended before its results day (`first_day_after`): later
    the `cycle_results` kind has sent them already, and it sends nothing for
    a cycle no longer active, so each cycle's results arrive once.
    """

    def __init__(self, catalog: Catalog, challenges: ChallengeSource = no_challenges) -> None:
        self._catalog = catalog
        self._challenges = challenges

    def __call__(self, uow: UnitOfWork, ws: WorkspaceRef, cycle: CoachingCycle, now: datetime) -> Effects:
        if cycle.ended_on is None or cycle.ended_on >= first_day_after(cycle):
            return Effects()
        found = load_results(uow, ws, [cycle], now, self._catalog, self._challenges)
        if not found:
            return Effects()
        people = (cycle.rep_id, cycle.manager_id)
        return Effects(messages=tuple(Message(p, CycleResultsShown(p, found[0])) for p in people),
                       pictures=tuple(Picture(p, CycleResultsShown(p, found[0])) for p in people))


@dataclass(frozen=True)
class TeamResults:
    workspace: WorkspaceRef
    manager_id: str | None  # None: every team in the workspace
    since: date
    results: tuple[CycleResults, ...]  # by manager, then rep name
    totals: TeamTotals


class ResultsService:
    def __init__(self, uow_factory: UnitOfWorkFactory, catalog: Catalog, clock: Callable[[], datetime],
                 challenges: ChallengeSource = no_challenges) -> None:
        self._uow_factory = uow_factory
        self._catalog = catalog
        self._clock = clock
        self._challenges = challenges

    def rep_results(self, ws: WorkspaceRef, caller_id: str, rep_id: str | None) -> CycleResults:
        """`/coach results [@rep]`: the rep's latest cycle that has begun, finished or running."""
        wanted = rep_id or caller_id
        now = self._clock()
        # A manager's or admin's read of a rep's results is audited (issue 14), so it is a writing unit.
        with self._uow_factory(read_only=wanted == caller_id) as uow:
            people = uow.members.get_many(ws, {caller_id, wanted})
            caller, rep = people.get(caller_id), people.get(wanted)
            if caller is None or rep is None or not (
                    caller_id in (wanted, rep.manager_id) or caller.is_admin):
                raise not_yours(wanted)  # the same answer whether or not the rep exists
            today = now.astimezone(zone(rep.time_zone)).date()
            cycle = next((c for c in uow.cycles.history(ws, wanted) if c.starts_on <= today), None)
            if cycle is None:
                raise NotFound("You have no coaching cycle yet, so no results." if wanted == caller_id else
                               f"<@{wanted}> has had no coaching cycle yet. Start one: `/coach start <@{wanted}>`.")
            found = load_results(uow, ws, [cycle], now, self._catalog, self._challenges, {wanted: rep})[0]
            if wanted != caller_id:
                audit(uow, ws, caller_id, wanted, AuditAction.READ, RecordKind.RESULTS, now, [cycle.id])
                uow.commit()
            return found

    def team_results(self, ws: WorkspaceRef, caller_id: str, manager_id: str | None,
                     since: date | None) -> TeamResults:
        """`/coach admin results [@manager] [since D]`: admins only."""
        now = self._clock()
        with self._uow_factory(read_only=True) as uow:
            caller = uow.members.get(ws, caller_id)
            if caller is None or not caller.is_admin:
                raise NotAllowed("Only a workspace admin sees the results of every team. "
                                 "`/coach results @rep` shows one of your reps'.")
            return team_results(uow, ws, manager_id, since, now, self._catalog, self._challenges)


def team_results(uow: UnitOfWork, ws: WorkspaceRef, manager_id: str | None, since: date | None, now: datetime,
                 catalog: Catalog, challenges: ChallengeSource = no_challenges) -> TeamResults:
    """Cycles that ended on or after `since` or still run (those `manager_id` ran, when given), one per rep:
    their latest that has begun. The CLI calls it directly (an operator is not a member)."""
    start = since if since is not None else (now - DEFAULT_SINCE).date()
    if start > now.date() + timedelta(days=1):
        raise InvalidInput(f"{start:%Y-%m-%d} is in the future: results are about cycles that have begun.")
    found = uow.cycles.since(ws, start, manager_id)
    reps = uow.members.get_many(ws, {c.rep_id for c in found})
    latest: dict[str, CoachingCycle] = {}
    for cycle in found:  # newest first
        rep = reps.get(cycle.rep_id)
        if rep is None or cycle.rep_id in latest:
            continue
        span = cycle_span(cycle, now.astimezone(zone(rep.time_zone)).date())
        if cycle.starts_on <= span.last_day and span.last_day >= start and cycle.starts_on <= now.date():
            latest[cycle.rep_id] = cycle
    results = load_results(uow, ws, list(latest.values()), now, catalog, challenges, reps)
    results.sort(key=lambda r: (r.manager_id, r.rep.name.lower(), r.rep.user_id))
    return TeamResults(ws, manager_id, start, tuple(results), team_totals(results))


def load_results(uow: UnitOfWork, ws: WorkspaceRef, cycles: Sequence[CoachingCycle], now: datetime,
                 catalog: Catalog, challenges: ChallengeSource = no_challenges,
                 reps: Mapping[str, Member] | None = None) -> list[CycleResults]:
    """The results of these cycles (one per rep), in order; a cycle whose rep is unknown is left out."""
    with collector_paused():
        return _load(uow, ws, cycles, now, catalog, challenges, reps)


def _load(uow: UnitOfWork, ws: WorkspaceRef, cycles: Sequence[CoachingCycle], now: datetime, catalog: Catalog,
          challenges: ChallengeSource, reps: Mapping[str, Member] | None) -> list[CycleResults]:
    if not cycles:
        return []
    rep_ids = [c.rep_id for c in cycles]
    people = dict(reps) if reps is not None else uow.members.get_many(ws, rep_ids)
    cycles = [c for c in cycles if c.rep_id in people]
    if not cycles:
        return []
    by_rep = {c.rep_id: c for c in cycles}
    spans = {c.rep_id: cycle_span(c, now.astimezone(zone(people[c.rep_id].time_zone)).date()) for c in cycles}
    indicators, contracts = indicators_and_contracts(
        uow, ws, {r: s.last_day for r, s in spans.items()}, {r: max(s.weeks_from_3, 1) for r, s in spans.items()},
        catalog, by_rep)
    rep_ids = list(by_rep)
    scores = uow.call_scores.for_reps(ws, rep_ids, limit=SCORES_PER_REP)
    deals: dict[str, list[Opportunity]] = {}
    for deal in uow.pipeline.for_owners(ws, rep_ids):
        deals.setdefault(deal.owner_id, []).append(deal)
    first = min(c.starts_on for c in cycles)
    actions = uow.commitments.for_reps(ws, rep_ids, deadline_from=first)
    sessions = uow.sessions.between(ws, rep_ids, _midnight(first - timedelta(days=1)), now)
    challenge = challenges(uow, ws, cycles, now)
    dimensions = [d.id for d in catalog.scoring_dimensions]
    dimension_names = {d.id: d.name for d in catalog.scoring_dimensions}
    skill_names = {c.id: c.name for c in catalog.competencies}
    results = []
    for cycle in cycles:
        rep, span = people[cycle.rep_id], spans[cycle.rep_id]
        tz = zone(rep.time_zone)
        began = datetime.combine(span.first_day, time(0), tzinfo=tz)
        over = min(now, datetime.combine(span.last_day + timedelta(days=1), time(0), tzinfo=tz))
        held = sessions_held(sessions, rep.user_id, began, over)
        results.append(CycleResults(
            workspace=ws, rep=rep, manager_id=cycle.manager_id, cycle=cycle, span=span,
            skills=indicator_results(indicators[rep.user_id], span), skill_names=skill_names,
            scores=score_changes(scores.get(rep.user_id, []), dimensions, span), dimension_names=dimension_names,
            pipeline=pipeline_result(rep.user_id, deals.get(rep.user_id, []), span),
            commitments=kept_on_time(actions.get(rep.user_id, []), span.last_day + timedelta(days=1), span.first_day),
            coaching=coaching_hours(held, contracts.get(cycle.id) if cycle.id is not None else None, span),
            challenge=challenge.get(cycle.id) if cycle.id is not None else None,
        ))
    return results


def _midnight(day: date) -> datetime:
    return datetime.combine(day, time(0), tzinfo=UTC)

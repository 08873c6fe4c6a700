"""Leading indicators of many reps over N weeks, in a fixed number of queries.

The Friday scorecards, `/scorecard`, the team digest, peer learning and the
export all read through `weekly_indicators`: five queries whatever the
number of reps (active cycles unless given, their focus skills, their
contracts, the debriefs and the shadow observations of the whole window;
the last two a query per 5,000 reps, the drivers' parameter limits), never
one per rep. Calls are read lean (`CallIndicators`: id, rep, date,
indicators, link to the shadowed call), not as whole debriefs: 10,000 reps
x 8 weeks take seconds. The rules are `domain.coaching.leading`'s.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime

from domain.catalog import Catalog
from domain.coaching.contract import CoachingContract
from domain.coaching.cycle import CoachingCycle
from domain.coaching.leading import RepIndicators, mondays, rep_indicators, same_calls
from domain.model import Member, WorkspaceRef
from domain.ports import UnitOfWork
from domain.scheduling.calendar import zone
from domain.services.bulk import collector_paused


def local_days(reps: Iterable[Member], now: datetime) -> dict[str, date]:
    """Rep id -> the rep's own today: their week is Monday to Sunday in their time zone."""
    return {rep.user_id: now.astimezone(zone(rep.time_zone)).date() for rep in reps}


def weekly_indicators(uow: UnitOfWork, ws: WorkspaceRef, today_by_rep: Mapping[str, date], weeks: int,
                      catalog: Catalog, cycles: Mapping[str, CoachingCycle] | None = None
                      ) -> dict[str, RepIndicators]:
    """Each rep's indicators for the `weeks` weeks ending with the week of their today (`local_days`).

    `cycles`: the reps' active cycles when the caller has them (a rep absent
    has none); read here when None. The focus skills are the active cycle's,
    or its contract's skills when none were set. A rep without an active
    cycle gets no skills (and an empty `RepIndicators`).
    """
    with collector_paused():
        return indicators_and_contracts(uow, ws, today_by_rep, weeks, catalog, cycles)[0]


def indicators_and_contracts(uow: UnitOfWork, ws: WorkspaceRef, today_by_rep: Mapping[str, date],
                             weeks: int | Mapping[str, int],
                             catalog: Catalog, cycles: Mapping[str, CoachingCycle] | None = None
                             ) -> tuple[dict[str, RepIndicators], dict[int, CoachingContract]]:
    """`weekly_indicators`, and the contracts it read by cycle id (the team digest's agreed hours).

    `weeks` may differ per rep (a rep absent: one week): a scorecard charts the cycle's weeks so far.
    """
    if not today_by_rep or (isinstance(weeks, int) and weeks < 1):
        return {}, {}
    reps = list(today_by_rep)
    active = cycles if cycles is not None else uow.cycles.active_for_reps(ws, reps)
    cycle_ids = [c.id for c in active.values() if c.id is not None]
    focus = uow.priorities.focus_for(cycle_ids)
    contracts = uow.contracts.for_cycles(cycle_ids)
    # One more week than shown: the first shown week's change needs the week before it.
    windows = {rep_id: mondays(today, (weeks if isinstance(weeks, int) else weeks.get(rep_id, 1)) + 1)
               for rep_id, today in today_by_rep.items()}
    first = min(w[0] for w in windows.values())
    last = max(w[-1] for w in windows.values()) + (date.resolution * 6)
    debriefs = uow.debriefs.indicators_for_reps_between(ws, reps, first, last)
    observed = uow.shadow_observations.indicators_for_reps_between(ws, reps, first, last)
    result: dict[str, RepIndicators] = {}
    for rep_id, window in windows.items():
        cycle = active.get(rep_id)
        contract = contracts.get(cycle.id) if cycle is not None and cycle.id is not None else None
        skills = (focus.get(cycle.id, []) if cycle is not None and cycle.id is not None else []) or (
            contract.skills if contract is not None else [])
        calls = same_calls(debriefs.get(rep_id, []), observed.get(rep_id, []))
        result[rep_id] = rep_indicators(rep_id, skills, window, calls,
                                        contract.metrics if contract is not None else (), catalog)
    return result, contracts

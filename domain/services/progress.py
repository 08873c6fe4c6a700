"""Loading every rep's cycle progress in a fixed number of queries, whatever the team size.

App Home and the week 1-2 reminders both need it for a whole team at once.
"""

from __future__ import annotations

from collections.abc import Iterable

from domain.coaching.cycle import CoachingCycle
from domain.coaching.progress import LOOKBACK, CycleProgress, counts_from
from domain.model import WorkspaceRef
from domain.ports import UnitOfWork


def load_progress(uow: UnitOfWork, ws: WorkspaceRef, cycles: Iterable[CoachingCycle]) -> dict[str, CycleProgress]:
    """Progress by rep id for these (active) cycles."""
    active = [c for c in cycles if c.id is not None]
    if not active:
        return {}
    reps = [c.rep_id for c in active]
    cycle_ids = [c.id for c in active if c.id is not None]
    call_dates = uow.call_scores.observed_call_dates(ws, reps, min(c.starts_on for c in active) - LOOKBACK)
    assessed = uow.self_assessments.latest_dates(ws, reps)
    rated = uow.priorities.rated_cycles(cycle_ids)
    focus = uow.priorities.focus_for(cycle_ids)
    contracts = uow.contracts.for_cycles(cycle_ids)
    found = {}
    for cycle in active:
        calls, self_assessed = counts_from(cycle, call_dates.get(cycle.rep_id, []), assessed.get(cycle.rep_id))
        cycle_id = cycle.id or 0
        found[cycle.rep_id] = CycleProgress(cycle, calls, self_assessed, cycle_id in rated,
                                            focus.get(cycle_id, []), contracts.get(cycle_id))
    return found

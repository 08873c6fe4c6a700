"""Each rep's shadowed calls this week against the 2-3 target, for many reps in a fixed number of queries.

The manager's App Home shows it for a whole team (40 reps or more), so it
never reads per rep: one query for the observations of every rep in the
batch, one more for their active cycles unless the caller already has them
(`homes_for` does). The rules (the week, the target, who is behind) are
`domain.coaching.shadow_week`'s. Kept apart from the shadowing use case so
App Home can import it without importing the use case.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime

from domain.coaching.cycle import CoachingCycle, Stage
from domain.coaching.debriefs import week_of
from domain.coaching.shadow_week import ShadowWeek, week_for
from domain.model import Member, WorkspaceRef
from domain.ports import UnitOfWork
from domain.scheduling.calendar import zone


def shadow_weeks(uow: UnitOfWork, ws: WorkspaceRef, today_by_rep: Mapping[str, date],
                 cycles: Mapping[str, CoachingCycle] | None = None) -> dict[str, ShadowWeek]:
    """Each rep's shadowed calls in the week of the day given for them (the looker's today).

    `cycles`: the reps' active cycles when the caller has them already (a rep
    absent from it has none); when None they are read here. A batch of
    managers in several time zones is still one query: it reads from the
    earliest Monday to the latest Sunday and keeps each rep's own week.
    """
    if not today_by_rep:
        return {}
    reps = list(today_by_rep)
    active = cycles if cycles is not None else uow.cycles.active_for_reps(ws, reps)
    first = min(week_of(day)[0] for day in today_by_rep.values())
    last = max(week_of(day)[1] for day in today_by_rep.values())
    found = uow.shadow_observations.for_reps_between(ws, reps, first, last)
    return {
        rep_id: week_for(rep_id, today, found.get(rep_id, []), develops(active.get(rep_id), today))
        for rep_id, today in today_by_rep.items()
    }


def develops(cycle: CoachingCycle | None, today: date) -> bool:
    """Whether the 2-3 shadowed calls a week apply: the rep's cycle is in its Develop stage (weeks 3-6)."""
    return cycle is not None and cycle.stage_on(today) is Stage.DEVELOP


def managers_days(reps: Iterable[Member], managers: Mapping[str, Member], now: datetime) -> dict[str, date]:
    """Rep id -> their manager's local today (the week a manager looks at); reps without a known manager: UTC."""
    days: dict[str, date] = {}
    for rep in reps:
        manager = managers.get(rep.manager_id or "")
        days[rep.user_id] = now.astimezone(zone(manager.time_zone if manager is not None else "UTC")).date()
    return days

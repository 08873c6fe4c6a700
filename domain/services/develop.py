"""Stage 3 (develop) at a glance: each rep's week of debriefs and shadowed calls, for many reps at once.

App Home shows a rep their own week and a manager each rep's week against
the seed's target of 2-3 shadowed calls. `load_develop` reads a whole batch
of Homes in a fixed number of queries, whatever the team size; each Home
then keeps the calls of its viewer's own calendar week.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from domain.coaching.debriefs import SHADOW_TARGET, Debrief, ShadowObservation, week_of
from domain.model import WorkspaceRef
from domain.ports import UnitOfWork


@dataclass(frozen=True)
class DevelopWeek:
    """One rep's week (Monday to Sunday in the viewer's calendar) of calls in stage 3."""

    first: date
    last: date
    debriefs: tuple[Debrief, ...] = ()
    shadows: tuple[ShadowObservation, ...] = ()

    @property
    def shadow_target(self) -> tuple[int, int]:
        return SHADOW_TARGET

    def shadows_behind(self, today: date) -> bool:
        """Fewer shadowed calls than the pace to the target's low end: 1 by Wednesday, 2 by Friday."""
        due = 0 if today.weekday() < 2 else 1 if today.weekday() < 4 else SHADOW_TARGET[0]
        return len(self.shadows) < due


@dataclass(frozen=True)
class DevelopCalls:
    """Every debrief and shadowed call of a batch of reps around now, read once."""

    debriefs: dict[str, list[Debrief]]
    shadows: dict[str, list[ShadowObservation]]

    def week(self, rep_id: str, today: date) -> DevelopWeek:
        first, last = week_of(today)
        return DevelopWeek(
            first, last,
            tuple(d for d in self.debriefs.get(rep_id, ()) if first <= d.call_on <= last),
            tuple(s for s in self.shadows.get(rep_id, ()) if first <= s.call_on <= last),
        )


def load_develop(uow: UnitOfWork, ws: WorkspaceRef, rep_ids: Iterable[str], now: datetime) -> DevelopCalls:
    """The calls of every local "this week" around `now` (UTC-12 to UTC+14), in two queries."""
    wanted = list(dict.fromkeys(rep_ids))
    if not wanted:
        return DevelopCalls({}, {})
    utc_today = now.date()
    first = week_of(utc_today - timedelta(days=1))[0]
    last = week_of(utc_today + timedelta(days=1))[1]
    return DevelopCalls(uow.debriefs.for_reps_between(ws, wanted, first, last),
                        uow.shadow_observations.for_reps_between(ws, wanted, first, last))

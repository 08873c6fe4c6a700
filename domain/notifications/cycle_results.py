"""The cycle's results, by DM to the rep and to their manager when the cycle passes week 8 (issue 13, item 4).

An ON_DATE kind: each active cycle is a `Deadline` on the first day after
program week 8 (`first_day_after`: the day maintenance begins), at 09:00 in
each recipient's own calendar, through the ledger, so once per cycle and
person (period `r<cycle id>@<day>`). The rep gets it for their own cycle, the
manager for each cycle they run. A cycle extended or advanced since moves
its day (a new period; a row queued for the old day is skipped); the kind
looks at people again twice a day (`recheck`) because steering a cycle
refreshes nobody's schedule.

A cycle a manager ends before week 8 is over has no such day any more (it
is no longer active): `/coach cycle @rep end` sends the results itself
(`domain.services.results.ended_cycle_results`). A cycle ended in
maintenance got this DM already and gets nothing more. So each finished
cycle's results arrive exactly once, whichever way it finished.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta

from domain.catalog import Catalog, load_catalog
from domain.coaching.cycle import CoachingCycle
from domain.coaching.results import CycleResults, first_day_after
from domain.model import WorkspaceRef
from domain.notifications.kind import Occasion, ScheduledKind
from domain.ports import UnitOfWork
from domain.scheduling.anchors import Anchor, Deadline
from domain.scheduling.kinds import Audience, Cadence, Staleness
from domain.services.results import ChallengeSource, load_results, no_challenges

KIND_NAME = "cycle_results"
RECHECK = timedelta(hours=12)


@dataclass(frozen=True)
class CycleResultsNote:
    workspace: WorkspaceRef
    recipient_id: str  # the rep, or the manager who ran the cycle
    results: CycleResults


def cycle_ref(cycle: CoachingCycle) -> str:
    return f"r{cycle.id}"


def _cycles_of(uow: UnitOfWork, ws: WorkspaceRef, recipient_ids: Sequence[str]
               ) -> dict[str, list[CoachingCycle]]:
    """Each recipient's active cycles: their own as a rep, and those they run as their reps' manager."""
    teams = uow.members.reps_of_many(ws, recipient_ids)
    reps = {*recipient_ids, *(r.user_id for team in teams.values() for r in team)}
    active = uow.cycles.active_for_reps(ws, reps)
    found: dict[str, list[CoachingCycle]] = {}
    for recipient in recipient_ids:
        own = [active[recipient]] if recipient in active else []
        run = [c for r in teams.get(recipient, []) if (c := active.get(r.user_id)) is not None
               and c.manager_id == recipient]
        if own or run:
            found[recipient] = [*own, *run]
    return found


class CycleEnds:
    """The `AnchorSource`: each recipient's active cycles' results day, three queries per batch."""

    def upcoming(self, uow: UnitOfWork, ws: WorkspaceRef, recipient_ids: Sequence[str], after: datetime
                 ) -> Mapping[str, Sequence[Anchor]]:
        anchors = {recipient: [a for c in cycles
                               if (a := Deadline(cycle_ref(c), first_day_after(c))).is_upcoming(after)]
                   for recipient, cycles in _cycles_of(uow, ws, recipient_ids).items()}
        return {recipient: mine for recipient, mine in anchors.items() if mine}


class CycleResultsGatherer:
    """The kind's gatherer over the deployment's catalog and the challenge figures' source."""

    def __init__(self, catalog: Catalog, challenges: ChallengeSource = no_challenges) -> None:
        self._catalog = catalog
        self._challenges = challenges

    def gather(self, uow: UnitOfWork, ws: WorkspaceRef, occasions: Sequence[Occasion]
               ) -> dict[Occasion, CycleResultsNote]:
        """A note per row whose cycle is still active with this results day; one batch of results for all.

        Left out: a cycle ended (its results went with the end) or steered to another day since. The
        figures are as of the row's day (a gatherer has no clock): the same on a late tick.
        """
        if not occasions:
            return {}
        cycles = _cycles_of(uow, ws, list(dict.fromkeys(o.recipient_id for o in occasions)))
        wanted: list[tuple[Occasion, CoachingCycle]] = []
        for occasion in occasions:
            cycle = next((c for c in cycles.get(occasion.recipient_id, []) if cycle_ref(c) == occasion.ref), None)
            if cycle is not None and first_day_after(cycle) == occasion.on:
                wanted.append((occasion, cycle))
        if not wanted:
            return {}
        unique = list({c.id: c for _, c in wanted}.values())
        as_of = datetime.combine(max(o.on for o, _ in wanted), time(12), tzinfo=UTC)
        results = {r.cycle.id: r for r in load_results(uow, ws, unique, as_of, self._catalog, self._challenges)}
        return {occasion: CycleResultsNote(ws, occasion.recipient_id, results[cycle.id])
                for occasion, cycle in wanted if cycle.id in results}


def cycle_results_kind(catalog: Catalog, challenges: ChallengeSource = no_challenges
                       ) -> ScheduledKind[CycleResultsNote]:
    """The kind over a catalog and a challenge source: the shipped ones in the registry, the deployment's in `bot`."""
    return ScheduledKind(
        name=KIND_NAME,
        title="The cycle's results, the day after its week 8",  # to the rep and to their manager
        audience=Audience.EVERYONE,
        cadence=Cadence.ON_DATE,
        local_time=time(9, 0),
        stale=Staleness(days_after=7),  # still worth reading a week late, after downtime
        why="a coaching cycle you took part in finished its eight weeks",
        source=CycleEnds(),
        recheck=RECHECK,
        gather=CycleResultsGatherer(catalog, challenges).gather,
    )


CYCLE_RESULTS = cycle_results_kind(load_catalog())

"""The Friday scorecards: each coached rep's week, and one team digest per manager, at the same local time.

Both are weekly kinds on the workspace's scorecard slot (Friday 15:00 in
each person's own time zone unless an admin moved it with `/coach admin
scorecard`): a day outside the workspace's work week moves them back to
its last working day (a Sunday-Thursday team gets them on Thursday).
Content comes from `domain.services.scorecards`, a fixed number of queries
per drained batch. A person is sent one scorecard per ISO week even when
an admin moves the day after this week's went out (the ledger's period is
the slot's date, so a moved day is a new period).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, time
from typing import TypeVar

from domain.catalog import Catalog, load_catalog
from domain.coaching.debriefs import week_of
from domain.coaching.scorecard import Scorecard, TeamScorecard
from domain.model import WorkspaceRef
from domain.notifications.kind import Gatherer, Occasion, ScheduledKind
from domain.ports import UnitOfWork
from domain.scheduling.calendar import zone
from domain.scheduling.kinds import Audience, Cadence, Staleness
from domain.scheduling.slots import SCORECARD_DEFAULT, SCORECARD_SLOT
from domain.services.scorecards import scorecards, team_scorecards

# Worth reading over the weekend; by Monday it is last week's scorecard, and stale.
WEEKEND = Staleness(days_after=3, at=time(0, 0))
C = TypeVar("C")
REP_KIND = "friday_scorecard"
TEAM_KIND = "team_scorecard"


def _already_this_week(uow: UnitOfWork, ws: WorkspaceRef, kind: str, occasions: Sequence[Occasion]
                       ) -> set[str]:
    """Recipients already sent this kind in their occasion's ISO week (one query)."""
    people = uow.members.get_many(ws, [o.recipient_id for o in occasions])
    sent = uow.deliveries.last_sent(ws, kind, list(people))
    done = set()
    for occasion in occasions:
        at, person = sent.get(occasion.recipient_id), people.get(occasion.recipient_id)
        if at is not None and person is not None and \
                week_of(at.astimezone(zone(person.time_zone)).date())[0] == week_of(occasion.on)[0]:
            done.add(occasion.recipient_id)
    return done


class RepScorecards:
    def __init__(self, catalog: Catalog) -> None:
        self._catalog = catalog

    def gather(self, uow: UnitOfWork, ws: WorkspaceRef, occasions: Sequence[Occasion]) -> Mapping[Occasion, Scorecard]:
        """Each coached rep's card of the week of their occasion (their own calendar); reps without a cycle,
        or already sent this week's, are skipped."""
        done = _already_this_week(uow, ws, REP_KIND, occasions)
        wanted = {o.recipient_id: o for o in occasions if o.recipient_id not in done}
        reps = uow.members.get_many(ws, list(wanted))
        cards = scorecards(uow, ws, reps, {rep_id: o.on for rep_id, o in wanted.items()}, self._catalog)
        return {wanted[rep_id]: card for rep_id, card in cards.items()}


class TeamScorecards:
    def __init__(self, catalog: Catalog) -> None:
        self._catalog = catalog

    def gather(self, uow: UnitOfWork, ws: WorkspaceRef, occasions: Sequence[Occasion]
               ) -> Mapping[Occasion, TeamScorecard]:
        """Each manager's digest of the week of their occasion; managers with nobody in a cycle are skipped."""
        done = _already_this_week(uow, ws, TEAM_KIND, occasions)
        wanted = {o.recipient_id: o for o in occasions if o.recipient_id not in done}
        days: dict[str, date] = {manager_id: o.on for manager_id, o in wanted.items()}
        teams = team_scorecards(uow, ws, days, self._catalog)
        return {wanted[manager_id]: team for manager_id, team in teams.items()}


def _on_the_scorecard_slot(name: str, title: str, audience: Audience, gather: Gatherer[C], why: str
                           ) -> ScheduledKind[C]:
    """Fridays 15:00 local unless the workspace moved the slot; a day off goes back to the work week's last day."""
    return ScheduledKind(
        name=name, title=title, audience=audience, cadence=Cadence.WEEKLY,
        weekday=SCORECARD_DEFAULT.weekday, local_time=SCORECARD_DEFAULT.at, stale=WEEKEND,
        slot=SCORECARD_SLOT, day_off_goes_back=True, gather=gather, why=why,
    )


def rep_scorecard_kind(catalog: Catalog) -> ScheduledKind[Scorecard]:
    """The kind over a catalog: the shipped one in the registry, the deployment's in `bot`."""
    return _on_the_scorecard_slot(REP_KIND, "Friday scorecard (reps)", Audience.REPS, RepScorecards(catalog).gather,
                                  why="you are in a coaching cycle")


def team_scorecard_kind(catalog: Catalog) -> ScheduledKind[TeamScorecard]:
    return _on_the_scorecard_slot(TEAM_KIND, "Friday team scorecard digest (managers)", Audience.MANAGERS,
                                  TeamScorecards(catalog).gather, why="you coach reps who are in a coaching cycle")


_SHIPPED = load_catalog()
FRIDAY_SCORECARD = rep_scorecard_kind(_SHIPPED)
TEAM_SCORECARD = team_scorecard_kind(_SHIPPED)

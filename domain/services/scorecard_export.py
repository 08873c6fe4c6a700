"""The weekly indicator table of a workspace, for enablement's own analysis (`coachflow scorecards export`).

One row per rep, focus skill, catalog indicator and ISO week of the rep's
own calendar, with the numbers `domain.coaching.leading` computes (read by
`weekly_indicators`, so the export shows what the scorecards show). One
read-only unit of work and a fixed number of queries whatever the number of
reps. docs/scorecards.md ("Export") lists the columns.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone

from domain.catalog import Catalog
from domain.coaching.debriefs import week_of
from domain.coaching.leading import RepIndicators, WeekValue
from domain.errors import InvalidInput, NotFound
from domain.model import Member, Role, WorkspaceRef
from domain.ports import UnitOfWork, UnitOfWorkFactory
from domain.services.leading_indicators import local_days, weekly_indicators

MAX_WEEKS = 104  # two years a run; a longer range is refused rather than silently slow
# The latest calendar on Earth (Kiribati, UTC+14): a --since after its today is after everyone's today.
_LATEST_ZONE = timezone(timedelta(hours=14))

COLUMNS = (
    "team_id", "rep_id", "rep_name", "skill", "indicator", "week", "week_start",
    "value", "calls", "change", "direction", "too_few_calls",
    "target", "target_value", "distance", "shared_calls", "rep_value", "observer_value", "rep_minus_observer",
)


@dataclass(frozen=True)
class ExportRow:
    team_id: str
    rep_id: str
    rep_name: str
    skill: str
    indicator: str
    week: str  # ISO week, "2026-W48"
    week_start: str  # its Monday, "2026-11-23"
    value: float | None  # None: no call that week recorded the indicator
    calls: int
    change: float | None  # None with too few calls in this week or the one before
    direction: str | None  # better | worse | same
    too_few_calls: bool
    target: str | None  # the contract's target as typed
    target_value: float | None  # the number read from it
    distance: float | None  # still to go in the better direction; 0 once reached
    shared_calls: int  # shadowed calls the rep also debriefed, both recording the indicator
    rep_value: float | None  # on those calls: the rep's value...
    observer_value: float | None  # ...the manager's...
    rep_minus_observer: float | None  # ...and the difference

    def as_dict(self) -> dict[str, object]:
        return {name: getattr(self, name) for name in COLUMNS}


@dataclass(frozen=True)
class Export:
    rows: list[ExportRow]
    reps: int  # reps with at least one row
    first_week: str | None
    last_week: str | None


def export_indicators(uow_factory: UnitOfWorkFactory, catalog: Catalog, ws: WorkspaceRef, now: datetime, *,
                      since: date | None = None, until: date | None = None, rep_id: str | None = None) -> Export:
    """The table for the weeks holding `since` to `until`, in each rep's own calendar.

    `until` defaults to each rep's local today; `since` to the Monday their
    active coaching cycle started. Reps without an active cycle have no focus
    skills and so no rows. An unknown workspace or rep raises NotFound; a
    range backwards or longer than MAX_WEEKS raises InvalidInput.
    """
    _check_range(since, until, now)
    with uow_factory(read_only=True) as uow:
        if uow.workspaces.get(ws) is None:
            raise NotFound(f"There is no workspace {ws.team_id} in this database.")
        if rep_id is None:
            reps = [m for m in uow.members.list_all(ws) if m.role is Role.REP]
        else:
            member = uow.members.get(ws, rep_id)
            if member is None:
                raise NotFound(f"{rep_id} is not a member of {ws.team_id}.")
            reps = [member]
        return export_for(uow, catalog, ws, reps, now, since=since, until=until)


def export_for(uow: UnitOfWork, catalog: Catalog, ws: WorkspaceRef, reps: Sequence[Member], now: datetime, *,
               since: date | None = None, until: date | None = None) -> Export:
    """The table of these reps (those with an active cycle), read in the caller's unit of work
    (`/scorecard ... export` checks who may see whom in the same unit)."""
    cycles = uow.cycles.active_for_reps(ws, [r.user_id for r in reps])
    reps = [r for r in reps if r.user_id in cycles]
    lasts = {k: week_of(v)[0] for k, v in (
        local_days(reps, now) if until is None else dict.fromkeys(cycles, until)).items()}
    firsts = {r.user_id: week_of(since if since is not None else cycles[r.user_id].starts_on)[0] for r in reps}
    firsts = {k: max(first, lasts[k] - timedelta(weeks=MAX_WEEKS - 1)) for k, first in firsts.items()}
    wanted = {k: v for k, v in lasts.items() if firsts[k] <= v}
    weeks = max(((v - firsts[k]).days // 7 + 1 for k, v in wanted.items()), default=0)
    found = weekly_indicators(uow, ws, wanted, weeks, catalog, cycles)
    rows = [row for rep in reps if rep.user_id in found
            for row in _rows(ws, rep, found[rep.user_id], firsts[rep.user_id])]
    labels = sorted({r.week for r in rows})
    return Export(rows, len({r.rep_id for r in rows}), labels[0] if labels else None,
                  labels[-1] if labels else None)


def _check_range(since: date | None, until: date | None, now: datetime) -> None:
    if since is not None and until is not None and since > until:
        raise InvalidInput(f"--since {since.isoformat()} is after --until {until.isoformat()}.")
    if since is not None and until is None and since > now.astimezone(_LATEST_ZONE).date():
        raise InvalidInput(f"--since {since.isoformat()} is in the future; give a date up to today.")
    if since is not None and until is not None and week_of(until)[0] - week_of(since)[0] >= timedelta(
            weeks=MAX_WEEKS):
        raise InvalidInput(f"--since {since.isoformat()} to --until {until.isoformat()} is more than "
                           f"{MAX_WEEKS} weeks; export at most {MAX_WEEKS} weeks at a time.")


def _rows(ws: WorkspaceRef, rep: Member, indicators: RepIndicators, first: date) -> Iterator[ExportRow]:
    for skill in indicators.skills:
        for item in skill.indicators:
            for week in item.weeks:
                if week.week >= first:
                    yield _row(ws, rep, skill.competency, week)


def _row(ws: WorkspaceRef, rep: Member, skill: str, week: WeekValue) -> ExportRow:
    agreed = week.agreement
    target = week.target
    return ExportRow(
        ws.team_id, rep.user_id, rep.name, skill, week.indicator_id, week.label, week.week.isoformat(),
        week.value, week.calls, week.change, None if week.direction is None else week.direction.value,
        week.too_few, None if target is None else target.text, None if target is None else target.value,
        week.gap, 0 if agreed is None else agreed.calls, None if agreed is None else agreed.rep,
        None if agreed is None else agreed.observer, None if agreed is None else agreed.difference,
    )


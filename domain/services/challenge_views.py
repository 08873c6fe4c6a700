"""The 21-day challenge as people see it, as of a moment: built from storage in a fixed number of queries."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime

from domain.catalog import Catalog
from domain.coaching.challenge import ChallengeProgress, answerable_day, progress
from domain.coaching.challenge_model import ChallengeWithDays, days_of
from domain.coaching.cycle import CoachingCycle
from domain.coaching.results import ChallengeFigures
from domain.errors import NotFound
from domain.model import Member, WorkspaceRef, WorkspaceSettings
from domain.ports import UnitOfWork
from domain.scheduling.calendar import zone
from domain.services.challenge_notices import ChallengeView


def build_view(item: ChallengeWithDays, rep: Member, settings: WorkspaceSettings, now: datetime,
               catalog: Catalog | None) -> ChallengeView:
    """The challenge as of `now`: its days, figures and open day (pure; App Home and the scorecard batch it)."""
    records = item.records
    days = days_of(item.challenge, settings, rep, records)
    tz = zone(rep.time_zone)
    names = {b.skill_id: skill_name(catalog, b.skill_id) for b in item.challenge.behaviours}
    return ChallengeView(item.challenge, rep, days, progress(records, days, now, tz), records, now,
                         answerable_day(days, now, tz), names)


def views_for(uow: UnitOfWork, ws: WorkspaceRef, reps: Mapping[str, Member], now: datetime,
              catalog: Catalog | None) -> dict[str, ChallengeView]:
    """Each rep's latest challenge as of `now`, three queries for any number of reps (App Home, scorecards)."""
    latest = uow.challenges.latest_for(ws, list(reps))
    if not latest:
        return {}
    days = uow.challenges.days(ws, [c.id for c in latest.values() if c.id is not None])
    settings = settings_of(uow, ws)
    return {rep_id: build_view(ChallengeWithDays(c, days.get(c.id or 0, {})), reps[rep_id], settings, now, catalog)
            for rep_id, c in latest.items() if rep_id in reps}


def skill_name(catalog: Catalog | None, skill_id: str) -> str:
    if catalog is None:
        return skill_id
    try:
        return catalog.competency(skill_id).name
    except NotFound:
        return skill_id


def settings_of(uow: UnitOfWork, ws: WorkspaceRef) -> WorkspaceSettings:
    workspace = uow.workspaces.get(ws)
    return workspace.settings if workspace is not None else WorkspaceSettings()


def challenge_figures(uow: UnitOfWork, ws: WorkspaceRef, cycles: Sequence[CoachingCycle],
                      now: datetime) -> Mapping[int, ChallengeFigures]:
    """The cycle's results' `ChallengeSource`: each cycle's challenge figures as of `now`, the page's moment (a
    challenge started in week 7 runs past week 8, so the page at the cycle's end shows the days closed so far).
    Four queries for any number of cycles."""
    by_rep = {c.rep_id: c for c in cycles if c.id is not None}
    reps = uow.members.get_many(ws, list(by_rep))
    found: dict[int, ChallengeFigures] = {}
    for rep_id, view in views_for(uow, ws, reps, now, None).items():
        cycle = by_rep[rep_id]
        if cycle.id is None or view.challenge.cycle_id != cycle.id:
            continue  # the rep's latest challenge belongs to another cycle (or none)
        shown = view.progress
        found[cycle.id] = ChallengeFigures(shown.compliance, shown.longest_streak, shown.done, shown.relevant,
                                           shown.days_left if view.running else 0)
    return found


def views_as_of(uow: UnitOfWork, ws: WorkspaceRef, reps: Mapping[str, Member], moments: Mapping[str, datetime],
                catalog: Catalog | None) -> dict[str, ChallengeView]:
    """Each rep's latest challenge as of their own moment (a scorecard's day, a summary's send), three queries."""
    latest = uow.challenges.latest_for(ws, [r for r in reps if r in moments])
    if not latest:
        return {}
    days = uow.challenges.days(ws, [c.id for c in latest.values() if c.id is not None])
    settings = settings_of(uow, ws)
    found: dict[str, ChallengeView] = {}
    for rep_id, challenge in latest.items():
        if challenge.created_at is not None and challenge.created_at > moments[rep_id]:
            continue  # started after that moment
        item = ChallengeWithDays(challenge, days.get(challenge.id or 0, {}))
        found[rep_id] = build_view(item, reps[rep_id], settings, moments[rep_id], catalog)
    return found


def progress_as_of(uow: UnitOfWork, ws: WorkspaceRef, reps: Mapping[str, Member],
                   moments: Mapping[str, datetime]) -> dict[str, ChallengeProgress]:
    """Each rep's latest challenge's figures as of their own moment (a scorecard's day), three queries in all."""
    return {rep_id: view.progress for rep_id, view in views_as_of(uow, ws, reps, moments, None).items()}

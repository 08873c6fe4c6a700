"""Wednesday in cycle weeks 1-2: the manager's list of what each rep's cycle still needs."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, time

from domain.coaching.cycle import Stage
from domain.coaching.progress import CycleProgress
from domain.model import Member, WorkspaceRef
from domain.notifications.cycle_tasks import EARLY_WEEKS
from domain.notifications.kind import Occasion, ScheduledKind
from domain.ports import UnitOfWork
from domain.scheduling.kinds import Audience, Cadence, Staleness
from domain.services.progress import load_progress


@dataclass(frozen=True)
class TeamTasksNote:
    """Wednesday, weeks 1-2: per rep, what their cycle still needs."""

    workspace: WorkspaceRef
    manager: Member
    items: list[tuple[Member, Stage, int, list[str]]]  # rep, stage, program week, what is missing


def team_tasks_notes(
    uow: UnitOfWork, ws: WorkspaceRef, occasions: Sequence[Occasion]
) -> dict[Occasion, TeamTasksNote]:
    """Eight queries for any number of managers: them, their reps, the reps' cycles and progress."""
    manager_ids = [o.recipient_id for o in occasions]
    managers = uow.members.get_many(ws, manager_ids)
    teams = uow.members.reps_of_many(ws, manager_ids)
    reps = {rep.user_id: rep for team in teams.values() for rep in team}
    # Only cycles the rep's own manager runs: the one this note goes to.
    cycles = [c for rep_id, c in uow.cycles.active_for_reps(ws, list(reps)).items()
              if c.manager_id == reps[rep_id].manager_id]
    progress = load_progress(uow, ws, cycles)
    notes: dict[Occasion, TeamTasksNote] = {}
    for occasion in occasions:
        manager = managers.get(occasion.recipient_id)
        own = {rep.user_id for rep in teams.get(occasion.recipient_id, [])}
        team = [found for rep_id, found in progress.items() if rep_id in own]
        items = _items(reps, team, occasion.on)
        if manager is not None and items:
            notes[occasion] = TeamTasksNote(ws, manager, items)
    return notes


def _items(reps: dict[str, Member], team: list[CycleProgress], on: date) -> list[tuple[Member, Stage, int, list[str]]]:
    items = []
    for found in team:
        stage = found.cycle.stage_on(on)
        missing = found.missing(on)
        if stage in EARLY_WEEKS and missing:
            items.append((reps[found.cycle.rep_id], stage, found.cycle.program_week(on), missing))
    return sorted(items, key=lambda item: item[0].name.lower())


TEAM_TASKS = ScheduledKind(
    name="team_tasks",
    title="Wednesday what's-missing note in cycle weeks 1-2 (managers)",
    why="reps you coach are in weeks 1-2 of a cycle with tasks open",
    audience=Audience.MANAGERS,
    cadence=Cadence.WEEKLY,
    weekday=2,
    local_time=time(9, 0),
    stale=Staleness(days_after=1, at=time(0, 0)),
    gather=team_tasks_notes,
)

"""Monday in cycle weeks 1-2: what the week asks of the rep, and what is still undone.

The self-assessment arrives at the start of week 1; in week 2 the rep hears
only when a contract waits for their signature (the rest is the manager's
move). Silent when nothing is missing or the rep is in neither week.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import time

from domain.coaching.cycle import Stage
from domain.coaching.progress import CycleProgress
from domain.model import Member, WorkspaceRef
from domain.notifications.kind import Occasion, ScheduledKind
from domain.ports import UnitOfWork
from domain.scheduling.kinds import Audience, Cadence, Staleness
from domain.services.progress import load_progress

EARLY_WEEKS = (Stage.DIAGNOSE, Stage.PRIORITIZE)


@dataclass(frozen=True)
class CycleTasksNote:
    """Monday, weeks 1-2: what the week asks of the rep and what is still undone."""

    workspace: WorkspaceRef
    rep: Member
    progress: CycleProgress
    stage: Stage
    week: int
    needs_self_assessment: bool
    needs_signature: bool


def cycle_tasks_notes(
    uow: UnitOfWork, ws: WorkspaceRef, occasions: Sequence[Occasion]
) -> dict[Occasion, CycleTasksNote]:
    """Seven queries for any number of reps: them, their active cycles, and the cycles' progress."""
    rep_ids = [o.recipient_id for o in occasions]
    reps = uow.members.get_many(ws, rep_ids)
    # A cycle run by someone who no longer manages the rep is not theirs to remind about.
    cycles = [c for rep_id, c in uow.cycles.active_for_reps(ws, rep_ids).items()
              if rep_id in reps and c.manager_id == reps[rep_id].manager_id]
    progress = load_progress(uow, ws, cycles)
    notes: dict[Occasion, CycleTasksNote] = {}
    for occasion in occasions:
        found = progress.get(occasion.recipient_id)
        note = _note(ws, reps[occasion.recipient_id], found, occasion) if found is not None else None
        if note is not None:
            notes[occasion] = note
    return notes


def _note(ws: WorkspaceRef, rep: Member, progress: CycleProgress, occasion: Occasion) -> CycleTasksNote | None:
    on = occasion.on
    stage = progress.cycle.stage_on(on)
    if stage not in EARLY_WEEKS:
        return None
    needs_assessment = not progress.self_assessed
    needs_signature = stage is Stage.PRIORITIZE and progress.rep_must_sign
    if stage is Stage.PRIORITIZE and not (needs_assessment or needs_signature):
        return None  # week 2 is the manager's move until there is a contract to sign
    return CycleTasksNote(ws, rep, progress, stage, progress.cycle.program_week(on), needs_assessment, needs_signature)


CYCLE_TASKS = ScheduledKind(
    name="cycle_tasks",
    title="Monday tasks in cycle weeks 1-2 (reps)",
    why="you are in weeks 1-2 of a coaching cycle and have tasks open",
    audience=Audience.REPS,
    cadence=Cadence.WEEKLY,
    weekday=0,
    local_time=time(9, 0),
    stale=Staleness(days_after=2, at=time(0, 0)),
    gather=cycle_tasks_notes,
)

"""What each scheduled message says, as domain data the Slack edge renders.

Jobs and slash commands share these: `/coach` can show the same week-ahead
note on demand that the Monday job sends.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from domain.coaching.cycle import Stage
from domain.coaching.progress import CycleProgress
from domain.delivery import Delivery
from domain.model import Member, WorkspaceRef
from domain.ports import UnitOfWorkFactory
from domain.scheduling.kinds import CYCLE_TASKS, TEAM_TASKS, WEEK_AHEAD
from domain.services.progress import load_progress

EARLY_WEEKS = (Stage.DIAGNOSE, Stage.PRIORITIZE)


@dataclass(frozen=True)
class WeekAheadNote:
    """A manager's Monday note: their reps and what the week holds for each."""

    workspace: WorkspaceRef
    manager: Member
    reps: list[Member]
    week_of: date


@dataclass(frozen=True)
class RepTasksNote:
    """Monday, weeks 1-2: what the week asks of the rep and what is still undone."""

    workspace: WorkspaceRef
    rep: Member
    progress: CycleProgress
    stage: Stage
    week: int
    needs_self_assessment: bool
    needs_signature: bool


@dataclass(frozen=True)
class TeamTasksNote:
    """Wednesday, weeks 1-2: per rep, what their cycle still needs."""

    workspace: WorkspaceRef
    manager: Member
    items: list[tuple[Member, Stage, int, list[str]]]  # rep, stage, program week, what is missing


class NotificationContentService:
    def __init__(self, uow_factory: UnitOfWorkFactory) -> None:
        self._uow_factory = uow_factory

    def content_for(self, delivery: Delivery) -> object | None:
        """The content of a ledger row, or None when there is nothing to say any more."""
        ws = WorkspaceRef(delivery.key.team_id, delivery.enterprise_id)
        on = date.fromisoformat(delivery.key.period)
        if delivery.key.kind == WEEK_AHEAD.name:
            return self.week_ahead(ws, delivery.key.recipient_id, on)
        if delivery.key.kind == CYCLE_TASKS.name:
            return self.rep_tasks(ws, delivery.key.recipient_id, on)
        if delivery.key.kind == TEAM_TASKS.name:
            return self.team_tasks(ws, delivery.key.recipient_id, on)
        raise ValueError(f"no content for notification kind {delivery.key.kind!r}")

    def week_ahead(self, ws: WorkspaceRef, manager_id: str, week_of: date) -> WeekAheadNote | None:
        with self._uow_factory(read_only=True) as uow:
            manager = uow.members.get(ws, manager_id)
            reps = uow.members.reps_of(ws, manager_id)
        if manager is None or not reps:
            return None
        return WeekAheadNote(ws, manager, reps, week_of)

    def rep_tasks(self, ws: WorkspaceRef, rep_id: str, on: date) -> RepTasksNote | None:
        with self._uow_factory(read_only=True) as uow:
            rep = uow.members.get(ws, rep_id)
            cycle = uow.cycles.active_for(ws, rep_id)
            if rep is None or cycle is None or cycle.manager_id != rep.manager_id:
                return None
            progress = load_progress(uow, ws, [cycle]).get(rep_id)
        stage = cycle.stage_on(on)
        if progress is None or stage not in EARLY_WEEKS:
            return None
        needs_assessment = not progress.self_assessed
        needs_signature = stage is Stage.PRIORITIZE and progress.rep_must_sign
        if stage is Stage.PRIORITIZE and not (needs_assessment or needs_signature):
            return None  # week 2 is the manager's move until there is a contract to sign
        return RepTasksNote(ws, rep, progress, stage, cycle.program_week(on), needs_assessment, needs_signature)

    def team_tasks(self, ws: WorkspaceRef, manager_id: str, on: date) -> TeamTasksNote | None:
        with self._uow_factory(read_only=True) as uow:
            manager = uow.members.get(ws, manager_id)
            reps = {r.user_id: r for r in uow.members.reps_of(ws, manager_id)}
            cycles = [c for c in uow.cycles.active_for_reps(ws, list(reps)).values() if c.manager_id == manager_id]
            progress = load_progress(uow, ws, cycles)
        items = []
        for rep_id, found in progress.items():
            stage = found.cycle.stage_on(on)
            missing = found.missing(on)
            if stage in EARLY_WEEKS and missing:
                items.append((reps[rep_id], stage, found.cycle.program_week(on), missing))
        if manager is None or not items:
            return None
        return TeamTasksNote(ws, manager, sorted(items, key=lambda item: item[0].name.lower()))

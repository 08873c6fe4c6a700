"""The manager's Monday week-ahead note: their reps, and who is away."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, time

from domain.model import Member, WorkspaceRef
from domain.notifications.kind import Occasion, ScheduledKind
from domain.ports import UnitOfWork
from domain.scheduling.kinds import Audience, Cadence, Staleness


@dataclass(frozen=True)
class WeekAheadNote:
    """A manager's Monday note: their reps and what the week holds for each."""

    workspace: WorkspaceRef
    manager: Member
    reps: list[Member]
    week_of: date


def week_ahead_notes(
    uow: UnitOfWork, ws: WorkspaceRef, occasions: Sequence[Occasion]
) -> dict[Occasion, WeekAheadNote]:
    """Two queries for any number of managers: them, and their reps."""
    manager_ids = [o.recipient_id for o in occasions]
    managers = uow.members.get_many(ws, manager_ids)
    reps = uow.members.reps_of_many(ws, manager_ids)
    return {
        o: WeekAheadNote(ws, managers[o.recipient_id], reps[o.recipient_id], o.on)
        for o in occasions
        if o.recipient_id in managers and reps.get(o.recipient_id)
    }


WEEK_AHEAD = ScheduledKind(
    name="week_ahead",
    title="Monday week-ahead note (managers)",
    why="you coach reps in Coachflow",
    audience=Audience.MANAGERS,
    cadence=Cadence.WEEKLY,
    weekday=0,
    local_time=time(8, 0),
    stale=Staleness(days_after=1, at=time(0, 0)),  # worth reading until the day ends
    gather=week_ahead_notes,
)

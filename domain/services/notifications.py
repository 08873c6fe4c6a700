"""What each scheduled message says, as domain data the Slack edge renders.

Jobs and slash commands share these: `/coach` can show the same week-ahead
note on demand that the Monday job sends.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from domain.delivery import Delivery
from domain.model import Member, WorkspaceRef
from domain.ports import UnitOfWorkFactory
from domain.scheduling.kinds import WEEK_AHEAD


@dataclass(frozen=True)
class WeekAheadNote:
    """A manager's Monday note: their reps and what the week holds for each."""

    workspace: WorkspaceRef
    manager: Member
    reps: list[Member]
    week_of: date


class NotificationContentService:
    def __init__(self, uow_factory: UnitOfWorkFactory) -> None:
        self._uow_factory = uow_factory

    def content_for(self, delivery: Delivery) -> object | None:
        """The content of a ledger row, or None when there is nothing to say any more."""
        ws = WorkspaceRef(delivery.key.team_id, delivery.enterprise_id)
        if delivery.key.kind == WEEK_AHEAD.name:
            return self.week_ahead(ws, delivery.key.recipient_id, date.fromisoformat(delivery.key.period))
        raise ValueError(f"no content for notification kind {delivery.key.kind!r}")

    def week_ahead(self, ws: WorkspaceRef, manager_id: str, week_of: date) -> WeekAheadNote | None:
        with self._uow_factory() as uow:
            manager = uow.members.get(ws, manager_id)
            reps = uow.members.reps_of(ws, manager_id)
        if manager is None or not reps:
            return None
        return WeekAheadNote(ws, manager, reps, week_of)

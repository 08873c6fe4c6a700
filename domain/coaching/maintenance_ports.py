"""What maintenance check-ins need from storage (storage/maintenance_repository.py; faked in
tests/fakes_maintenance.py)."""

from __future__ import annotations

from datetime import date
from typing import Protocol

from domain.coaching.maintenance_checkins import MaintenanceCheckin
from domain.model import WorkspaceRef


class MaintenanceCheckinRepository(Protocol):
    """One check-in per rep, cycle and month, with its ratings and indicator readings; scoped by workspace."""

    def save(self, checkin: MaintenanceCheckin) -> MaintenanceCheckin:
        """Insert, or replace the check-in of the same rep, cycle and month (ratings and readings too,
        keeping its id and any restart already recorded); returns it with its id."""
        ...

    def get(self, ref: WorkspaceRef, checkin_id: int) -> MaintenanceCheckin | None: ...

    def for_cycle(self, ref: WorkspaceRef, cycle_id: int, until: date, limit: int) -> list[MaintenanceCheckin]:
        """The cycle's last `limit` check-ins of months up to `until` (inclusive), oldest first."""
        ...

    def mark_restarted(self, ref: WorkspaceRef, checkin_id: int, skill: str, new_cycle_id: int) -> bool:
        """Record once that a flag of this check-in started `new_cycle_id` on `skill`; False (and nothing
        changed) when one was already recorded or the check-in is not in this workspace."""
        ...

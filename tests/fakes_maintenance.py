"""In-memory fake of the maintenance check-in port, used by `tests.fakes`."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from domain.coaching.cycle import CoachingCycle
from domain.coaching.maintenance_checkins import MaintenanceCheckin
from domain.model import Workspace, WorkspaceRef

# {id: check-in}, in insertion order.
MaintenanceCheckins = dict[int, MaintenanceCheckin]


class FakeMaintenanceCheckinRepository:
    def __init__(self, rows: MaintenanceCheckins, cycles: dict[int, CoachingCycle],
                 workspaces: dict[str, Workspace]) -> None:
        self._rows, self._cycles, self._workspaces = rows, cycles, workspaces

    def save(self, checkin: MaintenanceCheckin) -> MaintenanceCheckin:
        team = checkin.workspace.team_id
        cycle = self._cycles.get(checkin.cycle_id)
        if team not in self._workspaces or cycle is None or cycle.workspace.team_id != team:
            raise LookupError(f"no cycle {checkin.cycle_id} in {team}")  # the foreign keys
        same = next((c for c in self._rows.values() if (c.workspace.team_id, c.rep_id, c.cycle_id, c.month)
                     == (team, checkin.rep_id, checkin.cycle_id, checkin.month)), None)
        if same is not None:
            stored = replace(checkin, workspace=self._workspaces[team].ref, id=same.id,
                             restarted_skill=same.restarted_skill, new_cycle_id=same.new_cycle_id)
        else:
            stored = replace(checkin, workspace=self._workspaces[team].ref, id=max(self._rows, default=0) + 1,
                             restarted_skill=None, new_cycle_id=None)
        self._rows[stored.id or 0] = stored
        return stored

    def get(self, ref: WorkspaceRef, checkin_id: int) -> MaintenanceCheckin | None:
        found = self._rows.get(checkin_id)
        return found if found is not None and found.workspace.team_id == ref.team_id else None

    def for_cycle(self, ref: WorkspaceRef, cycle_id: int, until: date, limit: int) -> list[MaintenanceCheckin]:
        mine = sorted((c for c in self._rows.values() if c.workspace.team_id == ref.team_id
                       and c.cycle_id == cycle_id and c.month <= until), key=lambda c: c.month)
        return mine[-limit:] if limit > 0 else []

    def mark_restarted(self, ref: WorkspaceRef, checkin_id: int, skill: str, new_cycle_id: int) -> bool:
        found = self.get(ref, checkin_id)
        if found is None or found.restarted_skill is not None or found.new_cycle_id is not None:
            return False
        self._rows[checkin_id] = replace(found, restarted_skill=skill, new_cycle_id=new_cycle_id)
        return True

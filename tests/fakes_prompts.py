"""In-memory fake of the call-free-days port (the end-of-day prompt's "No calls today"), used by `tests.fakes`."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from domain.model import Workspace, WorkspaceRef

# (team_id, rep_id, day)
CallFreeDays = set[tuple[str, str, date]]


class FakeCallFreeDayRepository:
    def __init__(self, days: CallFreeDays, workspaces: dict[str, Workspace]) -> None:
        self._days, self._workspaces = days, workspaces

    def add(self, ref: WorkspaceRef, rep_id: str, day: date) -> bool:
        if ref.team_id not in self._workspaces:
            raise LookupError(f"add workspace {ref.team_id} before its call-free days")
        key = (ref.team_id, rep_id, day)
        if key in self._days:
            return False
        self._days.add(key)
        return True

    def for_reps_between(self, ref: WorkspaceRef, rep_ids: Iterable[str], first: date, last: date
                         ) -> dict[str, set[date]]:
        wanted = set(rep_ids)
        found: dict[str, set[date]] = {}
        for team_id, rep_id, day in self._days:
            if team_id == ref.team_id and rep_id in wanted and first <= day <= last:
                found.setdefault(rep_id, set()).add(day)
        return found

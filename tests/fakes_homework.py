"""In-memory fake of the homework port, used by `tests.fakes`."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import replace
from datetime import UTC, datetime

from domain.coaching.homework import Homework, HomeworkStatus
from domain.model import Workspace, WorkspaceRef


class FakeHomeworkRepository:
    def __init__(self, rows: dict[int, Homework], workspaces: dict[str, Workspace]) -> None:
        self._rows, self._workspaces = rows, workspaces

    def add(self, homework: Homework) -> Homework:
        if homework.workspace.team_id not in self._workspaces:
            raise LookupError(f"add workspace {homework.workspace.team_id} before its homework")
        new_id = max(self._rows, default=0) + 1
        stored = replace(homework, workspace=self._ref(homework.workspace), id=new_id, created_at=datetime.now(UTC))
        self._rows[new_id] = stored
        return stored

    def get(self, ref: WorkspaceRef, homework_id: int, *, for_update: bool = False) -> Homework | None:
        found = self._rows.get(homework_id)
        return found if found is not None and found.workspace.team_id == ref.team_id else None

    def get_many(self, ref: WorkspaceRef, homework_ids: Iterable[int]) -> dict[int, Homework]:
        found = {h: self.get(ref, h) for h in homework_ids}
        return {h: homework for h, homework in found.items() if homework is not None}

    def update(self, homework: Homework) -> Homework:
        stored = self._rows.get(homework.id) if homework.id is not None else None
        if stored is None or stored.workspace.team_id != homework.workspace.team_id:
            raise LookupError(f"no homework {homework.id} in {homework.workspace.team_id}")
        updated = replace(homework, workspace=stored.workspace, created_at=stored.created_at)
        self._rows[stored.id or 0] = updated
        return updated

    def for_reps(self, ref: WorkspaceRef, rep_ids: Iterable[str],
                 statuses: Collection[HomeworkStatus]) -> dict[str, list[Homework]]:
        wanted, states = set(rep_ids), set(statuses)
        found: dict[str, list[Homework]] = {}
        for homework in sorted(self._rows.values(), key=lambda h: (h.rep_id, h.due_on, h.id or 0)):
            if homework.workspace.team_id == ref.team_id and homework.rep_id in wanted and homework.status in states:
                found.setdefault(homework.rep_id, []).append(homework)
        return found

    def _ref(self, ref: WorkspaceRef) -> WorkspaceRef:
        return self._workspaces[ref.team_id].ref  # like the SQL join: the stored enterprise id

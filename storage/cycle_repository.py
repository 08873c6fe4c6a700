"""SQL implementation of `domain.coaching.ports.CycleRepository`."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from sqlalchemy import Select, or_, select
from sqlalchemy.orm import Session

from domain.coaching.cycle import CoachingCycle, CycleStatus
from domain.model import WorkspaceRef
from storage.orm import CycleRow, WorkspaceRow
from storage.orm.base import in_chunks
from storage.repositories import UnknownRowError


def _cycle(row: CycleRow, enterprise_id: str | None) -> CoachingCycle:
    return CoachingCycle(
        workspace=WorkspaceRef(row.team_id, enterprise_id),
        rep_id=row.rep_id,
        manager_id=row.manager_id,
        starts_on=row.starts_on,
        offset_weeks=row.offset_weeks,
        status=CycleStatus(row.status),
        ended_on=row.ended_on,
        id=row.id,
    )


class SqlCycleRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, cycle: CoachingCycle) -> CoachingCycle:
        row = CycleRow(team_id=cycle.workspace.team_id)
        self._copy(cycle, row)
        self._session.add(row)
        self._session.flush()  # the id, and the one-active-cycle index, now
        return _cycle(row, cycle.workspace.enterprise_id)

    def update(self, cycle: CoachingCycle) -> None:
        row = self._session.get(CycleRow, cycle.id) if cycle.id is not None else None
        if row is None or row.team_id != cycle.workspace.team_id:
            raise UnknownRowError(f"no cycle {cycle.id} in {cycle.workspace.team_id}")
        self._copy(cycle, row)
        self._session.flush()

    def active_for(self, ref: WorkspaceRef, rep_id: str) -> CoachingCycle | None:
        found = self._cycles(self._select(ref).where(CycleRow.rep_id == rep_id, CycleRow.status == "active"))
        return found[0] if found else None

    def active_for_reps(self, ref: WorkspaceRef, rep_ids: Iterable[str]) -> dict[str, CoachingCycle]:
        wanted = list(dict.fromkeys(rep_ids))
        if not wanted:
            return {}
        return {c.rep_id: c for chunk in in_chunks(wanted)
                for c in self._cycles(self._select(ref).where(CycleRow.rep_id.in_(chunk), CycleRow.status == "active"))}

    def history(self, ref: WorkspaceRef, rep_id: str) -> list[CoachingCycle]:
        query = (
            self._select(ref).where(CycleRow.rep_id == rep_id).order_by(CycleRow.starts_on.desc(), CycleRow.id.desc())
        )
        return self._cycles(query)

    def since(self, ref: WorkspaceRef, day: date, manager_id: str | None = None) -> list[CoachingCycle]:
        query = self._select(ref).where(or_(CycleRow.status == "active", CycleRow.ended_on >= day))
        if manager_id is not None:
            query = query.where(CycleRow.manager_id == manager_id)
        return self._cycles(query.order_by(CycleRow.starts_on.desc(), CycleRow.id.desc()))

    @staticmethod
    def _copy(cycle: CoachingCycle, row: CycleRow) -> None:
        row.rep_id = cycle.rep_id
        row.manager_id = cycle.manager_id
        row.starts_on = cycle.starts_on
        row.offset_weeks = cycle.offset_weeks
        row.status = cycle.status.value
        row.ended_on = cycle.ended_on

    @staticmethod
    def _select(ref: WorkspaceRef) -> Select[CycleRow, str | None]:
        return (
            select(CycleRow, WorkspaceRow.enterprise_id)
            .join(WorkspaceRow, WorkspaceRow.team_id == CycleRow.team_id)
            .where(CycleRow.team_id == ref.team_id)
        )

    def _cycles(self, query: Select[CycleRow, str | None]) -> list[CoachingCycle]:
        return [_cycle(row, enterprise) for row, enterprise in self._session.execute(query)]

"""SQL implementations of `PriorityRepository` and `ContractRepository` (week 2 of a cycle)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from domain.coaching.contract import CoachingContract, SuccessMetric
from domain.model import WorkspaceRef
from storage.orm import ContractRow, FocusSkillRow, GapRatingRow, WorkspaceRow
from storage.orm.base import in_chunks
from storage.repositories import UnknownRowError


class SqlPriorityRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def ratings(self, cycle_id: int) -> dict[str, tuple[int, int]]:
        rows = self._session.execute(select(GapRatingRow).where(GapRatingRow.cycle_id == cycle_id)).scalars()
        return {row.competency: (row.impact, row.difficulty) for row in rows}

    def save_ratings(self, ref: WorkspaceRef, cycle_id: int, ratings: Mapping[str, tuple[int, int]]) -> None:
        existing = {
            row.competency: row
            for row in self._session.execute(select(GapRatingRow).where(GapRatingRow.cycle_id == cycle_id)).scalars()
        }
        for competency, (impact, difficulty) in ratings.items():
            row = existing.get(competency)
            if row is None:
                self._session.add(GapRatingRow(team_id=ref.team_id, cycle_id=cycle_id, competency=competency,
                                               impact=impact, difficulty=difficulty))
            else:
                row.impact, row.difficulty = impact, difficulty
        self._session.flush()

    def focus(self, cycle_id: int) -> list[str]:
        query = (
            select(FocusSkillRow.competency).where(FocusSkillRow.cycle_id == cycle_id).order_by(FocusSkillRow.position)
        )
        return list(self._session.execute(query).scalars())

    def set_focus(self, ref: WorkspaceRef, cycle_id: int, skills: list[str]) -> None:
        self._session.execute(delete(FocusSkillRow).where(FocusSkillRow.cycle_id == cycle_id))
        self._session.add_all(
            FocusSkillRow(team_id=ref.team_id, cycle_id=cycle_id, competency=skill, position=n)
            for n, skill in enumerate(skills)
        )
        self._session.flush()

    def rated_cycles(self, cycle_ids: Iterable[int]) -> set[int]:
        wanted = list(cycle_ids)
        if not wanted:
            return set()
        query = select(GapRatingRow.cycle_id).where(GapRatingRow.cycle_id.in_(wanted)).distinct()
        return set(self._session.execute(query).scalars())

    def focus_for(self, cycle_ids: Iterable[int]) -> dict[int, list[str]]:
        wanted = list(cycle_ids)
        found: dict[int, list[str]] = {}
        if not wanted:
            return found
        for chunk in in_chunks(wanted):
            query = (select(FocusSkillRow.cycle_id, FocusSkillRow.competency)
                     .where(FocusSkillRow.cycle_id.in_(chunk)).order_by(FocusSkillRow.cycle_id, FocusSkillRow.position))
            for cycle_id, competency in self._session.execute(query):
                found.setdefault(cycle_id, []).append(competency)
        return found


class SqlContractRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def for_cycle(self, cycle_id: int, *, for_update: bool = False) -> CoachingContract | None:
        query = (
            select(ContractRow, WorkspaceRow.enterprise_id)
            .join(WorkspaceRow, WorkspaceRow.team_id == ContractRow.team_id)
            .where(ContractRow.cycle_id == cycle_id)
        )
        if for_update:
            query = query.with_for_update(of=ContractRow)  # SQLite: its write lock is already held
        found = self._session.execute(query).first()
        return _contract(found[0], found[1]) if found else None

    def for_cycles(self, cycle_ids: Iterable[int]) -> dict[int, CoachingContract]:
        wanted = list(cycle_ids)
        if not wanted:
            return {}
        found: dict[int, CoachingContract] = {}
        for chunk in in_chunks(wanted):
            query = (
                select(ContractRow, WorkspaceRow.enterprise_id)
                .join(WorkspaceRow, WorkspaceRow.team_id == ContractRow.team_id)
                .where(ContractRow.cycle_id.in_(chunk))
            )
            found.update((row.cycle_id, _contract(row, enterprise)) for row, enterprise in self._session.execute(query))
        return found

    def save(self, contract: CoachingContract) -> CoachingContract:
        if contract.cycle_id is None:
            raise ValueError("a stored contract belongs to a cycle")
        if contract.id is None:
            row = ContractRow(team_id=contract.workspace.team_id, cycle_id=contract.cycle_id)
            self._session.add(row)
        else:
            found = self._session.get(ContractRow, contract.id)
            if found is None:
                raise UnknownRowError(f"contract {contract.id}")
            row = found
        row.rep_id, row.manager_id = contract.rep_id, contract.manager_id
        row.metrics = [_metric_json(m) for m in contract.metrics]
        row.weekly_hours = contract.weekly_hours
        row.rep_commitments, row.manager_commitments = contract.rep_commitments, contract.manager_commitments
        row.version, row.history = contract.version, list(contract.history)
        row.rep_signed_at, row.manager_signed_at = contract.rep_signed_at, contract.manager_signed_at
        self._session.flush()
        return _contract(row, contract.workspace.enterprise_id)


def _metric_json(metric: SuccessMetric) -> dict[str, Any]:
    return {"competency": metric.competency, "indicator": metric.indicator, "target": metric.target}


def _contract(row: ContractRow, enterprise_id: str | None) -> CoachingContract:
    return CoachingContract(
        workspace=WorkspaceRef(row.team_id, enterprise_id), rep_id=row.rep_id, manager_id=row.manager_id,
        metrics=[SuccessMetric(m["competency"], m["indicator"], m["target"]) for m in row.metrics],
        weekly_hours=float(row.weekly_hours), rep_commitments=row.rep_commitments,
        manager_commitments=row.manager_commitments, version=row.version, rep_signed_at=row.rep_signed_at,
        manager_signed_at=row.manager_signed_at, id=row.id, history=[str(h) for h in row.history],
        cycle_id=row.cycle_id,
    )

"""SQL implementation of `domain.coaching.ports.CommitmentRepository`."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from datetime import date, datetime
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from domain.coaching.commitments import Change, ChangeKind, Commitment, CommitmentStatus
from domain.model import WorkspaceRef
from storage.orm import CommitmentRow, WorkspaceRow
from storage.orm.base import in_chunks
from storage.repositories import UnknownRowError


class SqlCommitmentRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, commitment: Commitment) -> Commitment:
        row = CommitmentRow(team_id=commitment.workspace.team_id)
        _copy(commitment, row)
        self._session.add(row)
        self._session.flush()
        return _commitment(row, commitment.workspace.enterprise_id)

    def get(self, ref: WorkspaceRef, commitment_id: int, *, for_update: bool = False) -> Commitment | None:
        query = self._select(ref).where(CommitmentRow.id == commitment_id)
        if for_update:
            query = query.with_for_update(of=CommitmentRow)  # SQLite: its write lock is already held
        found = self._session.execute(query).first()
        return _commitment(found[0], found[1]) if found else None

    def get_many(self, ref: WorkspaceRef, commitment_ids: Iterable[int]) -> dict[int, Commitment]:
        found: dict[int, Commitment] = {}
        for chunk in in_chunks(list(dict.fromkeys(commitment_ids))):
            query = self._select(ref).where(CommitmentRow.id.in_(chunk))
            found.update({row.id: _commitment(row, enterprise) for row, enterprise in self._session.execute(query)})
        return found

    def update(self, commitment: Commitment) -> Commitment:
        row = self._session.get(CommitmentRow, commitment.id) if commitment.id is not None else None
        if row is None or row.team_id != commitment.workspace.team_id:
            raise UnknownRowError(f"no commitment {commitment.id} in {commitment.workspace.team_id}")
        _copy(commitment, row)
        self._session.flush()
        return _commitment(row, commitment.workspace.enterprise_id)

    def for_reps(self, ref: WorkspaceRef, rep_ids: Iterable[str], statuses: Collection[CommitmentStatus] | None = None,
                 deadline_from: date | None = None) -> dict[str, list[Commitment]]:
        return self._by(ref, CommitmentRow.rep_id, rep_ids, statuses, deadline_from)

    def owned_by(self, ref: WorkspaceRef, owner_ids: Iterable[str],
                 statuses: Collection[CommitmentStatus]) -> dict[str, list[Commitment]]:
        return self._by(ref, CommitmentRow.owner_id, owner_ids, statuses, None)

    def _by(self, ref: WorkspaceRef, column: InstrumentedAttribute[str], people: Iterable[str],
            statuses: Collection[CommitmentStatus] | None, deadline_from: date | None) -> dict[str, list[Commitment]]:
        found: dict[str, list[Commitment]] = {}
        if statuses is not None and not statuses:
            return found
        for chunk in in_chunks(list(dict.fromkeys(people))):
            query = self._select(ref).where(column.in_(chunk))
            if statuses is not None:
                query = query.where(CommitmentRow.status.in_([s.value for s in statuses]))
            if deadline_from is not None:
                query = query.where(CommitmentRow.deadline >= deadline_from)
            for row, enterprise in self._session.execute(query.order_by(CommitmentRow.deadline, CommitmentRow.id)):
                key = row.rep_id if column is CommitmentRow.rep_id else row.owner_id
                found.setdefault(key, []).append(_commitment(row, enterprise))
        return found

    @staticmethod
    def _select(ref: WorkspaceRef) -> Select[CommitmentRow, str | None]:
        return (
            select(CommitmentRow, WorkspaceRow.enterprise_id)
            .join(WorkspaceRow, WorkspaceRow.team_id == CommitmentRow.team_id)
            .where(CommitmentRow.team_id == ref.team_id)
        )


def _copy(commitment: Commitment, row: CommitmentRow) -> None:
    row.rep_id = commitment.rep_id
    row.manager_id = commitment.manager_id
    row.owner_id = commitment.owner_id
    row.plan_id = commitment.plan_id
    row.session_id = commitment.session_id
    row.action = commitment.action
    row.deadline = commitment.deadline
    row.evidence = commitment.evidence
    row.confidence = commitment.confidence
    row.support = commitment.support
    row.status = commitment.status.value
    row.obstacles = commitment.obstacles
    row.answered_on = commitment.answered_on
    row.created_by = commitment.created_by
    row.history = [_change_json(c) for c in commitment.history]


def _change_json(change: Change) -> dict[str, Any]:
    return {"kind": change.kind.value, "by": change.by, "at": change.at.isoformat(), "note": change.note}


def _change(raw: dict[str, Any]) -> Change:
    return Change(ChangeKind(raw["kind"]), str(raw["by"]), datetime.fromisoformat(raw["at"]), str(raw.get("note", "")))


def _commitment(row: CommitmentRow, enterprise_id: str | None) -> Commitment:
    return Commitment(
        workspace=WorkspaceRef(row.team_id, enterprise_id), rep_id=row.rep_id, manager_id=row.manager_id,
        owner_id=row.owner_id, action=row.action, deadline=row.deadline, plan_id=row.plan_id,
        evidence=row.evidence, confidence=row.confidence, support=row.support,
        status=CommitmentStatus(row.status), obstacles=row.obstacles, answered_on=row.answered_on,
        session_id=row.session_id, created_by=row.created_by, created_at=row.created_at,
        history=tuple(_change(c) for c in row.history or []), id=row.id,
    )

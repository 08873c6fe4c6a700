"""SQL implementation of `domain.coaching.ports.HomeworkRepository`."""

from __future__ import annotations

from collections.abc import Collection, Iterable

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from domain.coaching.homework import HandIn, HandInKind, Homework, HomeworkStatus
from domain.model import WorkspaceRef
from storage.orm import HomeworkRow, WorkspaceRow
from storage.orm.base import IDS_PER_STATEMENT
from storage.repositories import UnknownRowError

# Ids or reps per IN (...) list, far under the drivers' parameter limits.
PER_QUERY = IDS_PER_STATEMENT


class SqlHomeworkRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, homework: Homework) -> Homework:
        row = HomeworkRow(team_id=homework.workspace.team_id)
        _copy(homework, row)
        self._session.add(row)
        self._session.flush()
        return _homework(row, homework.workspace.enterprise_id)

    def get(self, ref: WorkspaceRef, homework_id: int, *, for_update: bool = False) -> Homework | None:
        query = self._select(ref).where(HomeworkRow.id == homework_id)
        if for_update:
            query = query.with_for_update(of=HomeworkRow)  # SQLite: its write lock is already held
        found = self._session.execute(query).first()
        return _homework(found[0], found[1]) if found else None

    def get_many(self, ref: WorkspaceRef, homework_ids: Iterable[int]) -> dict[int, Homework]:
        wanted = list(dict.fromkeys(homework_ids))
        found: dict[int, Homework] = {}
        for start in range(0, len(wanted), PER_QUERY):
            query = self._select(ref).where(HomeworkRow.id.in_(wanted[start:start + PER_QUERY]))
            found.update({row.id: _homework(row, enterprise) for row, enterprise in self._session.execute(query)})
        return found

    def update(self, homework: Homework) -> Homework:
        row = self._session.get(HomeworkRow, homework.id) if homework.id is not None else None
        if row is None or row.team_id != homework.workspace.team_id:
            raise UnknownRowError(f"no homework {homework.id} in {homework.workspace.team_id}")
        _copy(homework, row)
        self._session.flush()
        return _homework(row, homework.workspace.enterprise_id)

    def for_reps(
        self, ref: WorkspaceRef, rep_ids: Iterable[str], statuses: Collection[HomeworkStatus]
    ) -> dict[str, list[Homework]]:
        wanted = list(dict.fromkeys(rep_ids))
        states = [s.value for s in statuses]
        found: dict[str, list[Homework]] = {}
        if not states:
            return found
        for start in range(0, len(wanted), PER_QUERY):
            query = (
                self._select(ref)
                .where(HomeworkRow.rep_id.in_(wanted[start:start + PER_QUERY]), HomeworkRow.status.in_(states))
                .order_by(HomeworkRow.rep_id, HomeworkRow.due_on, HomeworkRow.id)
            )
            for row, enterprise in self._session.execute(query):
                found.setdefault(row.rep_id, []).append(_homework(row, enterprise))
        return found

    @staticmethod
    def _select(ref: WorkspaceRef) -> Select[HomeworkRow, str | None]:
        return (
            select(HomeworkRow, WorkspaceRow.enterprise_id)
            .join(WorkspaceRow, WorkspaceRow.team_id == HomeworkRow.team_id)
            .where(HomeworkRow.team_id == ref.team_id)
        )


def _copy(homework: Homework, row: HomeworkRow) -> None:
    hand_in = homework.hand_in
    row.rep_id = homework.rep_id
    row.manager_id = homework.manager_id
    row.cycle_id = homework.cycle_id
    row.competency = homework.competency
    row.template_id = homework.template_id
    row.text = homework.text
    row.due_on = homework.due_on
    row.hand_in_kind = homework.hand_in_kind.value
    row.status = homework.status.value
    row.hand_in_text = hand_in.text if hand_in else None
    row.hand_in_link = hand_in.link if hand_in else None
    row.hand_in_file_id = hand_in.file_id if hand_in else None
    row.hand_in_file_name = hand_in.file_name if hand_in else None
    row.handed_in_at = homework.handed_in_at
    row.feedback = homework.feedback
    row.feedback_at = homework.feedback_at


def _homework(row: HomeworkRow, enterprise_id: str | None) -> Homework:
    handed_in = row.status != HomeworkStatus.ASSIGNED.value
    hand_in = HandIn(row.hand_in_text or "", row.hand_in_link, row.hand_in_file_id, row.hand_in_file_name)
    return Homework(
        workspace=WorkspaceRef(row.team_id, enterprise_id), rep_id=row.rep_id, manager_id=row.manager_id,
        text=row.text, due_on=row.due_on, hand_in_kind=HandInKind(row.hand_in_kind),
        status=HomeworkStatus(row.status), cycle_id=row.cycle_id, competency=row.competency,
        template_id=row.template_id, hand_in=hand_in if handed_in else None, handed_in_at=row.handed_in_at,
        feedback=row.feedback, feedback_at=row.feedback_at, created_at=row.created_at, id=row.id,
    )

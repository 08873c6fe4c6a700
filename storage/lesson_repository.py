"""SQL implementations of `LessonProgressRepository` and `LessonTextRepository` (micro-lessons, weeks 3-6)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from domain.catalog.lesson_texts import TEXT_FIELDS, LessonText
from domain.coaching.lessons import LessonProgress, LessonStatus
from domain.model import WorkspaceRef
from storage.dialects import upsert_insert
from storage.orm import LessonProgressRow, LessonTextRow, utcnow
from storage.orm.base import in_chunks
from storage.repositories import UnknownRowError

_KEY = (LessonProgressRow.team_id, LessonProgressRow.cycle_id, LessonProgressRow.lesson_id)


def _progress(row: LessonProgressRow, ref: WorkspaceRef) -> LessonProgress:
    return LessonProgress(
        workspace=ref, rep_id=row.rep_id, cycle_id=row.cycle_id, competency=row.competency,
        lesson_id=row.lesson_id, status=LessonStatus(row.status), sent_at=row.sent_at, done_at=row.done_at,
        remind_on=row.remind_on, discuss_at=row.discuss_at, updated_at=row.updated_at, id=row.id,
    )


class SqlLessonProgressRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def for_cycles(self, ref: WorkspaceRef, cycle_ids: Iterable[int]) -> dict[int, dict[str, LessonProgress]]:
        wanted = list(dict.fromkeys(cycle_ids))
        found: dict[int, dict[str, LessonProgress]] = {}
        if not wanted:
            return found
        for chunk in in_chunks(wanted):
            query = (select(LessonProgressRow)
                     .where(LessonProgressRow.team_id == ref.team_id, LessonProgressRow.cycle_id.in_(chunk))
                     .order_by(LessonProgressRow.cycle_id, LessonProgressRow.id))
            for row in self._session.execute(query).scalars():
                found.setdefault(row.cycle_id, {})[row.lesson_id] = _progress(row, ref)
        return found

    def locked(self, ref: WorkspaceRef, fresh: LessonProgress) -> LessonProgress:
        now = utcnow()
        # Insert-or-ignore: a concurrent first writer on PostgreSQL makes this wait, then do nothing.
        self._session.execute(
            upsert_insert(self._session, LessonProgressRow)
            .values(team_id=ref.team_id, cycle_id=fresh.cycle_id, rep_id=fresh.rep_id, competency=fresh.competency,
                    lesson_id=fresh.lesson_id, status=fresh.status.value, sent_at=fresh.sent_at,
                    done_at=fresh.done_at, remind_on=fresh.remind_on, discuss_at=fresh.discuss_at,
                    created_at=now, updated_at=now)
            .on_conflict_do_nothing(index_elements=list(_KEY))
        )
        query = (select(LessonProgressRow)
                 .where(LessonProgressRow.team_id == ref.team_id, LessonProgressRow.cycle_id == fresh.cycle_id,
                        LessonProgressRow.lesson_id == fresh.lesson_id)
                 .with_for_update())  # SQLite: its write lock is already held
        row = self._session.execute(query).scalar_one()
        return _progress(row, ref)

    def save(self, progress: LessonProgress) -> None:
        row = self._session.get(LessonProgressRow, progress.id) if progress.id is not None else None
        if row is None or row.team_id != progress.workspace.team_id:
            raise UnknownRowError(f"lesson progress {progress.id}")
        row.status, row.sent_at, row.done_at = progress.status.value, progress.sent_at, progress.done_at
        row.remind_on, row.discuss_at = progress.remind_on, progress.discuss_at
        row.updated_at = progress.updated_at or utcnow()
        self._session.flush()

    def to_discuss(self, ref: WorkspaceRef, rep_ids: Iterable[str]) -> dict[str, list[LessonProgress]]:
        wanted = list(dict.fromkeys(rep_ids))
        found: dict[str, list[LessonProgress]] = {}
        if not wanted:
            return found
        query = (select(LessonProgressRow)
                 .where(LessonProgressRow.team_id == ref.team_id, LessonProgressRow.rep_id.in_(wanted),
                        LessonProgressRow.discuss_at.is_not(None))
                 .order_by(LessonProgressRow.rep_id, LessonProgressRow.discuss_at, LessonProgressRow.id))
        for row in self._session.execute(query).scalars():
            found.setdefault(row.rep_id, []).append(_progress(row, ref))
        return found


class SqlLessonTextRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def for_workspace(self, ref: WorkspaceRef) -> dict[str, LessonText]:
        query = select(LessonTextRow).where(LessonTextRow.team_id == ref.team_id).order_by(LessonTextRow.id)
        return {
            row.lesson_id: LessonText.model_construct(**{name: getattr(row, name) for name in TEXT_FIELDS})
            for row in self._session.execute(query).scalars()
        }

    def replace(self, ref: WorkspaceRef, texts: Mapping[str, LessonText]) -> None:
        self.clear(ref)
        self._session.add_all(
            LessonTextRow(team_id=ref.team_id, lesson_id=lesson_id,
                          **{name: getattr(text, name) for name in TEXT_FIELDS})
            for lesson_id, text in texts.items()
        )
        self._session.flush()

    def clear(self, ref: WorkspaceRef) -> int:
        removed = self._session.execute(
            delete(LessonTextRow).where(LessonTextRow.team_id == ref.team_id).returning(LessonTextRow.id)
        ).all()
        return len(removed)

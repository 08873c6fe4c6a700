"""SQL implementation of `CallFreeDayRepository`: insert-or-ignore on (workspace, rep, day)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from domain.model import WorkspaceRef
from storage.dialects import upsert_insert
from storage.orm import CallFreeDayRow, utcnow


class SqlCallFreeDayRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, ref: WorkspaceRef, rep_id: str, day: date) -> bool:
        statement = (
            upsert_insert(self._session, CallFreeDayRow)
            .values(team_id=ref.team_id, rep_id=rep_id, day=day, created_at=utcnow())
            .on_conflict_do_nothing(index_elements=[CallFreeDayRow.team_id, CallFreeDayRow.rep_id,
                                                    CallFreeDayRow.day])
            .returning(CallFreeDayRow.id)
        )
        return self._session.execute(statement).first() is not None

    def for_reps_between(self, ref: WorkspaceRef, rep_ids: Iterable[str], first: date, last: date
                         ) -> dict[str, set[date]]:
        wanted = list(dict.fromkeys(rep_ids))
        if not wanted:
            return {}
        rows = self._session.execute(
            select(CallFreeDayRow.rep_id, CallFreeDayRow.day).where(
                CallFreeDayRow.team_id == ref.team_id, CallFreeDayRow.rep_id.in_(wanted),
                CallFreeDayRow.day >= first, CallFreeDayRow.day <= last,
            )
        )
        found: dict[str, set[date]] = {}
        for rep_id, day in rows:
            found.setdefault(rep_id, set()).add(day)
        return found

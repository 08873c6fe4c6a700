"""SQL implementation of `ScorecardCommentRepository`."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from domain.coaching.scorecard_comments import ScorecardComment
from domain.model import WorkspaceRef
from storage.orm import ScorecardCommentRow
from storage.orm.base import IDS_PER_STATEMENT


def _comment(row: ScorecardCommentRow, ref: WorkspaceRef) -> ScorecardComment:
    return ScorecardComment(ref, row.rep_id, row.manager_id, row.week, row.text, created_at=row.created_at,
                            id=row.id)


class SqlScorecardCommentRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, comment: ScorecardComment) -> ScorecardComment:
        row = ScorecardCommentRow(
            team_id=comment.workspace.team_id, rep_id=comment.rep_id, manager_id=comment.manager_id,
            week=comment.week, text=comment.text,
            **({"created_at": comment.created_at} if comment.created_at else {}),
        )
        self._session.add(row)
        self._session.flush()
        return _comment(row, comment.workspace)

    def for_reps_weeks(self, ref: WorkspaceRef, rep_ids: Iterable[str], week_labels: Iterable[str]
                       ) -> dict[str, list[ScorecardComment]]:
        wanted, weeks = list(dict.fromkeys(rep_ids)), list(dict.fromkeys(week_labels))
        if not wanted or not weeks:
            return {}
        found: dict[str, list[ScorecardComment]] = {}
        per_query = max(1, IDS_PER_STATEMENT - len(weeks))  # the week labels are bound parameters too
        for start in range(0, len(wanted), per_query):
            query = select(ScorecardCommentRow).where(
                ScorecardCommentRow.team_id == ref.team_id,
                ScorecardCommentRow.rep_id.in_(wanted[start : start + per_query]),
                ScorecardCommentRow.week.in_(weeks),
            ).order_by(ScorecardCommentRow.rep_id, ScorecardCommentRow.created_at, ScorecardCommentRow.id)
            for row in self._session.scalars(query):
                found.setdefault(row.rep_id, []).append(_comment(row, ref))
        return found

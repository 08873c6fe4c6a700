"""SQL implementations of `CallScoreRepository` and `SelfAssessmentRepository`."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from domain.coaching.scoring import CallScore
from domain.coaching.self_assessment import Answer, SelfAssessment
from domain.model import WorkspaceRef
from storage.orm import CallScoreRow, SelfAssessmentRow, WorkspaceRow


class SqlCallScoreRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, score: CallScore) -> CallScore:
        row = CallScoreRow(
            team_id=score.workspace.team_id, rep_id=score.rep_id, scored_by=score.scored_by,
            call_title=score.call_title, call_link=score.call_link, call_on=score.call_on,
            scores=dict(score.scores), notes=score.notes,
        )
        self._session.add(row)
        self._session.flush()
        return _score(row, score.workspace)

    def for_rep(self, ref: WorkspaceRef, rep_id: str, limit: int = 100) -> list[CallScore]:
        query = (
            select(CallScoreRow, WorkspaceRow.enterprise_id)
            .join(WorkspaceRow, WorkspaceRow.team_id == CallScoreRow.team_id)
            .where(CallScoreRow.team_id == ref.team_id, CallScoreRow.rep_id == rep_id)
            .order_by(CallScoreRow.call_on.desc(), CallScoreRow.id.desc())
            .limit(limit)
        )
        return [_score(row, WorkspaceRef(ref.team_id, enterprise)) for row, enterprise in self._session.execute(query)]

    def for_reps(self, ref: WorkspaceRef, rep_ids: Iterable[str], limit: int = 100) -> dict[str, list[CallScore]]:
        wanted = list(dict.fromkeys(rep_ids))
        if not wanted:
            return {}
        newest = (CallScoreRow.call_on.desc(), CallScoreRow.id.desc())  # for_rep's order
        query = _newest_per_rep(CallScoreRow, ref, wanted, newest, limit).order_by(CallScoreRow.rep_id, *newest)
        found: dict[str, list[CallScore]] = {}
        for row, enterprise in self._session.execute(query):
            found.setdefault(row.rep_id, []).append(_score(row, WorkspaceRef(ref.team_id, enterprise)))
        return found

    def observed_call_dates(self, ref: WorkspaceRef, rep_ids: Iterable[str], since: date) -> dict[str, list[date]]:
        wanted = list(rep_ids)
        query = select(CallScoreRow.rep_id, CallScoreRow.call_on).where(
            CallScoreRow.team_id == ref.team_id, CallScoreRow.rep_id.in_(wanted),
            CallScoreRow.scored_by != CallScoreRow.rep_id, CallScoreRow.call_on >= since,
        )
        found: dict[str, list[date]] = {}
        for rep_id, call_on in self._session.execute(query) if wanted else []:
            found.setdefault(rep_id, []).append(call_on)
        return found


def _newest_per_rep(row: Any, ref: WorkspaceRef, rep_ids: list[str], newest: tuple[Any, ...], most: int) -> Any:
    """Each rep's first `most` rows of `row`'s table in `newest` order, with the workspace's enterprise id.

    One query for any number of reps: every rep's rows are numbered in that
    order and the first ones kept (a window function: SQLite 3.25+, PostgreSQL).
    """
    place = func.row_number().over(partition_by=row.rep_id, order_by=newest).label("place")
    ranked = select(row.id, place).where(row.team_id == ref.team_id, row.rep_id.in_(rep_ids)).subquery()
    return (
        select(row, WorkspaceRow.enterprise_id)
        .join(ranked, ranked.c.id == row.id)
        .join(WorkspaceRow, WorkspaceRow.team_id == row.team_id)
        .where(ranked.c.place <= most)
    )


def _score(row: CallScoreRow, workspace: WorkspaceRef) -> CallScore:
    return CallScore(
        workspace=workspace, rep_id=row.rep_id, scored_by=row.scored_by, call_title=row.call_title,
        call_on=row.call_on, scores={str(k): int(v) for k, v in row.scores.items()}, call_link=row.call_link,
        notes=row.notes, created_at=row.created_at, id=row.id,
    )


class SqlSelfAssessmentRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, assessment: SelfAssessment) -> SelfAssessment:
        if assessment.submitted_at is None:
            raise ValueError("a stored self-assessment needs submitted_at")
        row = SelfAssessmentRow(
            team_id=assessment.workspace.team_id, rep_id=assessment.rep_id,
            answers=[_answer_json(a) for a in assessment.answers], submitted_at=assessment.submitted_at,
        )
        self._session.add(row)
        self._session.flush()
        return _assessment(row, assessment.workspace)

    def latest(self, ref: WorkspaceRef, rep_id: str) -> SelfAssessment | None:
        query = (
            select(SelfAssessmentRow, WorkspaceRow.enterprise_id)
            .join(WorkspaceRow, WorkspaceRow.team_id == SelfAssessmentRow.team_id)
            .where(SelfAssessmentRow.team_id == ref.team_id, SelfAssessmentRow.rep_id == rep_id)
            .order_by(SelfAssessmentRow.submitted_at.desc(), SelfAssessmentRow.id.desc())
            .limit(1)
        )
        found = self._session.execute(query).first()
        return _assessment(found[0], WorkspaceRef(ref.team_id, found[1])) if found else None

    def latest_for(self, ref: WorkspaceRef, rep_ids: Iterable[str]) -> dict[str, SelfAssessment]:
        wanted = list(dict.fromkeys(rep_ids))
        if not wanted:
            return {}
        newest = (SelfAssessmentRow.submitted_at.desc(), SelfAssessmentRow.id.desc())  # latest's order
        query = _newest_per_rep(SelfAssessmentRow, ref, wanted, newest, 1)
        return {row.rep_id: _assessment(row, WorkspaceRef(ref.team_id, enterprise))
                for row, enterprise in self._session.execute(query)}

    def latest_dates(self, ref: WorkspaceRef, rep_ids: Iterable[str]) -> dict[str, datetime]:
        wanted = list(rep_ids)
        if not wanted:
            return {}
        query = (
            select(SelfAssessmentRow.rep_id, func.max(SelfAssessmentRow.submitted_at))
            .where(SelfAssessmentRow.team_id == ref.team_id, SelfAssessmentRow.rep_id.in_(wanted))
            .group_by(SelfAssessmentRow.rep_id)
        )
        return {rep_id: _utc(at) for rep_id, at in self._session.execute(query)}


def _answer_json(answer: Answer) -> dict[str, Any]:
    return {"question": answer.question, "competency": answer.competency,
            "confidence": answer.confidence, "competence": answer.competence}


def _assessment(row: SelfAssessmentRow, workspace: WorkspaceRef) -> SelfAssessment:
    answers = [Answer(a["question"], a["competency"], int(a["confidence"]), int(a["competence"])) for a in row.answers]
    return SelfAssessment(workspace, row.rep_id, answers, row.submitted_at, row.id)


def _utc(at: datetime) -> datetime:
    # An aggregate skips the column type, so SQLite hands back a naive (UTC) datetime.
    return at if at.tzinfo else at.replace(tzinfo=UTC)

"""SQL implementations of `CallScoreRepository` and `SelfAssessmentRepository`."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from domain.coaching.scoring import CallScore
from domain.coaching.self_assessment import Answer, SelfAssessment
from domain.model import WorkspaceRef
from storage.orm import CallScoreRow, SelfAssessmentRow, WorkspaceRow


def _enterprise(session: Session, team_id: str) -> str | None:
    return session.execute(select(WorkspaceRow.enterprise_id).where(WorkspaceRow.team_id == team_id)).scalar()


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
            select(CallScoreRow)
            .where(CallScoreRow.team_id == ref.team_id, CallScoreRow.rep_id == rep_id)
            .order_by(CallScoreRow.call_on.desc(), CallScoreRow.id.desc())
            .limit(limit)
        )
        rows = self._session.execute(query).scalars().all()
        workspace = WorkspaceRef(ref.team_id, _enterprise(self._session, ref.team_id)) if rows else ref
        return [_score(row, workspace) for row in rows]


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
            select(SelfAssessmentRow)
            .where(SelfAssessmentRow.team_id == ref.team_id, SelfAssessmentRow.rep_id == rep_id)
            .order_by(SelfAssessmentRow.submitted_at.desc(), SelfAssessmentRow.id.desc())
            .limit(1)
        )
        row = self._session.execute(query).scalars().first()
        if row is None:
            return None
        return _assessment(row, WorkspaceRef(ref.team_id, _enterprise(self._session, ref.team_id)))


def _answer_json(answer: Answer) -> dict[str, Any]:
    return {"question": answer.question, "competency": answer.competency,
            "confidence": answer.confidence, "competence": answer.competence}


def _assessment(row: SelfAssessmentRow, workspace: WorkspaceRef) -> SelfAssessment:
    answers = [Answer(a["question"], a["competency"], int(a["confidence"]), int(a["competence"])) for a in row.answers]
    return SelfAssessment(workspace, row.rep_id, answers, row.submitted_at, row.id)

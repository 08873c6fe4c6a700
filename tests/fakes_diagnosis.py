"""In-memory fakes of the diagnosis ports (scored calls, self-assessments), used by `tests.fakes`."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import UTC, datetime

from domain.coaching.scoring import CallScore
from domain.coaching.self_assessment import SelfAssessment
from domain.model import Workspace, WorkspaceRef


@dataclass
class DiagnosisTables:
    call_scores: dict[int, CallScore] = field(default_factory=dict)
    self_assessments: dict[int, SelfAssessment] = field(default_factory=dict)

    def copy(self) -> DiagnosisTables:
        return DiagnosisTables(dict(self.call_scores), dict(self.self_assessments))


def _workspace(workspaces: dict[str, Workspace], ref: WorkspaceRef, what: str) -> WorkspaceRef:
    if ref.team_id not in workspaces:
        raise LookupError(f"add workspace {ref.team_id} before its {what}")
    return workspaces[ref.team_id].ref  # like the SQL join: the stored enterprise id


class FakeCallScoreRepository:
    def __init__(self, tables: DiagnosisTables, workspaces: dict[str, Workspace]) -> None:
        self._t, self._workspaces = tables, workspaces

    def add(self, score: CallScore) -> CallScore:
        ref = _workspace(self._workspaces, score.workspace, "call scores")
        stored = replace(score, workspace=ref, scores=dict(score.scores), id=len(self._t.call_scores) + 1,
                         created_at=datetime.now(UTC))
        self._t.call_scores[stored.id] = stored  # type: ignore[index]
        return stored

    def for_rep(self, ref: WorkspaceRef, rep_id: str, limit: int = 100) -> list[CallScore]:
        mine = [s for s in self._t.call_scores.values() if s.workspace.team_id == ref.team_id and s.rep_id == rep_id]
        return sorted(mine, key=lambda s: (s.call_on, s.id or 0), reverse=True)[:limit]


class FakeSelfAssessmentRepository:
    def __init__(self, tables: DiagnosisTables, workspaces: dict[str, Workspace]) -> None:
        self._t, self._workspaces = tables, workspaces

    def add(self, assessment: SelfAssessment) -> SelfAssessment:
        if assessment.submitted_at is None:
            raise ValueError("a stored self-assessment needs submitted_at")
        ref = _workspace(self._workspaces, assessment.workspace, "self-assessments")
        stored = replace(assessment, workspace=ref, answers=list(assessment.answers),
                         id=len(self._t.self_assessments) + 1)
        self._t.self_assessments[stored.id] = stored  # type: ignore[index]
        return stored

    def latest(self, ref: WorkspaceRef, rep_id: str) -> SelfAssessment | None:
        mine = [a for a in self._t.self_assessments.values()
                if a.workspace.team_id == ref.team_id and a.rep_id == rep_id]
        return max(mine, key=lambda a: (a.submitted_at, a.id or 0), default=None)  # type: ignore[arg-type]

"""In-memory fakes of the diagnosis ports (scored calls, self-assessments), used by `tests.fakes`."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime

from domain.coaching.contract import CoachingContract
from domain.coaching.scoring import CallScore
from domain.coaching.self_assessment import SelfAssessment
from domain.model import Workspace, WorkspaceRef


@dataclass
class DiagnosisTables:
    call_scores: dict[int, CallScore] = field(default_factory=dict)
    self_assessments: dict[int, SelfAssessment] = field(default_factory=dict)
    ratings: dict[tuple[int, str], tuple[int, int]] = field(default_factory=dict)
    focus: dict[int, list[str]] = field(default_factory=dict)
    contracts: dict[int, CoachingContract] = field(default_factory=dict)  # by cycle id

    def copy(self) -> DiagnosisTables:
        return DiagnosisTables(dict(self.call_scores), dict(self.self_assessments), dict(self.ratings),
                               {k: list(v) for k, v in self.focus.items()}, dict(self.contracts))


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

    def for_reps(self, ref: WorkspaceRef, rep_ids: Iterable[str], limit: int = 100) -> dict[str, list[CallScore]]:
        found = {rep_id: self.for_rep(ref, rep_id, limit) for rep_id in rep_ids}
        return {rep_id: scores for rep_id, scores in found.items() if scores}

    def observed_call_dates(self, ref: WorkspaceRef, rep_ids: Iterable[str], since: date) -> dict[str, list[date]]:
        wanted = set(rep_ids)
        found: dict[str, list[date]] = {}
        for s in self._t.call_scores.values():
            if s.workspace.team_id == ref.team_id and s.rep_id in wanted and not s.is_self_score and s.call_on >= since:
                found.setdefault(s.rep_id, []).append(s.call_on)
        return found


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
        return max(mine, key=lambda a: (a.submitted_at, a.id or 0), default=None)

    def latest_for(self, ref: WorkspaceRef, rep_ids: Iterable[str]) -> dict[str, SelfAssessment]:
        found = {rep_id: self.latest(ref, rep_id) for rep_id in rep_ids}
        return {rep_id: assessment for rep_id, assessment in found.items() if assessment is not None}

    def latest_dates(self, ref: WorkspaceRef, rep_ids: Iterable[str]) -> dict[str, datetime]:
        wanted = set(rep_ids)
        found: dict[str, datetime] = {}
        for a in self._t.self_assessments.values():
            if a.workspace.team_id == ref.team_id and a.rep_id in wanted and a.submitted_at is not None:
                found[a.rep_id] = max(found.get(a.rep_id, a.submitted_at), a.submitted_at)
        return found


class FakePriorityRepository:
    def __init__(self, tables: DiagnosisTables) -> None:
        self._t = tables

    def ratings(self, cycle_id: int) -> dict[str, tuple[int, int]]:
        return {comp: rating for (cycle, comp), rating in self._t.ratings.items() if cycle == cycle_id}

    def save_ratings(self, ref: WorkspaceRef, cycle_id: int, ratings: Mapping[str, tuple[int, int]]) -> None:
        for competency, rating in ratings.items():
            self._t.ratings[(cycle_id, competency)] = rating

    def focus(self, cycle_id: int) -> list[str]:
        return list(self._t.focus.get(cycle_id, []))

    def set_focus(self, ref: WorkspaceRef, cycle_id: int, skills: list[str]) -> None:
        self._t.focus[cycle_id] = list(skills)

    def rated_cycles(self, cycle_ids: Iterable[int]) -> set[int]:
        wanted = set(cycle_ids)
        return {cycle for cycle, _ in self._t.ratings if cycle in wanted}

    def focus_for(self, cycle_ids: Iterable[int]) -> dict[int, list[str]]:
        return {c: list(self._t.focus[c]) for c in cycle_ids if self._t.focus.get(c)}


class FakeContractRepository:
    def __init__(self, tables: DiagnosisTables, workspaces: dict[str, Workspace]) -> None:
        self._t, self._workspaces = tables, workspaces

    def for_cycle(self, cycle_id: int, *, for_update: bool = False) -> CoachingContract | None:
        return self._t.contracts.get(cycle_id)

    def for_cycles(self, cycle_ids: Iterable[int]) -> dict[int, CoachingContract]:
        return {c: self._t.contracts[c] for c in cycle_ids if c in self._t.contracts}

    def save(self, contract: CoachingContract) -> CoachingContract:
        if contract.cycle_id is None:
            raise ValueError("a stored contract belongs to a cycle")
        ref = _workspace(self._workspaces, contract.workspace, "contracts")
        ids = [c.id for c in self._t.contracts.values() if c.id is not None]
        stored = replace(contract, workspace=ref, id=contract.id or max(ids, default=0) + 1,
                         metrics=list(contract.metrics), history=list(contract.history))
        self._t.contracts[contract.cycle_id] = stored
        return stored

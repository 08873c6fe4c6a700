"""What the coaching use cases need from storage (implemented in storage/, faked in tests)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

from domain.coaching.cycle import CoachingCycle
from domain.coaching.scoring import CallScore
from domain.coaching.self_assessment import SelfAssessment
from domain.model import WorkspaceRef


class CycleRepository(Protocol):
    """Coaching cycles, scoped by workspace; at most one active per rep."""

    def add(self, cycle: CoachingCycle) -> CoachingCycle:
        """Store a new cycle and return it with its id."""
        ...

    def update(self, cycle: CoachingCycle) -> None: ...

    def active_for(self, ref: WorkspaceRef, rep_id: str) -> CoachingCycle | None: ...

    def active_for_reps(self, ref: WorkspaceRef, rep_ids: Iterable[str]) -> dict[str, CoachingCycle]:
        """One query for a team: App Home and the week-ahead note show every rep's stage."""
        ...

    def history(self, ref: WorkspaceRef, rep_id: str) -> list[CoachingCycle]:
        """Every cycle of the rep, newest first."""
        ...


class CallScoreRepository(Protocol):
    """Scored calls (by a manager or by the rep themself), scoped by workspace."""

    def add(self, score: CallScore) -> CallScore:
        """Store a new score and return it with its id."""
        ...

    def for_rep(self, ref: WorkspaceRef, rep_id: str, limit: int = 100) -> list[CallScore]:
        """The rep's scores, self and manager alike, newest call first (then newest stored)."""
        ...


class SelfAssessmentRepository(Protocol):
    """Submitted self-assessments; a new one does not replace the old, the latest counts."""

    def add(self, assessment: SelfAssessment) -> SelfAssessment: ...

    def latest(self, ref: WorkspaceRef, rep_id: str) -> SelfAssessment | None: ...

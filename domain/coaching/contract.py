"""The coaching contract: two skills, how success is measured, time, and mutual promises.

Both sign it. Any change after a signature clears both signatures, so a
signed contract never changes silently.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime

from domain import field_lengths
from domain.coaching.priorities import MAX_FOCUS_SKILLS
from domain.errors import InvalidInput, NotAllowed
from domain.model import WorkspaceRef

MAX_WEEKLY_HOURS = 20.0
MAX_TEXT = field_lengths.CONTRACT_COMMITMENTS


@dataclass(frozen=True)
class SuccessMetric:
    competency: str
    indicator: str  # a leading indicator id of that competency
    target: str  # e.g. "5", "yes", "60%", "14 days"


class ContractStatus(str, enum.Enum):
    AWAITING_BOTH = "awaiting both signatures"
    AWAITING_REP = "awaiting the rep's signature"
    AWAITING_MANAGER = "awaiting the manager's signature"
    SIGNED = "signed"


@dataclass(frozen=True)
class CoachingContract:
    workspace: WorkspaceRef
    rep_id: str
    manager_id: str
    metrics: list[SuccessMetric]
    weekly_hours: float
    rep_commitments: str
    manager_commitments: str
    version: int = 1
    rep_signed_at: datetime | None = None
    manager_signed_at: datetime | None = None
    id: int | None = None
    history: list[str] = field(default_factory=list)  # what changed, version by version
    cycle_id: int | None = None  # one contract per coaching cycle

    @property
    def status(self) -> ContractStatus:
        if self.rep_signed_at and self.manager_signed_at:
            return ContractStatus.SIGNED
        if self.manager_signed_at:
            return ContractStatus.AWAITING_REP
        if self.rep_signed_at:
            return ContractStatus.AWAITING_MANAGER
        return ContractStatus.AWAITING_BOTH

    def signed_by(self, user_id: str, at: datetime) -> CoachingContract:
        if user_id == self.rep_id:
            return self if self.rep_signed_at else replace(self, rep_signed_at=at)
        if user_id == self.manager_id:
            return self if self.manager_signed_at else replace(self, manager_signed_at=at)
        raise NotAllowed("Only the rep and their manager sign this contract.")

    @property
    def skills(self) -> list[str]:
        return [m.competency for m in self.metrics]

    def same_terms(self, other: CoachingContract) -> bool:
        return (self.metrics, self.weekly_hours, self.rep_commitments, self.manager_commitments) == (
            other.metrics, other.weekly_hours, other.rep_commitments, other.manager_commitments
        )

    def changes_from(self, other: CoachingContract) -> list[str]:
        """What differs from `other`, in words, for the revision history."""
        changes = []
        if self.metrics != other.metrics:
            changes.append("skills or success metrics")
        if self.weekly_hours != other.weekly_hours:
            changes.append(f"weekly time {other.weekly_hours:g}h → {self.weekly_hours:g}h")
        if self.rep_commitments != other.rep_commitments:
            changes.append("the rep's commitments")
        if self.manager_commitments != other.manager_commitments:
            changes.append("the manager's commitments")
        return changes

    def handed_over(self, new_manager_id: str) -> CoachingContract:
        """The rep moved to another manager: a new version between them, both to sign."""
        return replace(
            self, manager_id=new_manager_id, version=self.version + 1, rep_signed_at=None, manager_signed_at=None,
            history=[*self.history, f"v{self.version + 1}: new manager <@{new_manager_id}>"],
        )

    def revised(self, changed: CoachingContract, what: str) -> CoachingContract:
        """A new version: signatures cleared so both must agree again."""
        if changed.rep_id != self.rep_id or changed.manager_id != self.manager_id:
            raise NotAllowed("A contract stays between the same rep and manager.")
        return replace(
            changed, id=self.id, cycle_id=self.cycle_id, version=self.version + 1, rep_signed_at=None,
            manager_signed_at=None, history=[*self.history, f"v{self.version + 1}: {what}"],
        )


def validate_contract(
    metrics: list[SuccessMetric],
    weekly_hours: object,
    rep_commitments: str,
    manager_commitments: str,
    indicators: Mapping[str, set[str]],
    levels: Mapping[str, str],
) -> dict[str, str]:
    """Problems by field ({} when fine), for inline modal errors."""
    problems: dict[str, str] = {}
    skills = [m.competency for m in metrics]
    if not 1 <= len(skills) <= MAX_FOCUS_SKILLS or len(set(skills)) != len(skills):
        problems["skills"] = f"Pick one or two different focus skills (at most {MAX_FOCUS_SKILLS})."
    elif len(skills) == 2 and levels.get(skills[0]) == levels.get(skills[1]):
        problems["skills"] = "Pair a foundational skill with an advanced one."
    for n, metric in enumerate(metrics):
        if metric.indicator not in indicators.get(metric.competency, set()):
            problems[f"indicator_{n}"] = "Pick a leading indicator of that skill as the success metric."
        if not metric.target.strip():
            problems[f"target_{n}"] = "Say what number counts as success, e.g. 5 questions per call."
        elif problem := field_lengths.text_problem(metric.target, field_lengths.CONTRACT_TARGET):
            problems[f"target_{n}"] = problem
    if (
        not isinstance(weekly_hours, (int, float)) or isinstance(weekly_hours, bool)
        or not 0.5 <= weekly_hours <= MAX_WEEKLY_HOURS
    ):
        problems["weekly_hours"] = f"Weekly time is between 0.5 and {MAX_WEEKLY_HOURS:g} hours."
    for name, text in (("rep_commitments", rep_commitments), ("manager_commitments", manager_commitments)):
        if not text.strip():
            problems[name] = "Write at least one commitment: accountability goes both ways."
        elif problem := field_lengths.text_problem(text, MAX_TEXT):
            problems[name] = problem
    return problems


def require_valid(problems: dict[str, str]) -> None:
    if problems:
        raise InvalidInput(" ".join(problems.values()))

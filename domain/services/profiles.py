"""A rep's skills profile: what `/coach profile` and the rep's App Home show of their diagnosis.

Pure arithmetic over the rep's scored calls and latest self-assessment;
`load_profiles` reads them for many reps in a fixed number of queries, so a
batch of App Homes costs the same whatever its size.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from domain.catalog import Catalog
from domain.coaching.scoring import (
    PROFILE_WINDOW,
    CallGap,
    CallScore,
    PerceptionGap,
    SkillsProfile,
    perception_gaps,
    self_vs_manager,
    skills_profile,
)
from domain.coaching.self_assessment import SelfAssessment
from domain.model import Member, WorkspaceRef
from domain.ports import UnitOfWork

# Enough history for the profile window plus the rep's own scores beside it.
HISTORY_LIMIT = 100


@dataclass(frozen=True)
class ProfileView:
    """Everything `/coach profile` shows about one rep."""

    rep: Member
    profile: SkillsProfile
    dimension_names: dict[str, str]
    competency_names: dict[str, str]
    call_gaps: list[CallGap]
    perception: list[PerceptionGap]
    self_assessed_at: datetime | None
    missing: list[str] = field(default_factory=list)
    window: int = PROFILE_WINDOW


def profile_view(rep: Member, scores: list[CallScore], assessment: SelfAssessment | None,
                 catalog: Catalog) -> ProfileView:
    """The profile of `rep` from their scores (newest first) and latest self-assessment."""
    dimensions = catalog.scoring_dimensions
    profile = skills_profile(scores, [d.id for d in dimensions])
    perception = []
    if assessment is not None:
        perception = perception_gaps(
            assessment.competence_ratings(), profile, {d.id: d.competency for d in dimensions}
        )
    missing = []
    if profile.calls_scored < PROFILE_WINDOW:
        missing.append(f"{profile.calls_scored} of {PROFILE_WINDOW} calls scored")
    if assessment is None:
        missing.append("self-assessment not done")
    return ProfileView(
        rep=rep,
        profile=profile,
        dimension_names={d.id: d.name for d in dimensions},
        competency_names={c.id: c.name for c in catalog.competencies},
        call_gaps=self_vs_manager(scores),
        perception=perception,
        self_assessed_at=assessment.submitted_at if assessment else None,
        missing=missing,
    )


def load_profiles(uow: UnitOfWork, ws: WorkspaceRef, reps: Iterable[Member],
                  catalog: Catalog) -> dict[str, ProfileView]:
    """Profiles by rep id, in two queries whatever the number of reps."""
    by_id = {rep.user_id: rep for rep in reps}
    if not by_id:
        return {}
    scores = uow.call_scores.for_reps(ws, by_id, HISTORY_LIMIT)
    assessments = uow.self_assessments.latest_for(ws, by_id)
    return {
        rep_id: profile_view(rep, scores.get(rep_id, []), assessments.get(rep_id), catalog)
        for rep_id, rep in by_id.items()
    }

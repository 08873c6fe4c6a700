"""Week 2: place each skill gap on the impact/difficulty matrix and pick at most two.

Limiting priorities is the point: one foundational and one advanced skill at
most, so practice is focused enough to change behaviour in six weeks.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from domain.errors import InvalidInput

MAX_FOCUS_SKILLS = 2
HIGH = 3  # on the 1-5 scales, 3 and above counts as high


class Quadrant(str, enum.Enum):
    QUICK_WIN = "quick win"  # high impact, low difficulty: do first
    LONG_TERM = "long-term priority"  # high impact, high difficulty: plan for it
    NICE_TO_HAVE = "nice-to-have"  # low impact, low difficulty
    IGNORE_FOR_NOW = "ignore for now"  # low impact, high difficulty


def quadrant_of(impact: int, difficulty: int) -> Quadrant:
    """Where a 1-5 impact and difficulty rating falls on the matrix (3 and above is high)."""
    high_impact, hard = impact >= HIGH, difficulty >= HIGH
    if high_impact:
        return Quadrant.LONG_TERM if hard else Quadrant.QUICK_WIN
    return Quadrant.IGNORE_FOR_NOW if hard else Quadrant.NICE_TO_HAVE


@dataclass(frozen=True)
class GapRating:
    competency: str
    level: str  # "foundational" or "advanced", from the catalog
    impact: int  # 1-5: how much closing this gap would move results
    difficulty: int  # 1-5: how hard it is to change
    gap: float = 0.0  # perception or observed gap, for tie-breaks

    @property
    def quadrant(self) -> Quadrant:
        return quadrant_of(self.impact, self.difficulty)


def validate_rating(impact: object, difficulty: object) -> dict[str, str]:
    problems = {}
    for name, value in (("impact", impact), ("difficulty", difficulty)):
        if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= 5:
            problems[name] = f"Rate {name} from 1 to 5."
    return problems


def _rank(rating: GapRating) -> tuple[int, int, float, str]:
    return (-rating.impact, rating.difficulty, -abs(rating.gap), rating.competency)


def propose_focus(ratings: Iterable[GapRating]) -> list[GapRating]:
    """One foundational and one advanced skill, highest impact first.

    Skills rated "ignore for now" are never proposed; when one level has no
    candidate the proposal has one skill rather than two of the same level.
    """
    candidates = [r for r in ratings if r.quadrant is not Quadrant.IGNORE_FOR_NOW]
    proposal = []
    for level in ("foundational", "advanced"):
        best = sorted((r for r in candidates if r.level == level), key=_rank)
        if best:
            proposal.append(best[0])
    return sorted(proposal, key=_rank)


def choose_focus(current: list[str], competency: str, levels: Mapping[str, str],
                 names: Mapping[str, str] | None = None) -> list[str]:
    """Add a focus skill, enforcing the 2-skill rule with a reason (skills named as `names` has them)."""
    if competency not in levels:
        raise InvalidInput(f"`{competency}` is not a competency in the catalog.")
    if competency in current:
        return current

    def named(skill: str) -> str:
        return (names or {}).get(skill, skill)

    if len(current) >= MAX_FOCUS_SKILLS:
        raise InvalidInput(
            f"A rep works on at most {MAX_FOCUS_SKILLS} skills at a time "
            f"({' and '.join(named(s) for s in current)} already). "
            "Fewer priorities get practised more: drop one before adding another."
        )
    if current and levels[current[0]] == levels[competency]:
        raise InvalidInput(
            f"{named(current[0])} is already the {levels[competency]} focus; pair it with "
            f"{'an advanced' if levels[competency] == 'foundational' else 'a foundational'} skill."
        )
    return [*current, competency]

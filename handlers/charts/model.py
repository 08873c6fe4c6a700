"""What a chart shows, in plain data: shared by the renderers and their text versions."""

from __future__ import annotations

from dataclasses import dataclass

from domain.coaching.priorities import Quadrant, quadrant_of

SCORE_MIN, SCORE_MAX = 1, 5
QUADRANT_LABELS = {
    Quadrant.QUICK_WIN: "Quick wins",
    Quadrant.LONG_TERM: "Long-term priorities",
    Quadrant.NICE_TO_HAVE: "Nice to have",
    Quadrant.IGNORE_FOR_NOW: "Ignore for now",
}
QUADRANT_MEANINGS = {
    Quadrant.QUICK_WIN: "high impact, low difficulty",
    Quadrant.LONG_TERM: "high impact, high difficulty",
    Quadrant.NICE_TO_HAVE: "low impact, low difficulty",
    Quadrant.IGNORE_FOR_NOW: "low impact, high difficulty",
}


@dataclass(frozen=True)
class MatrixPoint:
    """One skill gap on the impact/difficulty matrix."""

    label: str
    impact: int  # 1-5
    difficulty: int  # 1-5

    def __post_init__(self) -> None:
        for name, value in (("impact", self.impact), ("difficulty", self.difficulty)):
            if not isinstance(value, int) or isinstance(value, bool) or not SCORE_MIN <= value <= SCORE_MAX:
                raise ValueError(
                    f"{self.label}: {name} must be a whole number from {SCORE_MIN} to {SCORE_MAX}, not {value!r}"
                )

    @property
    def quadrant(self) -> Quadrant:
        return quadrant_of(self.impact, self.difficulty)

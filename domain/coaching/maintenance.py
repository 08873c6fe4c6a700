"""Monthly maintenance after a cycle (issue 13): when a check-in flags a skill as slipping.

Habits slip without maintenance. Each month the rep rates each focus skill
1-5 and the indicator snapshot from recent debriefs is set beside last
month's. A skill is flagged, with the reason, when:
- the self-rating dropped by `RATING_DROP` point or more since the last
  check-in; or
- one of its indicators moved the wrong way (by the indicator's own
  direction) two months running: this month against last, and last month
  against the one before.
A month without a value for an indicator says nothing about it (too few
calls is not a slide). The manager gets one button per flag to start a new
cycle on that skill; the scheduling and Slack parts build on these rules.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from domain.catalog.model import LeadingIndicator
from domain.coaching.leading import Direction, direction

RATING_DROP = 1
RATINGS = range(1, 6)


@dataclass(frozen=True)
class MonthlySnapshot:
    """One check-in: the rep's 1-5 rating per skill, and each indicator's value over the month's debriefs."""

    ratings: Mapping[str, int]  # competency id -> 1-5
    indicators: Mapping[str, float]  # indicator id -> the month's value (absent: no calls recorded it)


@dataclass(frozen=True)
class Backslide:
    competency_id: str
    rating_drop: int | None = None  # points, when the self-rating fell
    indicator_ids: tuple[str, ...] = ()  # indicators worse two months running

    @property
    def reason(self) -> str:
        parts = []
        if self.rating_drop is not None:
            parts.append(f"self-rating down {self.rating_drop} point{'s' if self.rating_drop > 1 else ''}")
        if self.indicator_ids:
            parts.append("worse two months running: " + ", ".join(self.indicator_ids))
        return "; ".join(parts)


def _worse(indicator: LeadingIndicator, later: float | None, earlier: float | None) -> bool:
    return later is not None and earlier is not None and direction(indicator, later - earlier) is Direction.WORSE


def backslides(history: Sequence[MonthlySnapshot], skills: Mapping[str, Sequence[LeadingIndicator]]
               ) -> tuple[Backslide, ...]:
    """The skills this month's check-in (`history[-1]`, oldest first) flags, in `skills`' order.

    `skills`: each focus competency id with its catalog indicators.
    """
    if len(history) < 2:
        return ()
    now, last = history[-1], history[-2]
    before = history[-3] if len(history) >= 3 else None
    flagged: list[Backslide] = []
    for competency_id, indicators in skills.items():
        rated, was = now.ratings.get(competency_id), last.ratings.get(competency_id)
        drop = was - rated if rated is not None and was is not None and was - rated >= RATING_DROP else None
        sliding = tuple(i.id for i in indicators if before is not None
                        and _worse(i, now.indicators.get(i.id), last.indicators.get(i.id))
                        and _worse(i, last.indicators.get(i.id), before.indicators.get(i.id)))
        if drop is not None or sliding:
            flagged.append(Backslide(competency_id, drop, sliding))
    return tuple(flagged)

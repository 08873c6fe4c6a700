"""Peer learning: the one rep on a team who improved most this week, asked privately to share how.

Issue 11 item 5. On Friday each team (a manager's reps) has at most one
*most improved* rep: the (rep, skill, indicator) whose weekly value moved
furthest in its better direction against the week before. Only that rep
is asked, in a DM; only if they accept is their approach posted, in their
own words, to the coaching channel an admin set. Nobody else's numbers are
ever shown: there is no ranking, no leaderboard.

How improvements of different indicators are compared (`relative_gain`):
as a share of the two weeks' average, |this - last| / ((|this| + |last|) / 2).
Relative to last week's value alone, a move from 0 ("no ROI calculation
given" last week) would be infinite and always win; relative to the
distance to the contract's target, an indicator without a target could
not take part. The two weeks' average is a symmetric relative change:
scale-free (questions per call, % of calls, days are all comparable),
bounded by 2, and defined whenever either week is non-zero.

Thresholds: both weeks need `MIN_CALLS` calls (`WeekValue.too_few` is
false), so one debrief never wins; only a BETTER direction counts.

Ties (the same relative gain, to 9 decimals) go to the larger absolute
change in the indicator's own unit, then to more calls this week (more
evidence), then to the smallest (rep id, competency id, indicator id), so
the same data always picks the same rep.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime

from domain.coaching.debriefs import week_label, week_of
from domain.coaching.leading import Direction, RepIndicators, WeekValue
from domain.model import WorkspaceRef

_PRECISION = 9  # relative gains equal to this many decimals are a tie


@dataclass(frozen=True)
class Improvement:
    """One rep's best improvement of the week: an indicator of a focus skill, last week -> this week."""

    rep_id: str
    competency: str  # catalog id
    indicator: str  # catalog id
    week: date  # its Monday, in the rep's own calendar
    before: float  # last week's value
    after: float  # this week's value
    calls: int  # this week's calls behind `after` (at least MIN_CALLS)

    @property
    def change(self) -> float:
        return round(self.after - self.before, 1)

    @property
    def relative_gain(self) -> float:
        return relative_gain(self.before, self.after)

    @property
    def label(self) -> str:
        return week_label(self.week)


def relative_gain(before: float, after: float) -> float:
    """|after - before| over the two weeks' average magnitude (0 when both are 0); see the module doc."""
    scale = (abs(before) + abs(after)) / 2
    return round(abs(after - before) / scale, _PRECISION) if scale else 0.0


def _improvement(rep_id: str, competency: str, value: WeekValue) -> Improvement | None:
    if value.too_few or value.direction is not Direction.BETTER or value.value is None or value.change is None:
        return None
    return Improvement(rep_id, competency, value.indicator_id, value.week, round(value.value - value.change, 1),
                       value.value, value.calls)


def _rank(found: Improvement) -> tuple[float, float, int, tuple[str, str, str]]:
    return (-found.relative_gain, -abs(found.change), -found.calls,
            (found.rep_id, found.competency, found.indicator))


def improvements(indicators: RepIndicators, week: date) -> list[Improvement]:
    """Every qualifying improvement of one rep in the week holding `week` (any day of it)."""
    monday = week_of(week)[0]
    found = []
    for skill in indicators.skills:
        for item in skill.indicators:
            for value in item.weeks:
                if value.week == monday:
                    better = _improvement(indicators.rep_id, skill.competency, value)
                    if better is not None:
                        found.append(better)
    return found


def most_improved(team: Mapping[str, RepIndicators], week_by_rep: Mapping[str, date]) -> Improvement | None:
    """The team's biggest improvement this week, or None when nobody qualifies.

    `team`: each rep's indicators (`weekly_indicators`); `week_by_rep`: any
    day of the week to judge for each rep (their own today). A rep missing
    from `week_by_rep` does not take part.
    """
    candidates = [found for rep_id, indicators in team.items() if rep_id in week_by_rep
                  for found in improvements(indicators, week_by_rep[rep_id])]
    return min(candidates, key=_rank, default=None)


class ShareStatus(str, enum.Enum):
    ASKED = "asked"  # the DM went out; no answer yet
    SHARED = "shared"  # accepted, and posted to the coaching channel
    DECLINED = "declined"  # "Not this time" or "Don't ask me again": nothing posted
    POSTED_FAILED = "posted_failed"  # accepted, words kept, but the channel refused the post

    @property
    def decided(self) -> bool:
        return self is not ShareStatus.ASKED


@dataclass(frozen=True)
class PeerShare:
    """One ask of one rep for one week, and what became of it; unique per (workspace, rep, week)."""

    workspace: WorkspaceRef
    rep_id: str
    week: str  # "2026-W50"
    competency: str
    indicator: str
    before: float
    after: float
    calls: int
    status: ShareStatus = ShareStatus.ASKED
    text: str = ""  # while ASKED: the prefill from the rep's debriefs; then the words they shared
    channel_id: str | None = None  # where it was (to be) posted
    message_ts: str | None = None
    error: str | None = None  # why the post failed (Slack's error code)
    asked_at: datetime | None = None
    decided_at: datetime | None = None
    id: int | None = None

    @property
    def improvement_change(self) -> float:
        return round(self.after - self.before, 1)

"""Pipeline impact of one week: deals moved forward, won or lost, with stage days against the rep's baseline.

The baseline is the rep's week-1 pipeline audit, read back from the deals
themselves: the average days they spent in a stage over deals that left it
before the cycle began. A deal that left the stage during the cycle does
not move its own yardstick.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from itertools import pairwise

from domain.coaching.scorecard import DealClosed, DealMove, PipelineImpact
from domain.pipeline.model import STAGES, DealStatus, Opportunity, Stage


def _stage_exits(deal: Opportunity) -> list[tuple[Stage, Stage, int, date]]:
    """(left, entered, days spent in `left`, the day it entered) for each recorded step forward."""
    steps = []
    dated = [(stage, deal.stage_entered[stage]) for stage in STAGES if deal.stage_entered.get(stage) is not None]
    for (left, since), (entered, on) in pairwise(dated):
        if on >= since:
            steps.append((left, entered, (on - since).days, on))
    return steps


def baseline_days(deals: Iterable[Opportunity], before: date) -> dict[Stage, float]:
    """Average days per stage over the steps out of it taken before `before` (the cycle's first Monday)."""
    spent: dict[Stage, list[int]] = {}
    for deal in deals:
        for left, _entered, days, on in _stage_exits(deal):
            if on < before:
                spent.setdefault(left, []).append(days)
    return {stage: round(sum(days) / len(days), 1) for stage, days in spent.items()}


def pipeline_impact(deals: Sequence[Opportunity], first: date, last: date, cycle_start: date | None
                    ) -> PipelineImpact | None:
    """The week `first`..`last` of the rep's deals; None when the rep has no deals at all (no pipeline data)."""
    if not deals:
        return None
    baseline = baseline_days(deals, cycle_start) if cycle_start is not None else {}
    moved: list[DealMove] = []
    won: list[DealClosed] = []
    lost: list[DealClosed] = []
    for deal in deals:
        for left, entered, days, on in _stage_exits(deal):
            if first <= on <= last:
                moved.append(DealMove(deal.name or deal.external_id, left, entered, on, days, baseline.get(left)))
        closed = deal.closed_on
        if closed is not None and first <= closed <= last and deal.status is not DealStatus.OPEN:
            (won if deal.status is DealStatus.WON else lost).append(
                DealClosed(deal.name or deal.external_id, deal.status is DealStatus.WON, closed, deal.amount))
    moved.sort(key=lambda m: (m.on, m.name))
    return PipelineImpact(tuple(moved), tuple(sorted(won, key=lambda d: d.on)), tuple(sorted(lost, key=lambda d: d.on)))

"""The pipeline velocity audit: pure computation over lists of opportunities.

Definitions (one place, so the CLI, Slack and tests agree):
- A deal *reached* every stage up to its furthest one (a won deal: closing).
- At a stage it *advanced* (moved past it; at closing: won), was *lost*
  there, or is still *open* there. Conversion = advanced / (advanced + lost):
  open deals have not decided yet and would drag the rate down unfairly.
- Days in a stage: from entering it to entering the next stage the deal has
  a date for, or for the last stage of a closed deal, to its close date.
  Unknown dates (or dates out of order) leave that deal out of the average;
  a deal still open in a stage is left out because it has not finished it.
- Deal sizes: every deal with an amount, open or closed.
- The weakest stage: where the rep's conversion falls furthest below their
  team's, among stages where the rep has at least MIN_DECIDED decided deals.

One pass groups deals by owner; teams are sums of their members' tallies,
so 500 reps cost about the same as one pass over the deals.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from domain.pipeline.model import (
    CENT,
    STAGES,
    DealSizes,
    DealStatus,
    LossCategory,
    Opportunity,
    RepAudit,
    Stage,
    StageStats,
)

# Fewer decided deals than this at a stage say more about luck than skill.
MIN_DECIDED = 3
TEAM = "team"
WORKSPACE = "workspace"


@dataclass
class _Tally:
    reached: int = 0
    advanced: int = 0
    lost: int = 0
    open: int = 0
    total_days: int = 0
    timed: int = 0

    def add(self, other: _Tally) -> None:
        self.reached += other.reached
        self.advanced += other.advanced
        self.lost += other.lost
        self.open += other.open
        self.total_days += other.total_days
        self.timed += other.timed

    def frozen(self, stage: Stage) -> StageStats:
        return StageStats(stage, self.reached, self.advanced, self.lost, self.open,
                          self.total_days, self.timed)


@dataclass
class _Funnel:
    """Running totals for one owner (or a team, as the sum of its owners)."""

    stages: list[_Tally] = field(default_factory=lambda: [_Tally() for _ in STAGES])
    deals: int = 0
    statuses: Counter[DealStatus] = field(default_factory=Counter)
    amounts: list[Decimal] = field(default_factory=list)
    losses: Counter[LossCategory] = field(default_factory=Counter)
    losses_without_reason: int = 0

    def add(self, deal: Opportunity) -> None:
        self.deals += 1
        self.statuses[deal.status] += 1
        if deal.amount is not None:
            self.amounts.append(deal.amount)
        if deal.status is DealStatus.LOST:
            if deal.loss_category is None:
                self.losses_without_reason += 1
            else:
                self.losses[deal.loss_category] += 1
        furthest = deal.furthest_stage
        if furthest is None:  # lost, and nothing says where: counts in the win rate only
            return
        for stage in STAGES[: furthest.position + 1]:
            tally = self.stages[stage.position]
            tally.reached += 1
            if stage is not furthest or deal.status is DealStatus.WON:
                tally.advanced += 1
            elif deal.status is DealStatus.LOST:
                tally.lost += 1
            else:
                tally.open += 1
            days = days_in_stage(deal, stage, furthest)
            if days is not None:
                tally.total_days += days
                tally.timed += 1

    def merge(self, other: _Funnel) -> None:
        # Teams need stage tallies only; sizes and losses stay per rep.
        for mine, theirs in zip(self.stages, other.stages, strict=True):
            mine.add(theirs)
        self.deals += other.deals

    def stage_stats(self) -> tuple[StageStats, ...]:
        return tuple(tally.frozen(stage) for stage, tally in zip(STAGES, self.stages, strict=True))


def days_in_stage(deal: Opportunity, stage: Stage, furthest: Stage) -> int | None:
    """Whole days the deal spent in `stage`; None when the dates do not say."""
    start = deal.stage_entered.get(stage)
    if start is None:
        return None
    if stage is furthest:
        end = deal.closed_on if deal.status is not DealStatus.OPEN else None
    else:
        later = (deal.stage_entered.get(s) for s in STAGES[stage.position + 1 :])
        end = next((day for day in later if day is not None), None)
    if end is None or end < start:
        return None
    return (end - start).days


def quartiles(amounts: Iterable[Decimal]) -> DealSizes | None:
    """Minimum, quartiles and maximum with linear interpolation (as spreadsheets do)."""
    ordered = sorted(amounts)
    if not ordered:
        return None

    def at(share: Decimal) -> Decimal:
        position = share * (len(ordered) - 1)
        low = int(position)
        fraction = position - low
        value = ordered[low]
        if fraction:
            value += (ordered[low + 1] - ordered[low]) * fraction
        return value.quantize(CENT, rounding=ROUND_HALF_UP)

    return DealSizes(
        count=len(ordered),
        minimum=ordered[0],
        q1=at(Decimal("0.25")),
        median=at(Decimal("0.5")),
        q3=at(Decimal("0.75")),
        maximum=ordered[-1],
    )


def weakest_stage(
    rep: tuple[StageStats, ...], team: tuple[StageStats, ...]
) -> tuple[Stage | None, float | None]:
    """The stage with the largest conversion shortfall against the team (earliest on ties)."""
    worst: tuple[Stage | None, float | None] = (None, None)
    for mine, theirs in zip(rep, team, strict=True):
        if mine.advanced + mine.lost < MIN_DECIDED or mine.conversion is None:
            continue
        if theirs.conversion is None:
            continue
        shortfall = theirs.conversion - mine.conversion
        if shortfall > 0 and (worst[1] is None or shortfall > worst[1] + 1e-12):
            worst = (mine.stage, shortfall)
    return worst


def audit_reps(
    opportunities: Iterable[Opportunity],
    rep_ids: Iterable[str] | None = None,
    teams: Mapping[str, str | None] | None = None,
) -> list[RepAudit]:
    """One audit per rep (every owner when `rep_ids` is None), in the order asked.

    `teams` maps an owner to their team key (their manager's id): a rep is
    compared with the deals of everyone sharing the key; without a key, or
    alone on their team, with every deal given.
    """
    teams = teams or {}
    owners: dict[str, _Funnel] = {}
    everyone = _Funnel()
    for deal in opportunities:
        funnel = owners.get(deal.owner_id)
        if funnel is None:
            funnel = owners[deal.owner_id] = _Funnel()
        funnel.add(deal)
    for funnel in owners.values():
        everyone.merge(funnel)
    team_members: dict[str, list[str]] = {}
    for owner in owners:
        key = teams.get(owner)
        if key is not None:
            team_members.setdefault(key, []).append(owner)
    team_funnels: dict[str, _Funnel] = {}
    for key, members in team_members.items():
        if len(members) > 1:  # a team of one would be compared with itself
            team_funnels[key] = _Funnel()
            for owner in members:
                team_funnels[key].merge(owners[owner])

    audits: list[RepAudit] = []
    for rep in (sorted(owners) if rep_ids is None else list(dict.fromkeys(rep_ids))):
        funnel = owners.get(rep, _Funnel())
        key = teams.get(rep)
        baseline, compared_with = (
            (team_funnels[key], TEAM) if key is not None and key in team_funnels else (everyone, WORKSPACE)
        )
        stages, team_stages = funnel.stage_stats(), baseline.stage_stats()
        weakest, shortfall = weakest_stage(stages, team_stages)
        audits.append(
            RepAudit(
                rep_id=rep,
                deals=funnel.deals,
                open=funnel.statuses[DealStatus.OPEN],
                won=funnel.statuses[DealStatus.WON],
                lost=funnel.statuses[DealStatus.LOST],
                stages=stages,
                team_stages=team_stages,
                deal_sizes=quartiles(funnel.amounts),
                loss_categories=dict(
                    sorted(funnel.losses.items(), key=lambda item: (-item[1], _order(item[0])))
                ),
                losses_without_reason=funnel.losses_without_reason,
                weakest_stage=weakest,
                weakest_shortfall=shortfall,
                compared_with=compared_with,
            )
        )
    return audits


def _order(category: LossCategory) -> int:
    return list(LossCategory).index(category)

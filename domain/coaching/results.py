"""The cycle's results: what moved between the start of a rep's coaching cycle and its end (issue 13, item 4).

Pure figures over data the other features keep; the loader is
`domain.services.results`. Each figure says what it compares:

- Leading indicators, per focus skill: the value in program week 3 (the
  first Develop week, just after the contract) against the average of the
  weekly values of the last two weeks shown (the cycle's last two, or the
  two up to today while it runs). Weekly values are the scorecard's
  (`domain.coaching.leading`), and "better" follows each indicator's own
  direction: fewer days to a decision is better.
- Call scores, per dimension: the manager's scores (never the rep's own) of
  the calls up to the end of week 1 (the diagnosis: the last 10, as the
  skills profile), against their scores of the calls of the last
  `AFTER_WEEKS` weeks (never before week 3).
- Pipeline, when the rep has deals: the week-1 audit's figures read back
  from the deals as they stood the day the cycle began (`as_of`), against
  the same figures as of the cycle's last day: average days in each stage,
  conversion at each stage, median deal size, win rate.
- Commitments kept on time over the cycle (the scorecard's rule).
- 1:1 sessions held (booked, not cancelled, over by the last day) and their
  hours, against the contract's promise: its weekly hours for each program
  week from week 3 (the contract is signed in week 2), signed contracts only.
- The 21-day challenge's compliance, longest streak and days done out of
  relevant days, when the rep had one (`ChallengeFigures`, None otherwise).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from decimal import Decimal

from domain.catalog.model import LeadingIndicator
from domain.coaching.commitments import KeptRate
from domain.coaching.contract import CoachingContract, ContractStatus
from domain.coaching.cycle import CYCLE_WEEKS, CoachingCycle, CycleStatus
from domain.coaching.debriefs import week_of
from domain.coaching.leading import Direction, RepIndicators, Target, direction
from domain.coaching.scoring import CallScore, skills_profile
from domain.coaching.sessions import CoachingSession
from domain.model import Member, WorkspaceRef
from domain.pipeline.audit import audit_reps
from domain.pipeline.model import DealStatus, Opportunity, Stage

FROM_WEEK = 3  # the indicators' starting point: the first Develop week
LAST_WEEKS = 2  # compared with the average of this many last weeks
AFTER_WEEKS = 4  # call scores "after": the calls of the cycle's last four weeks (from week 3 at the earliest)
CONTRACT_FROM_WEEK = 3  # the contract's weekly hours count from this program week


# -- the cycle's weeks ------------------------------------------------------------


@dataclass(frozen=True)
class CycleSpan:
    """The days a result covers, in the rep's own calendar."""

    first_day: date  # the cycle's first Monday
    week3: date  # the Monday of program week 3
    last_day: date  # the end of week 8, the day the cycle was ended, or today while it runs
    finished: bool  # ended, or past week 8 (in maintenance)

    @property
    def last_monday(self) -> date:
        return week_of(self.last_day)[0]

    @property
    def recent(self) -> tuple[date, ...]:
        """The Mondays of the last `LAST_WEEKS` weeks after week 3 (none before week 4 has begun)."""
        mondays = [self.last_monday - timedelta(weeks=n) for n in range(LAST_WEEKS - 1, -1, -1)]
        return tuple(m for m in mondays if m > self.week3)

    @property
    def weeks_from_3(self) -> int:
        """Program weeks from week 3 to the last day's week, both included (0 before week 3)."""
        return max((self.last_monday - self.week3).days // 7 + 1, 0)


def program_monday(cycle: CoachingCycle, week: int) -> date:
    """The Monday of a program week, never before the cycle's first (an advanced cycle skipped it)."""
    return cycle.starts_on + timedelta(weeks=max(week - 1 - cycle.offset_weeks, 0))


def first_day_after(cycle: CoachingCycle) -> date:
    """The first day of program week 9: the cycle's results day, when maintenance begins."""
    return program_monday(cycle, CYCLE_WEEKS + 1)


def cycle_span(cycle: CoachingCycle, today: date) -> CycleSpan:
    end = first_day_after(cycle) - timedelta(days=1)
    ended = cycle.status is CycleStatus.ENDED and cycle.ended_on is not None
    last = min(end, cycle.ended_on if ended and cycle.ended_on is not None else end, today)
    last = max(last, cycle.starts_on)
    return CycleSpan(cycle.starts_on, program_monday(cycle, FROM_WEEK), last, ended or today > end)


# -- leading indicators -------------------------------------------------------------


@dataclass(frozen=True)
class IndicatorResult:
    indicator: LeadingIndicator
    week3: float | None  # None: no call recorded it that week
    week3_calls: int
    recent: float | None  # the average of the last weeks' values that exist
    recent_calls: int
    target: Target | None = None

    @property
    def change(self) -> float | None:
        if self.week3 is None or self.recent is None:
            return None
        return round(self.recent - self.week3, 1)

    @property
    def direction(self) -> Direction | None:
        change = self.change
        return None if change is None else direction(self.indicator, change)


@dataclass(frozen=True)
class SkillResult:
    competency: str
    indicators: tuple[IndicatorResult, ...]


def indicator_results(found: RepIndicators, span: CycleSpan) -> tuple[SkillResult, ...]:
    """Each focus skill's indicators: week 3 against the average of the last weeks (`span.recent`)."""
    skills = []
    for skill in found.skills:
        items = []
        for item in skill.indicators:
            weeks = {w.week: w for w in item.weeks}
            start = weeks.get(span.week3)
            last = [weeks[m] for m in span.recent if m in weeks]
            values = [w.value for w in last if w.value is not None]
            items.append(IndicatorResult(
                item.indicator,
                start.value if start is not None else None, start.calls if start is not None else 0,
                round(sum(values) / len(values), 1) if values else None, sum(w.calls for w in last),
                item.target,
            ))
        skills.append(SkillResult(skill.competency, tuple(items)))
    return tuple(skills)


# -- call scores ----------------------------------------------------------------------


@dataclass(frozen=True)
class ScoreChange:
    dimension: str
    before: float | None
    before_calls: int
    after: float | None
    after_calls: int

    @property
    def change(self) -> float | None:
        return None if self.before is None or self.after is None else round(self.after - self.before, 2)


def score_changes(scores: Iterable[CallScore], dimensions: Sequence[str], span: CycleSpan) -> tuple[ScoreChange, ...]:
    """The manager's average per dimension at the diagnosis (calls up to week 1's end) and in the last weeks."""
    observed = [s for s in scores if not s.is_self_score]
    diagnosis_end = span.first_day + timedelta(days=6)
    after_from = max(span.last_monday - timedelta(weeks=AFTER_WEEKS - 1), span.week3)
    before = skills_profile([s for s in observed if s.call_on <= diagnosis_end], dimensions)
    late = [s for s in observed if after_from <= s.call_on <= span.last_day]
    after = skills_profile(late, dimensions, window=max(len(late), 1))
    first = {d.dimension: d for d in before.dimensions}
    last = {d.dimension: d for d in after.dimensions}
    return tuple(
        ScoreChange(d, first[d].average if d in first else None, first[d].calls if d in first else 0,
                    last[d].average if d in last else None, last[d].calls if d in last else 0)
        for d in dimensions if d in first or d in last
    )


# -- pipeline -------------------------------------------------------------------------


def as_of(deal: Opportunity, day: date) -> Opportunity | None:
    """The deal as it stood at the end of `day`, read back from its dates; None when it did not exist yet.

    Stage dates after `day` are dropped; a deal closed later was open then.
    A deal with no date at all cannot be placed in time and is kept as it is.
    """
    dated = [d for d in (deal.created_on, deal.closed_on, *deal.stage_entered.values()) if d is not None]
    if not dated:
        return deal
    if deal.created_on is not None and deal.created_on > day:
        return None
    entered = {stage: on for stage, on in deal.stage_entered.items() if on <= day}
    if deal.status is not DealStatus.OPEN and deal.closed_on is not None and deal.closed_on <= day:
        return replace(deal, stage_entered=entered)
    if not entered and deal.created_on is None:
        return None  # its first date is after `day`
    furthest = max(entered, key=lambda s: s.position) if entered else Stage.PROSPECTING
    return replace(deal, stage=furthest, status=DealStatus.OPEN, closed_on=None, loss_reason=None,
                   loss_category=None, stage_entered=entered)


@dataclass(frozen=True)
class PipelineFigures:
    deals: int
    days_in_stage: tuple[float | None, ...]  # by `STAGES`
    conversion: tuple[float | None, ...]  # by `STAGES`, 0..1
    median_deal: Decimal | None
    win_rate: float | None  # 0..1


@dataclass(frozen=True)
class PipelineResult:
    before: PipelineFigures  # the deals as they stood when the cycle began: the week-1 audit's figures
    now: PipelineFigures  # as of the cycle's last day


def pipeline_figures(rep_id: str, deals: Iterable[Opportunity]) -> PipelineFigures:
    [audit] = audit_reps(deals, [rep_id])
    return PipelineFigures(
        audit.deals, tuple(s.average_days for s in audit.stages), tuple(s.conversion for s in audit.stages),
        audit.deal_sizes.median if audit.deal_sizes is not None else None, audit.win_rate,
    )


def pipeline_result(rep_id: str, deals: Sequence[Opportunity], span: CycleSpan) -> PipelineResult | None:
    """None when the rep has no deals at all: no pipeline data to compare."""
    if not deals:
        return None
    start = span.first_day - timedelta(days=1)
    before = [d for d in (as_of(deal, start) for deal in deals) if d is not None]
    now = [d for d in (as_of(deal, span.last_day) for deal in deals) if d is not None]
    return PipelineResult(pipeline_figures(rep_id, before), pipeline_figures(rep_id, now))


# -- time together --------------------------------------------------------------------


@dataclass(frozen=True)
class CoachingHours:
    sessions_held: int
    hours_held: float
    weekly_promise: float | None  # the signed contract's weekly hours; None without a signed contract
    weeks: int  # the program weeks the promise covers so far

    @property
    def promised(self) -> float | None:
        return None if self.weekly_promise is None else round(self.weekly_promise * self.weeks, 1)

    @property
    def share(self) -> float | None:
        promised = self.promised
        return self.hours_held / promised if promised else None


def sessions_held(sessions: Iterable[CoachingSession], rep_id: str, since: datetime, now: datetime
                  ) -> list[CoachingSession]:
    """The rep's 1:1s booked and not cancelled that started since `since` and were over by `now`."""
    return [s for s in sessions
            if s.rep_id == rep_id and s.is_scheduled and s.starts_at >= since and s.ends_at <= now]


def coaching_hours(held: Sequence[CoachingSession], contract: CoachingContract | None, span: CycleSpan
                   ) -> CoachingHours:
    signed = contract is not None and contract.status is ContractStatus.SIGNED
    weeks = min(span.weeks_from_3, CYCLE_WEEKS - CONTRACT_FROM_WEEK + 1)
    return CoachingHours(len(held), round(sum(s.minutes for s in held) / 60, 2),
                         contract.weekly_hours if signed and contract is not None else None, weeks)


# -- the 21-day challenge --------------------------------------------------------------


@dataclass(frozen=True)
class ChallengeFigures:
    """A finished or running 21-day challenge's headline figures (`domain.coaching.challenge.ChallengeProgress`)."""

    compliance: float | None  # days done / relevant days, 0..1; None before a relevant day closed
    longest_streak: int
    days_done: int
    days_relevant: int
    days_left: int = 0  # a challenge started in week 7 runs past week 8: its figures so far, and what is left


# -- one rep's page, and a team's totals ----------------------------------------------------


@dataclass(frozen=True)
class CycleResults:
    workspace: WorkspaceRef
    rep: Member
    manager_id: str
    cycle: CoachingCycle
    span: CycleSpan
    skills: tuple[SkillResult, ...]
    skill_names: Mapping[str, str]
    scores: tuple[ScoreChange, ...]
    dimension_names: Mapping[str, str]
    pipeline: PipelineResult | None
    commitments: KeptRate
    coaching: CoachingHours
    challenge: ChallengeFigures | None = None

    def moved(self, which: Direction) -> int:
        """How many indicators moved this way between week 3 and the last weeks."""
        return sum(1 for s in self.skills for i in s.indicators if i.direction is which)


@dataclass(frozen=True)
class TeamTotals:
    reps: int
    better: int  # indicators that moved the better way
    worse: int
    same: int
    kept: KeptRate
    sessions: int
    hours: float
    promised: float | None  # None when no rep has a signed contract
    score_change: float | None  # the average change of every dimension with both averages


def team_totals(results: Sequence[CycleResults]) -> TeamTotals:
    promised = [r.coaching.promised for r in results if r.coaching.promised is not None]
    changes = [c.change for r in results for c in r.scores if c.change is not None]
    return TeamTotals(
        reps=len({r.rep.user_id for r in results}),
        better=sum(r.moved(Direction.BETTER) for r in results),
        worse=sum(r.moved(Direction.WORSE) for r in results),
        same=sum(r.moved(Direction.SAME) for r in results),
        kept=KeptRate(sum(r.commitments.kept for r in results), sum(r.commitments.due for r in results)),
        sessions=sum(r.coaching.sessions_held for r in results),
        hours=round(sum(r.coaching.hours_held for r in results), 2),
        promised=round(sum(promised), 1) if promised else None,
        score_change=round(sum(changes) / len(changes), 2) if changes else None,
    )


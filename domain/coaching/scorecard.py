"""The Friday scorecard: one rep's coaching week in numbers and in their own words.

A `Scorecard` is what the rep's Friday message, `/scorecard`, the manager's
full-scorecard button and the team digest all show, built by
`domain.services.scorecards` in a fixed number of queries for any number of
reps. The week is the rep's own (Monday to Sunday in their time zone):
`week` is its Monday. docs/scorecards.md says where each number comes from.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from domain.coaching.challenge import ChallengeProgress
from domain.coaching.commitments import KeptRate
from domain.coaching.debriefs import week_label
from domain.coaching.leading import Direction, IndicatorWeeks, RepIndicators, WeekValue
from domain.model import Member, WorkspaceRef
from domain.pipeline.model import Stage

MAX_EXAMPLES = 3  # "one to three examples of the skill applied"
SHADOW_TARGET = (2, 3)  # shadowed calls a week in the develop weeks (DESIGN.md 2.1)


@dataclass(frozen=True)
class Example:
    """What went well on one call, in the rep's own words (the debrief's first answer)."""

    call_on: date
    account: str
    text: str


@dataclass(frozen=True)
class ShadowFeedback:
    """The manager's feedback on a call they shadowed this week, with their 1-5 scores per skill."""

    call_on: date
    account: str
    observer_id: str
    text: str
    scores: Mapping[str, int] = field(default_factory=dict)  # competency id -> 1..5


@dataclass(frozen=True)
class DealMove:
    """A deal that entered a later stage this week.

    `days` is how long it spent in the stage it left; `baseline_days` the
    rep's average for that stage over deals that left it before the cycle
    began (their week-1 pipeline audit); None when either is unknown.
    """

    name: str
    left: Stage | None
    entered: Stage
    on: date
    days: int | None = None
    baseline_days: float | None = None

    @property
    def faster(self) -> bool | None:
        if self.days is None or self.baseline_days is None:
            return None
        return self.days < self.baseline_days


@dataclass(frozen=True)
class DealClosed:
    name: str
    won: bool
    on: date
    amount: Decimal | None = None


@dataclass(frozen=True)
class PipelineImpact:
    """This week's pipeline movement; `None` on the scorecard when the rep has no pipeline data at all."""

    moved: tuple[DealMove, ...] = ()
    won: tuple[DealClosed, ...] = ()
    lost: tuple[DealClosed, ...] = ()

    @property
    def quiet(self) -> bool:
        return not (self.moved or self.won or self.lost)


@dataclass(frozen=True)
class Change:
    """One indicator's change this week, for a headline: "Talk ratio 62% -> 55% (better)"."""

    skill: str  # competency id
    indicator: IndicatorWeeks
    value: WeekValue

    @property
    def direction(self) -> Direction | None:
        return self.value.direction


@dataclass(frozen=True)
class Scorecard:
    """One rep's week. `indicators` spans the cycle's weeks up to this one (the trend chart's),
    this week last; `skill_names` names each focus skill (competency id -> catalog name)."""

    workspace: WorkspaceRef
    rep: Member
    week: date  # the Monday of the rep's own week
    indicators: RepIndicators
    skill_names: Mapping[str, str] = field(default_factory=dict)
    cycle_week: int | None = None  # 1..8 while a cycle runs; None without one
    debriefed: int = 0  # calls the rep debriefed this week
    shadowed: int = 0  # calls their manager shadowed this week
    examples: tuple[Example, ...] = ()  # at most MAX_EXAMPLES, newest first
    pipeline: PipelineImpact | None = None
    feedback: tuple[ShadowFeedback, ...] = ()
    lessons_done: tuple[str, ...] = ()  # lesson titles marked done this week
    homework_done: tuple[str, ...] = ()  # homework handed in this week, as assigned
    commitments: KeptRate | None = None  # action-plan commitments kept on time over the cycle, when any fell due
    challenge: ChallengeProgress | None = None  # the 21-day challenge's figures at the week's end (issue 13)

    @property
    def label(self) -> str:
        """The ISO week, "2026-W48"."""
        return week_label(self.week)

    @property
    def skills(self) -> tuple[str, ...]:
        return tuple(s.competency for s in self.indicators.skills)

    @property
    def has_activity(self) -> bool:
        """False: the rep gets the short, kind message with the Debrief button, not an empty card."""
        return bool(self.debriefed or self.shadowed or self.lessons_done or self.homework_done
                    or (self.challenge is not None and self.challenge.done))  # challenge days kept (issue 13)

    def this_week(self) -> list[Change]:
        """Each focus skill's indicators as of this week, in catalog order."""
        found = []
        for skill in self.indicators.skills:
            for item in skill.indicators:
                value = next((v for v in item.weeks if v.week == self.week), None)
                if value is not None:
                    found.append(Change(skill.competency, item, value))
        return found

    def headline(self) -> Change | None:
        """The change worth a line in the manager's digest: the largest better one, else the largest worse,
        by its share of last week's value (so 2 -> 4 probing questions beats 62% -> 60%)."""
        shown = [c for c in self.this_week() if c.value.change is not None and c.direction is not Direction.SAME]

        def size(change: Change) -> float:
            assert change.value.change is not None and change.value.value is not None
            before = change.value.value - change.value.change
            return abs(change.value.change) / abs(before) if before else abs(change.value.change)

        for wanted in (Direction.BETTER, Direction.WORSE):
            these = [c for c in shown if c.direction is wanted]
            if these:
                return max(these, key=size)
        return None


# What a piece of coaching counts towards the manager's coaching time: the store keeps no durations,
# so each is an estimate, documented in docs/scorecards.md ("Coaching time").
SHADOW_MINUTES = 60  # the call itself and the observation written after it
FEEDBACK_MINUTES = 10  # a reply with feedback on a debrief, or on homework handed in
SESSION_MINUTES = 45  # a 1:1 coaching session (none are recorded until sessions exist)


@dataclass(frozen=True)
class CoachingTime:
    """The manager's own coaching this week against the hours agreed in their reps' contracts."""

    shadowed_calls: int = 0
    feedback_given: int = 0
    sessions: int = 0
    agreed_hours: float = 0.0  # the sum of `weekly_hours` over the signed contracts of active cycles

    @property
    def minutes(self) -> int:
        return (self.shadowed_calls * SHADOW_MINUTES + self.feedback_given * FEEDBACK_MINUTES
                + self.sessions * SESSION_MINUTES)

    @property
    def hours(self) -> float:
        return round(self.minutes / 60, 1)


@dataclass(frozen=True)
class TeamScorecard:
    """The manager's Friday digest: every rep's card for the week, and the manager's coaching time.

    `cards` holds every rep of the team, with or without data, by name;
    `week` is the manager's own Monday (each card keeps its rep's own).
    """

    workspace: WorkspaceRef
    manager: Member
    week: date
    cards: tuple[Scorecard, ...]
    coaching: CoachingTime = CoachingTime()

    @property
    def silent(self) -> tuple[Member, ...]:
        """Reps who sent nothing this week: no debrief, no shadowed call, no lesson, no homework."""
        return tuple(card.rep for card in self.cards if not card.has_activity)

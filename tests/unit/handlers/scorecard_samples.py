"""Hand-built scorecards for the scorecard builders' and the trend chart's tests.

Each indicator's weeks are written out value by value (value, calls), and
changes, directions and gaps come from `domain.coaching.leading`'s own rules,
so a sample can never show a change the loader would not.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date, timedelta

from domain.catalog import load_catalog
from domain.coaching.leading import (
    MIN_CALLS,
    Agreement,
    IndicatorWeeks,
    RepIndicators,
    SkillIndicators,
    Target,
    WeekValue,
    direction,
    gap_to,
    parse_target,
)
from domain.coaching.scorecard import Scorecard, TeamScorecard
from domain.model import Member, Role, WorkspaceRef

CATALOG = load_catalog()
WS = WorkspaceRef("T1")
WEEK = date(2026, 11, 23)  # Monday of 2026-W48
WEEKS = tuple(WEEK - timedelta(weeks=n) for n in range(3, -1, -1))  # W45..W48
REP = Member(WS, "UREP", "Alex Rivera", "Europe/Berlin", manager_id="UMGR")
MANAGER = Member(WS, "UMGR", "Morgan Lee", "America/New_York", role=Role.MANAGER)
SKILL_NAMES = {c.id: c.name for c in CATALOG.competencies}

Point = tuple[float | None, int]  # (value, calls) of one week


def indicator_weeks(indicator_id: str, points: Sequence[Point], target: str | None = None,
                    weeks: Sequence[date] = WEEKS, agreement: Agreement | None = None) -> IndicatorWeeks:
    """The weeks of one indicator from (value, calls) pairs, oldest first; the last gets `agreement`."""
    indicator = CATALOG.indicator(indicator_id)
    parsed: Target | None = parse_target(indicator, target) if target else None
    shown: list[WeekValue] = []
    before: Point | None = None
    for monday, (value, calls) in zip(weeks, points, strict=True):
        too_few = calls < MIN_CALLS or before is None or before[1] < MIN_CALLS
        change = (None if too_few or value is None or before is None or before[0] is None
                  else round(value - before[0], 1))
        shown.append(WeekValue(indicator_id, monday, value, calls, change,
                               None if change is None else direction(indicator, change), too_few, parsed,
                               gap_to(indicator, value, parsed)))
        before = (value, calls)
    if agreement is not None:
        shown[-1] = replace(shown[-1], agreement=agreement)
    return IndicatorWeeks(indicator, parsed, tuple(shown))


def card(skills: dict[str, Sequence[IndicatorWeeks]], **kwargs: object) -> Scorecard:
    weeks = tuple(w.week for w in next(iter(skills.values()))[0].weeks) if skills else WEEKS
    indicators = RepIndicators("UREP", weeks, tuple(SkillIndicators(s, tuple(i)) for s, i in skills.items()))
    week = weeks[-1]
    defaults: dict[str, object] = {"skill_names": SKILL_NAMES, "cycle_week": 4, "debriefed": 3, "shadowed": 1}
    return Scorecard(WS, kwargs.pop("rep", REP), week, indicators, **{**defaults, **kwargs})  # type: ignore[arg-type]


def discovery_and_closing(**kwargs: object) -> Scorecard:
    """Two skills, five indicators, four weeks: the usual card."""
    return card({
        "discovery": [
            indicator_weeks("discovery_questions_asked", [(4, 3), (5, 4), (5, 3), (6.5, 4)], "8 per discovery call"),
            indicator_weeks("business_impact_quantified", [(33.3, 3), (50, 4), (66.7, 3), (75, 4)], "yes, every call"),
            indicator_weeks("stakeholders_identified", [(2, 3), (2, 3), (3, 3), (3, 3)]),
        ],
        "closing": [
            indicator_weeks("next_step_defined", [(50, 4), (75, 4), (75, 4), (100, 4)], "yes"),
            indicator_weeks("proposal_to_decision_days", [(30, 3), (25, 3), (21, 3), (18, 3)], "14 days"),
        ],
    }, **kwargs)


def team_of(count: int, silent_every: int = 4) -> TeamScorecard:
    """`count` reps, every `silent_every`-th with nothing this week."""
    cards = []
    for n in range(count):
        rep = Member(WS, f"UREP{n:03d}", f"Rep number {n:03d} with a rather long display name", "Europe/Berlin",
                     manager_id="UMGR")
        quiet = n % silent_every == 0
        cards.append(discovery_and_closing(rep=rep, debriefed=0 if quiet else 3, shadowed=0 if quiet else 1))
    return TeamScorecard(WS, MANAGER, WEEK, tuple(cards))


EIGHT_WEEKS = tuple(WEEK - timedelta(weeks=n) for n in range(7, -1, -1))  # W41..W48: a whole cycle


def eight_week_card() -> Scorecard:
    """A whole cycle: two skills, five indicators, eight weeks (the benchmark's and the biggest usual chart)."""
    def points(start: float, step: float) -> list[Point]:
        return [(round(start + step * n, 1), 3 + n % 3) for n in range(8)]

    return card({
        "discovery": [
            indicator_weeks("discovery_questions_asked", points(3, 0.6), "8 per discovery call", EIGHT_WEEKS),
            indicator_weeks("business_impact_quantified", points(20, 9), "yes", EIGHT_WEEKS),
            indicator_weeks("stakeholders_identified", points(1, 0.3), None, EIGHT_WEEKS),
        ],
        "closing": [
            indicator_weeks("next_step_defined", points(40, 7), "yes", EIGHT_WEEKS),
            indicator_weeks("proposal_to_decision_days", points(32, -2), "14 days", EIGHT_WEEKS),
        ],
    }, cycle_week=8)

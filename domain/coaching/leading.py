"""Leading indicators week by week: the numbers a scorecard shows, and where each comes from.

Per rep, per focus skill, per ISO week of the call's date (`call_on` is the
rep's own local date, so a week is the rep's own Monday to Sunday), each of
the skill's catalog indicators gets a weekly value: aggregated as the
catalog declares (`LeadingIndicator.aggregation`), the number of calls
behind it, the change against the week before with its direction, and the
contract's target with how far off it is. docs/scorecards.md says the same
for people.

A debrief and the manager's shadow observation of the same call
(`Debrief.shadow_id`) are one call: the observer's value counts, and what
the rep said is kept beside it (`Agreement`). Pure rules: the loader is
`domain.services.leading_indicators`.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from itertools import pairwise
from types import MappingProxyType
from typing import NamedTuple, Protocol

from domain.catalog.model import Aggregate, Better, Catalog, IndicatorType, LeadingIndicator
from domain.coaching.contract import SuccessMetric
from domain.coaching.debriefs import week_label, week_of
from domain.coaching.indicators import IndicatorValue

MIN_CALLS = 3  # fewer calls than this in either week: no change is shown, "too few calls" is
TOO_FEW = "too few calls"
_LEADING_NUMBER = re.compile(r"\s*([0-9]+(?:[.,][0-9]+)?)", re.ASCII)


class Direction(str, enum.Enum):
    BETTER = "better"
    WORSE = "worse"
    SAME = "same"


_NOTHING: Mapping[str, IndicatorValue] = MappingProxyType({})


class CallValues(NamedTuple):
    """One call's indicator values, as counted: the observer's where the manager shadowed it.

    A tuple, not a dataclass: a Friday run builds one per call of every rep's eight weeks.
    """

    call_on: date
    values: Mapping[str, IndicatorValue]
    rep_said: Mapping[str, IndicatorValue] = _NOTHING  # the rep's, on a shadowed call
    observer_said: Mapping[str, IndicatorValue] = _NOTHING


class _Call(Protocol):
    """What `same_calls` reads of a call: a `Debrief`/`ShadowObservation` or their lean `CallIndicators`."""

    @property
    def id(self) -> int | None: ...
    @property
    def call_on(self) -> date: ...
    @property
    def indicators(self) -> Mapping[str, IndicatorValue]: ...


class _RepCall(_Call, Protocol):
    @property
    def shadow_id(self) -> int | None: ...


def same_calls(debriefs: Iterable[_RepCall], observations: Iterable[_Call]) -> list[CallValues]:
    """Each call once: a debrief linked to an observation among these (`shadow_id`) joins it.

    The observer's value wins where both recorded one; a value only the rep
    recorded still counts. The call's date is the observation's.
    """
    observed = {o.id: o for o in observations if o.id is not None}
    linked = {d.shadow_id: d for d in debriefs if d.shadow_id in observed}
    calls = [CallValues(d.call_on, d.indicators) for d in debriefs if d.shadow_id not in observed]
    for shadow_id, observation in observed.items():
        rep = linked.get(shadow_id)
        mine = dict(rep.indicators) if rep is not None else {}
        calls.append(CallValues(observation.call_on, {**mine, **observation.indicators},
                                mine, dict(observation.indicators)))
    return calls


@dataclass(frozen=True)
class Target:
    """The contract's target as typed, and the number read from it (None: shown as text, no distance)."""

    text: str
    value: float | None


def parse_target(indicator: LeadingIndicator, text: str) -> Target:
    """"8 per discovery call" -> 8; "yes, on every proposal" -> 100 for a yes/no (a rate of yes); else its text."""
    typed = text.strip()
    if indicator.type is IndicatorType.YES_NO and indicator.aggregation is Aggregate.RATE:
        word = typed.lower()
        if word.startswith("yes"):
            return Target(typed, 100.0)
        if word.startswith("no"):
            return Target(typed, 0.0)
    found = _LEADING_NUMBER.match(typed)
    return Target(typed, float(found.group(1).replace(",", ".")) if found else None)


@dataclass(frozen=True)
class Agreement:
    """On the week's shadowed calls where both recorded it: the rep's value, the observer's, rep minus observer."""

    calls: int
    rep: float
    observer: float

    @property
    def difference(self) -> float:
        return round(self.rep - self.observer, 1)


@dataclass(frozen=True)
class WeekValue:
    indicator_id: str
    week: date  # its Monday
    value: float | None  # None: no call recorded it
    calls: int
    change: float | None = None  # against the week before; None when either week has too few calls
    direction: Direction | None = None
    too_few: bool = False  # this week or the one before has fewer than MIN_CALLS calls
    target: Target | None = None
    gap: float | None = None  # how far from the target in the better direction; 0 once reached
    agreement: Agreement | None = None

    @property
    def label(self) -> str:
        """The ISO week, "2026-W48"."""
        return week_label(self.week)

    @property
    def reached(self) -> bool | None:
        return None if self.gap is None else self.gap == 0

    @property
    def note(self) -> str | None:
        """What a scorecard shows in place of a change it cannot give."""
        return TOO_FEW if self.too_few else None


@dataclass(frozen=True)
class IndicatorWeeks:
    indicator: LeadingIndicator
    target: Target | None
    weeks: tuple[WeekValue, ...]  # oldest first

    @property
    def latest(self) -> WeekValue:
        return self.weeks[-1]


@dataclass(frozen=True)
class SkillIndicators:
    competency: str
    indicators: tuple[IndicatorWeeks, ...]


@dataclass(frozen=True)
class RepIndicators:
    rep_id: str
    weeks: tuple[date, ...]  # Mondays, oldest first
    skills: tuple[SkillIndicators, ...] = ()

    def value(self, competency: str, indicator_id: str, week: date) -> WeekValue:
        """The value in the week holding `week` (any day of it); KeyError when not shown."""
        monday = week_of(week)[0]
        for skill in self.skills:
            for item in skill.indicators if skill.competency == competency else ():
                for value in item.weeks if item.indicator.id == indicator_id else ():
                    if value.week == monday:
                        return value
        raise KeyError((competency, indicator_id, monday))


def mondays(today: date, weeks: int) -> tuple[date, ...]:
    """The Mondays of the `weeks` weeks ending with today's, oldest first."""
    last = week_of(today)[0]
    return tuple(last - timedelta(weeks=n) for n in range(weeks - 1, -1, -1))


def aggregate(indicator: LeadingIndicator, values: Sequence[IndicatorValue]) -> float | None:
    """One week's value; None without values. Yes counts 1, no 0; a rate is the % of calls with yes (or above 0)."""
    if not values:
        return None
    numbers = [float(v) for v in values]
    how = indicator.aggregation
    if how is Aggregate.TOTAL:
        return round(sum(numbers), 1)
    if how is Aggregate.RATE:
        return round(100 * sum(1 for n in numbers if n > 0) / len(numbers), 1)
    return round(sum(numbers) / len(numbers), 1)


def direction(indicator: LeadingIndicator, change: float) -> Direction:
    if change == 0:
        return Direction.SAME
    up = change > 0
    return Direction.BETTER if up == (indicator.better is Better.HIGHER) else Direction.WORSE


def gap_to(indicator: LeadingIndicator, value: float | None, target: Target | None) -> float | None:
    if value is None or target is None or target.value is None:
        return None
    short = target.value - value if indicator.better is Better.HIGHER else value - target.value
    return round(max(short, 0.0), 1)


def _agreement(indicator: LeadingIndicator, calls: Sequence[CallValues]) -> Agreement | None:
    if not any(c.rep_said for c in calls):  # most weeks: no shadowed call was also debriefed
        return None
    both = [c for c in calls if indicator.id in c.rep_said and indicator.id in c.observer_said]
    rep = aggregate(indicator, [c.rep_said[indicator.id] for c in both])
    observer = aggregate(indicator, [c.observer_said[indicator.id] for c in both])
    if rep is None or observer is None:
        return None
    return Agreement(len(both), rep, observer)


def indicator_weeks(indicator: LeadingIndicator, weeks: Sequence[date], calls: Sequence[CallValues],
                    target: Target | None) -> IndicatorWeeks:
    """`weeks`: Mondays, oldest first; the first is only the baseline of the second's change, not shown."""
    return _indicator_weeks(indicator, weeks, by_week(calls), target)


def by_week(calls: Iterable[CallValues]) -> dict[date, list[CallValues]]:
    """The calls by the Monday of their week (computed once for all of a rep's indicators)."""
    grouped: dict[date, list[CallValues]] = {}
    for call in calls:
        grouped.setdefault(_monday(call.call_on), []).append(call)
    return grouped


@lru_cache(maxsize=4096)
def _monday(day: date) -> date:
    # A Friday run groups millions of calls falling on a few dozen days.
    return week_of(day)[0]


def _indicator_weeks(indicator: LeadingIndicator, weeks: Sequence[date], calls_by_week: Mapping[date, list[CallValues]],
                     target: Target | None) -> IndicatorWeeks:
    key = indicator.id
    recorded = {monday: [c for c in calls_by_week.get(monday, ()) if key in c.values] for monday in weeks}
    values = {monday: aggregate(indicator, [c.values[key] for c in these]) for monday, these in recorded.items()}
    shown: list[WeekValue] = []
    for before, monday in pairwise(weeks):
        these, previous = recorded[monday], recorded[before]
        value, earlier = values[monday], values[before]
        too_few = len(these) < MIN_CALLS or len(previous) < MIN_CALLS
        change = None if too_few or value is None or earlier is None else round(value - earlier, 1)
        shown.append(WeekValue(
            indicator.id, monday, value, len(these), change,
            None if change is None else direction(indicator, change), too_few,
            target, gap_to(indicator, value, target), _agreement(indicator, these),
        ))
    return IndicatorWeeks(indicator, target, tuple(shown))


def rep_indicators(rep_id: str, skills: Sequence[str], weeks: Sequence[date], calls: Sequence[CallValues],
                   metrics: Iterable[SuccessMetric], catalog: Catalog) -> RepIndicators:
    """The rep's weekly values for each focus skill's catalog indicators.

    `weeks`: Mondays oldest first, starting one week before the first shown
    (its baseline); skills the catalog no longer has are left out.
    """
    targets = {m.indicator: m.target for m in metrics}
    known = {c.id for c in catalog.competencies}
    grouped = by_week(calls)
    result = []
    for skill in skills:
        if skill not in known:
            continue
        items = []
        for indicator in catalog.indicators_for(skill):
            typed = targets.get(indicator.id)
            target = parse_target(indicator, typed) if typed and typed.strip() else None
            items.append(_indicator_weeks(indicator, weeks, grouped, target))
        result.append(SkillIndicators(skill, tuple(items)))
    return RepIndicators(rep_id, tuple(weeks[1:]), tuple(result))

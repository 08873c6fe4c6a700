"""A rep's monthly maintenance check-in, as stored: ratings, what is slipping, the indicator snapshot.

A rep is in maintenance while their cycle is still active and past week 8
(`Stage.MAINTAIN`). Once a month (the first Tuesday, 10:00 local) they rate
each focus skill 1-5 and say what is slipping; the indicator values of their
last `SNAPSHOT_WEEKS` weeks of debriefs are stored beside the answers at
check-in time, so next month compares with what was seen then. One check-in
per rep, cycle and month: a second submission the same month replaces the
first. The flag rules are `domain.coaching.maintenance`'s.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from domain import field_lengths
from domain.catalog.model import Aggregate, LeadingIndicator
from domain.coaching.cycle import CoachingCycle, CycleStatus, Stage
from domain.coaching.leading import WeekValue
from domain.coaching.maintenance import RATINGS, MonthlySnapshot
from domain.model import WorkspaceRef

SNAPSHOT_WEEKS = 4  # the indicator snapshot: the rep's last four weeks of debriefs
SLIPPING = "slipping"  # the form's field names (block ids), for inline errors
RATING_PREFIX = "rating_"


def rating_field(competency_id: str) -> str:
    return f"{RATING_PREFIX}{competency_id}"


def month_of(day: date) -> date:
    """The first day of `day`'s month: the check-in's month."""
    return day.replace(day=1)


def previous_month(month: date) -> date:
    return date(month.year - (month.month == 1), 12 if month.month == 1 else month.month - 1, 1)


def in_maintenance(cycle: CoachingCycle | None, today: date) -> bool:
    """Whether the rep's check-ins run: the cycle is active and past week 8 on `today`."""
    return cycle is not None and cycle.status is CycleStatus.ACTIVE and cycle.stage_on(today) is Stage.MAINTAIN


@dataclass(frozen=True)
class IndicatorReading:
    """One indicator's value over the snapshot's weeks; None when no call recorded it."""

    competency_id: str
    indicator_id: str
    value: float | None
    calls: int


@dataclass(frozen=True)
class MaintenanceCheckin:
    workspace: WorkspaceRef
    rep_id: str
    manager_id: str  # the manager told about it
    cycle_id: int
    month: date  # the first day of the month
    ratings: tuple[tuple[str, int], ...]  # (competency id, 1-5), in focus order
    slipping: str
    readings: tuple[IndicatorReading, ...]
    submitted_at: datetime
    # Set once when a flag's "Start a new cycle on <skill>" was clicked: the skill and the cycle it started.
    restarted_skill: str | None = None
    new_cycle_id: int | None = None
    id: int | None = None

    def rating(self, competency_id: str) -> int | None:
        return dict(self.ratings).get(competency_id)

    def reading(self, indicator_id: str) -> IndicatorReading | None:
        return next((r for r in self.readings if r.indicator_id == indicator_id), None)

    def snapshot(self) -> MonthlySnapshot:
        """What `backslides` compares: the ratings and the indicators that have a value."""
        return MonthlySnapshot(dict(self.ratings),
                               {r.indicator_id: r.value for r in self.readings if r.value is not None})


def month_value(indicator: LeadingIndicator, weeks: Sequence[WeekValue]) -> IndicatorReading | None:
    """The indicator over several weeks of `WeekValue`s, as one number: a total adds up, an average or a
    rate weighs each week by its calls (the same as over all the calls at once). None: no weeks given."""
    if not weeks:
        return None
    counted = [w for w in weeks if w.value is not None and w.calls > 0]
    calls = sum(w.calls for w in counted)
    value: float | None = None
    if counted:
        if indicator.aggregation is Aggregate.TOTAL:
            value = round(sum(w.value or 0.0 for w in counted), 1)
        else:
            value = round(sum((w.value or 0.0) * w.calls for w in counted) / calls, 1)
    return IndicatorReading("", indicator.id, value, calls)


def checkin_problems(ratings: Mapping[str, int | None], skills: Sequence[str], slipping: str) -> dict[str, str]:
    """Inline errors by field: a 1-5 rating for every focus skill, and what is slipping within its length."""
    problems = {rating_field(skill): "Rate this skill from 1 to 5." for skill in skills
                if ratings.get(skill) not in RATINGS}
    if (problem := field_lengths.text_problem(slipping, field_lengths.MAINTENANCE_SLIPPING)) is not None:
        problems[SLIPPING] = problem
    return problems

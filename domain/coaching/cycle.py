"""The 8-week coaching cycle: its stage follows from the date (DESIGN.md 2.1).

| week | stage      |
|------|------------|
| 1    | diagnose   |
| 2    | prioritize |
| 3-6  | develop    | (monitoring starts in week 4 and runs to week 8)
| 7-8  | habit      |
| 9+   | maintain   |

A manager can advance a cycle to the next stage or extend the current one;
both only move `offset_weeks`, so the calendar weeks stay what they were.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, replace
from datetime import date, timedelta

from domain.errors import InvalidInput
from domain.model import WorkspaceRef

CYCLE_WEEKS = 8


class Stage(str, enum.Enum):
    DIAGNOSE = "diagnose"
    PRIORITIZE = "prioritize"
    DEVELOP = "develop"
    HABIT = "habit"
    MAINTAIN = "maintain"

    @property
    def title(self) -> str:  # type: ignore[override]  # the stage's display name; str.title is never wanted here
        return self.value.capitalize()


# The first program week of each stage.
STAGE_STARTS = {
    Stage.DIAGNOSE: 1,
    Stage.PRIORITIZE: 2,
    Stage.DEVELOP: 3,
    Stage.HABIT: 7,
    Stage.MAINTAIN: CYCLE_WEEKS + 1,
}
MONITOR_WEEKS = range(4, CYCLE_WEEKS + 1)

WHAT_EACH_STAGE_ASKS = {
    Stage.DIAGNOSE: "score your last calls, a 20-question self-assessment, a pipeline review",
    Stage.PRIORITIZE: "agree at most two focus skills and sign a coaching contract",
    Stage.DEVELOP: "15-minute micro-lessons, role-plays on real deals, 2-3 shadowed calls a week",
    Stage.HABIT: "a 21-day challenge on your focus skills, with a daily check-in",
    Stage.MAINTAIN: "a monthly check-in to keep the new habits",
}


class CycleStatus(str, enum.Enum):
    ACTIVE = "active"
    ENDED = "ended"


@dataclass(frozen=True)
class CoachingCycle:
    workspace: WorkspaceRef
    rep_id: str
    manager_id: str
    starts_on: date  # always a Monday
    offset_weeks: int = 0  # + after "advance", - after "extend"
    status: CycleStatus = CycleStatus.ACTIVE
    ended_on: date | None = None
    id: int | None = None

    def program_week(self, today: date) -> int:
        """1-based week of the program on `today` (0 before it starts)."""
        if today < self.starts_on:
            return 0
        return (today - self.starts_on).days // 7 + 1 + self.offset_weeks

    def stage_on(self, today: date) -> Stage | None:
        week = self.program_week(today)
        if week <= 0:
            return None
        current = Stage.DIAGNOSE
        for stage, first_week in STAGE_STARTS.items():
            if week >= first_week:
                current = stage
        return current

    def monitoring_on(self, today: date) -> bool:
        return self.program_week(today) in MONITOR_WEEKS

    def advanced(self, today: date) -> CoachingCycle:
        stage = self.stage_on(today)
        if stage is None:
            raise InvalidInput(f"This cycle starts on {self.starts_on:%a %-d %b}; it cannot move on before then.")
        if stage is Stage.MAINTAIN:
            raise InvalidInput("The cycle is already in monthly maintenance; end it or start a new one.")
        following = list(STAGE_STARTS)[list(STAGE_STARTS).index(stage) + 1]
        return replace(self, offset_weeks=self.offset_weeks + STAGE_STARTS[following] - self.program_week(today))

    def extended(self, weeks: int = 1) -> CoachingCycle:
        if not 1 <= weeks <= 4:
            raise InvalidInput("Extend by 1 to 4 weeks at a time, e.g. `/coach cycle @alex extend 2`.")
        return replace(self, offset_weeks=self.offset_weeks - weeks)

    def ended(self, today: date) -> CoachingCycle:
        return replace(self, status=CycleStatus.ENDED, ended_on=today)


def cycle_start(requested: date | None, today: date) -> date:
    """The Monday a new cycle starts: the one given, or the coming one (today if Monday)."""
    if requested is None:
        return today + timedelta(days=(7 - today.weekday()) % 7)
    if requested.weekday() != 0:
        monday = requested - timedelta(days=requested.weekday())
        raise InvalidInput(
            f"Cycles start on a Monday; {requested:%a %-d %b} is not one. "
            f"Use {monday:%Y-%m-%d} or {monday + timedelta(days=7):%Y-%m-%d}."
        )
    if requested < today - timedelta(days=7 * CYCLE_WEEKS):
        raise InvalidInput("That start date is more than 8 weeks ago; start the cycle from a recent Monday.")
    return requested

"""The 8-week cycle's stage follows from the date, and a manager can move it on or hold it."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from domain.coaching.cycle import CoachingCycle, CycleStatus, Stage, cycle_start
from domain.errors import InvalidInput
from domain.model import WorkspaceRef

MONDAY = date(2026, 11, 30)


def _cycle(**changes) -> CoachingCycle:
    return CoachingCycle(WorkspaceRef("T1"), "UA", "UMGR", MONDAY, **changes)


@pytest.mark.parametrize(
    ("days_in", "week", "stage", "monitoring"),
    [
        (-1, 0, None, False),
        (0, 1, Stage.DIAGNOSE, False),
        (6, 1, Stage.DIAGNOSE, False),  # Sunday of week 1
        (7, 2, Stage.PRIORITIZE, False),
        (14, 3, Stage.DEVELOP, False),
        (21, 4, Stage.DEVELOP, True),
        (41, 6, Stage.DEVELOP, True),
        (42, 7, Stage.HABIT, True),
        (55, 8, Stage.HABIT, True),
        (56, 9, Stage.MAINTAIN, False),
        (400, 58, Stage.MAINTAIN, False),
    ],
)
def test_stage_follows_from_the_date(days_in, week, stage, monitoring) -> None:
    today = MONDAY + timedelta(days=days_in)
    cycle = _cycle()
    assert cycle.program_week(today) == week
    assert cycle.stage_on(today) is stage
    assert cycle.monitoring_on(today) is monitoring


def test_advancing_moves_to_the_first_week_of_the_next_stage() -> None:
    wednesday_week_1 = MONDAY + timedelta(days=2)
    cycle = _cycle().advanced(wednesday_week_1)
    assert cycle.stage_on(wednesday_week_1) is Stage.PRIORITIZE
    in_develop = cycle.advanced(wednesday_week_1)
    assert in_develop.stage_on(wednesday_week_1) is Stage.DEVELOP
    assert in_develop.program_week(wednesday_week_1 + timedelta(days=7)) == 4


def test_extending_holds_the_current_stage_for_more_weeks() -> None:
    week_2 = MONDAY + timedelta(days=8)
    cycle = _cycle().extended(1)
    assert cycle.stage_on(week_2) is Stage.DIAGNOSE
    assert cycle.stage_on(week_2 + timedelta(days=7)) is Stage.PRIORITIZE
    with pytest.raises(InvalidInput, match="1 to 4 weeks"):
        cycle.extended(5)


def test_a_cycle_cannot_move_on_before_it_starts_or_past_maintenance() -> None:
    with pytest.raises(InvalidInput, match="starts on Mon 30 Nov"):
        _cycle().advanced(MONDAY - timedelta(days=1))
    with pytest.raises(InvalidInput, match="maintenance"):
        _cycle().advanced(MONDAY + timedelta(days=70))


def test_ending_records_the_day() -> None:
    ended = _cycle().ended(MONDAY + timedelta(days=20))
    assert ended.status is CycleStatus.ENDED and ended.ended_on == date(2026, 12, 20)


def test_a_cycle_starts_on_a_monday() -> None:
    thursday = date(2026, 11, 26)
    assert cycle_start(None, thursday) == MONDAY
    assert cycle_start(None, MONDAY) == MONDAY
    assert cycle_start(MONDAY + timedelta(days=7), thursday) == date(2026, 12, 7)
    with pytest.raises(InvalidInput, match="Use 2026-11-23 or 2026-11-30"):
        cycle_start(thursday, thursday)
    with pytest.raises(InvalidInput, match="more than 8 weeks ago"):
        cycle_start(date(2026, 1, 5), thursday)

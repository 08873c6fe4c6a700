"""A run carrying its own local time (the rep's chosen challenge nudge time): DST, quiet hours, one period a day."""

from __future__ import annotations

from datetime import date, time

from domain.model import QuietHours, WorkspaceSettings
from domain.scheduling.anchored import anchored_occurrences
from domain.scheduling.anchors import Run
from tests.unit.domain.scheduling.helpers import CHALLENGE, MON_FRI, person, utc, wall

LONDON, NEW_YORK = "Europe/London", "America/New_York"


def test_a_run_with_its_own_time_fires_then_and_not_at_the_kinds_time() -> None:
    run = Run("c1", date(2026, 11, 16), date(2026, 11, 20), at=time(7, 15))
    found = anchored_occurrences(CHALLENGE, person(NEW_YORK), MON_FRI, [run])
    assert [wall(o.due_at, NEW_YORK) for o in found][:2] == [
        (date(2026, 11, 16), time(7, 15)), (date(2026, 11, 17), time(7, 15))]
    assert found[0].due_at == utc(2026, 11, 16, 12, 15)


def test_its_own_time_stays_on_the_wall_across_the_london_clock_change() -> None:
    run = Run("c1", date(2026, 10, 23), date(2026, 10, 27), at=time(6, 45))  # clocks go back on the 25th
    found = anchored_occurrences(CHALLENGE, person(LONDON), MON_FRI, [run])
    assert {wall(o.due_at, LONDON)[1] for o in found} == {time(6, 45)}
    assert found[0].due_at == utc(2026, 10, 23, 5, 45)  # BST
    assert found[1].due_at == utc(2026, 10, 26, 6, 45)  # GMT


def test_a_time_inside_the_spring_gap_comes_at_the_end_of_the_gap() -> None:
    run = Run("c1", date(2027, 3, 14), date(2027, 3, 14), at=time(2, 30))  # New York springs forward at 02:00
    (found,) = anchored_occurrences(CHALLENGE, person(NEW_YORK), WorkspaceSettings(
        working_days=frozenset(range(7))), [run])
    assert found.due_at == utc(2027, 3, 14, 7)  # 03:00 EDT, late by the gap rather than lost


def test_quiet_hours_hold_an_early_own_time_until_they_end() -> None:
    run = Run("c1", date(2026, 11, 16), date(2026, 11, 16), at=time(6, 0))
    quiet = WorkspaceSettings(quiet_hours=QuietHours(time(20), time(7)))
    (found,) = anchored_occurrences(CHALLENGE, person(LONDON), quiet, [run])
    assert wall(found.due_at, LONDON) == (date(2026, 11, 16), time(7))


def test_the_period_of_a_day_is_the_same_whatever_the_time() -> None:
    early = Run("c1", date(2026, 11, 16), date(2026, 11, 16), at=time(7, 15))
    late = Run("c1", date(2026, 11, 16), date(2026, 11, 16), at=time(9))
    default = Run("c1", date(2026, 11, 16), date(2026, 11, 16))
    periods = {o.ledger_period for run in (early, late, default)
               for o in anchored_occurrences(CHALLENGE, person(LONDON), MON_FRI, [run])}
    assert periods == {"c1@2026-11-16"}
    assert late.covers("c1@2026-11-16") and early.period_on(date(2026, 11, 16)) == "c1@2026-11-16"

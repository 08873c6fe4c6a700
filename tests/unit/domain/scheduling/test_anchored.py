"""Anchored kinds: before a session, on a deadline's day, every working day of a run; DST, holidays, time off."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time, timedelta

import pytest

from domain.model import QuietHours, WorkspaceSettings
from domain.scheduling.anchored import anchored_occurrences, last_of_working_days
from domain.scheduling.anchors import Appointment, Deadline, Run
from domain.scheduling.kinds import END_OF_DAY
from tests.unit.domain.scheduling.helpers import (
    CHALLENGE,
    DAY_BEFORE,
    DEADLINE_MORNING,
    MON_FRI,
    TWO_HOURS_BEFORE,
    local,
    person,
    utc,
    wall,
)

NEW_YORK, LONDON = "America/New_York", "Europe/London"
def session(at: datetime, ref: str = "s42") -> Appointment:
    return Appointment(ref, at)


# --- before an instant ---------------------------------------------------------------


def test_a_day_before_a_session_is_24_real_hours_across_spring_forward_in_new_york() -> None:
    # Clocks go forward on Sunday 8 March 2026: Saturday 09:00 EST is 24 h before Sunday 10:00 EDT.
    sunday_ten = local(NEW_YORK, 2026, 3, 8, 10)
    [reminder] = anchored_occurrences(DAY_BEFORE, person(NEW_YORK), MON_FRI, [session(sunday_ten)])
    assert reminder.due_at == utc(2026, 3, 7, 14)
    assert sunday_ten - reminder.due_at == timedelta(hours=24)  # elapsed: aware minus UTC
    assert wall(reminder.due_at, NEW_YORK) == (date(2026, 3, 7), time(9))
    assert reminder.stale_at == utc(2026, 3, 8, 2)  # 12 h before the session


def test_two_hours_before_a_session_just_after_the_gap_is_two_real_hours() -> None:
    just_after = local(NEW_YORK, 2026, 3, 8, 3, 30)  # 02:00-03:00 never happened that night
    [reminder] = anchored_occurrences(TWO_HOURS_BEFORE, person(NEW_YORK), MON_FRI, [session(just_after)])
    assert reminder.due_at == utc(2026, 3, 8, 5, 30)
    assert wall(reminder.due_at, NEW_YORK) == (date(2026, 3, 8), time(0, 30))
    assert reminder.stale_at == just_after  # useless once it starts


def test_a_day_before_a_session_after_fall_back_in_london_reads_an_hour_later_on_the_wall() -> None:
    # Clocks go back on Sunday 25 October 2026: Saturday 10:00 BST is 24 h before Sunday 09:00 GMT.
    [reminder] = anchored_occurrences(DAY_BEFORE, person(LONDON), MON_FRI, [session(utc(2026, 10, 25, 9))])
    assert reminder.due_at == utc(2026, 10, 24, 9)
    assert wall(reminder.due_at, LONDON) == (date(2026, 10, 24), time(10))


def test_both_people_at_a_session_get_the_same_ledger_period_whatever_their_zone() -> None:
    at = local(NEW_YORK, 2026, 3, 8, 10)
    [rep] = anchored_occurrences(DAY_BEFORE, person(NEW_YORK, "UREP"), MON_FRI, [session(at)])
    [manager] = anchored_occurrences(DAY_BEFORE, person(LONDON, "UMGR"), MON_FRI, [session(at)])
    assert rep.due_at == manager.due_at
    assert str(rep.key("T1", "UREP")) == "T1/UREP/session_24h/s42@20260308T1400Z"
    assert manager.ledger_period == rep.ledger_period == "s42@20260308T1400Z"


def test_quiet_hours_delay_a_reminder_and_drop_it_once_it_would_come_too_late() -> None:
    quiet = WorkspaceSettings(quiet_hours=QuietHours(time(20), time(7)))
    eight = session(local(NEW_YORK, 2026, 11, 24, 8), "s1")  # 2 h before is 06:00: quiet until 07:00
    seven = session(local(NEW_YORK, 2026, 11, 25, 7), "s2")  # 07:00 is the session itself
    [reminder] = anchored_occurrences(TWO_HOURS_BEFORE, person(NEW_YORK), quiet, [eight, seven])
    assert reminder.ledger_period.startswith("s1@")
    assert wall(reminder.due_at, NEW_YORK) == (date(2026, 11, 24), time(7))


def test_time_off_and_opt_outs_silence_session_reminders() -> None:
    tuesday = session(local(NEW_YORK, 2026, 11, 25, 10))  # reminder on Tuesday the 24th
    away = person(NEW_YORK, paused_until=date(2026, 11, 25))
    assert anchored_occurrences(DAY_BEFORE, away, MON_FRI, [tuesday]) == []
    back_on_the_day = person(NEW_YORK, paused_until=date(2026, 11, 24))
    assert len(anchored_occurrences(DAY_BEFORE, back_on_the_day, MON_FRI, [tuesday])) == 1
    muted = person(NEW_YORK, muted_kinds=frozenset({"session_24h"}))
    assert anchored_occurrences(DAY_BEFORE, muted, MON_FRI, [tuesday]) == []
    disabled = WorkspaceSettings(disabled_kinds=frozenset({"session_24h"}))
    assert anchored_occurrences(DAY_BEFORE, person(NEW_YORK), disabled, [tuesday]) == []


# --- on a date -------------------------------------------------------------------


@pytest.mark.parametrize(("zone_name", "deadline", "due_utc"), [
    (NEW_YORK, date(2026, 3, 2), utc(2026, 3, 2, 13)),  # 08:00 EST
    (NEW_YORK, date(2026, 3, 9), utc(2026, 3, 9, 12)),  # 08:00 EDT, the Monday after the change
    (LONDON, date(2026, 10, 23), utc(2026, 10, 23, 7)),  # 08:00 BST
    (LONDON, date(2026, 10, 26), utc(2026, 10, 26, 8)),  # 08:00 GMT, the Monday after the change
])
def test_the_morning_of_a_deadline_is_0800_local_on_either_side_of_a_clock_change(
    zone_name: str, deadline: date, due_utc: datetime
) -> None:
    [morning] = anchored_occurrences(DEADLINE_MORNING, person(zone_name), MON_FRI, [Deadline("d7", deadline)])
    assert morning.due_at == due_utc
    assert wall(morning.due_at, zone_name) == (deadline, time(8))
    assert morning.ledger_period == f"d7@{deadline.isoformat()}"
    assert wall(morning.stale_at, zone_name) == (deadline + timedelta(days=1), time(0))


def test_a_deadline_on_a_day_off_is_announced_the_working_day_before_under_its_own_period() -> None:
    christmas = WorkspaceSettings(holidays=frozenset({date(2026, 12, 25)}))
    saturday, holiday = Deadline("d1", date(2026, 10, 24)), Deadline("d2", date(2026, 12, 25))
    found = anchored_occurrences(DEADLINE_MORNING, person(LONDON), christmas, [saturday, holiday])
    assert [(o.ledger_period, o.local_date) for o in found] == [
        ("d1@2026-10-24", date(2026, 10, 23)),  # Friday
        ("d2@2026-12-25", date(2026, 12, 24)),  # Christmas Eve
    ]
    every_day = replace(DEADLINE_MORNING, respects_working_days=False)
    [on_the_day] = anchored_occurrences(every_day, person(LONDON), christmas, [saturday])
    assert on_the_day.local_date == date(2026, 10, 24)


# --- a bounded run of working days ------------------------------------------------------


def test_a_21_day_run_nudges_every_working_day_at_0900_local_across_the_london_clock_change() -> None:
    run = Run("c1", date(2026, 10, 19), date(2026, 11, 8))  # 21 days, clocks go back on the 25th
    found = anchored_occurrences(CHALLENGE, person(LONDON), MON_FRI, [run])
    days = [o.local_date for o in found]
    assert len(days) == 15 and all(day.weekday() < 5 for day in days)
    assert (days[0], days[-1]) == (date(2026, 10, 19), date(2026, 11, 6))
    assert {wall(o.due_at, LONDON)[1] for o in found} == {time(9)}
    assert found[0].due_at == utc(2026, 10, 19, 8) and found[-1].due_at == utc(2026, 11, 6, 9)
    assert [o.ledger_period for o in found[:2]] == ["c1@2026-10-19", "c1@2026-10-20"]


def test_a_holiday_inside_a_run_has_no_nudge_and_time_off_cancels_the_days_away() -> None:
    run = Run("c1", date(2026, 11, 16), date(2026, 12, 6))
    thanksgiving = WorkspaceSettings(holidays=frozenset({date(2026, 11, 26)}))
    found = anchored_occurrences(CHALLENGE, person(NEW_YORK), thanksgiving, [run])
    days = [o.local_date for o in found]
    assert date(2026, 11, 26) not in days and len(days) == 14
    assert date(2026, 11, 25) in days and date(2026, 11, 27) in days
    away = person(NEW_YORK, paused_until=date(2026, 12, 2))  # back on Wednesday
    days_back = [o.local_date for o in anchored_occurrences(CHALLENGE, away, thanksgiving, [run])]
    assert days_back == [date(2026, 12, 2), date(2026, 12, 3), date(2026, 12, 4)]


def test_21_working_days_end_a_day_later_with_a_holiday_inside() -> None:
    monday = date(2026, 11, 16)
    assert last_of_working_days(monday, 21, MON_FRI) == date(2026, 12, 14)
    thanksgiving = WorkspaceSettings(holidays=frozenset({date(2026, 11, 26)}))
    assert last_of_working_days(monday, 21, thanksgiving) == date(2026, 12, 15)
    assert last_of_working_days(date(2026, 11, 14), 1, MON_FRI) == monday  # a Saturday start waits for Monday


# --- what the engine refuses ---------------------------------------------------------------


def test_anchors_must_be_aware_short_and_of_the_kinds_sort() -> None:
    with pytest.raises(ValueError, match="aware"):
        Appointment("s1", datetime(2026, 11, 24, 10))  # noqa: DTZ001 - naive on purpose: refused
    with pytest.raises(ValueError, match="32 characters"):
        Deadline("a-very-long-reference-name-x", date(2026, 11, 24))
    with pytest.raises(ValueError, match="ends before"):
        Run("c1", date(2026, 11, 24), date(2026, 11, 23))
    with pytest.raises(TypeError, match="cannot follow a Deadline"):
        anchored_occurrences(DAY_BEFORE, person(), MON_FRI, [Deadline("d1", date(2026, 11, 24))])


def test_an_anchored_kind_needs_its_source_and_its_timing() -> None:
    with pytest.raises(ValueError, match="source"):
        replace(DAY_BEFORE, source=None)
    with pytest.raises(ValueError, match="before"):
        replace(DAY_BEFORE, before=None)
    with pytest.raises(ValueError, match="before_instant"):
        replace(DAY_BEFORE, stale=END_OF_DAY)
    with pytest.raises(ValueError, match="local_time"):
        replace(DEADLINE_MORNING, local_time=None)
    with pytest.raises(ValueError, match="only a before-instant kind"):
        replace(DEADLINE_MORNING, before=timedelta(hours=1))
    assert (DAY_BEFORE.timing, TWO_HOURS_BEFORE.timing, DEADLINE_MORNING.timing) == (
        "24 h before", "2 h before", "08:00 your time")

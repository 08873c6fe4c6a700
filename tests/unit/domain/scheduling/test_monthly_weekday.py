"""The MONTHLY cadence's "n-th weekday of the month" option: the first Tuesday, 10:00 local."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, time

import pytest

from domain.model import QuietHours, WorkspaceSettings
from domain.scheduling.calendar import next_occurrence, occurrence_in_period, occurrences_between
from domain.scheduling.kinds import Audience, Cadence, NotificationKind, Staleness
from domain.scheduling.monthly import nth_weekday
from tests.unit.domain.scheduling.helpers import MON_FRI, SUN_THU, person, utc, wall

FIRST_TUESDAY = NotificationKind(
    name="first_tuesday", title="First Tuesday", audience=Audience.REPS, cadence=Cadence.MONTHLY,
    weekday=1, week_of_month=1, local_time=time(10), stale=Staleness(days_after=7),
)


def test_the_first_tuesday_when_the_first_is_a_tuesday_and_when_it_is_a_wednesday() -> None:
    assert nth_weekday(2026, 12, 1, 1) == date(2026, 12, 1)  # the 1st is a Tuesday
    assert nth_weekday(2026, 7, 1, 1) == date(2026, 7, 7)  # the 1st is a Wednesday
    assert nth_weekday(2026, 7, 1, 4) == date(2026, 7, 28)
    december = occurrence_in_period(FIRST_TUESDAY, person("Europe/London"), MON_FRI, date(2026, 12, 1))
    assert december is not None and wall(december.due_at, "Europe/London") == (date(2026, 12, 1), time(10))
    july = occurrence_in_period(FIRST_TUESDAY, person("Europe/London"), MON_FRI, date(2026, 7, 7))
    assert july is not None and july.due_at == utc(2026, 7, 7, 9)  # 10:00 BST
    with pytest.raises(ValueError, match="does not start a period"):
        occurrence_in_period(FIRST_TUESDAY, person(), MON_FRI, date(2026, 7, 1))


def test_one_a_month_at_ten_local_across_new_yorks_clock_change() -> None:
    # New York leaves summer time on Sunday 1 November 2026; the first Tuesday is the 3rd.
    found = occurrences_between(FIRST_TUESDAY, person("America/New_York"), MON_FRI,
                                utc(2026, 9, 1), utc(2027, 1, 1))
    assert [o.period for o in found] == [date(2026, 9, 1), date(2026, 10, 6), date(2026, 11, 3), date(2026, 12, 1)]
    assert {wall(o.due_at, "America/New_York")[1] for o in found} == {time(10)}
    assert [o.due_at.hour for o in found] == [14, 14, 15, 15]  # UTC moves, the wall clock does not


def test_each_person_gets_it_in_their_own_zone() -> None:
    tokyo = occurrence_in_period(FIRST_TUESDAY, person("Asia/Tokyo"), MON_FRI, date(2026, 12, 1))
    la = occurrence_in_period(FIRST_TUESDAY, person("America/Los_Angeles"), MON_FRI, date(2026, 12, 1))
    assert tokyo is not None and la is not None
    assert (tokyo.due_at, la.due_at) == (utc(2026, 12, 1, 1), utc(2026, 12, 1, 18))


def test_a_holiday_on_the_first_tuesday_moves_it_to_the_next_working_day_under_the_same_key() -> None:
    holiday = WorkspaceSettings(holidays=frozenset({date(2026, 12, 1)}))
    found = occurrence_in_period(FIRST_TUESDAY, person(), holiday, date(2026, 12, 1))
    assert found is not None
    assert (found.period, found.local_date, found.ledger_period) == (date(2026, 12, 1), date(2026, 12, 2), "2026-12-01")


def test_time_off_on_the_day_cancels_the_month_and_quiet_hours_push_it_to_their_end() -> None:
    away = person(paused_until=date(2026, 12, 2))
    assert occurrence_in_period(FIRST_TUESDAY, away, MON_FRI, date(2026, 12, 1)) is None
    after = next_occurrence(FIRST_TUESDAY, away, MON_FRI, utc(2026, 11, 20))
    assert after is not None and after.period == date(2027, 1, 5)
    quiet = WorkspaceSettings(quiet_hours=QuietHours(time(8), time(11)))
    found = occurrence_in_period(FIRST_TUESDAY, person("Europe/London"), quiet, date(2026, 12, 1))
    assert found is not None and wall(found.due_at, "Europe/London") == (date(2026, 12, 1), time(11))


def test_a_work_week_without_tuesdays_sends_it_on_the_next_working_day() -> None:
    no_tuesdays = WorkspaceSettings(working_days=frozenset({0, 2, 3, 4}))
    found = occurrence_in_period(FIRST_TUESDAY, person(), no_tuesdays, date(2026, 12, 1))
    assert found is not None and found.local_date == date(2026, 12, 2)
    assert occurrence_in_period(FIRST_TUESDAY, person(), SUN_THU, date(2026, 12, 1)) is not None


def test_the_kind_says_when_it_comes_and_refuses_a_muddled_spec() -> None:
    assert FIRST_TUESDAY.timing == "First Tuesday of the month, 10:00 your time"
    with pytest.raises(ValueError, match="not both"):
        replace(FIRST_TUESDAY, day_of_month=3)
    with pytest.raises(ValueError, match="1-4"):
        replace(FIRST_TUESDAY, week_of_month=5)
    with pytest.raises(ValueError, match="needs a weekday"):
        replace(FIRST_TUESDAY, weekday=None)
    with pytest.raises(ValueError, match="only a monthly kind"):
        replace(FIRST_TUESDAY, cadence=Cadence.DAILY)

"""Monthly slots: the n-th weekday and time a workspace chose for a monthly kind; the ledger keys the month."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, time

import pytest

from domain.model import MonthlyTime, WorkspaceSettings
from domain.notifications.maintenance import MAINTENANCE_CHECKIN
from domain.scheduling.calendar import next_occurrence, occurrences_between
from domain.scheduling.kinds import Audience, Cadence, NotificationKind
from domain.scheduling.monthly_slots import CHECKIN_SLOT, monthly_day
from domain.scheduling.slots import timing_for
from tests.unit.domain.scheduling.helpers import MON_FRI, person, utc, wall

SECOND_WED = MON_FRI.with_monthly_time(CHECKIN_SLOT, MonthlyTime(CHECKIN_SLOT, 2, 2, time(9)))
TOKYO, LONDON = "Asia/Tokyo", "Europe/London"


@pytest.mark.parametrize("zone_name", [TOKYO, LONDON])
def test_the_workspaces_slot_replaces_the_first_tuesday_at_its_time_on_each_wall(zone_name: str) -> None:
    found = next_occurrence(MAINTENANCE_CHECKIN, person(zone_name), SECOND_WED, utc(2026, 10, 1))
    assert found is not None and wall(found.due_at, zone_name) == (date(2026, 10, 14), time(9))
    default = next_occurrence(MAINTENANCE_CHECKIN, person(zone_name), MON_FRI, utc(2026, 10, 1))
    assert default is not None and wall(default.due_at, zone_name) == (date(2026, 10, 6), time(10))


def test_the_ledger_keys_the_month_whatever_the_slot() -> None:
    settings = [MON_FRI, SECOND_WED,
                MON_FRI.with_monthly_time(CHECKIN_SLOT, MonthlyTime(CHECKIN_SLOT, 4, 4, time(16)))]
    periods = {o.ledger_period for s in settings
               for o in occurrences_between(MAINTENANCE_CHECKIN, person(LONDON), s, utc(2026, 10, 1), utc(2026, 11, 1))}
    assert periods == {"2026-10-01"}


def test_a_holiday_on_the_chosen_day_moves_it_to_the_next_working_day_under_the_same_month() -> None:
    holiday = replace(SECOND_WED, holidays=frozenset({date(2026, 10, 14)}))
    found = next_occurrence(MAINTENANCE_CHECKIN, person(LONDON), holiday, utc(2026, 10, 1))
    assert found is not None and found.local_date == date(2026, 10, 15) and found.ledger_period == "2026-10-01"


def test_notify_and_the_day_the_slot_falls_on_read_the_workspaces_choice() -> None:
    assert timing_for(MAINTENANCE_CHECKIN, MON_FRI) == "First Tuesday of the month, 10:00 your time"
    assert timing_for(MAINTENANCE_CHECKIN, SECOND_WED) == "Second Wednesday of the month, 09:00 your time"
    assert monthly_day(MAINTENANCE_CHECKIN, SECOND_WED, date(2026, 12, 1)) == date(2026, 12, 9)
    assert monthly_day(MAINTENANCE_CHECKIN, WorkspaceSettings(), date(2026, 12, 1)) == date(2026, 12, 1)


def test_a_slot_needs_a_weekly_kind_or_a_monthly_one_on_an_nth_weekday() -> None:
    with pytest.raises(ValueError, match="only a weekly kind follows a weekly slot"):
        NotificationKind("x", "X", Audience.REPS, Cadence.MONTHLY, local_time=time(9), day_of_month=1,
                         slot=CHECKIN_SLOT)
    NotificationKind("x", "X", Audience.REPS, Cadence.MONTHLY, local_time=time(9), weekday=1, week_of_month=1,
                     slot=CHECKIN_SLOT)

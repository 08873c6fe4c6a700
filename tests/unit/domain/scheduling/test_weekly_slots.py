"""A weekly kind with a slot and a day off that goes back: the Friday scorecard's calendar.

The kinds here are the tests' own, declared the way the scorecard, the
manager's team digest and the peer-learning ask declare theirs: Fridays
15:00 local, slot "scorecard", a day off sends them back to the last
working day of the week. 2026-11-23 is a Monday; 2026-11-27 a Friday.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, time

import pytest

from domain.model import QuietHours, WeeklyTime, WorkspaceSettings
from domain.notifications.week_ahead import WEEK_AHEAD
from domain.scheduling.calendar import Occurrence, next_occurrence, occurrence_in_period, occurrences_between
from domain.scheduling.due import catch_up, due_now, next_check_at
from domain.scheduling.kinds import Audience, Cadence, NotificationKind, Staleness
from domain.scheduling.slots import SCORECARD_DEFAULT, SCORECARD_SLOT, delivered_weekday, timing_for
from tests.unit.domain.scheduling.helpers import MON_FRI, SUN_THU, local, person, wall

NEW_YORK, SYDNEY, LOS_ANGELES = "America/New_York", "Australia/Sydney", "America/Los_Angeles"
FRIDAY, THURSDAY = date(2026, 11, 27), date(2026, 11, 26)

CARD = NotificationKind(
    name="test_scorecard", title="Friday scorecard", audience=Audience.REPS, cadence=Cadence.WEEKLY,
    weekday=4, local_time=time(15), stale=Staleness(days_after=1, at=time(0)),
    slot=SCORECARD_SLOT, day_off_goes_back=True,
)
DIGEST = replace(CARD, name="test_team_digest", title="Team digest", audience=Audience.MANAGERS)
# The same Friday kind without the new rule: a day off still moves it to the next working day.
FORWARD = replace(CARD, name="test_forward", slot=None, day_off_goes_back=False)


def chosen(weekday: int, at: time, settings: WorkspaceSettings = MON_FRI) -> WorkspaceSettings:
    return settings.with_weekly_time(SCORECARD_SLOT, WeeklyTime(SCORECARD_SLOT, weekday, at))


def fired(
    kind: NotificationKind, settings: WorkspaceSettings, zone_name: str = NEW_YORK, paused_until: date | None = None
) -> Occurrence:
    """The occurrence for the week of 2026-11-23, looked for from the Sunday before."""
    rep = person(zone_name, paused_until=paused_until)
    found = next_occurrence(kind, rep, settings, local(zone_name, 2026, 11, 22, 12))
    assert found is not None
    return found


# --- the work week ---------------------------------------------------------------


def test_a_monday_to_friday_team_gets_it_on_friday_at_1500_local() -> None:
    found = fired(CARD, MON_FRI)
    assert wall(found.due_at, NEW_YORK) == (FRIDAY, time(15))
    assert found.ledger_period == "2026-11-27"


def test_a_sunday_to_thursday_team_gets_it_on_thursday_still_as_that_fridays_card() -> None:
    found = fired(CARD, SUN_THU)
    assert wall(found.due_at, NEW_YORK) == (THURSDAY, time(15))
    assert (found.local_date, found.ledger_period) == (THURSDAY, "2026-11-27")


def test_without_the_rule_a_friday_kind_still_goes_forward_to_sunday() -> None:
    found = occurrence_in_period(FORWARD, person(), SUN_THU, FRIDAY)
    assert found is not None and wall(found.due_at, NEW_YORK) == (date(2026, 11, 29), time(15))


def test_a_friday_holiday_sends_it_on_thursday_and_two_days_off_on_wednesday() -> None:
    friday_off = replace(MON_FRI, holidays=frozenset({FRIDAY}))
    both_off = replace(MON_FRI, holidays=frozenset({FRIDAY, THURSDAY}))
    assert wall(fired(CARD, friday_off).due_at, NEW_YORK) == (THURSDAY, time(15))
    assert wall(fired(CARD, both_off).due_at, NEW_YORK) == (date(2026, 11, 25), time(15))


def test_with_no_working_day_before_it_that_week_it_falls_forward_and_a_week_off_has_none() -> None:
    monday_off = replace(chosen(0, time(15)), holidays=frozenset({date(2026, 11, 23)}))
    week_off = replace(MON_FRI, holidays=frozenset(date(2026, 11, day) for day in range(23, 28)))

    assert wall(fired(CARD, monday_off).due_at, NEW_YORK) == (date(2026, 11, 24), time(15))
    assert occurrence_in_period(CARD, person(), week_off, FRIDAY) is None


def test_a_sunday_slot_for_a_monday_to_friday_team_comes_on_the_friday_before_it() -> None:
    sunday = chosen(6, time(10))
    thursday, friday_night = local(NEW_YORK, 2026, 11, 26), local(NEW_YORK, 2026, 11, 27, 23)
    found = occurrences_between(CARD, person(), sunday, thursday, friday_night)
    assert [(wall(o.due_at, NEW_YORK), o.ledger_period) for o in found] == [((FRIDAY, time(10)), "2026-11-29")]


# --- the workspace's own day and time ------------------------------------------------------


def test_the_workspace_moves_every_kind_of_the_slot_to_wednesday_1600_and_nothing_else() -> None:
    wednesday = chosen(2, time(16))
    for kind in (CARD, DIGEST):
        found = fired(kind, wednesday)
        assert wall(found.due_at, NEW_YORK) == (date(2026, 11, 25), time(16))
        assert found.ledger_period == "2026-11-25"
    assert wall(fired(FORWARD, wednesday).due_at, NEW_YORK) == (FRIDAY, time(15))


def test_a_chosen_day_off_the_work_week_still_goes_back() -> None:
    found = fired(CARD, chosen(4, time(9, 30), SUN_THU))
    assert wall(found.due_at, NEW_YORK) == (THURSDAY, time(9, 30))


def test_the_period_asked_for_is_the_workspaces_weekday() -> None:
    wednesday = chosen(2, time(16))
    assert occurrence_in_period(CARD, person(), wednesday, date(2026, 11, 25)) is not None
    with pytest.raises(ValueError, match="does not start a period"):
        occurrence_in_period(CARD, person(), wednesday, FRIDAY)


def test_the_default_choice_stored_explicitly_changes_nothing() -> None:
    stored_default = MON_FRI.with_weekly_time(SCORECARD_SLOT, SCORECARD_DEFAULT)
    assert fired(CARD, stored_default) == fired(CARD, MON_FRI)


# --- each person's own clock --------------------------------------------------------


def test_sydney_and_los_angeles_each_get_it_at_1500_their_own_time() -> None:
    for settings, day in ((MON_FRI, FRIDAY), (SUN_THU, THURSDAY)):
        sydney, los_angeles = fired(CARD, settings, SYDNEY), fired(CARD, settings, LOS_ANGELES)
        assert wall(sydney.due_at, SYDNEY) == (day, time(15))
        assert wall(los_angeles.due_at, LOS_ANGELES) == (day, time(15))
        assert sydney.ledger_period == los_angeles.ledger_period == "2026-11-27"
        assert (los_angeles.due_at - sydney.due_at).total_seconds() == 19 * 3600  # UTC+11 and UTC-8


def test_the_week_the_clocks_change_keeps_1500_local_on_either_side() -> None:
    # New York leaves daylight time on Sunday 1 November 2026.
    found = occurrences_between(CARD, person(), SUN_THU, local(NEW_YORK, 2026, 10, 25), local(NEW_YORK, 2026, 11, 8))
    assert [wall(o.due_at, NEW_YORK) for o in found] == [(date(2026, 10, 29), time(15)), (date(2026, 11, 5), time(15))]
    assert [o.due_at.hour for o in found] == [19, 20]  # UTC: EDT, then EST


def test_a_chosen_time_the_clocks_skip_comes_at_the_end_of_the_gap() -> None:
    # Sunday 8 March 2026, 02:30 does not exist in New York: it comes at 03:00 EDT.
    found = next_occurrence(CARD, person(), chosen(6, time(2, 30), SUN_THU), local(NEW_YORK, 2026, 3, 7))
    assert found is not None and wall(found.due_at, NEW_YORK) == (date(2026, 3, 8), time(3))


def test_quiet_hours_still_move_it_and_time_off_still_cancels_it() -> None:
    quiet = replace(SUN_THU, quiet_hours=QuietHours(time(14), time(16)))
    assert wall(fired(CARD, quiet).due_at, NEW_YORK) == (THURSDAY, time(16))

    off_thursday = fired(CARD, SUN_THU, paused_until=FRIDAY)  # back on Friday: Thursday's card is not resent
    back_thursday = fired(CARD, SUN_THU, paused_until=THURSDAY)
    assert wall(off_thursday.due_at, NEW_YORK) == (date(2026, 12, 3), time(15))
    assert wall(back_thursday.due_at, NEW_YORK) == (THURSDAY, time(15))


# --- the tick: due now, catch-up, what comes next ------------------------------------------


def test_a_tick_on_thursday_afternoon_finds_the_friday_card_due() -> None:
    rep, now = person(), local(NEW_YORK, 2026, 11, 26, 15, 1)
    [due] = due_now([(rep, SUN_THU, CARD)], frozenset(), now)
    assert due.key.period == "2026-11-27"
    assert due_now([(rep, SUN_THU, CARD)], {due.key}, now) == []


def test_catch_up_after_downtime_sends_thursdays_card_and_skips_it_once_stale() -> None:
    rep = person()
    down_since = local(NEW_YORK, 2026, 11, 26, 10)
    late = catch_up(rep, SUN_THU, CARD, down_since, local(NEW_YORK, 2026, 11, 26, 18), frozenset())
    too_late = catch_up(rep, SUN_THU, CARD, down_since, local(NEW_YORK, 2026, 11, 27, 9), frozenset())

    assert [n.key.period for n in late.send] == ["2026-11-27"] and late.skip == []
    assert too_late.send == [] and [s.notification.key.period for s in too_late.skip] == ["2026-11-27"]
    assert "was due Thu 26 Nov 15:00" in too_late.skip[0].reason


def test_after_it_fired_on_thursday_evening_the_next_one_is_next_thursday() -> None:
    rep, evening = person(), local(NEW_YORK, 2026, 11, 26, 19)
    found = next_occurrence(CARD, rep, SUN_THU, evening)
    check = next_check_at(CARD, rep, SUN_THU, evening)
    assert found is not None and wall(found.due_at, NEW_YORK) == (date(2026, 12, 3), time(15))
    assert found.ledger_period == "2026-12-04" and check == found.due_at


# --- what people read ----------------------------------------------------------------------


def test_notify_says_the_day_and_time_the_workspace_gets_it() -> None:
    assert timing_for(CARD, MON_FRI) == "Fridays 15:00 your time"
    assert timing_for(CARD, SUN_THU) == "Thursdays 15:00 your time"
    assert timing_for(CARD, chosen(2, time(16))) == "Wednesdays 16:00 your time"
    assert timing_for(FORWARD, SUN_THU) == "Sundays 15:00 your time"
    assert timing_for(WEEK_AHEAD, MON_FRI) == "Mondays 08:00 your time"


@pytest.mark.parametrize(("weekday", "working", "goes_back", "expected"), [
    (4, {0, 1, 2, 3, 4}, True, 4),
    (4, {6, 0, 1, 2, 3}, True, 3),
    (4, {6, 0, 1, 2, 3}, False, 6),
    (0, {1, 2, 3, 4}, True, 1),  # nothing before Monday in its week: forward
    (4, set(), True, None),
])
def test_the_weekday_it_comes_on(weekday: int, working: set[int], goes_back: bool, expected: int | None) -> None:
    assert delivered_weekday(weekday, working, goes_back=goes_back) == expected


# --- the spec and the settings ---------------------------------------------------------------


def test_only_a_weekly_kind_takes_a_slot_or_goes_back() -> None:
    with pytest.raises(ValueError, match="only a weekly kind follows a weekly slot"):
        NotificationKind("x", "X", Audience.REPS, Cadence.DAILY, local_time=time(9), slot=SCORECARD_SLOT)
    with pytest.raises(ValueError, match="goes back"):
        NotificationKind("x", "X", Audience.REPS, Cadence.MONTHLY, local_time=time(9), day_of_month=1,
                         day_off_goes_back=True)


def test_settings_keep_one_time_per_slot_and_stay_hashable() -> None:
    wednesday, thursday = chosen(2, time(16)), chosen(3, time(9), chosen(2, time(16)))
    assert wednesday.weekly_time(SCORECARD_SLOT) == WeeklyTime(SCORECARD_SLOT, 2, time(16))
    assert thursday.weekly_times == (WeeklyTime(SCORECARD_SLOT, 3, time(9)),)
    assert thursday.with_weekly_time(SCORECARD_SLOT, None) == MON_FRI
    assert len({wednesday, chosen(2, time(16))}) == 1
    with pytest.raises(ValueError, match="weekday 7"):
        WeeklyTime(SCORECARD_SLOT, 7, time(9))

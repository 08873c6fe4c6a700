"""When a kind happens for a person: local times, time zones, working weeks, time off."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from domain.delivery import DeliveryKey
from domain.model import QuietHours, WorkspaceSettings
from domain.notifications.week_ahead import WEEK_AHEAD
from domain.scheduling.calendar import (
    Occurrence,
    next_occurrence,
    occurrence_in_period,
    occurrences_between,
    resolve_local,
    zone,
)
from domain.scheduling.kinds import Staleness
from tests.unit.domain.scheduling.helpers import (
    CHECK_IN,
    MON_FRI,
    MON_SAT,
    NUDGE,
    SUN_THU,
    daily,
    local,
    person,
    utc,
    wall,
)

NEW_YORK = "America/New_York"


# --- zone --------------------------------------------------------------------


def test_a_known_zone_is_used_as_is() -> None:
    assert zone("Asia/Kolkata") == ZoneInfo("Asia/Kolkata")


@pytest.mark.parametrize("odd", ["", "Mars/Olympus_Mons", "America", "../etc/passwd", "zone.tab", "localtime"])
def test_an_odd_zone_name_from_slack_falls_back_to_utc(odd: str) -> None:
    assert zone(odd).key == "UTC"


def test_a_person_with_an_unknown_zone_gets_the_nudge_at_0900_utc() -> None:
    found = next_occurrence(NUDGE, person("Nowhere/Special"), MON_FRI, utc(2026, 11, 23, 0))
    assert found is not None and found.due_at == utc(2026, 11, 23, 9)


# --- resolve_local ---------------------------------------------------------------


def test_an_ordinary_local_time_becomes_its_utc_instant() -> None:
    resolved = resolve_local(date(2026, 11, 23), time(9), ZoneInfo("Europe/Berlin"))
    assert resolved == utc(2026, 11, 23, 8)
    assert resolved.tzinfo == UTC


@pytest.mark.parametrize(
    ("zone_name", "day", "at", "expected_utc", "first_valid_local"),
    [
        (NEW_YORK, date(2026, 3, 8), time(2, 30), utc(2026, 3, 8, 7), time(3)),
        ("Europe/Berlin", date(2026, 3, 29), time(2, 30), utc(2026, 3, 29, 1), time(3)),
        ("Australia/Sydney", date(2026, 10, 4), time(2, 30), utc(2026, 10, 3, 16), time(3)),  # October
        # Lord Howe Island moves its clocks by only 30 minutes.
        ("Australia/Lord_Howe", date(2026, 10, 4), time(2, 15), utc(2026, 10, 3, 15, 30), time(2, 30)),
    ],
)
def test_a_time_skipped_by_spring_forward_resolves_to_the_end_of_the_gap(
    zone_name: str, day: date, at: time, expected_utc: datetime, first_valid_local: time
) -> None:
    resolved = resolve_local(day, at, ZoneInfo(zone_name))
    assert resolved == expected_utc
    assert wall(resolved, zone_name) == (day, first_valid_local)


@pytest.mark.parametrize(
    ("zone_name", "day", "at", "expected_utc"),
    [
        (NEW_YORK, date(2026, 11, 1), time(1, 30), utc(2026, 11, 1, 5, 30)),  # EDT, not EST
        ("Europe/Berlin", date(2026, 10, 25), time(2, 30), utc(2026, 10, 25, 0, 30)),  # CEST
        ("Australia/Sydney", date(2026, 4, 5), time(2, 30), utc(2026, 4, 4, 15, 30)),  # AEDT
        ("Australia/Lord_Howe", date(2026, 4, 5), time(1, 45), utc(2026, 4, 4, 14, 45)),  # +11
    ],
)
def test_a_time_repeated_by_fall_back_resolves_to_its_first_occurrence(
    zone_name: str, day: date, at: time, expected_utc: datetime
) -> None:
    assert resolve_local(day, at, ZoneInfo(zone_name)) == expected_utc


@pytest.mark.parametrize("at", [time(0), time(12), time(23, 59)])
def test_any_time_on_the_day_samoa_skipped_resolves_to_the_next_midnight(at: time) -> None:
    apia = ZoneInfo("Pacific/Apia")
    resolved = resolve_local(date(2011, 12, 30), at, apia)
    assert resolved == utc(2011, 12, 30, 10)
    assert wall(resolved, "Pacific/Apia") == (date(2011, 12, 31), time(0))


def test_the_minute_before_samoa_skipped_a_day_is_untouched() -> None:
    resolved = resolve_local(date(2011, 12, 29), time(23, 59), ZoneInfo("Pacific/Apia"))
    assert resolved == utc(2011, 12, 30, 9, 59)


# --- time zones ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("zone_name", "expected_utc"),
    [
        ("Pacific/Honolulu", utc(2026, 11, 23, 19)),  # UTC-10
        (NEW_YORK, utc(2026, 11, 23, 14)),
        ("UTC", utc(2026, 11, 23, 9)),
        ("Asia/Kolkata", utc(2026, 11, 23, 3, 30)),  # half-hour zone
        ("Asia/Kathmandu", utc(2026, 11, 23, 3, 15)),  # 45-minute zone
        ("Pacific/Kiritimati", utc(2026, 11, 22, 19)),  # UTC+14: still Sunday in UTC
    ],
)
def test_everyone_gets_mondays_nudge_at_0900_on_their_own_clock(zone_name: str, expected_utc: datetime) -> None:
    found = occurrence_in_period(NUDGE, person(zone_name), MON_FRI, date(2026, 11, 23))
    assert found is not None
    assert found.due_at == expected_utc
    assert found.period == found.local_date == date(2026, 11, 23)
    assert wall(found.due_at, zone_name) == (date(2026, 11, 23), time(9))


def test_the_weekend_is_local_kiritimati_has_no_nudge_on_its_saturday() -> None:
    # Friday 19:00 UTC is Friday 09:00 in Honolulu but Saturday 09:00 in Kiritimati.
    start, end = utc(2026, 11, 20, 18), utc(2026, 11, 20, 20)
    assert len(occurrences_between(NUDGE, person("Pacific/Honolulu"), MON_FRI, start, end)) == 1
    assert occurrences_between(NUDGE, person("Pacific/Kiritimati"), MON_FRI, start, end) == []


# --- daylight saving time ---------------------------------------------------------


@pytest.mark.parametrize(
    ("zone_name", "change_day", "monday_utc"),
    [
        (NEW_YORK, date(2026, 3, 8), utc(2026, 3, 9, 13)),  # EDT
        (NEW_YORK, date(2026, 11, 1), utc(2026, 11, 2, 14)),  # EST
        ("Europe/Berlin", date(2026, 3, 29), utc(2026, 3, 30, 7)),  # CEST
        ("Europe/Berlin", date(2026, 10, 25), utc(2026, 10, 26, 8)),  # CET
        ("Australia/Sydney", date(2026, 10, 4), utc(2026, 10, 4, 22)),  # AEDT, forward in October
        ("Australia/Sydney", date(2026, 4, 5), utc(2026, 4, 5, 23)),  # AEST, back in April
    ],
)
def test_the_nudge_stays_at_0900_local_the_day_after_a_clock_change(
    zone_name: str, change_day: date, monday_utc: datetime
) -> None:
    # The clocks change early on Sunday; the search starts at the Sunday's midnight.
    sunday_midnight = local(zone_name, change_day.year, change_day.month, change_day.day)
    found = next_occurrence(NUDGE, person(zone_name), MON_FRI, sunday_midnight)
    assert found is not None
    assert found.due_at == monday_utc
    assert wall(found.due_at, zone_name) == (change_day + timedelta(days=1), time(9))


@pytest.mark.parametrize(
    ("zone_name", "change_day"),
    [
        (NEW_YORK, date(2026, 3, 8)),
        (NEW_YORK, date(2026, 11, 1)),
        ("Europe/Berlin", date(2026, 3, 29)),
        ("Europe/Berlin", date(2026, 10, 25)),
        ("Australia/Sydney", date(2026, 4, 5)),
        ("Australia/Sydney", date(2026, 10, 4)),
    ],
)
def test_a_fortnight_around_a_change_is_all_at_0900_local(zone_name: str, change_day: date) -> None:
    start = local(zone_name, change_day.year, change_day.month, change_day.day) - timedelta(days=7)
    found = occurrences_between(NUDGE, person(zone_name), MON_FRI, start, start + timedelta(days=14))
    assert len(found) == 10
    assert {wall(o.due_at, zone_name)[1] for o in found} == {time(9)}


def test_a_0230_kind_fires_at_0300_on_the_spring_forward_day() -> None:
    early = daily("early_bird", time(2, 30), respects_working_days=False)
    found = occurrence_in_period(early, person(NEW_YORK), MON_FRI, date(2026, 3, 8))
    assert found is not None
    assert found.due_at == utc(2026, 3, 8, 7)
    assert wall(found.due_at, NEW_YORK) == (date(2026, 3, 8), time(3))


@pytest.mark.parametrize(
    ("zone_name", "day", "at", "first_utc"),
    [
        (NEW_YORK, date(2026, 11, 1), time(1, 30), utc(2026, 11, 1, 5, 30)),
        ("Europe/Berlin", date(2026, 10, 25), time(2, 30), utc(2026, 10, 25, 0, 30)),
    ],
)
def test_a_time_that_happens_twice_on_the_fall_back_day_fires_once(
    zone_name: str, day: date, at: time, first_utc: datetime
) -> None:
    night_owl = daily("night_owl", at, respects_working_days=False)
    start = local(zone_name, day.year, day.month, day.day) - timedelta(hours=1)
    found = occurrences_between(night_owl, person(zone_name), MON_FRI, start, start + timedelta(hours=26))
    assert [o.due_at for o in found] == [first_utc]


# --- working weeks ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("settings", "days"),
    [
        (MON_FRI, ["Mon", "Tue", "Wed", "Thu", "Fri"]),
        (SUN_THU, ["Sun", "Mon", "Tue", "Wed", "Thu"]),
        (MON_SAT, ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]),
    ],
)
def test_the_nudge_comes_on_the_workspaces_working_days(settings: WorkspaceSettings, days: list[str]) -> None:
    week_start = local(NEW_YORK, 2026, 11, 22)  # a Sunday
    found = occurrences_between(NUDGE, person(), settings, week_start, week_start + timedelta(days=7))
    assert [o.local_date.strftime("%a") for o in found] == days


def test_no_nudge_on_a_holiday() -> None:
    thanksgiving = WorkspaceSettings(holidays=frozenset({date(2026, 11, 26)}))
    assert occurrence_in_period(NUDGE, person(), thanksgiving, date(2026, 11, 26)) is None
    after_wednesdays = local(NEW_YORK, 2026, 11, 25, 10)
    found = next_occurrence(NUDGE, person(), thanksgiving, after_wednesdays)
    assert found is not None and found.local_date == date(2026, 11, 27)


def test_a_kind_that_ignores_working_days_comes_on_sunday_too() -> None:
    always = daily("streak", time(9), respects_working_days=False)
    assert occurrence_in_period(always, person(), MON_FRI, date(2026, 11, 22)) is not None


def test_maya_gets_the_week_ahead_note_at_0800_local_the_monday_after_the_dst_change() -> None:
    found = next_occurrence(WEEK_AHEAD, person(NEW_YORK), MON_FRI, local(NEW_YORK, 2026, 11, 1, 12))
    assert found is not None
    assert found.due_at == utc(2026, 11, 2, 13)  # 08:00 EST
    assert found.stale_at == utc(2026, 11, 3, 5)  # Tuesday 00:00 EST


def test_a_monday_holiday_moves_the_week_ahead_note_to_tuesday_under_mondays_key() -> None:
    settings = WorkspaceSettings(holidays=frozenset({date(2026, 11, 23)}))
    found = occurrence_in_period(WEEK_AHEAD, person(), settings, date(2026, 11, 23))
    assert found is not None
    assert found.period == date(2026, 11, 23)
    assert wall(found.due_at, NEW_YORK) == (date(2026, 11, 24), time(8))
    assert wall(found.stale_at, NEW_YORK) == (date(2026, 11, 25), time(0))  # a day from Tuesday
    assert found.key("T1", "U7") == DeliveryKey("T1", "U7", "week_ahead", "2026-11-23")


def test_a_week_of_holidays_means_no_week_ahead_note_that_week() -> None:
    week = frozenset(date(2026, 11, 23) + timedelta(days=n) for n in range(7))
    settings = WorkspaceSettings(holidays=week)
    assert occurrence_in_period(WEEK_AHEAD, person(), settings, date(2026, 11, 23)) is None
    found = next_occurrence(WEEK_AHEAD, person(), settings, utc(2026, 11, 22))
    assert found is not None and found.period == date(2026, 11, 30)


def test_in_a_sunday_to_thursday_workspace_monday_is_a_working_day() -> None:
    found = occurrence_in_period(WEEK_AHEAD, person("Asia/Jerusalem"), SUN_THU, date(2026, 11, 23))
    assert found is not None
    assert wall(found.due_at, "Asia/Jerusalem") == (date(2026, 11, 23), time(8))


def test_a_friday_kind_in_a_sunday_to_thursday_workspace_comes_on_sunday() -> None:
    friday_note = replace(WEEK_AHEAD, name="friday_note", weekday=4)
    found = occurrence_in_period(friday_note, person("Asia/Jerusalem"), SUN_THU, date(2026, 11, 20))
    assert found is not None
    assert (found.period, found.local_date) == (date(2026, 11, 20), date(2026, 11, 22))


def test_a_period_that_does_not_start_on_the_kinds_weekday_is_refused() -> None:
    with pytest.raises(ValueError, match="does not start a period of"):
        occurrence_in_period(WEEK_AHEAD, person(), MON_FRI, date(2026, 11, 24))


# --- monthly --------------------------------------------------------------------------


def test_a_check_in_on_a_sunday_the_first_moves_to_monday_under_the_firsts_key() -> None:
    found = occurrence_in_period(CHECK_IN, person(), MON_FRI, date(2026, 11, 1))
    assert found is not None
    assert (found.period, found.local_date) == (date(2026, 11, 1), date(2026, 11, 2))
    assert found.stale_at == found.due_at + timedelta(days=3)


def test_a_month_end_kind_uses_the_last_day_and_never_spills_into_the_next_month() -> None:
    month_end = replace(CHECK_IN, name="month_end", day_of_month=31)
    assert occurrence_in_period(month_end, person(), MON_FRI, date(2026, 2, 28)) is None  # a Saturday
    april = occurrence_in_period(month_end, person(), MON_FRI, date(2026, 4, 30))
    assert april is not None and april.local_date == date(2026, 4, 30)
    # January 31st, February 28th and May 31st fall on weekends: nothing those months.
    found = occurrences_between(month_end, person(), MON_FRI, utc(2026, 1, 1), utc(2026, 7, 1))
    assert [o.local_date for o in found] == [date(2026, 3, 31), date(2026, 4, 30), date(2026, 6, 30)]


# --- time off, muting, disabling --------------------------------------------------------


def test_time_off_ends_on_paused_until_and_nothing_is_sent_before() -> None:
    away = person(paused_until=date(2026, 11, 25))  # back on Wednesday
    assert occurrence_in_period(NUDGE, away, MON_FRI, date(2026, 11, 24)) is None
    assert occurrence_in_period(NUDGE, away, MON_FRI, date(2026, 11, 25)) is not None
    found = next_occurrence(NUDGE, away, MON_FRI, utc(2026, 11, 23))
    assert found is not None and found.local_date == date(2026, 11, 25)


def test_time_off_cancels_the_week_ahead_note_rather_than_moving_it() -> None:
    monday = date(2026, 11, 23)
    back_tuesday = person(paused_until=date(2026, 11, 24))
    back_wednesday = person(paused_until=date(2026, 11, 25))
    monday_holiday = WorkspaceSettings(holidays=frozenset({monday}))
    # Away on Monday: no note that week, not a late one on Tuesday.
    assert occurrence_in_period(WEEK_AHEAD, back_tuesday, MON_FRI, monday) is None
    # Monday is a holiday and the note moves to Tuesday: there if they are back...
    found = occurrence_in_period(WEEK_AHEAD, back_tuesday, monday_holiday, monday)
    assert found is not None and found.local_date == date(2026, 11, 24)
    # ...but not carried on to their first day back if they are not.
    assert occurrence_in_period(WEEK_AHEAD, back_wednesday, monday_holiday, monday) is None


def test_someone_away_for_two_years_has_no_next_occurrence() -> None:
    away = person(paused_until=date(2028, 12, 1))
    assert next_occurrence(NUDGE, away, MON_FRI, utc(2026, 11, 23)) is None


def test_a_muted_kind_never_happens_but_others_do() -> None:
    quiet_maya = person(muted_kinds=frozenset({"challenge_nudge"}))
    assert occurrence_in_period(NUDGE, quiet_maya, MON_FRI, date(2026, 11, 23)) is None
    assert next_occurrence(NUDGE, quiet_maya, MON_FRI, utc(2026, 11, 23)) is None
    assert occurrences_between(NUDGE, quiet_maya, MON_FRI, utc(2026, 11, 1), utc(2026, 12, 1)) == []
    assert next_occurrence(WEEK_AHEAD, quiet_maya, MON_FRI, utc(2026, 11, 23)) is not None


def test_a_kind_disabled_for_the_workspace_never_happens() -> None:
    settings = WorkspaceSettings(disabled_kinds=frozenset({"week_ahead"}))
    assert occurrence_in_period(WEEK_AHEAD, person(), settings, date(2026, 11, 23)) is None
    assert next_occurrence(WEEK_AHEAD, person(), settings, utc(2026, 11, 23)) is None


# --- quiet hours ---------------------------------------------------------------------------


NIGHT = QuietHours(start=time(20), end=time(7))  # wraps midnight


@pytest.mark.parametrize(
    ("at", "expected_day", "expected_time"),
    [
        (time(6, 30), date(2026, 11, 23), time(7)),  # early morning: at the end of the night
        (time(21), date(2026, 11, 24), time(7)),  # evening: the next morning
        (time(19, 59), date(2026, 11, 23), time(19, 59)),  # just before: untouched
    ],
)
def test_quiet_hours_move_a_kind_to_their_end(at: time, expected_day: date, expected_time: time) -> None:
    kind = daily("late_kind", at, Staleness(days_after=1, at=time(0)))
    settings = WorkspaceSettings(quiet_hours=NIGHT)
    found = occurrence_in_period(kind, person(), settings, date(2026, 11, 23))
    assert found is not None
    assert found.period == date(2026, 11, 23)
    assert wall(found.due_at, NEW_YORK) == (expected_day, expected_time)
    assert wall(found.stale_at, NEW_YORK) == (expected_day + timedelta(days=1), time(0))


def test_an_evening_kind_held_overnight_is_still_next_before_the_morning() -> None:
    # Monday's 21:00 note waits for 07:00 Tuesday; at 06:00 Tuesday it is next.
    evening = daily("evening_recap", time(21))
    settings = WorkspaceSettings(quiet_hours=NIGHT)
    found = next_occurrence(evening, person(), settings, local(NEW_YORK, 2026, 11, 24, 6))
    assert found is not None
    assert found.period == date(2026, 11, 23)
    assert found.due_at == local(NEW_YORK, 2026, 11, 24, 7)


def test_lunchtime_quiet_hours_move_a_1300_kind_to_1400() -> None:
    settings = WorkspaceSettings(quiet_hours=QuietHours(time(12), time(14)))
    found = occurrence_in_period(daily("lunch", time(13)), person(), settings, date(2026, 11, 23))
    assert found is not None and wall(found.due_at, NEW_YORK)[1] == time(14)


# --- staleness ---------------------------------------------------------------------------------


def test_the_nudge_is_worth_sending_until_local_midnight() -> None:
    found = occurrence_in_period(NUDGE, person(), MON_FRI, date(2026, 11, 23))
    assert found is not None
    assert found.stale_at == local(NEW_YORK, 2026, 11, 24, 0)


def test_a_kind_stale_before_it_is_due_never_happens() -> None:
    pointless = daily("pointless", time(9), Staleness(days_after=0, at=time(8)))
    assert occurrence_in_period(pointless, person(), MON_FRI, date(2026, 11, 23)) is None
    assert next_occurrence(pointless, person(), MON_FRI, utc(2026, 11, 23)) is None


# --- searching --------------------------------------------------------------------------------


def test_at_the_due_instant_the_next_occurrence_is_the_following_one() -> None:
    monday_nine = local(NEW_YORK, 2026, 11, 23, 9)
    just_before = next_occurrence(NUDGE, person(), MON_FRI, monday_nine - timedelta(microseconds=1))
    at_it = next_occurrence(NUDGE, person(), MON_FRI, monday_nine)
    just_after = next_occurrence(NUDGE, person(), MON_FRI, monday_nine + timedelta(microseconds=1))
    assert just_before is not None and just_before.due_at == monday_nine
    assert at_it is not None and at_it.local_date == date(2026, 11, 24)
    assert just_after == at_it


def test_after_fridays_nudge_the_next_is_mondays() -> None:
    found = next_occurrence(NUDGE, person(), MON_FRI, local(NEW_YORK, 2026, 11, 20, 9))
    assert found is not None and found.local_date == date(2026, 11, 23)


def test_between_excludes_the_start_and_includes_the_end_in_order() -> None:
    monday, wednesday = local(NEW_YORK, 2026, 11, 23, 9), local(NEW_YORK, 2026, 11, 25, 9)
    found = occurrences_between(NUDGE, person(), MON_FRI, monday, wednesday)
    assert [o.due_at for o in found] == [local(NEW_YORK, 2026, 11, 24, 9), wednesday]


def test_a_very_long_range_only_looks_at_the_last_400_days() -> None:
    end = utc(2026, 11, 23)
    found = occurrences_between(NUDGE, person(), MON_FRI, end - timedelta(days=3 * 365), end)
    assert found[0].due_at > end - timedelta(days=400)
    assert found == sorted(found, key=lambda o: o.due_at)
    assert len({o.period for o in found}) == len(found)


def test_naive_datetimes_are_refused_because_they_would_read_the_hosts_zone() -> None:
    with pytest.raises(ValueError, match="time-zone-aware"):
        next_occurrence(NUDGE, person(), MON_FRI, datetime(2026, 11, 23, 9))  # noqa: DTZ001 - naive on purpose


def test_an_occurrence_knows_its_ledger_key() -> None:
    monday = date(2026, 11, 23)
    found = Occurrence("challenge_nudge", monday, monday, utc(2026, 11, 23, 14), utc(2026, 11, 24, 5))
    assert str(found.key("T1", "U7")) == "T1/U7/challenge_nudge/2026-11-23"

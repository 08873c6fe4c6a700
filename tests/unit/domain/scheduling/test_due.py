"""What a tick sends now, and what it catches up or skips after downtime."""

from __future__ import annotations

from datetime import date, time, timedelta

from domain.delivery import DeliveryKey
from domain.model import QuietHours, WorkspaceSettings
from domain.notifications.week_ahead import WEEK_AHEAD
from domain.scheduling.due import DueNotification, catch_up, due_now
from domain.scheduling.kinds import Staleness
from tests.unit.domain.scheduling.helpers import (
    CHECK_IN,
    MON_FRI,
    NUDGE,
    T1,
    daily,
    local,
    person,
    utc,
)

NEW_YORK = "America/New_York"
MAYA = person(NEW_YORK, user_id="UMAYA")
NOTHING_SENT: frozenset[DeliveryKey] = frozenset()


def keys(notifications: list[DueNotification]) -> list[str]:
    return [str(n.key) for n in notifications]


# --- due_now -------------------------------------------------------------------------


def test_maya_gets_the_week_ahead_note_from_0800_until_midnight_local() -> None:
    maya = [(MAYA, MON_FRI, WEEK_AHEAD)]
    assert due_now(maya, NOTHING_SENT, local(NEW_YORK, 2026, 11, 23, 7, 59)) == []
    assert keys(due_now(maya, NOTHING_SENT, local(NEW_YORK, 2026, 11, 23, 8))) == [
        "T1/UMAYA/week_ahead/2026-11-23"
    ]
    assert len(due_now(maya, NOTHING_SENT, local(NEW_YORK, 2026, 11, 23, 23, 59))) == 1
    assert due_now(maya, NOTHING_SENT, local(NEW_YORK, 2026, 11, 24, 0)) == []  # stale at Tuesday 00:00


def test_a_due_notification_carries_the_workspace_person_and_occurrence() -> None:
    [note] = due_now([(MAYA, MON_FRI, WEEK_AHEAD)], NOTHING_SENT, local(NEW_YORK, 2026, 11, 23, 9))
    assert (note.workspace, note.recipient_id, note.kind) == (T1, "UMAYA", "week_ahead")
    assert note.occurrence.due_at == utc(2026, 11, 23, 13)
    assert note.key == DeliveryKey("T1", "UMAYA", "week_ahead", "2026-11-23")


def test_what_the_ledger_already_has_is_not_due_again() -> None:
    now = local(NEW_YORK, 2026, 11, 23, 9)
    sent = {DeliveryKey("T1", "UMAYA", "week_ahead", "2026-11-23")}
    assert due_now([(MAYA, MON_FRI, WEEK_AHEAD)], sent, now) == []
    # Another person's key does not hide Maya's.
    other = {DeliveryKey("T1", "UOTHER", "week_ahead", "2026-11-23")}
    assert len(due_now([(MAYA, MON_FRI, WEEK_AHEAD)], other, now)) == 1


def test_each_person_is_due_on_their_own_clock() -> None:
    # Friday 19:00 UTC: Friday 09:00 in Honolulu, Saturday 09:00 in Kiritimati.
    honolulu, kiritimati = person("Pacific/Honolulu", "UHNL"), person("Pacific/Kiritimati", "UKIR")
    candidates = [(honolulu, MON_FRI, NUDGE), (kiritimati, MON_FRI, NUDGE)]
    assert keys(due_now(candidates, NOTHING_SENT, utc(2026, 11, 20, 19))) == [
        "T1/UHNL/challenge_nudge/2026-11-20"
    ]
    # Monday 09:00 in Kiritimati is still Sunday in UTC and in Honolulu.
    assert keys(due_now(candidates, NOTHING_SENT, utc(2026, 11, 22, 19))) == [
        "T1/UKIR/challenge_nudge/2026-11-23"
    ]


def test_only_the_newest_live_occurrence_is_due() -> None:
    # A nudge good for three days: on Wednesday, Monday's and Tuesday's are
    # still fresh, but only Wednesday's is due; an older one is superseded.
    lasting = daily("lasting_nudge", time(9), Staleness(days_after=3))
    wednesday = local(NEW_YORK, 2026, 11, 25, 10)
    [due] = due_now([(MAYA, MON_FRI, lasting)], NOTHING_SENT, wednesday)
    assert due.occurrence.period == date(2026, 11, 25)
    sent = {due.key}
    assert due_now([(MAYA, MON_FRI, lasting)], sent, wednesday) == []


def test_people_on_time_off_or_who_muted_the_kind_are_not_due() -> None:
    now = local(NEW_YORK, 2026, 11, 23, 9)
    away = person(NEW_YORK, "UAWAY", paused_until=date(2026, 11, 30))
    muted = person(NEW_YORK, "UMUTE", muted_kinds=frozenset({"week_ahead"}))
    candidates = [(away, MON_FRI, WEEK_AHEAD), (muted, MON_FRI, WEEK_AHEAD), (MAYA, MON_FRI, WEEK_AHEAD)]
    assert [n.recipient_id for n in due_now(candidates, NOTHING_SENT, now)] == ["UMAYA"]


def test_a_workspace_that_disabled_a_kind_has_nobody_due() -> None:
    disabled = WorkspaceSettings(disabled_kinds=frozenset({"week_ahead"}))
    assert due_now([(MAYA, disabled, WEEK_AHEAD)], NOTHING_SENT, local(NEW_YORK, 2026, 11, 23, 9)) == []


# --- catch_up ---------------------------------------------------------------------------


def test_after_two_days_down_todays_nudge_goes_out_and_the_older_ones_are_skipped() -> None:
    went_down, came_back = local(NEW_YORK, 2026, 11, 23, 6), local(NEW_YORK, 2026, 11, 25, 11)
    plan = catch_up(MAYA, MON_FRI, NUDGE, went_down, came_back, NOTHING_SENT)
    assert keys(plan.send) == ["T1/UMAYA/challenge_nudge/2026-11-25"]
    assert [str(s.notification.key) for s in plan.skip] == [
        "T1/UMAYA/challenge_nudge/2026-11-23",
        "T1/UMAYA/challenge_nudge/2026-11-24",
    ]
    assert [s.reason for s in plan.skip] == [
        "stale: was due Mon 23 Nov 09:00 America/New_York, relevant until Tue 24 Nov 00:00",
        "stale: was due Tue 24 Nov 09:00 America/New_York, relevant until Wed 25 Nov 00:00",
    ]
    assert not {n.key for n in plan.send} & {s.notification.key for s in plan.skip}


def test_catch_up_leaves_out_what_the_ledger_already_has() -> None:
    went_down, came_back = local(NEW_YORK, 2026, 11, 23, 6), local(NEW_YORK, 2026, 11, 25, 11)
    sent = {DeliveryKey("T1", "UMAYA", "challenge_nudge", "2026-11-23")}
    plan = catch_up(MAYA, MON_FRI, NUDGE, went_down, came_back, sent)
    assert keys(plan.send) == ["T1/UMAYA/challenge_nudge/2026-11-25"]
    assert [s.notification.occurrence.period for s in plan.skip] == [date(2026, 11, 24)]


def test_a_normal_tick_sends_exactly_what_fell_due_in_the_last_minute() -> None:
    nine = local(NEW_YORK, 2026, 11, 23, 9)
    minute = timedelta(minutes=1)
    assert keys(catch_up(MAYA, MON_FRI, NUDGE, nine - minute, nine, NOTHING_SENT).send) == [
        "T1/UMAYA/challenge_nudge/2026-11-23"
    ]
    later = catch_up(MAYA, MON_FRI, NUDGE, nine, nine + minute, NOTHING_SENT)
    assert later.send == [] and later.skip == []


def test_after_a_long_outage_last_weeks_note_is_skipped_and_this_weeks_sent() -> None:
    went_down, came_back = local(NEW_YORK, 2026, 11, 14, 12), local(NEW_YORK, 2026, 11, 23, 10)
    plan = catch_up(MAYA, MON_FRI, WEEK_AHEAD, went_down, came_back, NOTHING_SENT)
    assert keys(plan.send) == ["T1/UMAYA/week_ahead/2026-11-23"]
    assert [s.reason for s in plan.skip] == [
        "stale: was due Mon 16 Nov 08:00 America/New_York, relevant until Tue 17 Nov 00:00"
    ]


def test_a_check_in_good_for_three_days_still_goes_out_two_days_late() -> None:
    # November 1st 2026 is a Sunday: the check-in is due Monday the 2nd at 10:00.
    went_down, came_back = local(NEW_YORK, 2026, 11, 2, 8), local(NEW_YORK, 2026, 11, 4, 9)
    plan = catch_up(MAYA, MON_FRI, CHECK_IN, went_down, came_back, NOTHING_SENT)
    assert keys(plan.send) == ["T1/UMAYA/monthly_check_in/2026-11-01"]
    assert plan.skip == []


def test_catching_up_across_the_dst_change_reports_times_in_local_time() -> None:
    went_down, came_back = local(NEW_YORK, 2026, 10, 30, 12), local(NEW_YORK, 2026, 11, 2, 10)
    plan = catch_up(MAYA, MON_FRI, NUDGE, went_down, came_back, NOTHING_SENT)
    assert keys(plan.send) == ["T1/UMAYA/challenge_nudge/2026-11-02"]
    assert plan.send[0].occurrence.due_at == utc(2026, 11, 2, 14)  # 09:00 EST
    assert plan.skip == []  # Friday's went out before the outage; the weekend has none


# --- quiet hours after downtime ------------------------------------------------------


QUIET = WorkspaceSettings(quiet_hours=QuietHours(time(20), time(7)))
BERLIN = "Europe/Berlin"
BEA = person(BERLIN, user_id="UBEA")


def test_a_late_catch_up_inside_quiet_hours_waits_for_their_end() -> None:
    # The 17:00 prompt of a kind relevant until 10:00 the next day; the app was down until 20:30 Berlin.
    prompt = daily("evening", time(17), Staleness(1, time(10)))
    came_back = local(BERLIN, 2026, 12, 1, 20, 30)

    plan = catch_up(BEA, QUIET, prompt, local(BERLIN, 2026, 12, 1, 16), came_back, NOTHING_SENT)

    [held] = plan.send
    assert held.not_before == local(BERLIN, 2026, 12, 2, 7)  # not at 20:30, in the middle of quiet hours
    without_quiet_hours = catch_up(BEA, MON_FRI, prompt, local(BERLIN, 2026, 12, 1, 16), came_back, NOTHING_SENT)
    assert without_quiet_hours.send[0].not_before is None


def test_a_late_catch_up_whose_use_ends_inside_quiet_hours_is_skipped_with_the_reason() -> None:
    prompt = daily("evening", time(17))  # relevant until midnight, which quiet hours cover
    plan = catch_up(BEA, QUIET, prompt, local(BERLIN, 2026, 12, 1, 16), local(BERLIN, 2026, 12, 1, 20, 30),
                    NOTHING_SENT)
    assert plan.send == []
    [skipped] = plan.skip
    assert "quiet hours ran past it" in skipped.reason

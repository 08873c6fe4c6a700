"""What a tick sends, catches up or skips for anchored kinds, and when it looks again."""

from __future__ import annotations

from datetime import date, timedelta

from domain.delivery import DeliveryKey
from domain.scheduling.anchors import Appointment, Run
from domain.scheduling.due import catch_up, next_check_at, next_due
from tests.unit.domain.scheduling.helpers import CHALLENGE, DAY_BEFORE, MON_FRI, TWO_HOURS_BEFORE, local, person

NEW_YORK = "America/New_York"
MAYA = person(NEW_YORK, "UMAYA")
NOTHING_SENT: frozenset[DeliveryKey] = frozenset()
WEDNESDAY_3PM = Appointment("s42", local(NEW_YORK, 2026, 11, 25, 15))


def test_after_downtime_the_stale_day_before_reminder_is_skipped_and_the_live_two_hour_one_sent() -> None:
    went_down, came_back = local(NEW_YORK, 2026, 11, 24, 10), local(NEW_YORK, 2026, 11, 25, 14)
    day_before = catch_up(MAYA, MON_FRI, DAY_BEFORE, went_down, came_back, NOTHING_SENT, [WEDNESDAY_3PM])
    two_hours = catch_up(MAYA, MON_FRI, TWO_HOURS_BEFORE, went_down, came_back, NOTHING_SENT, [WEDNESDAY_3PM])
    assert day_before.send == [] and [s.reason for s in day_before.skip] == [
        "stale: was due Tue 24 Nov 15:00 America/New_York, relevant until Wed 25 Nov 03:00"
    ]
    assert [str(n.key) for n in two_hours.send] == ["T1/UMAYA/session_2h/s42@20261125T2000Z"]
    assert two_hours.skip == []


def test_a_session_booked_at_short_notice_gets_its_reminder_at_once_while_it_is_still_useful() -> None:
    # Booked at 09:00 for 15:00: "24 h before" went stale at 03:00; "2 h before" comes at 13:00.
    booked = local(NEW_YORK, 2026, 11, 25, 9)
    assert next_check_at(DAY_BEFORE, MAYA, MON_FRI, booked, [WEDNESDAY_3PM]) is None  # stale since 03:00
    check = next_check_at(TWO_HOURS_BEFORE, MAYA, MON_FRI, booked, [WEDNESDAY_3PM])
    assert check == local(NEW_YORK, 2026, 11, 25, 13)
    early = Appointment("s43", local(NEW_YORK, 2026, 11, 25, 10))  # 2 h before was 08:00: due, not stale
    assert next_check_at(TWO_HOURS_BEFORE, MAYA, MON_FRI, booked, [WEDNESDAY_3PM, early]) == local(
        NEW_YORK, 2026, 11, 25, 8)
    # The tick that follows sends it, though it fell due before the entry's last check.
    plan = catch_up(MAYA, MON_FRI, TWO_HOURS_BEFORE, booked, booked + timedelta(minutes=1), NOTHING_SENT, [early])
    assert [n.key.period for n in plan.send] == ["s43@20261125T1500Z"]


def test_after_a_tick_the_next_due_is_strictly_later() -> None:
    early = Appointment("s43", local(NEW_YORK, 2026, 11, 25, 10))
    at_eight = local(NEW_YORK, 2026, 11, 25, 8)
    found = next_due(TWO_HOURS_BEFORE, MAYA, MON_FRI, at_eight, [WEDNESDAY_3PM, early])
    assert found is not None and found.ledger_period == "s42@20261125T2000Z"
    assert next_due(TWO_HOURS_BEFORE, MAYA, MON_FRI, local(NEW_YORK, 2026, 11, 25, 13), [WEDNESDAY_3PM]) is None


def test_a_run_caught_up_after_a_weekend_outage_sends_today_and_skips_friday() -> None:
    run = Run("c1", date(2026, 11, 16), date(2026, 12, 6))
    friday_morning, monday_ten = local(NEW_YORK, 2026, 11, 20, 8), local(NEW_YORK, 2026, 11, 23, 10)
    plan = catch_up(MAYA, MON_FRI, CHALLENGE, friday_morning, monday_ten, NOTHING_SENT, [run])
    assert [n.key.period for n in plan.send] == ["c1@2026-11-23"]
    assert [s.notification.key.period for s in plan.skip] == ["c1@2026-11-20"]
    sent = {plan.send[0].key}
    again = catch_up(MAYA, MON_FRI, CHALLENGE, friday_morning, monday_ten, sent, [run])
    assert again.send == []  # the ledger has it: not twice

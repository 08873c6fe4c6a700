"""The end-of-day debrief prompt through the planner and the drain: 17:00 local on working days, once, when useful."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from domain.delivery import DeliveryStatus
from domain.model import WorkspaceSettings
from domain.notifications.debrief_prompt import DebriefPromptNote
from tests.unit.domain.prompts.world import T1, World, local, manager, rep

KIND = "debrief_prompt"
# UTC-10 to UTC+14, and New York's clocks going back on Sunday 1 November 2026.
ZONES = {"UHNL": "Pacific/Honolulu", "UNY": "America/New_York", "UBER": "Europe/Berlin",
         "UKIR": "Pacific/Kiritimati"}
START, END = datetime(2026, 10, 28, 12, tzinfo=UTC), datetime(2026, 11, 4, 12, tzinfo=UTC)


@pytest.fixture
def world() -> World:
    world = World()
    world.setup(WorkspaceSettings(), manager(), *(rep(user, tz) for user, tz in ZONES.items()),
                rep("USOLO", "America/New_York", manager_id=None))
    return world


def _run_week(world: World) -> None:
    world.run(START, END)


def _working_days_at_five(tz: str) -> list[str]:
    """Monday to Friday, each day whose 17:00 in `tz` falls in the run."""
    days = [date(2026, 10, 26) + timedelta(days=n) for n in range(12)]
    return [d.isoformat() for d in days if d.weekday() < 5 and START < local(tz, d.year, d.month, d.day, 17) <= END]


def test_each_coached_rep_is_asked_at_17_00_their_time_on_working_days_across_zones_and_the_dst_change(
        world: World) -> None:
    _run_week(world)

    for user, tz in ZONES.items():
        mine = world.of_kind(KIND, user)
        assert [m.period for m in mine] == _working_days_at_five(tz), user
        assert "2026-10-31" not in _working_days_at_five(tz) and len(mine) >= 4
        for message in mine:
            wall = message.at.astimezone(ZoneInfo(tz))
            assert (wall.date().isoformat(), wall.hour, wall.minute) == (message.period, 17, 0), user
            assert message.content == DebriefPromptNote(T1, rep(user, tz), date.fromisoformat(message.period))
    # New York's Friday prompt is at 21:00 UTC (EDT), Monday's at 22:00 UTC (EST): still 17:00 on the wall.
    ny = {m.period: m.at for m in world.of_kind(KIND, "UNY")}
    assert ny["2026-10-30"] == datetime(2026, 10, 30, 21, tzinfo=UTC)
    assert ny["2026-11-02"] == datetime(2026, 11, 2, 22, tzinfo=UTC)
    # Kiritimati's Monday 17:00 is Monday 03:00 UTC; Honolulu's is Tuesday 03:00 UTC.
    assert {m.period: m.at for m in world.of_kind(KIND, "UKIR")}["2026-11-02"] == datetime(2026, 11, 2, 3, tzinfo=UTC)
    assert {m.period: m.at for m in world.of_kind(KIND, "UHNL")}["2026-11-02"] == datetime(2026, 11, 3, 3, tzinfo=UTC)
    assert world.of_kind(KIND, "USOLO") == [] and world.of_kind(KIND, "UMGR") == []  # only coached reps


def test_a_day_already_debriefed_or_called_call_free_gets_no_prompt_and_the_ledger_says_why(world: World) -> None:
    # Kiritimati's rep debriefs a call of their Monday; UTC still reads Sunday.
    world.debrief("UKIR", local("Pacific/Kiritimati", 2026, 11, 2, 11))
    # Honolulu's rep debriefs a call of the Tuesday before the run: no day of the run is skipped for it.
    world.debrief("UHNL", local("Pacific/Honolulu", 2026, 10, 28, 9), call_on=date(2026, 10, 27))
    with world.store.uow() as uow:
        uow.call_free_days.add(T1, "UNY", date(2026, 11, 2))
        uow.commit()

    _run_week(world)

    assert "2026-11-02" not in [m.period for m in world.of_kind(KIND, "UKIR")]
    assert "2026-11-02" not in [m.period for m in world.of_kind(KIND, "UNY")]
    assert [m.period for m in world.of_kind(KIND, "UHNL")] == _working_days_at_five("Pacific/Honolulu")
    rows = world.rows(KIND)
    assert rows["UKIR/2026-11-02"] == (DeliveryStatus.SKIPPED, "nothing to send any more")
    assert rows["UNY/2026-11-02"] == (DeliveryStatus.SKIPPED, "nothing to send any more")


def test_holidays_time_off_and_opt_outs_are_respected() -> None:
    world = World()
    halloween_friday = date(2026, 10, 30)
    world.setup(WorkspaceSettings(holidays=frozenset({halloween_friday})), manager(),
                rep("UA", "America/New_York"),
                rep("UB", "America/New_York", paused_until=date(2026, 11, 3)),  # away until Tuesday
                rep("UC", "America/New_York", muted_kinds=frozenset({KIND})))  # `/coach notify off debrief_prompt`

    _run_week(world)

    assert [m.period for m in world.of_kind(KIND, "UA")] == ["2026-10-28", "2026-10-29", "2026-11-02", "2026-11-03"]
    assert [m.period for m in world.of_kind(KIND, "UB")] == ["2026-11-03"]
    assert world.of_kind(KIND, "UC") == []


def test_a_workspace_that_turns_it_off_gets_none() -> None:
    world = World()
    world.setup(WorkspaceSettings(disabled_kinds=frozenset({KIND})), manager(), rep("UA", "Europe/Berlin"))
    _run_week(world)
    assert world.of_kind(KIND) == []


def test_each_prompt_is_sent_exactly_once_whatever_the_ticks(world: World) -> None:
    friday_five = local("Europe/Berlin", 2026, 10, 30, 17)
    for at in (friday_five, friday_five, friday_five + timedelta(minutes=1), friday_five + timedelta(hours=3)):
        world.tick(at)
        world.schedules.plan(at)  # a second dispatcher planning the same minute
    assert [m.period for m in world.of_kind(KIND, "UBER")] == ["2026-10-30"]


def test_after_downtime_a_prompt_is_still_sent_that_evening_and_skipped_the_next_day(world: World) -> None:
    world.tick(datetime(2026, 10, 28, 12, tzinfo=UTC))
    world.tick(local("Europe/Berlin", 2026, 10, 29, 21))  # down from 17:00 to 21:00: still Thursday
    world.tick(local("Europe/Berlin", 2026, 10, 31, 9))  # down all Friday evening: Saturday is too late
    assert [m.period for m in world.of_kind(KIND, "UBER")] == ["2026-10-29"]
    status, reason = world.rows(KIND)["UBER/2026-10-30"]
    assert status is DeliveryStatus.SKIPPED and reason is not None and reason.startswith("stale: was due Fri 30 Oct")

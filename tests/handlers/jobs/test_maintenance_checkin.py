"""The monthly maintenance check-in through the dispatch tick: the first Tuesday at 10:00 in each rep's own
zone, London and New York, across both clock changes of autumn 2026; once a month, only in maintenance."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

from domain.coaching.cycle import CoachingCycle
from handlers.edge import ids
from handlers.edge.directory import SlackUserDirectory
from tests.handlers.jobs.steps import T1, add_team, tick

DM = "monthly maintenance check-in for"


def _team_in_maintenance(world, uow_factory) -> None:
    """Maya (New York) coaches Nia (New York) and Lena (London), both in maintenance since October;
    Otto (New York) is in week 1 of a cycle."""
    fake, time, services, client, _job = world
    time.now = datetime(2026, 9, 28, 12, tzinfo=UTC)
    add_team(fake, services, client, "UMGR", "America/New_York", ["UNIA", "UOTTO"])
    fake.add_user("ULENA", "Lena Lewis", "Europe/London")
    services.roster.add_reps(T1, "UMGR", ["ULENA"], SlackUserDirectory(client))
    with uow_factory() as uow:  # cycles begun in July: past week 8 by October
        for rep_id in ("UNIA", "ULENA"):
            cycle = uow.cycles.add(CoachingCycle(T1, rep_id, "UMGR", date(2026, 7, 27)))
            uow.priorities.set_focus(T1, cycle.id or 0, ["discovery"])
        uow.cycles.add(CoachingCycle(T1, "UOTTO", "UMGR", date(2026, 9, 28)))
        uow.commit()


def _arrivals(world, day: date) -> dict[str, datetime]:
    """Tick every 15 minutes through `day` (UTC); when each person's check-in DM first came."""
    fake, time, _, _, job = world
    came: dict[str, datetime] = {}
    people = ("UNIA", "ULENA", "UOTTO", "UMGR")
    before = {user_id: _count(fake, user_id) for user_id in people}
    at = datetime(day.year, day.month, day.day, tzinfo=UTC)
    while at < datetime(day.year, day.month, day.day, tzinfo=UTC) + timedelta(days=1):
        tick(job, time, at)
        for user_id in people:
            if user_id not in came and _count(fake, user_id) > before[user_id]:
                came[user_id] = at
        at += timedelta(minutes=15)
    return came


def _count(fake, user_id: str) -> int:
    return sum(DM in m["text"] for m in fake.messages_to(user_id))


def test_the_first_tuesday_at_ten_in_each_reps_zone_across_the_clock_changes(world, uow_factory) -> None:
    fake = world[0]
    _team_in_maintenance(world, uow_factory)
    # October: London on summer time (UTC+1), New York on daylight time (UTC-4).
    assert _arrivals(world, date(2026, 10, 6)) == {"ULENA": datetime(2026, 10, 6, 9, tzinfo=UTC),
                                                   "UNIA": datetime(2026, 10, 6, 14, tzinfo=UTC)}
    # November: London went back on 25 October, New York on 1 November; still 10:00 on their walls.
    november = _arrivals(world, date(2026, 11, 3))
    assert november == {"ULENA": datetime(2026, 11, 3, 10, tzinfo=UTC),
                        "UNIA": datetime(2026, 11, 3, 15, tzinfo=UTC)}
    # Once a month each: nothing the days between, nothing for Otto (week 1) nor for Maya.
    assert (_count(fake, "ULENA"), _count(fake, "UNIA"), _count(fake, "UOTTO"), _count(fake, "UMGR")) == (2, 2, 0, 0)
    [lena] = [m for m in fake.messages_to("ULENA") if "November 2026" in m["text"]]
    assert ids.OPEN_MAINTENANCE_CHECKIN in str(lena["blocks"])


def test_a_holiday_on_the_first_tuesday_sends_it_on_wednesday_and_ending_maintenance_stops_it(
        world, uow_factory) -> None:
    fake, time, services, _client, _job = world
    _team_in_maintenance(world, uow_factory)
    with uow_factory() as uow:
        maya = uow.members.get(T1, "UMGR")
        assert maya is not None
        uow.members.update(replace(maya, is_admin=True))
        uow.commit()
    services.preferences.set_holiday(T1, "UMGR", "2026-10-06", True)
    assert _arrivals(world, date(2026, 10, 6)) == {}
    assert _arrivals(world, date(2026, 10, 7)) == {"ULENA": datetime(2026, 10, 7, 9, tzinfo=UTC),
                                                   "UNIA": datetime(2026, 10, 7, 14, tzinfo=UTC)}
    time.now = datetime(2026, 10, 20, 12, tzinfo=UTC)
    services.cycles.steer(T1, "UMGR", "UNIA", "end")  # Maya ends Nia's maintenance
    assert set(_arrivals(world, date(2026, 11, 3))) == {"ULENA"}
    assert _count(fake, "UNIA") == 1

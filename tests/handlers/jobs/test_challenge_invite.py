"""The week-7 invitation through the dispatch tick: Monday 09:00 in each rep's own zone (London, New York) of
program week 7, never in week 6 or 8, never to a rep who started a challenge already; the manager's one list."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from domain.coaching.cycle import CoachingCycle
from handlers.edge import ids
from handlers.edge.directory import SlackUserDirectory
from tests.handlers.jobs.steps import T1, add_team, tick

REP_DM = "Week 7: time for your 21-day challenge"
MANAGER_DM = "entered week 7 without a 21-day challenge"
STARTS = date(2027, 1, 4)  # a Monday: week 7 begins on Monday 15 February
WEEK_6, WEEK_7, WEEK_8 = (STARTS + timedelta(weeks=n) for n in (5, 6, 7))
PEOPLE = ("UNIA", "ULENA", "UOTTO", "UMGR")


def _team_in_week_6(world, uow_factory) -> None:
    """Maya (New York) coaches Nia and Otto (New York) and Lena (London), all in the same cycle weeks."""
    fake, time, services, client, _job = world
    time.now = datetime(2027, 1, 3, 12, tzinfo=UTC)
    add_team(fake, services, client, "UMGR", "America/New_York", ["UNIA", "UOTTO"])
    fake.add_user("ULENA", "Lena Lewis", "Europe/London")
    services.roster.add_reps(T1, "UMGR", ["ULENA"], SlackUserDirectory(client))
    with uow_factory() as uow:
        for rep_id in ("UNIA", "ULENA", "UOTTO"):
            cycle = uow.cycles.add(CoachingCycle(T1, rep_id, "UMGR", STARTS))
            uow.priorities.set_focus(T1, cycle.id or 0, ["discovery", "closing"])
        uow.commit()


def _arrivals(world, day: date, text: str) -> dict[str, datetime]:
    """Tick every 15 minutes through `day` (UTC) and the morning after; when each person's DM first came."""
    fake, time, _, _, job = world
    came: dict[str, datetime] = {}
    before = {user_id: _count(fake, user_id, text) for user_id in PEOPLE}
    at = datetime(day.year, day.month, day.day, tzinfo=UTC)
    while at < datetime(day.year, day.month, day.day, tzinfo=UTC) + timedelta(days=1, hours=6):
        tick(job, time, at)
        for user_id in PEOPLE:
            if user_id not in came and _count(fake, user_id, text) > before[user_id]:
                came[user_id] = at
        at += timedelta(minutes=15)
    return came


def _count(fake, user_id: str, text: str) -> int:
    return sum(text in m["text"] for m in fake.messages_to(user_id))


def test_monday_nine_of_week_7_in_each_reps_zone_and_not_in_weeks_6_or_8(world, uow_factory) -> None:
    fake, time, services, _client, _job = world
    _team_in_week_6(world, uow_factory)
    assert _arrivals(world, WEEK_6, REP_DM) == {}
    # Otto starts his on Friday of week 6: nothing for him, and Maya does not hear about him.
    time.now = datetime(2027, 2, 12, 15, tzinfo=UTC)
    services.challenges.start(T1, "UOTTO", "UOTTO", {"discovery": "Ask 5 questions", "closing": "Trial close"})

    # February: London on GMT (UTC+0), New York on EST (UTC-5); 09:00 on each wall.
    assert _arrivals(world, WEEK_7, REP_DM) == {"ULENA": datetime(2027, 2, 15, 9, tzinfo=UTC),
                                                "UNIA": datetime(2027, 2, 15, 14, tzinfo=UTC)}
    [lena] = [m for m in fake.messages_to("ULENA") if REP_DM in m["text"]]
    assert ids.CHALLENGE_INVITE_START in str(lena["blocks"]) and "habit" in str(lena["blocks"])
    assert "Ask at least 5 probing questions in every discovery call" in str(lena["blocks"])
    [maya] = [m for m in fake.messages_to("UMGR") if MANAGER_DM in m["text"]]
    assert "<@ULENA>" in str(maya["blocks"]) and "<@UNIA>" in str(maya["blocks"])
    assert "UOTTO" not in str(maya["blocks"])

    assert _arrivals(world, WEEK_8, REP_DM) == {} and _arrivals(world, WEEK_8, MANAGER_DM) == {}
    counts = {person: _count(fake, person, REP_DM) for person in PEOPLE}
    assert counts == {"UNIA": 1, "ULENA": 1, "UOTTO": 0, "UMGR": 0}
    assert _count(fake, "UMGR", MANAGER_DM) == 1  # one DM for the manager that week


def test_nobody_is_listed_when_every_rep_has_started_theirs(world, uow_factory) -> None:
    fake, time, services, _client, _job = world
    _team_in_week_6(world, uow_factory)
    time.now = datetime(2027, 2, 12, 15, tzinfo=UTC)
    for rep_id in ("UNIA", "ULENA", "UOTTO"):
        services.challenges.start(T1, "UMGR", rep_id, {"discovery": "Ask 5 questions", "closing": "Trial close"})
    assert _arrivals(world, WEEK_7, REP_DM) == {}
    assert _count(fake, "UMGR", MANAGER_DM) == 0

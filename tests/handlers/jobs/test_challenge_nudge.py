"""The 21-day challenge's morning nudge through the dispatch tick and the fake Slack (issue 13): 08:30 in each
rep's own zone, once per challenge day whatever the ticks, none on a weekend of a working-days challenge, and
none on a day already answered."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from domain.coaching.challenge import Answer
from domain.coaching.cycle import CoachingCycle
from handlers.edge.directory import SlackUserDirectory
from tests.handlers.jobs.steps import T1, tick

NUDGE = "of your challenge: did you do it today?"
SUNDAY = datetime(2027, 1, 3, 12, 0, tzinfo=UTC)  # 21:00 in Tokyo, noon in London


def _nudges(fake, user_id: str) -> list[dict]:
    return [m for m in fake.messages_to(user_id) if NUDGE in m["text"]]


def _world(world, uow_factory):
    """Maya (New York) coaches Alex (London) and Dana (Tokyo); both start a challenge on Sunday 3 January."""
    fake, time, services, client, job = world
    fake.add_user("UA", "Alex Rivera", "Europe/London")
    fake.add_user("UD", "Dana Tanaka", "Asia/Tokyo")
    fake.add_user("UMGR", "Maya Manager", "America/New_York")
    directory = SlackUserDirectory(client)
    time.now = SUNDAY
    services.roster.enroll_caller(T1, "UMGR", directory)
    services.roster.add_reps(T1, "UMGR", ["UA", "UD"], directory)
    with uow_factory() as uow:
        for rep in ("UA", "UD"):
            cycle = uow.cycles.add(CoachingCycle(T1, rep, "UMGR", date(2026, 11, 16)))
            uow.priorities.set_focus(T1, cycle.id or 0, ["discovery"])
        uow.commit()
    ids = {}
    for rep in ("UA", "UD"):
        ids[rep] = services.challenges.start(T1, rep, rep, {"discovery": "Ask 5 probing questions"}).result.challenge.id
    return fake, time, services, job, ids


def _run(job, time, start: datetime, end: datetime, step: timedelta = timedelta(minutes=15)) -> None:
    at = start
    while at <= end:
        tick(job, time, at)
        at += step


def test_the_nudge_comes_at_half_past_eight_in_each_zone_once_a_day(world, uow_factory) -> None:
    fake, time, _services, job, _ = _world(world, uow_factory)
    sent: dict[str, list[datetime]] = {"UA": [], "UD": []}
    at = SUNDAY
    while at <= datetime(2027, 1, 5, 12, 0, tzinfo=UTC):  # to Tuesday noon in London
        tick(job, time, at)
        for rep, times in sent.items():
            if len(_nudges(fake, rep)) > len(times):
                times.append(at)
        at += timedelta(minutes=15)
    # Sunday is no challenge day; Monday 08:30 in Tokyo is Sunday 23:30 UTC, in London 08:30 UTC.
    assert sent["UD"] == [datetime(2027, 1, 3, 23, 30, tzinfo=UTC), datetime(2027, 1, 4, 23, 30, tzinfo=UTC)]
    assert sent["UA"] == [datetime(2027, 1, 4, 8, 30, tzinfo=UTC), datetime(2027, 1, 5, 8, 30, tzinfo=UTC)]
    assert [len(_nudges(fake, rep)) for rep in ("UA", "UD")] == [2, 2]
    assert "Day 1 of 21" in _nudges(fake, "UA")[0]["text"] and "Day 2 of 21" in _nudges(fake, "UA")[1]["text"]
    # Ticking the same hours again (a restart, a second instance) sends nothing twice.
    _run(job, time, datetime(2027, 1, 5, 12, 15, tzinfo=UTC), datetime(2027, 1, 5, 20, 0, tzinfo=UTC))
    assert [len(_nudges(fake, rep)) for rep in ("UA", "UD")] == [2, 2]


def test_a_rep_who_answered_before_the_morning_is_not_nudged_that_day(world, uow_factory) -> None:
    fake, time, services, job, ids = _world(world, uow_factory)
    _run(job, time, SUNDAY, datetime(2027, 1, 5, 6, 45, tzinfo=UTC))
    assert len(_nudges(fake, "UA")) == 1
    time.now = datetime(2027, 1, 5, 7, 0, tzinfo=UTC)  # Tuesday 07:00 in London: answered before the nudge
    services.challenges.answer(T1, "UA", ids["UA"], None, Answer.DONE)
    _run(job, time, datetime(2027, 1, 5, 7, 0, tzinfo=UTC), datetime(2027, 1, 5, 20, 0, tzinfo=UTC))
    assert len(_nudges(fake, "UA")) == 1  # Tuesday's was not sent
    assert len(_nudges(fake, "UD")) == 2


def _summaries(fake, user_id: str) -> list[dict]:
    return [m for m in fake.messages_to(user_id) if "Your reps' 21-day challenges" in m["text"]]


def test_the_managers_summary_comes_weekly_by_default_or_daily_at_five(world, uow_factory) -> None:
    fake, time, services, job, _ = _world(world, uow_factory)
    # Weekly (the default): Friday 8 January 17:00 in New York (22:00 UTC), and not before.
    _run(job, time, SUNDAY, datetime(2027, 1, 8, 21, 45, tzinfo=UTC), step=timedelta(minutes=30))
    assert _summaries(fake, "UMGR") == []
    _run(job, time, datetime(2027, 1, 8, 22, 0, tzinfo=UTC), datetime(2027, 1, 9, 12, 0, tzinfo=UTC))
    [weekly] = _summaries(fake, "UMGR")
    assert "<@UA>" in str(weekly["blocks"]) and "<@UD>" in str(weekly["blocks"])
    assert "challenge.encourage" in str(weekly["blocks"])
    # Daily from Monday: every working day at 17:00, once.
    services.challenges.choose_summary(T1, "UMGR", "daily")
    _run(job, time, datetime(2027, 1, 9, 12, 0, tzinfo=UTC), datetime(2027, 1, 12, 23, 0, tzinfo=UTC),
         step=timedelta(minutes=30))
    assert len(_summaries(fake, "UMGR")) == 3  # Friday's weekly, then Monday and Tuesday
    assert all(m["text"].startswith("Your reps' 21-day challenges") for m in _summaries(fake, "UMGR"))

"""Two Friday runs through the dispatch tick and the fake Slack: reps in three time zones, each at 15:00 their time.

Maya (New York) coaches Alex (Los Angeles), Bea (Berlin) and Kenji (Tokyo),
whose cycles started on Monday 30 November. Alex asks more questions week
after week, Bea fewer; Kenji sends nothing. Each gets one scorecard a Friday
at 15:00 local, Maya one digest that marks Kenji, and Alex a trend chart
after his card.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from typing import Any

from bot.fake_slack.state import dm_channel_id
from domain.coaching.calls import CallAnswers, CallRef, CallType
from domain.coaching.contract import CoachingContract, SuccessMetric
from domain.coaching.cycle import CoachingCycle
from domain.coaching.debriefs import Debrief
from domain.model import Member, Role, Workspace
from domain.notifications.scorecards import REP_KIND, TEAM_KIND
from handlers.edge import ids
from tests.handlers.jobs.steps import T1, tick

QUESTIONS = "discovery_questions_asked"
STARTED = date(2026, 11, 30)
PEOPLE = {"UMAYA": ("Maya Chen", "America/New_York"), "UALEX": ("Alex Rivera", "America/Los_Angeles"),
          "UBEA": ("Bea Schmidt", "Europe/Berlin"), "UKENJI": ("Kenji Sato", "Asia/Tokyo")}
FIRST_FRIDAY = datetime(2026, 12, 11, 0, 0, tzinfo=UTC)


def _team(fake: Any, services: Any, uow_factory: Any) -> None:
    for user_id, (name, tz) in PEOPLE.items():
        fake.add_user(user_id, name, tz)
    with uow_factory() as uow:
        uow.workspaces.add(Workspace(T1))
        for user_id, (name, tz) in PEOPLE.items():
            manager = user_id == "UMAYA"
            uow.members.add(Member(T1, user_id, name, tz, role=Role.MANAGER if manager else Role.REP,
                                   manager_id=None if manager else "UMAYA"))
            if manager:
                continue
            cycle = uow.cycles.add(CoachingCycle(T1, user_id, "UMAYA", STARTED))
            assert cycle.id is not None
            uow.priorities.set_focus(T1, cycle.id, ["discovery"])
            uow.contracts.save(CoachingContract(
                T1, user_id, "UMAYA", [SuccessMetric("discovery", QUESTIONS, "8 per discovery call")], 3.5,
                "r", "m", cycle_id=cycle.id, rep_signed_at=FIRST_FRIDAY, manager_signed_at=FIRST_FRIDAY))
        uow.commit()
    services.schedules.refresh_people(T1, list(PEOPLE), FIRST_FRIDAY - timedelta(days=1))


def _calls(uow_factory: Any, rep_id: str, monday: date, questions: list[int], words: str) -> None:
    with uow_factory() as uow:
        cycle = uow.cycles.active_for(T1, rep_id)
        for n, asked in enumerate(questions):
            uow.debriefs.add(Debrief(T1, rep_id, CallRef(f"Account {n}"), CallType.DISCOVERY,
                                     monday + timedelta(days=n), CallAnswers(f"{words} {n}", "Slow down", "Listen"),
                                     {QUESTIONS: asked}, ("discovery",), cycle.id))
        uow.commit()


def _run(job: Any, time: Any, fake: Any, start: datetime, end: datetime
         ) -> list[tuple[datetime, str, dict[str, Any]]]:
    """Ticks every 30 minutes; (tick, recipient, message) of each scorecard and digest sent, in order."""
    sent: list[tuple[datetime, str, dict[str, Any]]] = []
    at = start
    while at <= end:
        before = {user_id: len(fake.messages_to(user_id)) for user_id in PEOPLE}
        tick(job, time, at)
        for user_id in PEOPLE:
            sent.extend((at, user_id, message) for message in fake.messages_to(user_id)[before[user_id]:]
                        if REP_KIND in json.dumps(message) or TEAM_KIND in json.dumps(message))
        at += timedelta(minutes=30)
    return sent


def test_two_fridays_each_person_gets_one_scorecard_at_1500_their_time_with_real_changes(world, uow_factory) -> None:
    fake, time, services, _client, job = world
    _team(fake, services, uow_factory)
    _calls(uow_factory, "UALEX", date(2026, 11, 30), [3, 4, 3], "Asked about budget")
    _calls(uow_factory, "UALEX", date(2026, 12, 7), [5, 6, 6, 7], "Let the CFO talk")
    _calls(uow_factory, "UBEA", date(2026, 11, 30), [6, 6, 6], "Mapped the buying group")
    _calls(uow_factory, "UBEA", date(2026, 12, 7), [4, 5, 3], "Rushed to the demo")

    first = _run(job, time, fake, FIRST_FRIDAY, FIRST_FRIDAY + timedelta(hours=24))
    when = {(user_id, json.dumps(m).count(TEAM_KIND) > 0): at for at, user_id, m in first}
    # 15:00 Friday in each person's own time zone (Tokyo UTC+9, Berlin UTC+1, New York UTC-5, Los Angeles UTC-8).
    assert when == {("UKENJI", False): datetime(2026, 12, 11, 6, 0, tzinfo=UTC),
                    ("UBEA", False): datetime(2026, 12, 11, 14, 0, tzinfo=UTC),
                    ("UMAYA", True): datetime(2026, 12, 11, 20, 0, tzinfo=UTC),
                    ("UALEX", False): datetime(2026, 12, 11, 23, 0, tzinfo=UTC)}
    cards = {user_id: m for _, user_id, m in first}
    alex, bea = json.dumps(cards["UALEX"]["blocks"]), json.dumps(cards["UBEA"]["blocks"])
    assert "Week 50" in cards["UALEX"]["text"] and "4 debriefed" in cards["UALEX"]["text"]
    assert "better" in alex and "Let the CFO talk 3" in alex and ids.ADD_SCORECARD_COMMENT in alex
    assert "worse" in bea
    kenji = cards["UKENJI"]
    assert "no debriefs this week" in kenji["text"] and ids.OPEN_DEBRIEF in json.dumps(kenji["blocks"])
    digest = json.dumps(cards["UMAYA"]["blocks"])
    assert "No data from Kenji Sato" in digest and "Alex Rivera" in digest and ids.OPEN_REP_SCORECARD in digest
    # Alex's trend (weeks 49 and 50 have values) follows his card, its alt text the same in words.
    [chart] = fake.files_shared_with(dm_channel_id("UALEX"))
    assert chart.title.startswith("Your indicators up to Week 50") and "W49" in chart.alt_txt

    _calls(uow_factory, "UALEX", date(2026, 12, 14), [8, 8, 9], "Quantified the pain")
    _calls(uow_factory, "UKENJI", date(2026, 12, 14), [2], "First call back")
    second = _run(job, time, fake, FIRST_FRIDAY + timedelta(hours=24, minutes=30), FIRST_FRIDAY + timedelta(days=8))
    assert sorted(user_id for _, user_id, _ in second) == ["UALEX", "UBEA", "UKENJI", "UMAYA"]  # once each
    again = {user_id: m for _, user_id, m in second}
    assert "Week 51" in again["UALEX"]["text"] and "reached" in json.dumps(again["UALEX"]["blocks"])
    assert "1 debriefed" in again["UKENJI"]["text"]  # one call: his card, with too few calls to compare
    assert "too few calls" in json.dumps(again["UKENJI"]["blocks"])
    assert "No data from Bea Schmidt" in json.dumps(again["UMAYA"]["blocks"])


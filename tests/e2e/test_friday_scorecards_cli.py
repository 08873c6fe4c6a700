"""Friday scorecards as an operator runs them: `coachflow jobs run-due --now <Friday 15:00 local>`, over real HTTP.

Three reps in Sydney, Berlin and Los Angeles, one manager in Berlin. Each
`run-due` at one rep's Friday 15:00 sends that rep's scorecard and nobody
else's; two Fridays in a row show each week's own change.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.app import build_services
from bot.config import load_settings
from bot.fake_slack import FakeSlack, FakeSlackServer
from domain.coaching.calls import CallAnswers, CallRef, CallType
from domain.coaching.contract import CoachingContract, SuccessMetric
from domain.coaching.cycle import CoachingCycle
from domain.coaching.debriefs import Debrief
from domain.model import Member, Role, Workspace, WorkspaceRef
from storage import migrate
from storage.uow import make_engine, make_uow_factory

WS = WorkspaceRef("TFRI")
QUESTIONS = "discovery_questions_asked"
REPS = {"USYD": ("Mia Sydney", "Australia/Sydney"), "UBER": ("Ben Berlin", "Europe/Berlin"),
        "ULAX": ("Lia Angeles", "America/Los_Angeles")}
STARTED = date(2026, 11, 30)
SEEDED = datetime(2026, 12, 10, 12, 0, tzinfo=UTC)
# Questions per call, three calls a week: week 49 (30 Nov), week 50 (7 Dec), week 51 (14 Dec).
ASKED = {"USYD": ([3, 3, 4], [6, 6, 7], [7, 8, 8]), "UBER": ([7, 7, 7], [4, 5, 4], [6, 6, 6]),
         "ULAX": ([5, 5, 5], [5, 6, 6], [6, 6, 6])}


@dataclass
class Operator:
    fake: FakeSlack
    env: dict[str, str]
    cwd: Path

    def run_due(self, now: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "bot.cli", "jobs", "run-due", "--now", now], env=self.env,
                              cwd=self.cwd, capture_output=True, text=True, timeout=120, check=False)

    def scorecards(self, user_id: str) -> list[dict]:
        return [m for m in self.fake.messages_to(user_id) if "friday_scorecard" in json.dumps(m)]


def _seed(url: str) -> None:
    engine = make_engine(url)
    migrate.upgrade(engine)
    with make_uow_factory(engine)() as uow:
        uow.workspaces.add(Workspace(WS))
        uow.members.add(Member(WS, "UMGR", "Maya", "Europe/Berlin", role=Role.MANAGER))
        for rep_id, (name, tz) in REPS.items():
            uow.members.add(Member(WS, rep_id, name, tz, manager_id="UMGR"))
            cycle = uow.cycles.add(CoachingCycle(WS, rep_id, "UMGR", STARTED))
            assert cycle.id is not None
            uow.priorities.set_focus(WS, cycle.id, ["discovery"])
            uow.contracts.save(CoachingContract(WS, rep_id, "UMGR", [SuccessMetric("discovery", QUESTIONS, "8")],
                                                3.0, "r", "m", cycle_id=cycle.id))
            for week, asked in enumerate(ASKED[rep_id]):
                for day, value in enumerate(asked):
                    uow.debriefs.add(Debrief(
                        WS, rep_id, CallRef(f"Call {week}-{day}"), CallType.DISCOVERY,
                        STARTED + timedelta(weeks=week, days=day),
                        CallAnswers(f"{name} week {week} call {day}", "Slow down", "Listen"),
                        {QUESTIONS: value}, ("discovery",), cycle.id))
        uow.commit()
    services = build_services(make_uow_factory(engine), load_settings(None), clock=lambda: SEEDED)
    services.schedules.refresh_people(WS, ["UMGR", *REPS], SEEDED)  # what enrolling them through Slack does
    engine.dispose()


@pytest.fixture
def operator(tmp_path: Path) -> Iterator[Operator]:
    fake = FakeSlack(team_id=WS.team_id)
    for user_id, (name, tz) in {**REPS, "UMGR": ("Maya", "Europe/Berlin")}.items():
        fake.add_user(user_id, name, tz)
    url = f"sqlite:///{tmp_path / 'friday.db'}"
    _seed(url)
    with FakeSlackServer(fake) as server:
        env = {**os.environ, "SLACK_BOT_TOKEN": fake.bot_token, "SLACK_API_URL": server.base_url,
               "DATABASE_URL": url, "COACHFLOW_LOG_LEVEL": "WARNING", "COACHFLOW_CHARTS": "false"}
        yield Operator(fake, env, tmp_path)


def _friday_1500(day: date, tz: str) -> str:
    return datetime(day.year, day.month, day.day, 15, tzinfo=ZoneInfo(tz)).astimezone(UTC).isoformat()


def test_each_run_due_at_a_reps_friday_1500_sends_their_scorecard_only_and_the_next_friday_the_next(
        operator: Operator) -> None:
    friday = date(2026, 12, 11)
    order = ["USYD", "UBER", "ULAX"]  # 04:00, 14:00 and 23:00 UTC
    for n, rep_id in enumerate(order):
        run = operator.run_due(_friday_1500(friday, REPS[rep_id][1]))
        assert run.returncode == 0, run.stderr
        assert [len(operator.scorecards(r)) for r in order] == [1] * (n + 1) + [0] * (len(order) - n - 1)
    sydney, berlin = operator.scorecards("USYD")[0], operator.scorecards("UBER")[0]
    assert "Week 50" in sydney["text"] and "3.3 → 6.3" not in json.dumps(sydney)  # the card, not the digest
    assert "↑ 3 questions" in _text(sydney) and "better" in _text(sydney)
    assert "↓ 2.7 questions" in _text(berlin) and "worse" in _text(berlin)

    next_friday = friday + timedelta(days=7)
    for rep_id in order:
        assert operator.run_due(_friday_1500(next_friday, REPS[rep_id][1])).returncode == 0
    for rep_id in order:
        cards = operator.scorecards(rep_id)
        assert len(cards) == 2 and "Week 51" in cards[1]["text"]
    assert "↑ 1.7 questions" in _text(operator.scorecards("UBER")[1])


def _text(message: dict) -> str:
    return json.dumps(message["blocks"], ensure_ascii=False)

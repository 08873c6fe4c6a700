"""Micro-lessons end to end: the dispatch tick on virtual time, signed clicks on the lesson it sent.

The whole app is wired as in production (`build_services`, `create_app`,
`DispatchJob`) over the test database and the fake Slack; the services'
clock is the test's, so a tick at Tuesday 10:00 local sends that day's
lesson and a click then is judged at that moment.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from bot.app import build_services, create_app
from bot.config import load_settings
from bot.fake_slack import FakeSlack, FakeSlackServer, RecordingSlackClient, SignedRequest, SlackRequests
from bot.fake_slack.state import dm_channel_id
from handlers.edge import ids
from handlers.jobs.dispatch import DispatchJob
from tests.fakes import FakeDispatcherLock
from tests.handlers.conftest import PEOPLE, SECRET, TEAM, Slack
from tests.handlers.jobs.steps import VirtualTime

CYCLE_MONDAY = date(2026, 11, 30)  # week 3: Tue 15 Dec, Thu 17 Dec
START = datetime(2026, 12, 13, 12, 0, tzinfo=UTC)
LA = ZoneInfo(PEOPLE["UA"][1])  # Alex, America/Los_Angeles
LESSON_BUTTONS = (ids.LESSON_DONE, ids.LESSON_REMIND, ids.LESSON_DISCUSS)


def la(day: date, at: time = time(10, 0)) -> datetime:
    return datetime.combine(day, at, LA).astimezone(UTC)


@dataclass
class Lessons:
    slack: Slack
    fake: FakeSlack
    time: VirtualTime
    job: DispatchJob

    def advance_to(self, end: datetime) -> None:
        """Tick every half hour up to `end`, as the minute tick would find what is due."""
        at = self.time.now
        while at < end:
            at = min(at + timedelta(minutes=30), end)
            self.time.now = at
            self.job.tick(clock=self.time)

    def lessons_to(self, user_id: str) -> list[dict[str, Any]]:
        return [m for m in self.fake.messages_to(user_id) if any(
            e.get("action_id") in LESSON_BUTTONS for b in m.get("blocks", []) for e in b.get("elements", []))]

    def click(self, user_id: str, lesson: dict[str, Any], action_id: str, *, as_user: str | None = None,
              ) -> SignedRequest:
        """`as_user` (default the rep) clicks `action_id` under the lesson posted in `user_id`'s DM."""
        value = next(e["value"] for b in lesson["blocks"] for e in b.get("elements", [])
                     if e.get("action_id") == action_id)
        channel = dm_channel_id(user_id)
        container = {"type": "message", "message_ts": lesson["ts"], "channel_id": channel, "is_ephemeral": False}
        request = self.slack.requests.block_actions(as_user or user_id, action_id, value=value, container=container,
                                                    channel_id=channel)
        assert self.slack.dispatch(request).status == 200
        return request

    def answer_to(self, request: SignedRequest) -> dict[str, Any]:
        token = request.response_token or ""
        self.fake.wait_for(lambda: len(self.fake.responses_for(token)) >= 1)
        return self.fake.responses_for(token)[-1]


def text_of(message: dict[str, Any]) -> str:
    return json.dumps(message.get("blocks", []), ensure_ascii=False) + message.get("text", "")


@pytest.fixture
def lessons(uow_factory: Any) -> Iterator[Lessons]:
    fake = FakeSlack(team_id=TEAM)
    for user_id, (name, tz) in PEOPLE.items():
        fake.add_user(user_id, name, tz)
    virtual = VirtualTime(START)
    with FakeSlackServer(fake) as server:
        settings = load_settings(None, SLACK_BOT_TOKEN=fake.bot_token, SLACK_SIGNING_SECRET=SECRET,
                                 SLACK_API_URL=server.base_url)
        services = build_services(uow_factory, settings, clock=virtual, sleep=virtual.sleep)
        client = RecordingSlackClient(fake)
        app = create_app(settings, services, client=client)
        requests = SlackRequests(SECRET, team_id=TEAM, response_url_base=server.response_url_base)
        slack = Slack(app, fake, requests)
        slack.coach("UADMIN", "help", replies=2)  # the workspace's first person, its admin, welcomed
        slack.coach("UMGR", "team add <@UA|alex> <@UB|bea>")
        assert "Started" in slack.coach("UMGR", f"start <@UA|alex> {CYCLE_MONDAY.isoformat()}").last_text
        assert "Discovery" in slack.coach("UMGR", "focus <@UA|alex> discovery closing").last_text
        yield Lessons(slack, fake, virtual, DispatchJob(services, client, FakeDispatcherLock()))
        app.listener_runner.listener_executor.shutdown(wait=True)

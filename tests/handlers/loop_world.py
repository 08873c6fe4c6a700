"""A Coachflow app on time the test moves, driven like Slack drives it: the full coaching-loop tests.

Signed requests go through `app.dispatch`; scheduled messages come from the
real dispatch job ticking on the same virtual clock; everything a person
would see lands in the fake Slack.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import pytest

from bot.app import build_services, create_app
from bot.config import load_settings
from bot.fake_slack import FakeSlack, FakeSlackServer, RecordingSlackClient, SlackRequests
from domain.ports import UnitOfWorkFactory
from handlers.jobs.dispatch import DispatchJob
from tests.fakes import FakeDispatcherLock
from tests.handlers.conftest import PEOPLE, SECRET, TEAM, Slack
from tests.handlers.jobs.steps import SUNDAY, VirtualTime


@dataclass
class Loop:
    slack: Slack
    time: VirtualTime
    job: DispatchJob
    uow_factory: UnitOfWorkFactory

    @property
    def fake(self) -> FakeSlack:
        return self.slack.fake

    def at(self, when: datetime) -> None:
        """Move the clock without running the scheduler (a person acting at `when`)."""
        self.slack.listeners.wait_idle()
        self.time.now = when

    def run_until(self, end: datetime, step: timedelta = timedelta(minutes=5)) -> None:
        """Tick the dispatch job every `step` from now until `end`, as the scheduler would."""
        self.slack.listeners.wait_idle()
        while self.time.now < end:
            self.time.now = min(self.time.now + step, end)
            self.job.tick(clock=self.time)

    def dms(self, user_id: str, text: str) -> list[dict[str, Any]]:
        """`user_id`'s DMs whose text or blocks contain `text`, oldest first."""
        self.slack.listeners.wait_idle()
        return [m for m in self.fake.messages_to(user_id) if text in m.get("text", "") + json.dumps(m["blocks"])]

    def first_dm_at(self, user_id: str, text: str, end: datetime, step: timedelta = timedelta(minutes=5)
                    ) -> datetime | None:
        """Tick on the `step` grid (whole multiples of it since midnight UTC, as a scheduler's interval would)
        until `user_id` gets a DM containing `text`; the virtual time it came, None by `end`."""
        seen = len(self.dms(user_id, text))
        while self.time.now < end:
            midnight = self.time.now.replace(hour=0, minute=0, second=0, microsecond=0)
            self.run_until(midnight + step * ((self.time.now - midnight) // step + 1), step)
            if len(self.dms(user_id, text)) > seen:
                return self.time.now
        return None


@pytest.fixture(name="loop")
def loop_fixture(uow_factory: UnitOfWorkFactory) -> Iterator[Loop]:
    fake = FakeSlack(team_id=TEAM)
    for user_id, (name, tz) in PEOPLE.items():
        fake.add_user(user_id, name, tz)
    fake.add_user("UL", "Lena Lewis", "Europe/London")
    time = VirtualTime(SUNDAY)
    with FakeSlackServer(fake) as server:
        settings = load_settings(None, SLACK_BOT_TOKEN=fake.bot_token, SLACK_SIGNING_SECRET=SECRET,
                                 SLACK_API_URL=server.base_url)
        client = RecordingSlackClient(fake)
        services = build_services(uow_factory, settings, clock=time, sleep=time.sleep)
        app = create_app(settings, services, client=client)
        slack = Slack(app, fake, SlackRequests(SECRET, team_id=TEAM, response_url_base=server.response_url_base))
        yield Loop(slack, time, DispatchJob(services, client, FakeDispatcherLock()), uow_factory)
        app.listener_runner.listener_executor.shutdown(wait=True)

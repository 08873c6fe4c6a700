"""Peer learning end to end: Friday's dispatch tick on virtual time, signed clicks and the share form.

Maya (UMGR) manages Alex (UA, Los Angeles) and Bea (UB, Berlin); both
focus on discovery. Their debriefs of the two weeks before Friday 11 Dec
2026 are stored directly (the debrief flow has its own tests); Alex
improved most. Ada (UADMIN) is the admin and sets the coaching channel.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from bot.app import build_services, create_app
from bot.config import load_settings
from bot.fake_slack import FakeSlack, FakeSlackServer, RecordingSlackClient, SignedRequest, SlackRequests
from bot.fake_slack.state import GENERAL_CHANNEL_ID, dm_channel_id
from handlers.edge import ids
from handlers.jobs.dispatch import DispatchJob
from tests.fakes import FakeDispatcherLock
from tests.handlers.conftest import PEOPLE, SECRET, TEAM, Slack
from tests.handlers.jobs.steps import VirtualTime
from tests.unit.domain.peer_world import two_weeks

COACHING = GENERAL_CHANNEL_ID  # the fake's public channel the app is in
START = datetime(2026, 12, 10, 12, 0, tzinfo=UTC)  # Thursday
AFTER_FRIDAY = datetime(2026, 12, 12, 2, 0, tzinfo=UTC)  # past Friday 15:30 in Los Angeles
PEER_BUTTONS = (ids.PEER_SHARE, ids.PEER_DECLINE, ids.PEER_STOP)
WORDS = "I asked <!channel> what waiting costs them & let the silence work"


@dataclass
class Peer:
    slack: Slack
    fake: FakeSlack
    time: VirtualTime
    job: DispatchJob
    uow_factory: Any

    def advance_to(self, end: datetime) -> None:
        at = self.time.now
        while at < end:
            at = min(at + timedelta(minutes=30), end)
            self.time.now = at
            self.job.tick(clock=self.time)

    def asks_to(self, user_id: str) -> list[dict[str, Any]]:
        return [m for m in self.fake.messages_to(user_id) if any(
            e.get("action_id") in PEER_BUTTONS for b in m.get("blocks", []) for e in b.get("elements", []))]

    def click(self, user_id: str, ask: dict[str, Any], action_id: str, *, owner: str | None = None) -> SignedRequest:
        """`user_id` clicks `action_id` under the ask posted in `owner`'s DM (default their own)."""
        value = next(e["value"] for b in ask["blocks"] for e in b.get("elements", [])
                     if e.get("action_id") == action_id)
        channel = dm_channel_id(owner or user_id)
        container = {"type": "message", "message_ts": ask["ts"], "channel_id": channel, "is_ephemeral": False}
        request = self.slack.requests.block_actions(user_id, action_id, value=value, container=container,
                                                    channel_id=channel)
        assert self.slack.dispatch(request).status == 200
        self.slack.listeners.wait_idle()
        return request

    def answers_to(self, request: SignedRequest) -> list[dict[str, Any]]:
        return self.fake.responses_for(request.response_token or "")

    def submit(self, user_id: str, modal: dict[str, Any], words: str, view_id: str | None = None) -> SignedRequest:
        values = {"words": {"value": {"type": "plain_text_input", "value": words}}}
        return self.slack.requests.view_submission(user_id, ids.PEER_SHARE_VIEW, values,
                                                   private_metadata=modal["private_metadata"],
                                                   view_id=view_id, blocks=modal["blocks"])

    def posts_in(self, channel: str) -> list[Any]:
        return [c for c in self.fake.calls_to("chat.postMessage") if c.params.get("channel") == channel]


def text_of(message: dict[str, Any]) -> str:
    return json.dumps(message.get("blocks", []), ensure_ascii=False) + message.get("text", "")


@pytest.fixture
def peer(uow_factory: Any) -> Iterator[Peer]:
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
        slack.coach("UADMIN", "help", replies=2)  # the workspace's first person, its admin
        slack.coach("UMGR", "team add <@UA|alex> <@UB|bea>")
        for rep in ("<@UA|alex>", "<@UB|bea>"):
            assert "Started" in slack.coach("UMGR", f"start {rep} 2026-11-23").last_text
            assert "Discovery" in slack.coach("UMGR", f"focus {rep} discovery").last_text
        two_weeks(uow_factory, "UA", [4, 4, 4], [7, 7, 7], "Asked what happens if they wait")
        two_weeks(uow_factory, "UB", [4, 4, 4], [5, 5, 5])
        yield Peer(slack, fake, virtual, DispatchJob(services, client, FakeDispatcherLock()), uow_factory)
        app.listener_runner.listener_executor.shutdown(wait=True)


def set_channel(peer: Peer, channel: str = COACHING, name: str = "sales-coaching") -> str:
    return peer.slack.coach("UADMIN", f"admin channel <#{channel}|{name}>").last_text

"""A Coachflow app on the test database, talking to a fake Slack.

Requests are signed like Slack's and pushed through `app.dispatch`; Web API
calls go to a `FakeSlack` in-process; `respond()` posts reach the fake's HTTP
server, so everything a person would see is recorded in one place.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from slack_bolt import App

from bot.app import build_services, create_app
from bot.config import load_settings
from bot.fake_slack import (
    FakeSlack,
    FakeSlackServer,
    ListenerPool,
    RecordingSlackClient,
    SignedRequest,
    SlackRequests,
    counted_listeners,
)

SECRET = "test-signing-secret"
TEAM = "T1"

PEOPLE = {
    "UADMIN": ("Ada Admin", "Europe/London"),
    "UMGR": ("Maya Manager", "America/New_York"),
    "UMGR2": ("Omar Other", "America/Chicago"),
    "UA": ("Alex Rivera", "America/Los_Angeles"),
    "UB": ("Bea Schmidt", "Europe/Berlin"),
    "UC": ("Chen Wei", "Asia/Singapore"),
}


@pytest.fixture
def fake() -> FakeSlack:
    fake = FakeSlack(team_id=TEAM)
    for user_id, (name, tz) in PEOPLE.items():
        fake.add_user(user_id, name, tz)
    fake.add_user("UHELPER", "Standup Helper", "UTC", is_bot=True)
    fake.add_user("UGONE", "Gone Person", "UTC", deleted=True)
    return fake


@pytest.fixture
def fake_server(fake: FakeSlack) -> Iterator[FakeSlackServer]:
    with FakeSlackServer(fake) as server:
        yield server


def make_app(uow_factory: Any, fake: FakeSlack, fake_server: FakeSlackServer, **settings: str) -> App:
    """The app the tests drive; `settings` override variables by name (COACHFLOW_CHARTS="off")."""
    loaded = load_settings(
        None,
        SLACK_BOT_TOKEN=fake.bot_token,
        SLACK_SIGNING_SECRET=SECRET,
        SLACK_API_URL=fake_server.base_url,
        **settings,
    )
    services = build_services(uow_factory, loaded)
    return create_app(loaded, services, client=RecordingSlackClient(fake))


@pytest.fixture
def app(uow_factory: Any, fake: FakeSlack, fake_server: FakeSlackServer) -> Iterator[App]:
    app = make_app(uow_factory, fake, fake_server)
    yield app
    # Listeners keep working after their ack (DMs, App Home); let them finish
    # before the fake Slack stops and the next test empties the database.
    app.listener_runner.listener_executor.shutdown(wait=True)


@pytest.fixture
def slack_requests(fake_server: FakeSlackServer) -> SlackRequests:
    return SlackRequests(SECRET, team_id=TEAM, response_url_base=fake_server.response_url_base)


@dataclass
class Reply:
    """What `app.dispatch` answered, and what reached the response_url."""

    status: int
    body: str
    responses: list[dict[str, Any]]

    @property
    def json(self) -> dict[str, Any]:
        return json.loads(self.body) if self.body else {}

    @property
    def last_text(self) -> str:
        return _all_text(self.responses[-1])


def _all_text(message: dict[str, Any]) -> str:
    return json.dumps(message.get("blocks", [])) + message.get("text", "")


@dataclass
class Slack:
    """Drives the app like Slack does, for the person named in each call."""

    app: App
    fake: FakeSlack
    requests: SlackRequests

    def __post_init__(self) -> None:
        self.listeners: ListenerPool = counted_listeners(self.app)

    def dispatch(self, request: SignedRequest) -> Reply:
        response = self.app.dispatch(request.bolt())
        return Reply(response.status, response.body, [])

    def coach(self, user_id: str, text: str, replies: int = 1, *, acked: bool = True) -> Reply:
        """Run `/coach text` and wait for `replies` ephemeral answers to this command."""
        request = self.requests.slash_command(user_id, "/coach", text)
        reply = self.dispatch(request)
        if acked:
            assert reply.status == 200, reply.body
        token = request.response_token
        assert token is not None
        self.fake.wait_for(lambda: len(self.fake.responses_for(token)) >= replies)
        reply.responses = self.fake.responses_for(token)
        return reply

    def finish_listeners(self) -> None:
        """Wait until every listener still working after its ack has returned; the app takes no more requests.

        For asserting that something did *not* happen (no upload, no DM):
        waiting for an effect cannot show its absence, this can.
        """
        self.app.listener_runner.listener_executor.shutdown(wait=True)

    def open_home(self, user_id: str) -> dict[str, Any]:
        """Open `user_id`'s Home tab and return the view this open published.

        Earlier listeners republish homes after their ack, so "some new
        publish" could be theirs: wait for them first, then for this event's
        listener, and read the publish made for this person since.
        """
        self.listeners.wait_idle()
        before = len(self.fake.calls_to("views.publish"))
        assert self.dispatch(self.requests.app_home_opened(user_id)).status == 200
        self.listeners.wait_idle()
        mine = [c for c in self.fake.calls_to("views.publish")[before:] if c.params.get("user_id") == user_id]
        assert mine and mine[-1].ok, f"no App Home published for {user_id}: {mine}"
        home = self.fake.home_of(user_id)
        assert home is not None
        return home


@pytest.fixture
def slack(app: App, fake: FakeSlack, slack_requests: SlackRequests) -> Slack:
    return Slack(app, fake, slack_requests)


def home_text(view: dict[str, Any]) -> str:
    return json.dumps(view["blocks"])

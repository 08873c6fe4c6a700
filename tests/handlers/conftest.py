"""A Coachflow app on the test database, talking to a fake Slack.

Requests are signed like Slack's and pushed through `app.dispatch`; Web API
calls go to a `FakeSlack` in-process; `respond()` posts reach the fake's HTTP
server, so everything a person would see is recorded in one place.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

import pytest
from slack_bolt import App

from bot.app import build_services, create_app
from bot.config import load_settings
from bot.fake_slack import FakeSlack, FakeSlackServer, RecordingSlackClient, SignedRequest, SlackRequests

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


class ListenerPool(ThreadPoolExecutor):
    """Bolt's listener executor, counting the listeners still working after their ack."""

    def __init__(self) -> None:
        super().__init__(max_workers=10, thread_name_prefix="listener")
        self._idle = threading.Condition()
        self._running = 0

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        with self._idle:
            self._running += 1

        def run() -> Any:
            try:
                return fn(*args, **kwargs)
            finally:
                with self._idle:
                    self._running -= 1
                    self._idle.notify_all()

        return super().submit(run)

    def wait_idle(self, timeout: float = 30.0) -> None:
        with self._idle:
            assert self._idle.wait_for(lambda: self._running == 0, timeout), "listeners still busy"


@dataclass
class Slack:
    """Drives the app like Slack does, for the person named in each call."""

    app: App
    fake: FakeSlack
    requests: SlackRequests

    def __post_init__(self) -> None:
        runner = self.app.listener_runner
        if not isinstance(runner.listener_executor, ListenerPool):
            runner.listener_executor = ListenerPool()

    def dispatch(self, request: SignedRequest) -> Reply:
        response = self.app.dispatch(request.bolt())
        return Reply(response.status, response.body, [])

    def coach(self, user_id: str, text: str, replies: int = 1, *, acked: bool = True, timeout: float = 3.0) -> Reply:
        """Run `/coach text` and wait (up to `timeout` seconds) for `replies` ephemeral answers."""
        request = self.requests.slash_command(user_id, "/coach", text)
        reply = self.dispatch(request)
        if acked:
            assert reply.status == 200, reply.body
        token = request.response_token
        assert token is not None
        self.fake.wait_for(lambda: len(self.fake.responses_for(token)) >= replies, timeout=timeout)
        reply.responses = self.fake.responses_for(token)
        return reply

    def finish_listeners(self) -> None:
        """Wait until every listener still working after its ack has returned; the app takes no more requests.

        For asserting that something did *not* happen (no upload, no DM):
        waiting for an effect cannot show its absence, this can.
        """
        self.app.listener_runner.listener_executor.shutdown(wait=True)

    def open_home(self, user_id: str) -> dict[str, Any]:
        # Earlier listeners republish homes after their ack; let them finish,
        # or their publish could pass for this one's.
        pool = self.app.listener_runner.listener_executor
        if isinstance(pool, ListenerPool):
            pool.wait_idle()
        before = len(self.fake.calls_to("views.publish"))
        assert self.dispatch(self.requests.app_home_opened(user_id)).status == 200
        self.fake.wait_for(lambda: len(self.fake.calls_to("views.publish")) > before)
        home = self.fake.home_of(user_id)
        assert home is not None
        return home


@pytest.fixture
def slack(app: App, fake: FakeSlack, slack_requests: SlackRequests) -> Slack:
    return Slack(app, fake, slack_requests)


def home_text(view: dict[str, Any]) -> str:
    return json.dumps(view["blocks"])

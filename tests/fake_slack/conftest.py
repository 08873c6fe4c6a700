"""Fixtures for the fake Slack's own tests: a small workspace, served over HTTP when asked."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from slack_sdk import WebClient

from bot.fake_slack import FakeSlack, FakeSlackServer


@pytest.fixture
def fake() -> FakeSlack:
    slack = FakeSlack()
    slack.add_user("U1", "Maria López", "Europe/Berlin", email="maria@example.com")
    slack.add_user("U2", "Sam Okafor", "America/Chicago")
    slack.add_user("UGONE", "Former Rep", deleted=True)
    slack.add_user("UOTHERBOT", "Other Bot", is_bot=True)
    return slack


@pytest.fixture
def server(fake: FakeSlack) -> Iterator[FakeSlackServer]:
    with FakeSlackServer(fake) as running:
        yield running


@pytest.fixture
def web_client(fake: FakeSlack, server: FakeSlackServer) -> WebClient:
    """The real slack_sdk client, pointed at the fake over HTTP."""
    return WebClient(token=fake.bot_token, base_url=server.base_url, timeout=5)

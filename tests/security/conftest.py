"""Fixtures of the security suite: the handlers' signed-dispatch app and a real HTTP server (http_edge.py).

`app` here admits every workspace (the single-workspace guard of
handlers/edge/workspace.py opened, as a multi-workspace install would): the
suite tests the listeners and services beneath that guard.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from slack_bolt import App

from bot.app import build_services, create_app
from bot.config import load_settings
from bot.fake_slack import FakeSlack, FakeSlackServer, RecordingSlackClient
from handlers.edge.services import Services
from tests.conftest import TestDatabase, delete_all_rows
from tests.handlers.conftest import SECRET as SIGNING_SECRET
from tests.handlers.conftest import fake as handlers_fake
from tests.handlers.conftest import fake_server, slack, slack_requests  # noqa: F401 - shared fixtures
from tests.handlers.privacy_steps import OUTSIDER
from tests.security.http_edge import http_edge  # noqa: F401 - fixture


@pytest.fixture
def database(_sqlite_database: TestDatabase) -> TestDatabase:
    """SQLite only: who may do what is decided by the services, the same on both backends; the walk is long."""
    delete_all_rows(_sqlite_database.engine)
    return _sqlite_database


@pytest.fixture
def fake() -> FakeSlack:
    fake: FakeSlack = handlers_fake.__wrapped__()  # type: ignore[attr-defined]
    fake.add_user(OUTSIDER, "Olga Outsider", "Europe/Paris")
    return fake


@dataclass
class Wired:
    app: App
    services: Services
    client: RecordingSlackClient


@pytest.fixture
def wired(uow_factory: Any, fake: FakeSlack, fake_server: FakeSlackServer,  # noqa: F811 - the fixture
          monkeypatch: pytest.MonkeyPatch) -> Iterator[Wired]:
    """The app as tests/handlers/conftest.make_app builds it, with its services (for the dispatch job)."""
    monkeypatch.setattr("bot.app.installed_workspace_of", lambda client: lambda: None)  # admit every workspace
    settings = load_settings(None, SLACK_BOT_TOKEN=fake.bot_token, SLACK_SIGNING_SECRET=SIGNING_SECRET,
                             SLACK_API_URL=fake_server.base_url)
    services = build_services(uow_factory, settings)
    client = RecordingSlackClient(fake)
    wired = Wired(create_app(settings, services, client=client), services, client)
    yield wired
    wired.app.listener_runner.listener_executor.shutdown(wait=True)


@pytest.fixture
def app(wired: Wired) -> App:
    return wired.app

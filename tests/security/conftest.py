"""Fixtures of the security suite: the handlers' signed-dispatch app and a real HTTP server (http_edge.py).

`app` here admits every workspace (the single-workspace guard of
handlers/edge/workspace.py opened, as a multi-workspace install would): the
suite tests the listeners and services beneath that guard.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from slack_bolt import App

from bot.fake_slack import FakeSlack, FakeSlackServer
from tests.conftest import TestDatabase, delete_all_rows
from tests.handlers.conftest import fake as handlers_fake
from tests.handlers.conftest import fake_server, make_app, slack, slack_requests  # noqa: F401 - shared fixtures
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


@pytest.fixture
def app(uow_factory: Any, fake: FakeSlack, fake_server: FakeSlackServer,  # noqa: F811 - the fixture
        monkeypatch: pytest.MonkeyPatch
        ) -> Iterator[App]:
    monkeypatch.setattr("bot.app.installed_workspace_of", lambda client: lambda: None)  # admit every workspace
    app = make_app(uow_factory, fake, fake_server)
    yield app
    app.listener_runner.listener_executor.shutdown(wait=True)

"""Coachflow behind waitress, as `coachflow run --http` serves it, with the real Web API client and a fake Slack.

The WSGI edge checks size, timestamp and signature before Bolt; Bolt checks the
signature again. Everything runs in this process on a temporary SQLite file,
so a test can count every table's rows and read every record logged.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from bot.app import Runtime, build_runtime
from bot.config import load_settings
from bot.database import database_health_check, upgrade_database
from bot.fake_slack import FakeSlack, FakeSlackServer, ListenerPool, SlackRequests, counted_listeners
from bot.http import CoachflowWsgi, HttpServer
from tests.handlers.conftest import PEOPLE, TEAM

# Distinctive, so that the log scan (test_logs.py) finds any trace of them.
SIGNING_SECRET = "sigsecret-5f1d0c9e77aa"
BOT_TOKEN = "xoxb-1111-2222-bottokenQ4ZkP9"


@dataclass
class HttpEdge:
    url: str
    fake: FakeSlack
    requests: SlackRequests
    runtime: Runtime
    database: Path
    listeners: ListenerPool

    @property
    def events_url(self) -> str:
        return self.url + "/slack/events"

    def row_counts(self) -> dict[str, int]:
        """Every table's row count, read straight from the SQLite file."""
        with sqlite3.connect(self.database) as connection:
            tables = [name for (name,) in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
            return {table: connection.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0] for table in tables}

    def wait_idle(self) -> None:
        """Wait until every listener working after its ack (DMs, App Home) is done."""
        self.listeners.wait_idle()

    def finish_listeners(self) -> None:
        """Wait for every listener still working after its ack; the app takes no more requests after this."""
        self.runtime.app.listener_runner.listener_executor.shutdown(wait=True)


@pytest.fixture
def http_edge(tmp_path: Path) -> Iterator[HttpEdge]:
    fake = FakeSlack(team_id=TEAM, bot_token=BOT_TOKEN)
    for user_id, (name, tz) in PEOPLE.items():
        fake.add_user(user_id, name, tz)
    database = tmp_path / "security.db"
    url = f"sqlite:///{database}"
    with FakeSlackServer(fake) as slack:
        settings = load_settings(None, SLACK_BOT_TOKEN=fake.bot_token, SLACK_SIGNING_SECRET=SIGNING_SECRET,
                                 SLACK_API_URL=slack.base_url, DATABASE_URL=url)
        upgrade_database(url)
        runtime = build_runtime(settings)
        listeners = counted_listeners(runtime.app)
        wsgi = CoachflowWsgi(runtime.app, database_health_check(url), signing_secret=SIGNING_SECRET,
                             max_request_bytes=64 * 1024)
        server = HttpServer(wsgi, host="127.0.0.1", port=0).start()
        requests = SlackRequests(SIGNING_SECRET, team_id=TEAM, response_url_base=slack.response_url_base)
        try:
            yield HttpEdge(server.url, fake, requests, runtime, database, listeners)
        finally:
            server.stop()
            runtime.app.listener_runner.listener_executor.shutdown(wait=True)
            runtime.engine.dispose()

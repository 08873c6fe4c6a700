"""`coachflow run --http` as a real process, talking to the fake Slack over HTTP."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from bot.fake_slack import FakeSlack, FakeSlackServer, SlackRequests

SECRET = "e2e-signing-secret"
TEAM = "T0E2E"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class RunningApp:
    url: str
    fake: FakeSlack
    requests: SlackRequests
    process: subprocess.Popen[bytes]

    @property
    def events_url(self) -> str:
        return self.url + "/slack/events"

    def get_json(self, path: str) -> tuple[int, dict[str, object]]:
        try:
            with urllib.request.urlopen(self.url + path, timeout=5) as response:
                return response.status, json.loads(response.read())
        except urllib.error.HTTPError as error:
            body = error.read()
            return error.code, json.loads(body) if body.startswith(b"{") else {"body": body.decode()}


@pytest.fixture
def running_app(tmp_path: Path) -> Iterator[RunningApp]:
    fake = FakeSlack(team_id=TEAM)
    for user_id, name, tz in [
        ("UMGR", "Maya Chen", "America/New_York"),
        ("UA", "Alex Rivera", "America/Los_Angeles"),
        ("UB", "Bea Schmidt", "Europe/Berlin"),
        ("UC", "Kenji Sato", "Asia/Tokyo"),
    ]:
        fake.add_user(user_id, name, tz)
    with FakeSlackServer(fake) as server:
        port = _free_port()
        env = {
            **os.environ,
            "SLACK_BOT_TOKEN": fake.bot_token,
            "SLACK_SIGNING_SECRET": SECRET,
            "SLACK_API_URL": server.base_url,
            "DATABASE_URL": f"sqlite:///{tmp_path / 'e2e.db'}",
            "COACHFLOW_LOG_LEVEL": "WARNING",
        }
        log = (tmp_path / "app.log").open("wb")
        process = subprocess.Popen(
            [sys.executable, "-m", "bot.cli", "run", "--http", "--host", "127.0.0.1", "--port", str(port)],
            env=env,
            cwd=tmp_path,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        app = RunningApp(
            f"http://127.0.0.1:{port}",
            fake,
            SlackRequests(SECRET, team_id=TEAM, response_url_base=server.response_url_base),
            process,
        )
        try:
            _wait_until_healthy(app, tmp_path / "app.log")
            yield app
        finally:
            process.terminate()
            process.wait(timeout=10)
            log.close()


def _wait_until_healthy(app: RunningApp, log: Path, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if app.process.poll() is not None:
            raise AssertionError(f"coachflow run --http exited:\n{log.read_text()}")
        try:
            if app.get_json("/healthz")[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.1)
    raise AssertionError(f"coachflow run --http did not become healthy:\n{log.read_text()}")

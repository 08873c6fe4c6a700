"""`coachflow jobs ...` and `coachflow deliveries` as an operator runs them, over real HTTP."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest
from slack_sdk import WebClient

from bot.app import build_services
from bot.config import load_settings
from bot.fake_slack import FakeSlack, FakeSlackServer
from domain.model import WorkspaceRef
from handlers.edge.directory import SlackUserDirectory
from storage import migrate
from storage.uow import make_engine, make_uow_factory

WS = WorkspaceRef("TOPS")
SUNDAY = datetime(2026, 11, 29, 12, 0, tzinfo=UTC)
MANAGERS = 20


@dataclass
class Operator:
    fake: FakeSlack
    env: dict[str, str]
    cwd: Path

    def run(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "bot.cli", *args], env=self.env, cwd=self.cwd,
                              capture_output=True, text=True, timeout=120, check=False)


@pytest.fixture
def operator(tmp_path: Path) -> Iterator[Operator]:
    fake = FakeSlack(team_id=WS.team_id)
    url = f"sqlite:///{tmp_path / 'ops.db'}"
    with FakeSlackServer(fake) as server:
        engine = make_engine(url)
        migrate.upgrade(engine)
        services = build_services(make_uow_factory(engine), load_settings(None), clock=lambda: SUNDAY)
        directory = SlackUserDirectory(WebClient(token=fake.bot_token, base_url=server.base_url))
        for n in range(MANAGERS):
            fake.add_user(f"UM{n:02d}", f"Manager {n}", "Europe/Berlin")
            fake.add_user(f"UR{n:02d}", f"Rep {n}", "Europe/Berlin")
            services.roster.enroll_caller(WS, f"UM{n:02d}", directory)
            services.roster.add_reps(WS, f"UM{n:02d}", [f"UR{n:02d}"], directory)
        engine.dispose()
        env = {**os.environ, "SLACK_BOT_TOKEN": fake.bot_token, "SLACK_API_URL": server.base_url,
               "DATABASE_URL": url, "COACHFLOW_LOG_LEVEL": "WARNING"}
        yield Operator(fake, env, tmp_path)


def test_due_lists_without_sending_and_run_due_sends_through_429s_once(operator: Operator) -> None:
    monday_8am_berlin = "2026-11-30T07:00:00Z"

    early = operator.run("jobs", "due", "--now", "2026-11-30T06:59:00Z")
    due = operator.run("jobs", "due", "--now", monday_8am_berlin)
    operator.fake.rate_limit_fraction(0.3, retry_after=1, seed=3, methods=["chat.postMessage"])
    sent = operator.run("jobs", "run-due", "--now", monday_8am_berlin)
    again = operator.run("jobs", "run-due", "--now", "2026-11-30T07:01:00Z")
    ledger = operator.run("deliveries", "--status", "sent")

    assert "0 to send" in early.stdout
    assert f"{MANAGERS} to send" in due.stdout and "week_ahead" in due.stdout and "2026-11-30" in due.stdout
    assert sent.returncode == 0, sent.stderr
    assert f"queued {MANAGERS}" in sent.stdout and f"sent {MANAGERS}" in sent.stdout
    answered_429 = [c for c in operator.fake.calls_to("chat.postMessage") if c.status == 429]
    assert len(answered_429) >= 3 and f"rate-limited {len(answered_429)}" in sent.stdout
    assert "queued 0" in again.stdout and "sent 0" in again.stdout
    for n in range(MANAGERS):
        assert len(operator.fake.messages_to(f"UM{n:02d}")) == 1
    assert f"sent {MANAGERS}" in ledger.stdout and ledger.stdout.count("week_ahead") == MANAGERS


def test_a_permanent_failure_shows_in_the_ledger_and_the_exit_status(operator: Operator) -> None:
    operator.fake.add_user("UM00", "Manager 0", "Europe/Berlin", deleted=True)

    result = operator.run("jobs", "run-due", "--now", "2026-11-30T07:00:00Z")
    failed = operator.run("deliveries", "--failed")

    assert result.returncode == 1 and "failed 1" in result.stdout and "account_inactive x1" in result.stdout
    assert "UM00" in failed.stdout and "account_inactive" in failed.stdout


def test_bad_instants_are_refused_with_a_message(operator: Operator) -> None:
    for bad in ("next monday", "2026-11-30T07:00:00"):
        result = operator.run("jobs", "run-due", "--now", bad)
        # A usage error: exit 2, one line, before Slack or the database is asked.
        assert result.returncode == 2 and "Traceback" not in result.stderr
        assert len(result.stderr.splitlines()) == 1
        assert "ISO 8601" in result.stderr or "no time zone" in result.stderr


def test_reading_commands_never_ask_slack_and_print_nothing_on_stderr(operator: Operator) -> None:
    # A token is set, yet nothing that only reads calls auth.test (offline it
    # was a URLError traceback) or prints Bolt's "token will be unused" warning.
    results = [operator.run(*argv) for argv in (["jobs", "due"], ["deliveries"], ["db", "status"])]

    for result in results:
        assert result.returncode == 0, result.stderr
        assert result.stderr == ""
    assert operator.fake.calls_to("auth.test") == []


def test_run_with_a_token_slack_refuses_is_one_line_and_exit_2(operator: Operator) -> None:
    env = {**operator.env, "SLACK_BOT_TOKEN": "xoxb-from-another-app", "SLACK_SIGNING_SECRET": "s"}

    result = subprocess.run([sys.executable, "-m", "bot.cli", "run", "--http", "--port", "1"], env=env,
                            cwd=operator.cwd, capture_output=True, text=True, timeout=120, check=False)

    assert result.returncode == 2
    assert result.stderr.splitlines() == [("coachflow: SLACK_BOT_TOKEN: Slack refused the token (invalid_auth). "
                                           "Set it to the Bot User OAuth Token from your app's OAuth & Permissions "
                                           "page (starts with xoxb-).")]

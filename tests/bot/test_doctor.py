"""`coachflow doctor` against the fake Slack server and a real database: each check's ok and problem."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine

from bot.doctor import diagnose, manifest_scopes
from bot.doctor_findings import Finding, Status
from bot.fake_slack import FakeSlack, FakeSlackServer
from storage import migrate
from storage.tick_log import record_tick
from storage.uow import make_engine
from tests.bot.cli_steps import run
from tests.conftest import TestDatabase

NOW = datetime(2026, 12, 1, 19, 0, tzinfo=UTC)
APP_TOKEN = "xapp-1-A0COACH-1-abc"
SIGNING_SECRET = "8f742231b10e8888abcd99edabcd00d1"


@dataclass
class Deployment:
    fake: FakeSlack
    engine: Engine
    url: str
    monkeypatch: pytest.MonkeyPatch

    def check(self, *, http: bool = False, now: datetime = NOW) -> dict[str, Finding]:
        return {f.check: f for f in diagnose(http=http, env_file=None, now=now)}

    def ticked(self, ago: timedelta) -> None:
        record_tick(self.engine, NOW - ago, "web-1 pid 4242")

    def ticked_just_now(self) -> None:
        """For the command, which reads the wall clock."""
        record_tick(self.engine, datetime.now(UTC), "web-1 pid 4242")


@pytest.fixture
def deployment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Deployment]:
    """A Socket Mode deployment on SQLite, migrated, with a bot token the fake Slack accepts."""
    monkeypatch.chdir(tmp_path)  # no .env of the checkout
    fake = FakeSlack(team_id="T0DEMO", team_name="Demo Co")
    url = f"sqlite:///{tmp_path / 'coachflow.db'}"
    engine = make_engine(url)
    migrate.upgrade(engine)
    with FakeSlackServer(fake) as server:
        for name, value in {"SLACK_BOT_TOKEN": fake.bot_token, "SLACK_APP_TOKEN": APP_TOKEN,
                            "SLACK_API_URL": server.base_url, "DATABASE_URL": url,
                            "COACHFLOW_LOG_LEVEL": "WARNING"}.items():
            monkeypatch.setenv(name, value)
        yield Deployment(fake, engine, url, monkeypatch)
    engine.dispose()


def statuses(found: dict[str, Finding]) -> dict[str, str]:
    return {name: f.status.value for name, f in found.items()}


# -- all well -------------------------------------------------------------------


def test_a_healthy_deployment_passes_every_check_and_names_the_workspace(deployment: Deployment) -> None:
    deployment.ticked(timedelta(seconds=40))

    found = deployment.check()

    assert set(statuses(found).values()) == {"ok"}
    assert list(found) == ["settings", "signing secret", "database", "slack token", "scopes", "dispatcher",
                           "last tick"]
    assert "workspace Demo Co (T0DEMO)" in found["slack token"].says
    assert f"exactly the {len(manifest_scopes())} bot scopes" in found["scopes"].says
    assert "last tick 40 s ago (web-1 pid 4242)" in found["last tick"].says


def test_the_command_prints_one_line_per_check_and_exits_0(deployment: Deployment, capsys) -> None:
    deployment.ticked_just_now()

    status, out, err = run(capsys, "doctor")

    assert status == 0, out + err
    lines = out.splitlines()
    assert lines[0].startswith("Checking this Coachflow deployment for Socket Mode")
    assert [line.split()[0] for line in lines[1:8]] == ["ok"] * 7
    assert lines[-1] == "All checks passed."


# -- settings and the signing secret ----------------------------------------------


def test_socket_mode_without_the_app_token_is_a_problem_that_names_it(deployment: Deployment, capsys) -> None:
    deployment.monkeypatch.delenv("SLACK_APP_TOKEN")
    deployment.ticked(timedelta(seconds=5))

    found = deployment.check()
    status, out, _ = run(capsys, "doctor")

    assert found["settings"].status is Status.PROBLEM and "SLACK_APP_TOKEN is not set" in found["settings"].says
    assert "connections:write" in found["settings"].says
    assert status == 1 and out.splitlines()[-1].startswith("1 problem")


def test_http_mode_needs_the_signing_secret_and_takes_a_good_one(deployment: Deployment) -> None:
    missing = deployment.check(http=True)
    deployment.monkeypatch.setenv("SLACK_SIGNING_SECRET", SIGNING_SECRET)
    present = deployment.check(http=True)
    deployment.monkeypatch.setenv("SLACK_SIGNING_SECRET", f'"{SIGNING_SECRET}"')
    quoted = deployment.check(http=True)

    assert statuses(missing)["settings"] == "problem" and "SLACK_SIGNING_SECRET" in missing["settings"].says
    assert statuses(missing)["signing secret"] == "problem" and "Basic Information" in missing["signing secret"].says
    assert statuses(present)["settings"] == "ok" and statuses(present)["signing secret"] == "ok"
    assert statuses(quoted)["signing secret"] == "problem" and "without quotes" in quoted["signing secret"].says


def test_an_invalid_setting_is_one_problem_and_the_rest_is_skipped(deployment: Deployment, capsys) -> None:
    deployment.monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxp-a-user-token")

    status, out, err = run(capsys, "doctor")

    assert status == 1 and err == ""
    assert "problem  settings" in out and "SLACK_BOT_TOKEN: a bot token starts with xoxb-" in out
    assert out.count("skipped") == 6


# -- the token and its scopes -----------------------------------------------------


def test_a_revoked_token_is_a_problem_saying_to_reinstall(deployment: Deployment, capsys) -> None:
    deployment.ticked(timedelta(seconds=30))
    deployment.fake.fail_next("auth.test", "token_revoked", times=2)

    found = deployment.check()
    status, out, err = run(capsys, "doctor")

    assert found["slack token"].status is Status.PROBLEM
    assert "Slack refused SLACK_BOT_TOKEN (token_revoked)" in found["slack token"].says
    assert "Install to Workspace" in found["slack token"].says
    assert found["scopes"].status is Status.SKIPPED
    assert status == 1 and "Traceback" not in out + err


def test_slack_out_of_reach_is_a_problem_naming_the_address(deployment: Deployment) -> None:
    deployment.monkeypatch.setenv("SLACK_API_URL", "http://127.0.0.1:9/api/")

    found = deployment.check()

    assert found["slack token"].status is Status.PROBLEM
    assert "cannot reach Slack at http://127.0.0.1:9/api/" in found["slack token"].says


def test_a_missing_scope_is_a_problem_and_an_extra_one_a_warning(deployment: Deployment, capsys) -> None:
    deployment.ticked(timedelta(seconds=30))
    wanted = sorted(manifest_scopes())
    deployment.fake.grant_scopes([s for s in wanted if s != "files:write"])
    missing = deployment.check()
    deployment.fake.grant_scopes([*wanted, "channels:read"])
    extra = deployment.check()
    deployment.ticked_just_now()
    status, out, _ = run(capsys, "doctor")

    assert missing["scopes"].status is Status.PROBLEM
    assert "lacks files:write" in missing["scopes"].says and "Reinstall to Workspace" in missing["scopes"].says
    assert extra["scopes"].status is Status.WARNING and "channels:read" in extra["scopes"].says
    assert status == 0 and out.splitlines()[-1].startswith("1 warning")


# -- the database -----------------------------------------------------------------


def test_a_schema_behind_head_is_a_problem_until_db_upgrade(deployment: Deployment, capsys) -> None:
    url = deployment.url.replace("coachflow.db", "old.db")
    deployment.monkeypatch.setenv("DATABASE_URL", url)
    old = make_engine(url)
    migrate.upgrade(old, "0028")
    old.dispose()

    behind = deployment.check()
    status_behind, _, _ = run(capsys, "doctor")
    assert run(capsys, "db", "upgrade")[0] == 0
    after = deployment.check()

    assert behind["database"].status is Status.PROBLEM
    assert "revision 0028" in behind["database"].says and "coachflow db upgrade" in behind["database"].says
    assert behind["last tick"].status is Status.SKIPPED
    assert status_behind == 1
    assert after["database"].status is Status.OK


def test_a_missing_sqlite_file_is_reported_and_not_created(deployment: Deployment, tmp_path: Path) -> None:
    deployment.monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'typo.db'}")

    found = deployment.check()

    assert found["database"].status is Status.PROBLEM and "no SQLite database at" in found["database"].says
    assert found["dispatcher"].status is Status.SKIPPED and found["last tick"].status is Status.SKIPPED
    assert not (tmp_path / "typo.db").exists()


def test_an_unreachable_database_is_one_line_without_a_traceback(deployment: Deployment, tmp_path: Path) -> None:
    env = {**os.environ, "DATABASE_URL": "postgresql://coachflow:hunter2pw@127.0.0.1:9/coachflow"}

    done = subprocess.run([sys.executable, "-m", "bot.cli", "doctor"], env=env, cwd=tmp_path,
                          capture_output=True, text=True, timeout=120, check=False)

    assert done.returncode == 1
    assert "Traceback" not in done.stdout + done.stderr
    line = next(line for line in done.stdout.splitlines() if line.startswith("problem  database"))
    assert "cannot reach postgresql://coachflow:***@127.0.0.1:9/coachflow" in line
    assert "hunter2pw" not in done.stdout
    assert "ok       slack token" in done.stdout  # the other checks still ran


# -- the last tick ----------------------------------------------------------------


def test_no_tick_is_a_problem_and_an_old_one_a_warning(deployment: Deployment) -> None:
    never = deployment.check()
    deployment.ticked(timedelta(minutes=12))
    late = deployment.check()

    assert never["last tick"].status is Status.PROBLEM and "coachflow scheduler" in never["last tick"].says
    assert late["last tick"].status is Status.WARNING
    assert "last tick 12 min ago (web-1 pid 4242)" in late["last tick"].says
    assert "dispatch tick failed" in late["last tick"].says


# -- the dispatcher lock on PostgreSQL ---------------------------------------------


@pytest.fixture
def postgres_database(_postgres_database: TestDatabase) -> TestDatabase:
    return _postgres_database


@pytest.mark.postgres
def test_postgres_shows_who_holds_the_dispatcher_lock(postgres_database: TestDatabase, deployment: Deployment) -> None:
    import secrets

    from storage.dispatcher_lock import PostgresDispatcherLock

    deployment.monkeypatch.setenv("DATABASE_URL", postgres_database.url)
    key = secrets.randbits(62) + 1  # advisory locks are per database, shared with other test runs
    record_tick(postgres_database.engine, NOW - timedelta(seconds=20), "sched-1 pid 7")
    nobody = {f.check: f for f in diagnose(http=False, env_file=None, now=NOW, lock_key=key)}
    lock = PostgresDispatcherLock(postgres_database.engine, key)
    try:
        assert lock.try_acquire()
        held = {f.check: f for f in diagnose(http=False, env_file=None, now=NOW, lock_key=key)}
    finally:
        lock.release()

    assert nobody["database"].status is Status.OK
    assert nobody["dispatcher"].status is Status.PROBLEM and "coachflow scheduler" in nobody["dispatcher"].says
    assert held["dispatcher"].status is Status.OK and "one instance holds the lock" in held["dispatcher"].says
    assert "last tick 20 s ago (sched-1 pid 7)" in held["last tick"].says


def test_ages_read_as_a_person_would_say_them() -> None:
    from bot.doctor_database import ago

    assert [ago(timedelta(seconds=s)) for s in (0, 40, 119, 720, 3 * 3600 + 300, 3 * 86400)] == [
        "just now", "40 s ago", "119 s ago", "12 min ago", "3 h 5 min ago", "3 days ago"]

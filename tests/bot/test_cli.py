"""`coachflow ...` as an operator runs it: exit status and what is printed.

Each test runs in its own empty directory, so no `.env` or `coachflow.db` in
the checkout is read or written.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bot.cli import MANIFEST, main
from bot.config import ConfigError
from bot.database import database_status, prepare_database
from domain.model import WorkspaceRef
from storage import migrate
from storage.uow import make_engine, make_uow_factory
from tests.bot.cli_steps import run as _run
from tools.check_manifest import manifest_problems

BASE_URL = "https://coach.example.com"


@pytest.fixture(autouse=True)
def in_empty_directory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


# -- help ----------------------------------------------------------------------


def test_no_arguments_prints_help_and_exits_2(capsys) -> None:
    status, out, _ = _run(capsys)

    assert status == 2
    assert out.startswith("usage: coachflow")
    for command in ("run", "db", "manifest", "admin", "demo"):
        assert command in out


def test_db_without_action_is_a_usage_error_in_one_line(capsys) -> None:
    status = main(["db"])

    assert status == 2
    err = capsys.readouterr().err
    assert err.startswith("coachflow db: ") and "required" in err
    assert "coachflow db --help" in err
    assert len(err.splitlines()) == 1


# -- run: refuses to start without what Slack needs ------------------------------


def test_run_without_tokens_names_both_and_exits_2(capsys, sqlite_file: Path) -> None:
    status, out, err = _run(capsys, "run")

    assert status == 2
    assert out == ""
    assert err.startswith("coachflow: ")
    assert "SLACK_BOT_TOKEN" in err
    assert "SLACK_APP_TOKEN" in err
    assert "--http" in err
    assert "Traceback" not in err
    assert not sqlite_file.exists()  # stopped before touching the database


def test_run_http_without_signing_secret_names_it(capsys, sqlite_file: Path, monkeypatch) -> None:
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-1-test")

    status, _, err = _run(capsys, "run", "--http")

    assert status == 2
    assert "SLACK_SIGNING_SECRET" in err
    assert "SLACK_APP_TOKEN" not in err
    assert "Traceback" not in err


def test_run_reads_a_dot_env_in_the_current_directory(capsys, in_empty_directory: Path, sqlite_file: Path) -> None:
    # A bad value in ./.env is reported just like one in the environment.
    (in_empty_directory / ".env").write_text("SLACK_BOT_TOKEN=xoxp-user-token\n", encoding="utf-8")

    status, _, err = _run(capsys, "run")

    assert status == 2
    assert "SLACK_BOT_TOKEN: " in err and "xoxb-" in err


@pytest.mark.parametrize(
    "argv", [["run"], ["db", "status"], ["db", "upgrade"], ["admin", "grant", "--team", "T1", "--user", "U1"]],
)
def test_bad_configuration_exits_2_with_a_message_not_a_traceback(capsys, sqlite_file: Path, monkeypatch, argv) -> None:
    monkeypatch.setenv("COACHFLOW_DEFAULT_TIME_ZONE", "Mars/Base")

    status, _, err = _run(capsys, *argv)

    assert status == 2
    assert "COACHFLOW_DEFAULT_TIME_ZONE" in err
    assert "Mars/Base" in err
    assert "IANA time zone" in err
    assert "Traceback" not in err
    assert not sqlite_file.exists()


# -- db ------------------------------------------------------------------------


def test_db_status_upgrade_status_upgrade_on_a_new_sqlite_file(capsys, sqlite_file: Path) -> None:
    head = migrate.head_revision()

    status, out, _ = _run(capsys, "db", "status")
    assert status == 1
    assert f"revision none of {head}" in out
    assert "needs `coachflow db upgrade`" in out

    status, out, _ = _run(capsys, "db", "upgrade")
    assert status == 0
    assert out == f"database at revision {head} (was empty)\n"
    assert sqlite_file.exists()

    status, out, _ = _run(capsys, "db", "status")
    assert status == 0
    assert out == f"revision {head} of {head}: up to date\n"

    status, out, _ = _run(capsys, "db", "upgrade")  # nothing left to do
    assert status == 0
    assert out == f"database at revision {head}\n"


def test_db_commands_default_to_coachflow_db_in_the_current_directory(capsys, in_empty_directory: Path) -> None:
    status, _, _ = _run(capsys, "db", "upgrade")

    assert status == 0
    assert (in_empty_directory / "coachflow.db").exists()


def test_db_upgrade_of_an_unopenable_sqlite_file_is_a_message(capsys, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'no-such-dir' / 'x.db'}")

    status, _, err = _run(capsys, "db", "upgrade")

    assert status == 2
    assert "DATABASE_URL: cannot reach the database" in err
    assert "Traceback" not in err


@pytest.mark.parametrize("action", ["status", "upgrade"])
def test_db_on_an_unreachable_server_is_a_message(capsys, monkeypatch, action: str) -> None:
    # Nothing listens on port 1: the connection is refused at once.
    monkeypatch.setenv("DATABASE_URL", "postgresql://coachflow@127.0.0.1:1/coachflow")

    status, out, err = _run(capsys, "db", action)

    assert status == 2
    assert out == ""
    assert "DATABASE_URL: cannot reach the database" in err
    assert "Traceback" not in err


def test_db_status_on_the_test_databases(capsys, monkeypatch, database_url: str) -> None:
    # Parametrised: SQLite, and PostgreSQL when COACHFLOW_TEST_DATABASE_URL is set.
    monkeypatch.setenv("DATABASE_URL", database_url)

    status, out, _ = _run(capsys, "db", "status")

    assert status == 0
    assert "up to date" in out


def test_prepare_database_on_an_empty_database(request: pytest.FixtureRequest, empty_database_url: str) -> None:
    backend = request.node.callspec.params["empty_database_url"]
    head = migrate.head_revision()

    if backend == "sqlite":
        # One process owns a SQLite file, so it brings the schema up to date itself.
        prepare_database(empty_database_url)
        assert database_status(empty_database_url) == (head, head)
        return

    # Instances share PostgreSQL: none of them migrates it behind the others' backs.
    with pytest.raises(ConfigError) as raised:
        prepare_database(empty_database_url)
    message = str(raised.value)
    assert "DATABASE_URL" in message
    assert "Run `coachflow db upgrade` first" in message
    assert f"needs {head}" in message
    assert database_status(empty_database_url) == (None, head)  # left untouched


def test_db_upgrade_on_an_empty_database(capsys, monkeypatch, empty_database_url: str) -> None:
    monkeypatch.setenv("DATABASE_URL", empty_database_url)
    head = migrate.head_revision()

    assert _run(capsys, "db", "status")[0] == 1
    status, out, _ = _run(capsys, "db", "upgrade")
    assert status == 0
    assert out == f"database at revision {head} (was empty)\n"
    # And now `run` would get past prepare_database.
    prepare_database(empty_database_url)


# -- manifest ------------------------------------------------------------------


def test_manifest_prints_manifest_yml_as_is(capsys) -> None:
    status, out, _ = _run(capsys, "manifest")

    assert status == 0
    assert out == MANIFEST.read_text(encoding="utf-8")


@pytest.mark.parametrize("url", [BASE_URL, BASE_URL + "/"])
def test_manifest_for_http_mode_points_everything_at_the_url(capsys, url: str) -> None:
    status, out, _ = _run(capsys, "manifest", "--url", url)

    assert status == 0
    manifest = yaml.safe_load(out)
    events = f"{BASE_URL}/slack/events"
    commands = manifest["features"]["slash_commands"]
    assert commands and all(command["url"] == events for command in commands)
    assert manifest["settings"]["event_subscriptions"]["request_url"] == events
    assert manifest["settings"]["interactivity"]["request_url"] == events
    # The debrief's deal search (an external_select) loads its options from the same URL.
    assert manifest["settings"]["interactivity"]["message_menu_options_url"] == events
    assert manifest_problems(manifest) == []
    assert manifest["settings"]["socket_mode_enabled"] is False
    # Everything else is as in manifest.yml.
    original = yaml.safe_load(MANIFEST.read_text(encoding="utf-8"))
    assert manifest["oauth_config"] == original["oauth_config"]
    assert manifest["display_information"] == original["display_information"]
    events = manifest["settings"]["event_subscriptions"]["bot_events"]
    assert events == original["settings"]["event_subscriptions"]["bot_events"]
    assert manifest["settings"]["interactivity"]["is_enabled"] is True


def test_manifest_for_http_mode_passes_slacks_schema(capsys) -> None:
    main(["manifest", "--url", BASE_URL])
    manifest = yaml.safe_load(capsys.readouterr().out)

    assert manifest_problems(manifest) == []


@pytest.mark.parametrize("url", ["http://insecure", "coach.example.com"])
def test_manifest_refuses_a_url_slack_will_not_call(capsys, url: str) -> None:
    status, out, err = _run(capsys, "manifest", "--url", url)

    assert status == 2  # a usage error
    assert out == ""
    assert "https://" in err
    assert len(err.splitlines()) == 1 and "Traceback" not in err


# -- admin ---------------------------------------------------------------------


def test_admin_grant_without_a_bot_token_creates_an_admin(capsys, sqlite_file: Path) -> None:
    # Works offline on a database that does not exist yet (SQLite is prepared on the way).
    status, out, err = _run(capsys, "admin", "grant", "--team", "T1", "--user", "U1")

    assert status == 0, err
    assert out == "U1 is now a Coachflow admin of T1.\n"  # no name without Slack: the id, once
    engine = make_engine(f"sqlite:///{sqlite_file}")
    try:
        with make_uow_factory(engine)() as uow:
            member = uow.members.get(WorkspaceRef("T1"), "U1")
            other_workspace = uow.members.get(WorkspaceRef("T2"), "U1")
    finally:
        engine.dispose()
    assert member is not None and member.is_admin
    assert other_workspace is None


def test_admin_grant_twice_keeps_one_admin(capsys, monkeypatch, database_url: str, uow_factory) -> None:
    monkeypatch.setenv("DATABASE_URL", database_url)

    assert _run(capsys, "admin", "grant", "--team", "T1", "--user", "U1")[0] == 0
    assert _run(capsys, "admin", "grant", "--team", "T1", "--user", "U1")[0] == 0

    with uow_factory() as uow:
        member = uow.members.get(WorkspaceRef("T1"), "U1")
    assert member is not None and member.is_admin


def test_admin_grant_on_an_out_of_date_postgres_schema_says_to_upgrade(
    capsys, monkeypatch, request, empty_database_url: str
) -> None:
    if request.node.callspec.params["empty_database_url"] == "sqlite":
        pytest.skip("SQLite is upgraded on the way; only a shared PostgreSQL refuses")
    monkeypatch.setenv("DATABASE_URL", empty_database_url)

    status, _, err = _run(capsys, "admin", "grant", "--team", "T1", "--user", "U1")

    assert status == 2
    assert "coachflow db upgrade" in err
    assert "Traceback" not in err


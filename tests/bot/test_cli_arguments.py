"""`coachflow` arguments an operator gets wrong: ids, numbers, markup; and Bolt's token warning.

A bad argument is a usage error: one line naming the argument, exit 2,
before the database is touched.
"""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from tests.bot.cli_steps import run as _run


@pytest.fixture(autouse=True)
def in_empty_directory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


# -- ids, limits and plain text ------------------------------------------------------


@pytest.mark.parametrize(
    ("team", "user", "named"),
    [
        ("", "U1", "--team"),
        ("T1", "bob", "--user"),
        ("t1", "U1", "--team"),
        ("T1", "u1", "--user"),
        ("U1", "U1", "--team"),
        ("T1", "T1", "--user"),
        ("T1", "<@nobody>", "--user"),
        ("T 1", "U1", "--team"),
    ],
)
def test_admin_grant_refuses_what_is_not_a_slack_id(
    capsys, sqlite_file: Path, team: str, user: str, named: str,
) -> None:
    status, out, err = _run(capsys, "admin", "grant", "--team", team, "--user", user)

    assert status == 2
    assert out == ""
    assert err.startswith("coachflow admin grant: argument " + named) and "Slack" in err
    assert len(err.splitlines()) == 1
    assert not sqlite_file.exists()


@pytest.mark.parametrize("user", ["<@U1>", "<@U1|ana>", " U1 "])
def test_admin_grant_takes_a_mention_pasted_from_slack(capsys, sqlite_file: Path, user: str) -> None:
    status, out, _ = _run(capsys, "admin", "grant", "--team", "T1", "--user", user)

    assert status == 0
    assert out == "U1 is now a Coachflow admin of T1.\n"


@pytest.mark.parametrize("limit", ["-1", "0", "ten", "1.5"])
def test_deliveries_limit_is_a_positive_whole_number(capsys, sqlite_file: Path, limit: str) -> None:
    status, out, err = _run(capsys, "deliveries", "--limit", limit)

    assert status == 2
    assert out == "" and "--limit" in err and len(err.splitlines()) == 1


@pytest.mark.parametrize(("flag", "value"), [("--port", "0"), ("--port", "70000")])
def test_run_port_is_a_tcp_port(capsys, flag: str, value: str) -> None:
    status, _, err = _run(capsys, "run", flag, value)

    assert status == 2 and "--port" in err and len(err.splitlines()) == 1


def test_pipeline_audit_names_a_rep_in_plain_text(capsys, monkeypatch, database_url: str) -> None:
    # Given as Slack writes it, printed as an operator reads it: U100, never <@<@U100>>.
    monkeypatch.setenv("DATABASE_URL", database_url)
    assert _run(capsys, "admin", "grant", "--team", "T1", "--user", "U1")[0] == 0

    status, out, err = _run(capsys, "pipeline", "audit", "--team", "T1", "--rep", "<@U100>")

    assert status == 1
    assert err == "coachflow: U100 is not a member of this workspace in Coachflow.\n"
    assert "<@" not in out + err


def test_pipeline_audit_refuses_a_rep_that_is_not_an_id(capsys, sqlite_file: Path) -> None:
    status, _, err = _run(capsys, "pipeline", "audit", "--team", "T1", "--rep", "nobody")

    assert status == 2
    assert "argument --rep: 'nobody' is not a Slack user id" in err and "<@" not in err
    assert not sqlite_file.exists()


# -- Bolt's token warning ---------------------------------------------------------


def test_building_the_app_with_the_token_in_the_environment_does_not_warn(monkeypatch, caplog) -> None:
    # Bolt reads SLACK_BOT_TOKEN from the environment itself and used to warn
    # "As you gave `client` as well, `token` will be unused." on every command.
    from bot.app import build_services, create_app
    from bot.config import load_settings
    from bot.fake_slack import FakeSlack, RecordingSlackClient
    from tests.fakes import FakeStore

    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-test")
    settings = load_settings(None)
    caplog.set_level(logging.DEBUG)

    create_app(settings, build_services(FakeStore().uow, settings), client=RecordingSlackClient(FakeSlack()))

    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING] == []

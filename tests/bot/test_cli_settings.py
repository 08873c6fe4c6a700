"""Every `coachflow` command with missing, wrong and unreachable settings.

Whatever is wrong, a command ends with the exit status README.md documents
(0 done, 1 something failed or Slack is unreachable, 2 configuration or usage),
a failure is one line on stderr and never a traceback, nothing warns about
Bolt's token handling, and a command that only reads never creates a database.
"""

from __future__ import annotations

import argparse
import logging
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from bot.cli import _parser, main
from bot.fake_slack import FakeSlack, FakeSlackServer
from domain.model import Member, Workspace, WorkspaceRef
from storage import migrate
from storage.uow import make_engine, make_uow_factory

T1 = WorkspaceRef("T1")
CATALOG = Path(__file__).resolve().parents[2] / "domain" / "catalog" / "default_catalog.json"
CSV = "id,name,owner,amount,stage,status\nD1,Acme,UANN,1000,prospecting,open\n"
UNREACHABLE_SLACK = "http://127.0.0.1:1/api/"  # nothing listens on port 1: refused at once
UNREACHABLE_DATABASE = "postgresql://coachflow@127.0.0.1:1/coachflow"

# Each command as an operator types it; {csv} and {catalog} are filled in.
COMMANDS: dict[str, list[str]] = {
    "run": ["run"],
    "scheduler": ["scheduler"],
    "jobs run-due": ["jobs", "run-due"],
    "jobs due": ["jobs", "due"],
    "deliveries": ["deliveries"],
    "db upgrade": ["db", "upgrade"],
    "db status": ["db", "status"],
    "manifest": ["manifest"],
    "admin grant": ["admin", "grant", "--team", "T1", "--user", "U1"],
    "catalog check": ["catalog", "check", "{catalog}"],
    "catalog lessons": ["catalog", "lessons", "{lessons}", "--team", "T1"],
    "pipeline import": ["pipeline", "import", "{csv}", "--team", "T1"],
    "pipeline audit": ["pipeline", "audit", "--team", "T1"],
    "scorecards export": ["scorecards", "export", "--team", "T1"],
    "results": ["results", "--team", "T1"],
    "workspaces list": ["workspaces", "list"],
    "workspaces purge": ["workspaces", "purge", "--dry-run"],
    "demo": ["demo"],
    "audit": ["audit", "--team", "T1"],  # issue 14
    "export": ["export", "--team", "T1", "--format", "csv"],  # issue 14
    "forget": ["forget", "--team", "T1", "--user", "UANN", "--yes"],  # issue 14
    "doctor": ["doctor"],  # issue 14
    "keys new": ["keys", "new"],  # issue 14: OAuth's token keys
    "keys rotate": ["keys", "rotate"],
}
# Commands that read, or need data already there: they never leave a database file behind.
NEVER_CREATE = {"jobs due", "deliveries", "db status", "pipeline audit", "pipeline import", "jobs run-due",
                "catalog lessons", "scorecards export", "results"}
NEVER_CREATE |= {"workspaces list", "workspaces purge"}  # issue 14
NEVER_CREATE |= {"audit", "export", "forget"}  # issue 14
# The doctor only reads (a missing SQLite file is a problem it names, not one it creates); keys need no file.
NEVER_CREATE |= {"doctor", "keys new", "keys rotate"}

# Expected exit status per scenario, in the order of SCENARIOS below:
#   missing      nothing set, an empty directory (no database yet)
#   garbage      DATABASE_URL=garbage (neither a URL nor a SQLite path)
#   refused      a well-formed bot token Slack refuses (invalid_auth)
#   no-slack     Slack cannot be reached (connection refused)
#   no-database  the database server cannot be reached
#   bad-catalog  COACHFLOW_CATALOG names a file that is not there
SCENARIOS = ["missing", "garbage", "refused", "no-slack", "no-database", "bad-catalog"]
EXPECTED: dict[str, tuple[int, int, int, int, int, int]] = {
    "run":             (2, 2, 2, 1, 2, 2),
    "scheduler":       (2, 2, 2, 1, 2, 2),
    "jobs run-due":    (2, 2, 2, 1, 2, 2),
    "jobs due":        (2, 2, 0, 0, 2, 0),
    "deliveries":      (2, 2, 0, 0, 2, 0),
    "db upgrade":      (0, 2, 0, 0, 2, 0),
    "db status":       (1, 2, 0, 0, 2, 0),
    "manifest":        (0, 0, 0, 0, 0, 0),
    "admin grant":     (0, 2, 2, 1, 2, 0),
    "catalog check":   (0, 0, 0, 0, 0, 0),
    "catalog lessons": (2, 2, 0, 0, 2, 2),
    "pipeline import": (2, 2, 0, 0, 2, 0),
    "pipeline audit":  (2, 2, 0, 0, 2, 0),
    "scorecards export": (2, 2, 0, 0, 2, 2),
    "results":         (2, 2, 0, 0, 2, 2),
    "workspaces list": (2, 2, 0, 0, 2, 0),
    "workspaces purge": (2, 2, 0, 0, 2, 0),
    "audit":           (2, 2, 0, 0, 2, 0),  # issue 14: no Slack, no catalog
    "export":          (2, 2, 0, 0, 2, 0),
    "forget":          (2, 2, 0, 0, 2, 0),
    # The doctor reports every problem as a finding (exit 1) instead of stopping at the first.
    "doctor":          (1, 1, 1, 1, 1, 1),
    "keys new":        (0, 0, 0, 0, 0, 0),  # prints a key: reads no setting
    "keys rotate":     (2, 2, 2, 2, 2, 2),  # no COACHFLOW_TOKEN_KEYS in any scenario: nothing to rotate with
}
# `demo` reads no settings at all (its own fake Slack and database): it runs
# once below with every setting wrong at the same time, instead of six times.


def _leaf_commands(parser: argparse.ArgumentParser, prefix: str = "") -> set[str]:
    leaves: set[str] = set()
    for action in parser._actions:  # noqa: SLF001 - argparse keeps its sub-commands here
        if isinstance(action, argparse._SubParsersAction):  # noqa: SLF001
            for name, sub in action.choices.items():
                leaves |= _leaf_commands(sub, f"{prefix}{name} ")
            return leaves
    return {prefix.strip()}


def test_every_command_of_coachflow_help_is_in_the_table() -> None:
    assert _leaf_commands(_parser()) == set(COMMANDS)
    assert set(EXPECTED) == set(COMMANDS) - {"demo"}


@pytest.fixture(scope="module")
def fake_slack() -> Iterator[tuple[FakeSlack, str]]:
    fake = FakeSlack(team_id="T1")
    fake.add_user("U1", "Ana Admin", "Europe/Berlin")
    with FakeSlackServer(fake) as server:
        yield fake, server.base_url


@pytest.fixture(scope="module")
def seeded_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated SQLite file with workspace T1 and a rep on a team, copied for each test."""
    path = tmp_path_factory.mktemp("template") / "coachflow.db"
    engine = make_engine(f"sqlite:///{path}")
    try:
        migrate.upgrade(engine)
        with make_uow_factory(engine)() as uow:
            uow.workspaces.add(Workspace(T1, name="Acme"))
            uow.members.add(Member(T1, "UANN", "Ann Lee", "UTC", manager_id="UMGR"))
            uow.commit()
    finally:
        engine.dispose()
    return path


@dataclass
class Setting:
    cwd: Path
    database: Path | None  # the seeded file, when the scenario has one
    argv_values: dict[str, str]


@pytest.fixture
def operator_directory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    return work


def _apply(scenario: str, monkeypatch: pytest.MonkeyPatch, work: Path, template: Path, slack_url: str,
           token: str) -> Path | None:
    """Set the environment for `scenario`; returns the seeded database file, if any."""
    if scenario == "missing":
        return None
    if scenario == "garbage":
        monkeypatch.setenv("DATABASE_URL", "garbage")
        monkeypatch.setenv("SLACK_BOT_TOKEN", token)
        return None
    database = work.parent / "data" / "coachflow.db"
    database.parent.mkdir()
    shutil.copy(template, database)
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{database}")
    monkeypatch.setenv("SLACK_BOT_TOKEN", token)
    monkeypatch.setenv("SLACK_APP_TOKEN", "xapp-1-test")
    monkeypatch.setenv("SLACK_API_URL", slack_url)
    if scenario == "refused":
        monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-not-this-workspace")
    elif scenario == "no-slack":
        monkeypatch.setenv("SLACK_API_URL", UNREACHABLE_SLACK)
    elif scenario == "no-database":
        monkeypatch.setenv("DATABASE_URL", UNREACHABLE_DATABASE)
    elif scenario == "bad-catalog":
        monkeypatch.setenv("COACHFLOW_CATALOG", str(work.parent / "no-such-catalog.json"))
    return database


def _argv(command: str, work: Path) -> list[str]:
    csv = work.parent / "deals.csv"
    csv.write_text(CSV, encoding="utf-8")
    lessons = work.parent / "lessons.json"
    lessons.write_text('{"pain_framework": {"title": "PAIN, our way"}}', encoding="utf-8")
    return [part.format(csv=csv, catalog=CATALOG, lessons=lessons) for part in COMMANDS[command]]


@pytest.mark.parametrize("scenario", SCENARIOS)
@pytest.mark.parametrize("command", sorted(EXPECTED))
def test_a_command_with_bad_settings_exits_as_documented_in_one_line(
    command: str,
    scenario: str,
    capsys: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
    operator_directory: Path,
    seeded_template: Path,
    fake_slack: tuple[FakeSlack, str],
) -> None:
    fake, slack_url = fake_slack
    _apply(scenario, monkeypatch, operator_directory, seeded_template, slack_url, fake.bot_token)
    argv = _argv(command, operator_directory)
    caplog.set_level(logging.WARNING)

    status = main(argv)
    out, err = capsys.readouterr()

    assert status == EXPECTED[command][SCENARIOS.index(scenario)], (out, err)
    assert "Traceback" not in err and "Traceback" not in out
    if status != 0 and not err and command == "doctor":
        # The doctor's report is its output: one line per check, the verdict last.
        assert "problem" in out.strip().splitlines()[-1], out
    elif status != 0 and not err:  # `db status` reports "behind" on stdout
        assert command == "db status" and len(out.strip().splitlines()) == 1, out
    elif status != 0:
        assert len(err.strip().splitlines()) == 1, err
        assert err.startswith("coachflow"), err
        assert "<@" not in err  # plain text, not Slack markup
    else:
        assert err == ""
    assert not [r for r in caplog.records if "will be unused" in r.getMessage()]
    assert not [r for r in caplog.records if r.exc_info], "a traceback was logged"
    created = sorted(p.name for p in operator_directory.iterdir())
    if command in NEVER_CREATE or status != 0:
        assert created == [], f"{command} left {created} behind"
    assert not (operator_directory / "garbage").exists()


def test_demo_brings_its_own_slack_and_database(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, operator_directory: Path
) -> None:
    # The demo runs against its own fake Slack and a temporary SQLite file:
    # a broken DATABASE_URL, a refused token and an unreachable Slack do not matter.
    for name, value in {"DATABASE_URL": "garbage", "SLACK_BOT_TOKEN": "xoxb-refused",
                        "SLACK_API_URL": UNREACHABLE_SLACK}.items():
        monkeypatch.setenv(name, value)

    status = main(["demo"])
    out, err = capsys.readouterr()

    assert status == 0, err
    assert "Demo finished" in out and "Traceback" not in err
    assert list(operator_directory.iterdir()) == []


def test_demo_with_a_bad_catalog_is_one_line_and_exit_2(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, operator_directory: Path
) -> None:
    # It does use COACHFLOW_CATALOG, so a team can try its own catalog in the demo.
    monkeypatch.setenv("COACHFLOW_CATALOG", "/no/such.json")

    status = main(["demo"])
    err = capsys.readouterr().err

    assert status == 2
    assert err.splitlines() == [err.strip()] and err.startswith("coachflow: COACHFLOW_CATALOG: /no/such.json")
    assert "coachflow catalog check /no/such.json" in err

"""`coachflow workspaces list|purge` as an operator runs them, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import Engine

from domain.model import Member, Workspace, WorkspaceRef
from storage.uow import make_uow_factory
from tests.bot.cli_steps import run

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
LONG_AGO, LATELY = NOW - timedelta(days=40), NOW - timedelta(days=10)


@pytest.fixture(autouse=True)
def seeded(engine: Engine, database_url: str, monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:
    """T1 uninstalled 40 days ago, T2 10 days ago, T3 installed; two people in each."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DATABASE_URL", database_url)
    with make_uow_factory(engine)() as uow:
        for team, name, gone in (("T1", "Acme", LONG_AGO), ("T2", "Beta", LATELY), ("T3", "Gamma", None)):
            ref = WorkspaceRef(team)
            uow.workspaces.add(Workspace(ref, name=name, uninstalled_at=gone))
            uow.members.add(Member(ref, "UMGR", "Maya", "UTC"))
            uow.members.add(Member(ref, "UA", "Alex", "UTC", manager_id="UMGR"))
        uow.commit()


def _teams(engine: Engine) -> set[str]:
    with make_uow_factory(engine)(read_only=True) as uow:
        return {w.ref.team_id for w in uow.workspaces.list_all()}


def test_the_list_says_installed_or_when_the_data_goes(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, "workspaces", "list", "--now", NOW.isoformat())

    assert (status, err) == (0, "")
    assert out.splitlines() == [
        "T1 (Acme): uninstalled 2026-10-22 09:00 UTC; data deleted after 2026-11-21 09:00 UTC (at the next purge)",
        "T2 (Beta): uninstalled 2026-11-21 09:00 UTC; data deleted after 2026-12-21 09:00 UTC (in 20 days)",
        "T3 (Gamma): installed",
        "retention after an uninstall: 30 days (COACHFLOW_RETENTION_DAYS)",
    ]


def test_a_dry_run_says_what_would_go_and_keeps_it(capsys: pytest.CaptureFixture[str], engine: Engine) -> None:
    status, out, _ = run(capsys, "workspaces", "purge", "--dry-run", "--now", NOW.isoformat())

    assert status == 0
    assert out == ("would delete T1 (Acme), uninstalled 2026-10-22 09:00 UTC: 3 rows "
                   "(members 2, workspaces 1)\n")
    assert _teams(engine) == {"T1", "T2", "T3"}


def test_purge_deletes_only_what_is_past_the_retention_period(
    capsys: pytest.CaptureFixture[str], engine: Engine, monkeypatch: pytest.MonkeyPatch,
) -> None:
    status, out, _ = run(capsys, "workspaces", "purge", "--now", NOW.isoformat())
    assert (status, out.split(":")[0]) == (0, "deleted T1 (Acme), uninstalled 2026-10-22 09")
    assert _teams(engine) == {"T2", "T3"}

    assert run(capsys, "workspaces", "purge", "--now", NOW.isoformat())[1] == (
        "nothing to delete: no workspace was uninstalled more than 30 days ago (COACHFLOW_RETENTION_DAYS)\n")

    monkeypatch.setenv("COACHFLOW_RETENTION_DAYS", "7")
    run(capsys, "workspaces", "purge", "--now", NOW.isoformat())
    assert _teams(engine) == {"T3"}


def test_a_retention_that_is_not_a_number_of_days_is_one_line(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, engine: Engine,
) -> None:
    monkeypatch.setenv("COACHFLOW_RETENTION_DAYS", "0")

    status, out, err = run(capsys, "workspaces", "purge")

    assert (status, out) == (2, "")
    assert err.startswith("coachflow: COACHFLOW_RETENTION_DAYS: ") and "from 1 to 3650 (default 30)" in err
    assert len(err.splitlines()) == 1
    assert _teams(engine) == {"T1", "T2", "T3"}

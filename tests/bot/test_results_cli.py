"""`coachflow results` as enablement runs it: a team's finished cycles, text and CSV, and bad input."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.database import prepare_database
from domain.model import Member
from storage.uow import make_engine, make_uow_factory
from tests.bot.cli_steps import run
from tests.results_world import MANAGER, WS, add_cycle, finished_start, populate

TODAY = datetime.now(UTC).date()
START = finished_start(TODAY)
EVE = "=HYPERLINK(\"http://evil.example\",\"Eve\")"


@pytest.fixture(autouse=True)
def database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """Maya's two reps with a cycle that ended last week, and Eve (a formula for a name) in Omar's team."""
    monkeypatch.chdir(tmp_path)
    url = f"sqlite:///{tmp_path / 'coachflow.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    prepare_database(url)
    engine = make_engine(url)
    try:
        with make_uow_factory(engine)() as uow:
            populate(uow, 2, start=START)
            uow.members.add(Member(WS, "UEVE", EVE, "UTC", manager_id="UOTHER"))
            add_cycle(uow, "UEVE", START, "UOTHER")
            uow.commit()
    finally:
        engine.dispose()
    return url


def test_the_text_gives_a_line_per_rep_and_the_totals(capsys: pytest.CaptureFixture[str]) -> None:
    since = (START + timedelta(weeks=4)).isoformat()
    status, out, err = run(capsys, "results", "--team", WS.team_id, "--since", since, "--manager", MANAGER)
    assert (status, err) == (0, "")
    lines = out.splitlines()
    assert lines[0] == f"Cycle results, the team of {MANAGER}, cycles ended since {since} or still running:"
    assert lines[1].startswith(f"Rep 000 (UR000, {START.isoformat()} to ")
    assert "indicators 2 better, 0 worse" in lines[1] and "win rate 0% -> 50%" in lines[1]
    assert "commitments kept 2/3" in lines[1] and "1:1s 6 (4.5 h of 3 h promised)" in lines[1]
    assert lines[3].startswith("total (2 reps): indicators 4 better") and "1:1s 12 (9 h of 6 h promised)" in lines[3]


def test_the_csv_has_the_columns_and_a_formula_name_is_text(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "results", "--team", WS.team_id, "--format", "csv")
    assert status == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [r["rep_id"] for r in rows] == ["UR000", "UR001", "UEVE", ""]
    assert rows[2]["rep_name"] == "'" + EVE
    assert (rows[0]["win_rate_before"], rows[0]["win_rate_now"], rows[0]["hours_held"]) == ("0.0", "50.0", "4.5")
    assert rows[0]["challenge_compliance"] == "" and rows[-1]["rep_name"] == "total (3 reps)"


def test_a_range_with_no_cycle_says_so(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "results", "--team", WS.team_id, "--since", TODAY.isoformat())
    assert status == 0 and "No coaching cycle ended in that range or runs now." in out


@pytest.mark.parametrize(("argv", "message"), [
    (["--team", "TNOPE"], "no workspace TNOPE"),
    (["--team", WS.team_id, "--since", "2099-01-01"], "is in the future"),
    (["--team", WS.team_id, "--since", "yesterday"], "--since"),
    (["--team", WS.team_id, "--format", "xml"], "--format"),
    (["--since", "2026-01-01"], "--team"),
])
def test_bad_input_is_one_line_and_exit_2(capsys: pytest.CaptureFixture[str], argv: list[str], message: str) -> None:
    status, out, err = run(capsys, "results", *argv)
    assert status == 2 and out == "" and message in err and len(err.strip().splitlines()) == 1

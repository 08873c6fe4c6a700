"""`coachflow audit`, `coachflow export` and `coachflow forget` as an operator runs them (issue 14)."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from bot.database import prepare_database
from domain.coaching.scoring import CallScore
from domain.model import Member, Role, Workspace, WorkspaceRef
from storage.uow import make_engine, make_uow_factory
from tests.bot.cli_steps import run

T1, T2 = WorkspaceRef("T1"), WorkspaceRef("T2")
SECRET = "Maya's private note about Ann's discovery"


@pytest.fixture(autouse=True)
def database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """Maya manages Ann in T1 and scored one of her calls; the same Ann id is in T2 too."""
    monkeypatch.chdir(tmp_path)
    url = f"sqlite:///{tmp_path / 'coachflow.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    prepare_database(url)
    engine = make_engine(url)
    try:
        with make_uow_factory(engine)() as uow:
            for ws in (T1, T2):
                uow.workspaces.add(Workspace(ws))
                uow.members.add(Member(ws, "UMAY", "Maya", "UTC", role=Role.MANAGER))
                uow.members.add(Member(ws, "UANN", "Ann", "UTC", manager_id="UMAY"))
                uow.call_scores.add(CallScore(ws, "UANN", "UMAY", "Acme discovery", date(2026, 11, 30),
                                              {"discovery": 3}, None, SECRET))
            uow.commit()
    finally:
        engine.dispose()
    return url


def test_export_of_a_person_as_json_holds_their_rows_of_that_workspace_only(capsys, tmp_path) -> None:
    status, out, err = run(capsys, "export", "--team", "T1", "--user", "UANN", "--format", "json",
                           "--output", str(tmp_path / "ann.json"))
    assert status == 0, err
    assert "to " in err and out == ""
    body = json.loads((tmp_path / "ann.json").read_text())
    assert [m["user_id"] for m in body["tables"]["members"]] == ["UANN"]
    assert [(s["team_id"], s["notes"]) for s in body["tables"]["call_scores"]] == [("T1", SECRET)]


def test_export_of_a_workspace_as_csv_goes_to_stdout_in_the_long_form(capsys) -> None:
    status, out, _ = run(capsys, "export", "--team", "T1", "--format", "csv")
    assert status == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert {r["table"] for r in rows} >= {"members", "call_scores"}
    assert {r["value"] for r in rows if r["column"] == "user_id"} == {"UMAY", "UANN"}
    assert all(r["value"] != "T2" for r in rows)


def test_forget_deletes_the_person_says_what_and_leaves_the_other_workspace(capsys) -> None:
    status, out, err = run(capsys, "forget", "--team", "T1", "--user", "UMAY", "--yes")
    assert status == 0, err
    assert "forgot UMAY in T1" in out and "deleted members: 1" in out
    assert "de-identified in others' call_scores: 1" in out
    _, exported, _ = run(capsys, "export", "--team", "T1", "--format", "json")
    assert "UMAY" not in exported.replace('"actor_id"', "") and SECRET not in exported
    _, other, _ = run(capsys, "export", "--team", "T2", "--user", "UMAY", "--format", "json")
    assert SECRET in other, "the same id in another workspace is another person"
    status, out, _ = run(capsys, "audit", "--team", "T1", "--user", "UMAY")
    assert status == 0
    lines = out.strip().splitlines()[1:]
    assert len(lines) == 1 and "\tcli\tforget\tUMAY\tperson\t-" in lines[0]
    status, out, _ = run(capsys, "audit", "--team", "T1", "--since", datetime.now(UTC).date().isoformat())
    assert [line.split("\t")[2] for line in out.strip().splitlines()[1:]] == ["export", "forget"]  # newest first


def test_forget_without_yes_off_a_terminal_asks_for_it_and_changes_nothing(capsys) -> None:
    status, _, err = run(capsys, "forget", "--team", "T1", "--user", "UANN")
    assert status == 2 and "--yes" in err
    _, out, _ = run(capsys, "export", "--team", "T1", "--user", "UANN", "--format", "json")
    assert SECRET in out


def test_forget_of_someone_without_data_says_so_with_status_1(capsys) -> None:
    status, _, err = run(capsys, "forget", "--team", "T1", "--user", "UNOBODY", "--yes")
    assert status == 1 and "no coaching data of UNOBODY" in err


@pytest.mark.parametrize("argv", [
    ("export", "--team", "T9", "--format", "csv"),
    ("audit", "--team", "T9"),
    ("forget", "--team", "T9", "--user", "UANN", "--yes"),
])
def test_an_unknown_workspace_is_a_one_line_error_with_status_2(capsys, argv: tuple[str, ...]) -> None:
    status, out, err = run(capsys, *argv)
    assert status == 2 and "no workspace T9" in err and out == ""


@pytest.mark.parametrize("argv", [
    ("export", "--team", "T1"),  # --format is required
    ("export", "--team", "T1", "--format", "xml"),
    ("forget", "--team", "T1"),
    ("audit", "--team", "T1", "--since", "yesterday"),
])
def test_bad_usage_is_status_2(capsys, argv: tuple[str, ...]) -> None:
    status, _, err = run(capsys, *argv)
    assert status == 2 and "--help" in err

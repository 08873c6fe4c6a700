"""`coachflow pipeline import` and `coachflow pipeline audit` as an operator runs them."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.config import load_settings
from bot.database import prepare_database
from bot.pipeline_cli import PROBLEMS_SHOWN, pipeline_audit, pipeline_import
from domain.model import Member, Workspace, WorkspaceRef
from storage.uow import make_engine, make_uow_factory

T1 = WorkspaceRef("T1")
HEADER = "id,name,owner,amount,stage,status,loss_reason,entered_prospecting,entered_qualifying\n"
GOOD = (
    "D1,Acme,UANN,\"1,000\",qualifying,won,,2025-01-01,2025-01-11\n"
    "D2,Beta,bob@acme.com,2000,qualifying,lost,Price,2025-01-01,2025-01-05\n"
    "D3,Gamma,UANN,3000,prospecting,open,,2025-01-02,\n"
)


@pytest.fixture(autouse=True)
def database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """A migrated SQLite file with workspace T1, Ann and Bob; cwd is the test's directory."""
    monkeypatch.chdir(tmp_path)
    url = f"sqlite:///{tmp_path / 'coachflow.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    prepare_database(url)
    engine = make_engine(url)
    try:
        with make_uow_factory(engine)() as uow:
            uow.workspaces.add(Workspace(T1, name="Acme"))
            uow.members.add(Member(T1, "UANN", "Ann Lee", "UTC", manager_id="UMGR"))
            uow.members.add(Member(T1, "UBOB", "Bob Ray", "UTC", manager_id="UMGR", email="bob@acme.com"))
            uow.commit()
    finally:
        engine.dispose()
    return url


def write(tmp_path: Path, text: str, name: str = "deals.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode())
    return path


def run_import(capsys: pytest.CaptureFixture[str], path: Path | str, team: str = "T1") -> tuple[int, str, str]:
    status = pipeline_import(load_settings(None), path, team)
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_import_prints_the_counts_and_exits_0(tmp_path: Path, capsys) -> None:
    status, out, err = run_import(capsys, write(tmp_path, HEADER + GOOD))

    assert status == 0
    assert out == "Imported 3 opportunities from deals.csv: 3 new, 0 updated, 0 unchanged.\n"
    assert err == ""


def test_reimporting_reports_everything_unchanged(tmp_path: Path, capsys) -> None:
    path = write(tmp_path, HEADER + GOOD)
    run_import(capsys, path)

    status, out, _ = run_import(capsys, path)

    assert status == 0
    assert out == "Imported 3 opportunities from deals.csv: 0 new, 0 updated, 3 unchanged.\n"


def test_bad_rows_are_listed_by_line_under_the_summary(tmp_path: Path, capsys) -> None:
    text = HEADER + GOOD + "D4,Delta,UZED,10,prospecting,open,,,\nD5,Eps,UANN,10,Blue Sky,open,,,\n"

    status, out, _ = run_import(capsys, write(tmp_path, text))

    lines = out.splitlines()
    assert status == 0
    assert lines[0] == "Imported 3 opportunities from deals.csv: 3 new, 0 updated, 0 unchanged; 2 rows skipped:"
    assert lines[1].split() == ["line", "reason"]
    assert lines[3].startswith("5     unknown owner UZED")
    assert lines[4] == "6     unknown stage 'Blue Sky'"


def test_only_the_first_problems_are_listed(tmp_path: Path, capsys) -> None:
    bad = "".join(f"X{n},x,UANN,10,nowhere,open,,,\n" for n in range(PROBLEMS_SHOWN + 25))

    status, out, _ = run_import(capsys, write(tmp_path, HEADER + GOOD + bad))

    assert status == 0
    assert f"{PROBLEMS_SHOWN + 25} rows skipped:" in out
    assert out.count("unknown stage 'nowhere'") == PROBLEMS_SHOWN
    assert out.rstrip().endswith("... and 25 more")


def test_large_numbers_get_thousands_separators(tmp_path: Path, capsys) -> None:
    rows = "".join(f"N{n},x,UANN,10,prospecting,open,,,\n" for n in range(1234))
    _, out, _ = run_import(capsys, write(tmp_path, HEADER + rows))
    assert out.startswith("Imported 1,234 opportunities from deals.csv: 1,234 new,")


@pytest.mark.parametrize(
    ("content", "said"),
    [
        ("name,amount\nAcme,10\n", "missing required columns"),
        ("", "empty"),
    ],
)
def test_an_unusable_file_exits_1_with_the_reason(tmp_path: Path, capsys, content: str, said: str) -> None:
    status, out, err = run_import(capsys, write(tmp_path, content))

    assert status == 1
    assert out == ""
    assert err.startswith("coachflow: deals.csv: ") and said in err
    assert "Traceback" not in err


def test_a_file_where_no_row_is_usable_exits_1(tmp_path: Path, capsys) -> None:
    status, out, _ = run_import(capsys, write(tmp_path, HEADER + "D1,x,UZED,1,prospecting,open,,,\n"))
    assert status == 1
    assert out.startswith("Imported 0 opportunities from deals.csv: 0 new, 0 updated, 0 unchanged; 1 row skipped:")


def test_a_missing_file_or_workspace_exits_1(tmp_path: Path, capsys) -> None:
    status, _, err = run_import(capsys, tmp_path / "nope.csv")
    assert status == 1 and err.startswith("coachflow: cannot read ") and "nope.csv" in err

    status, _, err = run_import(capsys, write(tmp_path, HEADER + GOOD), team="T404")
    assert status == 1 and "T404 is not known" in err


def test_audit_prints_a_row_per_rep(tmp_path: Path, capsys) -> None:
    run_import(capsys, write(tmp_path, HEADER + GOOD))

    status = pipeline_audit(load_settings(None), "T1", None)
    out = capsys.readouterr().out

    assert status == 0
    assert out.startswith("Pipeline audit of T1: 2 reps, 3 deals.\n")
    assert "Ann Lee (UANN)" in out and "Bob Ray (UBOB)" in out
    assert "Loss reasons" not in out  # details only for one rep


def test_audit_of_one_rep_shows_the_details(tmp_path: Path, capsys) -> None:
    run_import(capsys, write(tmp_path, HEADER + GOOD))

    status = pipeline_audit(load_settings(None), "T1", "UBOB")
    out = capsys.readouterr().out

    assert status == 0
    assert "Bob Ray, compared with their team:" in out
    assert "Deal size: median 2,000, quartiles 2,000 to 2,000" in out
    assert "Loss reasons: price 1" in out


def test_audit_of_a_stranger_or_an_empty_workspace(capsys) -> None:
    assert pipeline_audit(load_settings(None), "T1", "UZED") == 1
    assert "UZED" in capsys.readouterr().err

    assert pipeline_audit(load_settings(None), "T1", None) == 0
    assert "No opportunities in T1 yet" in capsys.readouterr().out


def test_when_no_owner_is_on_a_team_the_import_says_so_and_how_to_fix_it(tmp_path: Path, capsys) -> None:
    # A workspace whose people are not on a Coachflow team yet: every row is refused.
    text = HEADER + "D1,x,UNEW,1,prospecting,open,,,\nD2,y,new@acme.com,1,prospecting,open,,,\n"

    status, out, _ = run_import(capsys, write(tmp_path, text))

    lines = out.splitlines()
    assert status == 1
    assert lines[0].startswith("Imported 0 opportunities from deals.csv")
    assert lines[-1].startswith("No row was imported because no owner in the file is on a Coachflow team")
    assert "`/coach team add @rep`" in lines[-1] and "import the file again" in lines[-1]


def test_an_email_owner_is_looked_up_among_members_not_asked_of_slack(tmp_path: Path, capsys) -> None:
    # No token is set: the report must not claim that Slack was asked.
    status, out, _ = run_import(capsys, write(tmp_path, HEADER + GOOD + "D4,z,nobody@acme.com,1,prospecting,open,,,\n"))

    assert status == 0
    assert "unknown owner nobody@acme.com: no member of this workspace in Coachflow has that email" in out
    assert "that email in Slack" not in out
    assert out.splitlines()[-1].startswith("1 row skipped because the owner is not on a Coachflow team")


def test_import_and_audit_on_a_missing_database_create_nothing(tmp_path: Path, monkeypatch, capsys) -> None:
    missing = tmp_path / "elsewhere" / "typo.db"
    missing.parent.mkdir()
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{missing}")
    from bot.cli import main

    assert main(["pipeline", "import", str(write(tmp_path, HEADER + GOOD)), "--team", "T1"]) == 2
    assert main(["pipeline", "audit", "--team", "T1"]) == 2
    err = capsys.readouterr().err
    assert err.count("there is no database at") == 2 and len(err.splitlines()) == 2
    assert list(missing.parent.iterdir()) == []

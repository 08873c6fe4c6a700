"""`coachflow scorecards export` as enablement runs it: real rows written through the repositories."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from bot.config import load_settings
from bot.database import prepare_database
from bot.scorecards_cli import scorecards_export, to_csv
from domain.coaching.calls import CallAnswers, CallRef, CallType
from domain.coaching.contract import CoachingContract, SuccessMetric
from domain.coaching.cycle import CoachingCycle
from domain.coaching.debriefs import Debrief, ShadowObservation
from domain.model import Member, Role, Workspace, WorkspaceRef
from domain.services.scorecard_export import COLUMNS, ExportRow, export_indicators
from storage import migrate
from storage.uow import make_engine, make_uow_factory
from tests.bench import leading_indicators as bench
from tests.bench.pipeline import _counting  # the statement counter the benchmarks print
from tests.bot.cli_steps import run

T1 = WorkspaceRef("T1")
QUESTIONS, IMPACT = "discovery_questions_asked", "business_impact_quantified"
ANSWERS = CallAnswers("Asked about the budget", "Let them finish", "Quantify the impact")
CYCLE_START = date(2026, 11, 16)  # a Monday: 2026-W47
# Sunday 29 November, 14:00 UTC: already Monday 30 November (2026-W49) in Sydney, still 2026-W48 in UTC.
NOW = datetime(2026, 11, 29, 14, 0, tzinfo=UTC)
EVE = "=HYPERLINK(\"http://evil.example\",\"Eve\")"


@pytest.fixture(autouse=True)
def database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """Ann (Sydney) and Eve (UTC) in a cycle on discovery since 2026-W47; Bob (a rep without a cycle)."""
    monkeypatch.chdir(tmp_path)
    url = f"sqlite:///{tmp_path / 'coachflow.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    prepare_database(url)
    engine = make_engine(url)
    try:
        with make_uow_factory(engine)() as uow:
            uow.workspaces.add(Workspace(T1, name="Acme"))
            uow.members.add(Member(T1, "UMAY", "Maya", "America/New_York", role=Role.MANAGER))
            uow.members.add(Member(T1, "UBOB", "Bob Ray", "UTC", manager_id="UMAY"))
            for rep, name, tz in (("UANN", "Zoë Ann Lee", "Australia/Sydney"), ("UEVE", EVE, "UTC")):
                uow.members.add(Member(T1, rep, name, tz, manager_id="UMAY"))
                cycle = uow.cycles.add(CoachingCycle(T1, rep, "UMAY", CYCLE_START))
                assert cycle.id is not None
                uow.priorities.set_focus(T1, cycle.id, ["discovery"])
                uow.contracts.save(CoachingContract(
                    T1, rep, "UMAY", [SuccessMetric("discovery", QUESTIONS, "8 per discovery call"),
                                      SuccessMetric("discovery", IMPACT, "=yes on every call")],
                    3, "a", "b", cycle_id=cycle.id))

                def debrief(day: date, questions: int, shadow_id: int | None = None, *,
                            rep: str = rep, cycle_id: int = cycle.id) -> None:
                    uow.debriefs.add(Debrief(T1, rep, CallRef("Acme"), CallType.DISCOVERY, day, ANSWERS,
                                             {QUESTIONS: questions, IMPACT: questions > 5}, ("discovery",),
                                             cycle_id, shadow_id=shadow_id))

                if rep == "UANN":
                    for offset, questions in enumerate((4, 5, 6)):  # W47: 5.0 over 3 calls
                        debrief(CYCLE_START + timedelta(days=offset), questions)
                    w48 = CYCLE_START + timedelta(weeks=1)
                    debrief(w48, 6)
                    debrief(w48 + timedelta(days=1), 7)
                    # Friday 23:30 in Sydney: the call's date is Ann's Friday, W48. Maya shadowed it: 5, Ann said 8.
                    seen = uow.shadow_observations.add(ShadowObservation(
                        T1, rep, "UMAY", CallRef("Acme"), CallType.DISCOVERY, w48 + timedelta(days=4), ANSWERS,
                        "Good", indicators={QUESTIONS: 5}, cycle_id=cycle.id))
                    debrief(w48 + timedelta(days=4), 8, seen.id)
                else:
                    debrief(CYCLE_START + timedelta(weeks=1, days=6), 3)  # Sunday 29 November, W48
            uow.commit()
    finally:
        engine.dispose()
    return url


def export(capsys: pytest.CaptureFixture[str], **options: object) -> tuple[int, str, str]:
    status = scorecards_export(load_settings(None), "T1", now=NOW, **options)  # type: ignore[arg-type]
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def table(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_the_csv_has_one_row_per_rep_skill_indicator_and_week_with_the_documented_columns(capsys) -> None:
    status, out, err = export(capsys)

    assert status == 0
    assert out.splitlines()[0] == ",".join(COLUMNS)
    rows = table(out)
    ann = {(r["indicator"], r["week"]): r for r in rows if r["rep_id"] == "UANN"}
    w48 = ann[(QUESTIONS, "2026-W48")]
    # Two debriefs (6, 7) and the shadowed call counted once with Maya's 5: 6.0 over 3 calls, +1.0 on W47.
    assert {k: w48[k] for k in ("team_id", "rep_name", "skill", "week_start", "value", "calls", "change",
                                "direction", "too_few_calls", "target", "target_value", "distance")} == {
        "team_id": "T1", "rep_name": "Zoë Ann Lee", "skill": "discovery", "week_start": "2026-11-23",
        "value": "6.0", "calls": "3", "change": "1.0", "direction": "better", "too_few_calls": "false",
        "target": "8 per discovery call", "target_value": "8.0", "distance": "2.0"}
    assert (w48["shared_calls"], w48["rep_value"], w48["observer_value"], w48["rep_minus_observer"]) == (
        "1", "8.0", "5.0", "3.0")
    w47 = ann[(QUESTIONS, "2026-W47")]  # the week before W47 has no calls: no change, too few calls
    assert (w47["value"], w47["change"], w47["direction"], w47["too_few_calls"]) == ("5.0", "", "", "true")
    # Each of the focus skill's three indicators, each week from the cycle's start; Bob has no cycle.
    assert {r["indicator"] for r in rows} == {QUESTIONS, IMPACT, "stakeholders_identified"}
    assert {r["rep_id"] for r in rows} == {"UANN", "UEVE"}
    assert err == ""  # stdout holds only the table


def test_each_rep_has_their_own_this_week_a_far_time_zone_is_already_in_the_next(capsys) -> None:
    _, out, _ = export(capsys)

    weeks = {rep: sorted({r["week"] for r in table(out) if r["rep_id"] == rep}) for rep in ("UANN", "UEVE")}
    # Sunday 14:00 UTC is Monday in Sydney: Ann's export reaches W49, Eve's (UTC) stops at W48.
    assert weeks == {"UANN": ["2026-W47", "2026-W48", "2026-W49"], "UEVE": ["2026-W47", "2026-W48"]}
    eve = next(r for r in table(out) if r["rep_id"] == "UEVE" and r["week"] == "2026-W48"
               and r["indicator"] == QUESTIONS)
    assert (eve["value"], eve["calls"]) == ("3.0", "1")  # her Sunday call is in her W48


def test_names_and_targets_that_look_like_formulas_get_an_apostrophe_numbers_do_not(capsys) -> None:
    _, out, _ = export(capsys, since=date(2026, 11, 23), until=date(2026, 11, 29))

    rows = table(out)
    assert {r["rep_name"] for r in rows if r["rep_id"] == "UEVE"} == {"'" + EVE}
    assert {r["target"] for r in rows if r["indicator"] == IMPACT} == {"'=yes on every call"}
    # A change below zero stays a number.
    assert all(not r["change"].startswith("'") for r in rows)


def test_since_and_until_pick_the_weeks_holding_them(tmp_path: Path, capsys) -> None:
    _, out, _ = export(capsys, since=date(2026, 11, 25), until=date(2026, 11, 25), output="w48.csv")

    assert {r["week"] for r in table((tmp_path / "w48.csv").read_text(encoding="utf-8"))} == {"2026-W48"}
    assert out == "Exported 6 rows (2 reps, 2026-W48 to 2026-W48) to w48.csv.\n"


def test_one_rep_as_json_numbers_and_nulls(capsys) -> None:
    status, out, _ = export(capsys, rep="UANN", fmt="json")

    assert status == 0
    rows = json.loads(out)
    assert all(list(r) == list(COLUMNS) for r in rows) and {r["rep_id"] for r in rows} == {"UANN"}
    w48 = next(r for r in rows if r["indicator"] == QUESTIONS and r["week"] == "2026-W48")
    assert (w48["value"], w48["calls"], w48["change"], w48["too_few_calls"], w48["rep_minus_observer"]) == (
        6.0, 3, 1.0, False, 3.0)
    w49 = next(r for r in rows if r["indicator"] == QUESTIONS and r["week"] == "2026-W49")
    assert (w49["value"], w49["calls"], w49["change"], w49["direction"]) == (None, 0, None, None)


def test_output_writes_a_utf8_file_and_says_how_many_rows(tmp_path: Path, capsys) -> None:
    status, out, err = export(capsys, output="weekly.csv")

    assert status == 0 and err == ""
    assert "Zoë Ann Lee" in (tmp_path / "weekly.csv").read_bytes().decode("utf-8")
    assert out.startswith("Exported ") and out.endswith("to weekly.csv.\n")


def test_a_rep_without_a_cycle_exports_a_header_and_says_why(tmp_path: Path, capsys) -> None:
    status, out, _ = export(capsys, rep="UBOB")
    assert status == 0 and out.splitlines() == [",".join(COLUMNS)]

    _, out, _ = export(capsys, rep="UBOB", output="bob.csv")
    assert out.startswith("Exported no rows to bob.csv: no rep in that range has an active coaching cycle")


def test_the_command_line_writes_csv_to_stdout(capsys) -> None:
    status, out, _ = run(capsys, "scorecards", "export", "--team", "T1", "--since", "2026-11-16",
                         "--until", "2026-11-29")

    assert status == 0 and table(out) and {r["week"] for r in table(out)} == {"2026-W47", "2026-W48"}


@pytest.mark.parametrize(("argv", "message"), [
    (["--team", "T9"], "scorecards export: There is no workspace T9 in this database."),
    (["--team", "T1", "--rep", "UZED"], "scorecards export: UZED is not a member of T1."),
    (["--team", "T1", "--since", "2026-13-01"], "argument --since: '2026-13-01' is not a date as YYYY-MM-DD"),
    (["--team", "T1", "--until", "1 Oct"], "argument --until: '1 Oct' is not a date as YYYY-MM-DD"),
    (["--team", "T1", "--since", "2026-11-30", "--until", "2026-11-01"],
     "--since 2026-11-30 is after --until 2026-11-01."),
    (["--team", "T1", "--since", "2099-01-01"], "--since 2099-01-01 is in the future"),
    (["--team", "T1", "--since", "2020-01-01", "--until", "2026-11-01"], "export at most 104 weeks at a time"),
    (["--team", "T1", "--format", "xml"], "argument --format: invalid choice: 'xml'"),
    (["--team", "team one"], "argument --team: 'team one' is not a Slack workspace id"),
])
def test_bad_input_is_one_line_and_exit_2(capsys, argv: list[str], message: str) -> None:
    status, out, err = run(capsys, "scorecards", "export", *argv)

    assert status == 2 and out == ""
    assert err.startswith("coachflow") and message in err
    assert err.count("\n") == 1 and "Traceback" not in err


def test_an_unwritable_output_is_one_line_and_exit_1(tmp_path: Path, capsys) -> None:
    status, _, err = export(capsys, output=str(tmp_path / "missing" / "weekly.csv"))

    assert status == 1 and err.startswith("coachflow: cannot write") and err.count("\n") == 1


def test_a_negative_number_is_not_taken_for_a_formula(capsys) -> None:
    _, out, _ = export(capsys, rep="UANN", fmt="json")
    row = dataclasses.replace(ExportRow(**json.loads(out)[0]), change=-1.5, rep_name="-Ann", target="+8")

    line = table(to_csv([row]))[0]

    assert (line["change"], line["rep_name"], line["target"]) == ("-1.5", "'-Ann", "'+8")


def test_the_export_reads_a_fixed_number_of_statements_whatever_the_number_of_reps(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'bench.db'}")
    try:
        migrate.upgrade(engine)
        factory = make_uow_factory(engine)
        with factory() as uow:
            uow.workspaces.add(Workspace(bench.WS))
            bench.populate_team(uow, "UM2", 2, "UA", weeks=2)
            bench.populate_team(uow, "UM9", 9, "UB", weeks=2)
            uow.commit()
        costs = []
        for rep in ("UA000", None):
            with _counting(engine) as count:
                result = export_indicators(factory, bench.CATALOG, bench.WS, datetime(2026, 12, 11, tzinfo=UTC),
                                           since=date(2026, 12, 1), rep_id=rep)
            costs.append((result.reps, count[0]))
    finally:
        engine.dispose()
    assert [reps for reps, _ in costs] == [1, 11]
    assert costs[0][1] == costs[1][1], costs

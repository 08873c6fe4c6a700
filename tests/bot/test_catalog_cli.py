"""`coachflow catalog check PATH`: what an admin sees for a good and a bad catalog file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.catalog_cli import catalog_check
from domain.catalog import default_catalog_text

SUMMARY = (
    "catalog OK: 5 competencies, 5 scoring dimensions, 13 leading indicators, "
    "20 micro-lessons, 20 self-assessment questions"
)


def write(tmp_path: Path, data: object, name: str = "catalog.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_a_valid_catalog_prints_a_summary_and_exits_0(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, json.loads(default_catalog_text()))
    assert catalog_check(str(path)) == 0
    out, err = capsys.readouterr()
    lines = out.splitlines()
    assert lines[0] == SUMMARY
    assert "  foundational: discovery, objection_handling, pipeline_management" in lines
    assert "  advanced: value_articulation, closing" in lines
    assert "  dimension executive_presence -> value_articulation" in lines
    assert err == ""


def test_a_bad_catalog_prints_every_problem_and_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = json.loads(default_catalog_text())
    data["competencies"][3]["micro_lessons"].pop()
    data["scoring_dimensions"][0]["rubric"]["3"] = "x" * 200
    path = write(tmp_path, data)
    assert catalog_check(str(path)) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err.splitlines() == [
        f"{path}: competencies[3] (closing): micro_lessons must have exactly 4 entries, found 3",
        (f"{path}: scoring_dimensions[0] (discovery_quality): rubric score 3 is 200 characters; "
         "at most 150 fit in Slack"),
        "catalog NOT valid: 2 problems",
    ]


def test_a_missing_file_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "nope.json"
    assert catalog_check(str(path)) == 1
    assert capsys.readouterr().err.splitlines() == [f"{path}: file not found", "catalog NOT valid: 1 problem"]


def test_a_yaml_file_is_told_to_use_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "catalog.yaml"
    path.write_text("version: '1'\n", encoding="utf-8")
    assert catalog_check(str(path)) == 1
    assert "use JSON" in capsys.readouterr().err


def test_invalid_json_exits_1_with_the_position(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "catalog.json"
    path.write_text('{"version": "1",}', encoding="utf-8")
    assert catalog_check(str(path)) == 1
    assert "not valid JSON at line 1, column 17" in capsys.readouterr().err


def test_coachflow_catalog_check_runs_from_the_command_line(tmp_path, capsys) -> None:
    from bot.cli import main

    assert main(["catalog", "check", str(tmp_path / "missing.json")]) == 1
    assert "missing.json" in capsys.readouterr().err


def test_a_bad_catalog_in_the_settings_stops_the_app_with_its_problems(tmp_path, monkeypatch, capsys) -> None:
    from bot.cli import main

    bad = tmp_path / "catalog.json"
    bad.write_text("{ not json")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'x.db'}")
    monkeypatch.setenv("COACHFLOW_CATALOG", str(bad))
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-1-test")  # checked before Slack is asked

    # A configuration error: exit 2, one line, and how to see every problem.
    assert main(["scheduler"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("coachflow: COACHFLOW_CATALOG: ") and "catalog.json" in err
    assert f"coachflow catalog check {bad}" in err
    assert len(err.splitlines()) == 1 and "Traceback" not in err
    assert not (tmp_path / "x.db").exists()


def test_lessons_without_an_example_are_listed_and_the_catalog_is_still_valid(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = json.loads(default_catalog_text())
    del data["competencies"][0]["micro_lessons"][1]["example"]
    del data["competencies"][3]["micro_lessons"][0]["example"]

    assert catalog_check(str(write(tmp_path, data))) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0] == SUMMARY
    assert "  lessons without an example (sent without one): transitional_questions, trial_closes" in out

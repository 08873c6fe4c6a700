"""`coachflow catalog lessons FILE --team T [--clear]`: a workspace's own lesson texts, as an admin runs it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.database import prepare_database
from domain.catalog.lesson_texts import LessonText
from domain.model import Workspace, WorkspaceRef
from storage.uow import make_engine, make_uow_factory
from tests.bot.cli_steps import run

T1 = WorkspaceRef("T1")
OURS = {"pain_framework": {"title": "PAIN, the Acme way", "example": "Last quarter a logistics buyer at ..."},
        "trial_closes": {"exercise": "Ask one 1-10 question in every demo this week."}}


@pytest.fixture
def database(sqlite_file: Path) -> str:
    """A migrated SQLite file with workspace T1."""
    url = f"sqlite:///{sqlite_file}"
    prepare_database(url)
    engine = make_engine(url)
    try:
        with make_uow_factory(engine)() as uow:
            uow.workspaces.add(Workspace(T1, name="Acme"))
            uow.commit()
    finally:
        engine.dispose()
    return url


def stored(url: str, team: str = "T1") -> dict[str, LessonText]:
    engine = make_engine(url)
    try:
        with make_uow_factory(engine)(read_only=True) as uow:
            return uow.lesson_texts.for_workspace(WorkspaceRef(team))
    finally:
        engine.dispose()


def write(tmp_path: Path, content: object, name: str = "lessons.json") -> Path:
    path = tmp_path / name
    path.write_text(content if isinstance(content, str) else json.dumps(content), encoding="utf-8")
    return path


def test_a_json_file_becomes_the_workspaces_lesson_texts(database: str, tmp_path: Path, capsys) -> None:
    status, out, err = run(capsys, "catalog", "lessons", str(write(tmp_path, OURS)), "--team", "T1")

    assert (status, err) == (0, "")
    assert out == ("Stored T1's own texts for 2 lessons: pain_framework, trial_closes. "
                   "Other lessons keep the catalog's texts.\n")
    assert stored(database) == {"pain_framework": LessonText(**OURS["pain_framework"]),
                                "trial_closes": LessonText(**OURS["trial_closes"])}


def test_a_yaml_file_replaces_what_was_there(database: str, tmp_path: Path, capsys) -> None:
    run(capsys, "catalog", "lessons", str(write(tmp_path, OURS)), "--team", "T1")
    yaml_file = write(tmp_path, "trial_closes:\n  title: Trial closes, our way\n", "lessons.yaml")

    status, out, _ = run(capsys, "catalog", "lessons", str(yaml_file), "--team", "T1")

    assert status == 0 and "1 lesson: trial_closes" in out
    assert stored(database) == {"trial_closes": LessonText(title="Trial closes, our way")}


def test_unknown_lesson_ids_are_named_and_nothing_is_stored(database: str, tmp_path: Path, capsys) -> None:
    path = write(tmp_path, {"pain_framework": {"title": "ok"}, "pain_frame": {"title": "typo"}, "pricing": {}})

    status, out, err = run(capsys, "catalog", "lessons", str(path), "--team", "T1")

    assert (status, out) == (2, "")
    first, last = err.splitlines()
    assert first.startswith(f"{path}: unknown lesson ids: pain_frame, pricing (the catalog's lessons: pain_framework,")
    assert last == "lesson texts NOT stored: 1 problem"
    assert stored(database) == {}


def test_texts_past_the_catalogs_limits_are_refused_by_lesson_and_field(database: str, tmp_path: Path,
                                                                        capsys) -> None:
    path = write(tmp_path, {"pain_framework": {"title": "Two\nlines", "summary": "x" * 1001},
                            "trial_closes": {"exampel": "typo"}})

    status, _, err = run(capsys, "catalog", "lessons", str(path), "--team", "T1")

    assert status == 2
    assert err.splitlines() == [
        f"{path}: pain_framework: title must be on one line",
        f"{path}: pain_framework: summary is 1001 characters; at most 1000 fit in Slack",
        f"{path}: trial_closes: exampel is not a lesson text (use title, summary, example, exercise)",
        "lesson texts NOT stored: 3 problems",
    ]


def test_clear_removes_the_texts_so_the_catalogs_come_back(database: str, tmp_path: Path, capsys) -> None:
    run(capsys, "catalog", "lessons", str(write(tmp_path, OURS)), "--team", "T1")

    status, out, err = run(capsys, "catalog", "lessons", "--clear", "--team", "T1")

    assert (status, err) == (0, "")
    assert out == "Removed 2 lesson texts of T1; its reps read the catalog's lessons again.\n"
    assert stored(database) == {}


@pytest.mark.parametrize("argv", [["--team", "T1"], ["FILE", "--clear", "--team", "T1"]])
def test_a_file_or_clear_is_needed_not_both(database: str, capsys, argv: list[str]) -> None:
    status, out, err = run(capsys, "catalog", "lessons", *argv)

    assert (status, out) == (2, "")
    assert err == ("coachflow: catalog lessons: give a lessons file, or --clear to remove the workspace's "
                   "lesson texts (not both)\n")


@pytest.mark.parametrize(("content", "name", "said"), [
    (None, "missing.json", "file not found"),
    ('{"pain_framework": ', "lessons.json", "not valid JSON at line 1, column 20"),
    ("pain_framework: [unclosed", "lessons.yml", "not valid YAML at line 1"),
    ('["pain_framework"]', "lessons.json", "must be an object keyed by lesson id"),
])
def test_a_file_that_cannot_be_read_is_one_line_and_exit_2(database: str, tmp_path: Path, capsys,
                                                          content: str | None, name: str, said: str) -> None:
    path = tmp_path / name if content is None else write(tmp_path, content, name)

    status, _, err = run(capsys, "catalog", "lessons", str(path), "--team", "T1")

    assert status == 2 and said in err.splitlines()[0]


def test_a_workspace_not_in_the_database_is_refused(database: str, tmp_path: Path, capsys) -> None:
    status, _, err = run(capsys, "catalog", "lessons", str(write(tmp_path, OURS)), "--team", "T9")

    assert status == 1
    assert err == ("coachflow: Workspace T9 is not in this database; Coachflow adds it when someone there "
                   "first uses `/coach`.\n")

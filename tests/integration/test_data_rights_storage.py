"""Export and forget over every table of the schema, on SQLite and PostgreSQL (issue 14, data rights).

The world is seeded by walking `Base.metadata` (tests/integration/personal_world.py):
a table or person column added later is seeded, exported and forgotten by
these tests without anyone editing them, and fails them when the personal-data
map (storage/personal_data.py) does not cover it.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import Engine, select

from domain.audit import AuditAction, AuditEvent, RecordKind
from domain.data_rights import PLACEHOLDER_ID
from domain.model import Workspace, WorkspaceRef
from domain.services.data_rights import DataRightsService
from storage.orm import Base
from storage.personal_data import (
    CHILDREN,
    NOT_PEOPLE,
    NOT_PERSONAL,
    PARTIES,
    PARTY_ITEMS,
    PARTY_TEXT,
    SUBJECTS,
    covered_tables,
)
from storage.uow import make_uow_factory
from tests.conftest import TestDatabase
from tests.integration.personal_world import person_columns, seed
from tests.integration.test_pipeline_import_sql import statements

T1, T2 = WorkspaceRef("T1"), WorkspaceRef("T2")
GONE, REP, OTHER = "UGONE", "UREP", "UOTHER"
OWN_TEXT = "own words of the forgotten one"
ABOUT_TEXT = "the rep's words, thanks to <@UGONE>"
NOW = datetime(2026, 12, 1, 12, tzinfo=UTC)


def test_every_table_and_every_person_column_is_in_the_personal_data_map() -> None:
    tables = Base.metadata.tables
    for table in tables.values():
        assert table.name in covered_tables() or table.name in NOT_PERSONAL, (
            f"{table.name} is new: add it to storage/personal_data.py (SUBJECTS, PARTIES, CHILDREN) "
            "so export and forget cover it, or to NOT_PERSONAL with the reason")
        for column in person_columns(table):
            declared = (column.name in SUBJECTS.get(table.name, ()) or column.name in PARTIES.get(table.name, ())
                        or (table.name, column.name) in NOT_PEOPLE or table.name in NOT_PERSONAL)
            assert declared, (f"{table.name}.{column.name} may name a person: declare it in "
                              "storage/personal_data.py (a subject, a party, or NOT_PEOPLE)")
        if table.name in covered_tables():
            assert "team_id" in table.c or table.name in CHILDREN, f"{table.name} cannot be scoped to a workspace"
    named = {*SUBJECTS, *PARTIES, *CHILDREN, *(t for t, _ in PARTY_TEXT), *(t for t, _ in PARTY_ITEMS),
             *(t for t, _ in NOT_PEOPLE)}
    assert named <= set(tables), f"the map names tables that do not exist: {named - set(tables)}"
    for name, columns in [*SUBJECTS.items(), *PARTIES.items()]:
        assert set(columns) <= set(tables[name].c.keys()), name


def _world(engine: Engine) -> dict[str, dict[str, int]]:
    with make_uow_factory(engine)() as uow:
        uow.workspaces.add(Workspace(T1))
        uow.workspaces.add(Workspace(T2))
        uow.commit()
    return {
        "own": seed(engine, T1.team_id, "own", GONE, OTHER, OWN_TEXT),  # UGONE's own rows
        "about": seed(engine, T1.team_id, "about", REP, GONE, ABOUT_TEXT),  # their rep's, naming them
        "away": seed(engine, T2.team_id, "away", GONE, OTHER, OWN_TEXT),  # the same id in another workspace
    }


def _ids(rows: list[dict[str, object]]) -> set[object]:
    return {row.get("id") for row in rows}


def test_a_persons_export_holds_a_row_of_every_covered_table_and_nothing_of_another_workspace(
        database: TestDatabase) -> None:
    world = _world(database.engine)
    with make_uow_factory(database.engine)(read_only=True) as uow:
        theirs = uow.data_rights.export(T1, [GONE], as_party=True)
        reps = uow.data_rights.export(T1, [REP], as_party=False)
        everyone = uow.data_rights.export(T1, None, as_party=False)
    assert set(theirs.tables) == covered_tables(), "every table with a person's data is in their export"
    for name, rows in theirs.tables.items():
        if name in world["own"]:
            assert world["own"][name] in _ids(rows), name
            assert world["away"][name] not in _ids(rows), f"{name}: a row of another workspace was exported"
        if name in PARTIES and name in world["about"]:
            assert world["about"][name] in _ids(rows), f"{name}: a row they took part in is theirs to see"
    for name, rows in reps.tables.items():
        if name in world["own"] and name not in CHILDREN:
            assert world["own"][name] not in _ids(rows), f"{name}: a rep's export shows someone else's row"
    assert set(reps.tables) >= set(SUBJECTS) - {"challenge_summary_choices"}
    for name, rows in everyone.tables.items():
        if name in world["away"]:
            assert world["away"][name] not in _ids(rows), name
    assert {"own", "about"} <= {str(r["user_id"]).replace(GONE, "own").replace(REP, "about")
                                for r in everyone.tables["members"]}


def test_an_export_reads_each_table_once_however_many_rows(database: TestDatabase) -> None:
    _world(database.engine)
    for n in range(5):
        seed(database.engine, T1.team_id, f"more{n}", f"UMORE{n}", GONE, ABOUT_TEXT)
    with make_uow_factory(database.engine)(read_only=True) as uow, statements(database.engine) as seen:
        uow.data_rights.export(T1, None, as_party=False)
        uow.data_rights.export(T1, [GONE], as_party=True)
    selects = [s for s in seen if s.lstrip().upper().startswith("SELECT")]
    assert len(selects) <= 2 * len(covered_tables())


def _rows_of(engine: Engine) -> dict[str, list[dict[str, object]]]:
    with engine.connect() as connection:
        return {t.name: [dict(r) for r in connection.execute(select(t)).mappings()]
                for t in Base.metadata.sorted_tables}


def test_forget_leaves_no_row_or_text_of_the_person_and_keeps_their_reps(database: TestDatabase) -> None:
    world = _world(database.engine)
    uow_factory = make_uow_factory(database.engine)
    with uow_factory() as uow:
        uow.audit.add(AuditEvent(T1, GONE, REP, AuditAction.READ, RecordKind.SCORECARD, "", NOW))
        uow.audit.add(AuditEvent(T2, GONE, REP, AuditAction.READ, RecordKind.SCORECARD, "", NOW))
        uow.commit()
    before_t2 = {name: [r for r in rows if r.get("team_id") == T2.team_id]
                 for name, rows in _rows_of(database.engine).items()}

    done = DataRightsService(uow_factory, lambda: NOW).forget_cli(T1, GONE)

    after = _rows_of(database.engine)
    t2_ids = {name: world["away"].get(name) for name in after}
    for name, rows in after.items():
        for row in rows:
            if row.get("team_id") == T2.team_id or (row.get("id") == t2_ids[name] and "team_id" not in row):
                continue
            shown = repr(row)
            if name == "audit_events" and row["action"] == "forget":
                assert row["subject_id"] == GONE and row["actor_id"] == "cli" and row["record_id"] == ""
                continue
            assert GONE not in shown, f"{name} still names the person: {shown}"
            assert OWN_TEXT not in shown, f"{name} still holds their words: {shown}"
    # Their own rows went, everywhere in the workspace; the counts say so.
    assert set(done.deleted) >= set(SUBJECTS), set(SUBJECTS) - set(done.deleted)
    # Their rep stays, without a manager; the rep's records stay, de-identified.
    rep = next(r for r in after["members"] if r["user_id"] == REP)
    assert rep["manager_id"] is None
    for (name, column), texts in PARTY_TEXT.items():
        row = next(r for r in after[name] if r["id"] == world["about"][name])
        assert row[column] == PLACEHOLDER_ID
        assert all(row[text] in (None, "") for text in texts), f"{name}: what they wrote stays"
    for name, _column in PARTY_ITEMS:
        assert world["about"][name] not in {r.get("id") for r in after[name]}, f"{name}: their item stays"
    kept = after["call_scores"]
    assert any(r["rep_id"] == REP for r in kept), "the rep's own call scores stay"
    # Another workspace is untouched.
    assert {name: [r for r in rows if r.get("team_id") == T2.team_id] for name, rows in after.items()} == before_t2


@pytest.mark.parametrize("who", [GONE, "UNOBODY"])
def test_forgetting_someone_unknown_in_the_workspace_is_refused_and_changes_nothing(
        database: TestDatabase, who: str) -> None:
    from domain.errors import NotFound
    uow_factory = make_uow_factory(database.engine)
    with uow_factory() as uow:
        uow.workspaces.add(Workspace(T1))
        uow.commit()
    seed(database.engine, T1.team_id, "rep", REP, OTHER, ABOUT_TEXT.replace(GONE, OTHER))
    before = _rows_of(database.engine)
    with pytest.raises(NotFound):
        DataRightsService(uow_factory, lambda: NOW).forget_cli(T1, who)
    assert _rows_of(database.engine) == before

"""Importing through the SQL storage: bounded statements, all-or-nothing, audit from one load."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from sqlalchemy import Engine, event, insert

from domain.model import WorkspaceRef
from domain.services.pipeline import PipelineService
from storage import pipeline_repository
from storage.orm import MemberRow, WorkspaceRow

WS = WorkspaceRef("T1")
REPS = 20


def seed_members(engine: Engine) -> None:
    with engine.begin() as connection:
        connection.execute(insert(WorkspaceRow), [{"team_id": WS.team_id, "name": "Acme", "settings": {}}])
        connection.execute(insert(MemberRow), [
            {"team_id": WS.team_id, "user_id": f"UR{n:03d}", "name": f"Rep {n}", "time_zone": "UTC",
             "role": "rep", "is_admin": False, "manager_id": f"UM{n % 2}", "muted_kinds": [],
             "email": f"rep{n}@acme.com" if n % 2 else None}
            for n in range(REPS)
        ])


def export(rows: int) -> bytes:
    """Salesforce headers; half the owners by email, half by Slack id."""
    lines = [("Opportunity ID,Opportunity Name,Opportunity Owner,Owner Email,Amount,Stage,"
              "Created Date,Close Date,Loss Reason,Date Entered Prospecting,Date Entered Qualification")]
    stages = ["Prospecting", "Qualification", "Closed Won", "Closed Lost"]
    for n in range(rows):
        rep = n % REPS
        owner = f"rep{rep}@acme.com" if rep % 2 else f"UR{rep:03d}"
        lines.append(
            f"006{n:07d},Deal {n},Rep {rep},{owner},\"${1000 + n:,}.00\",{stages[n % 4]},"
            f"1/2/2025,3/4/2025,{'Price' if n % 4 == 3 else ''},1/2/2025,{'1/9/2025' if n % 4 else ''}"
        )
    return ("\n".join(lines) + "\n").encode()


@contextmanager
def statements(engine: Engine) -> Iterator[list[str]]:
    seen: list[str] = []

    def record(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        seen.append(statement)

    event.listen(engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", record)


def test_importing_a_thousand_rows_takes_a_bounded_number_of_statements(engine, uow_factory) -> None:
    seed_members(engine)
    service = PipelineService(uow_factory)
    raw = export(1000)

    with statements(engine) as first:
        report = service.import_file(WS, raw, "deals.csv")
    with statements(engine) as again:
        repeat = service.import_file(WS, raw, "deals.csv")

    assert (report.inserted, report.problems) == (1000, [])
    assert (repeat.inserted, repeat.updated, repeat.unchanged) == (0, 0, 1000)
    # workspace, members by id, members by email, stored rows, one executemany,
    # plus the transaction's own statements: nothing per row.
    assert len(first) < 20, first
    assert len(again) < 20, again


def test_the_audit_loads_the_workspace_in_a_bounded_number_of_statements(engine, uow_factory) -> None:
    seed_members(engine)
    service = PipelineService(uow_factory)
    service.import_file(WS, export(1000), "deals.csv")

    with statements(engine) as seen:
        audits = service.audit(WS)

    assert len(audits) == REPS
    assert sum(a.deals for a in audits) == 1000
    assert len(seen) < 10, seen


def test_a_database_failure_half_way_saves_nothing(engine, uow_factory, monkeypatch) -> None:
    seed_members(engine)
    monkeypatch.setattr(pipeline_repository, "ROWS_PER_STATEMENT", 10)
    inserts = 0

    def fail_on_the_third_insert(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        nonlocal inserts
        if statement.lstrip().upper().startswith("INSERT INTO OPPORTUNITIES"):
            inserts += 1
            if inserts == 3:
                raise RuntimeError("the database went away")

    event.listen(engine, "before_cursor_execute", fail_on_the_third_insert)
    try:
        with pytest.raises(RuntimeError):
            PipelineService(uow_factory).import_file(WS, export(50), "deals.csv")
    finally:
        event.remove(engine, "before_cursor_execute", fail_on_the_third_insert)

    assert inserts == 3  # two chunks had been written before the failure
    with uow_factory() as uow:
        assert uow.pipeline.for_workspace(WS) == []

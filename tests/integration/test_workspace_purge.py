"""Purging a workspace leaves no row of it in any table, on SQLite and PostgreSQL.

The test walks the metadata: it writes one row of each of two workspaces
into every table (a table added later gets its rows without a change here),
purges one, and reads every table back.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Column,
    Date,
    DateTime,
    Engine,
    Float,
    Integer,
    Numeric,
    String,
    Table,
    Text,
    Time,
    func,
    select,
)

from domain.model import WorkspaceRef
from storage.uow import make_uow_factory
from storage.workspace_purge import unowned_tables, workspace_tables

TEAMS = ("T1", "T2")
NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


def _allowed(table: Table) -> dict[str, str]:
    """The first value each `col IN ('a', 'b')` check constraint allows."""
    allowed: dict[str, str] = {}
    for constraint in table.constraints:
        if isinstance(constraint, CheckConstraint):
            match = re.match(r"\s*(\w+)\s+IN\s*\(\s*'([^']*)'", str(constraint.sqltext))
            if match:
                allowed[match.group(1)] = match.group(2)
    return allowed


def _value(column: Column[Any], allowed: dict[str, str]) -> Any:
    if column.name in allowed:
        return allowed[column.name]
    kind = column.type
    for types, value in (((Boolean,), False), ((Integer,), 1), ((Float, Numeric), 1), ((DateTime,), NOW),
                         ((Date,), date(2026, 12, 1)), ((Time,), time(9)), ((JSON,), {}), ((String, Text), "x")):
        if isinstance(kind, types):
            return value
    impl = getattr(kind, "impl", None)
    if isinstance(impl, DateTime):
        return NOW
    raise AssertionError(f"{column.table.name}.{column.name}: teach this test a value of {kind!r}")


def _seed(engine: Engine) -> None:
    """One row per workspace in every table, children pointing at their own workspace's parents."""
    rows: dict[tuple[str, str], dict[str, Any]] = {}  # (team, table) -> the row's values, ids included
    with engine.begin() as connection:
        for table in workspace_tables():
            allowed = _allowed(table)
            for team in TEAMS:
                values: dict[str, Any] = {}
                for column in table.c:
                    if column.primary_key and column.autoincrement in (True, "auto") \
                            and isinstance(column.type, Integer) and not column.foreign_keys:
                        continue
                    if column.name == "team_id":
                        values["team_id"] = team
                    elif column.foreign_keys:
                        target = next(iter(column.foreign_keys)).column
                        values[column.name] = rows[(team, target.table.name)][target.name]
                    elif column.nullable or column.default is not None or column.server_default is not None:
                        continue
                    else:
                        values[column.name] = _value(column, allowed)
                if table.name == "workspaces":
                    values["team_id"] = team
                result = connection.execute(table.insert().values(**values))
                for column, key in zip(table.primary_key.columns, result.inserted_primary_key or (), strict=False):
                    values[column.name] = key
                rows[(team, table.name)] = values


def _count(engine: Engine, table: Table, team: str | None = None) -> int:
    query = select(func.count()).select_from(table)
    if team is not None:
        query = query.where(table.c.team_id == team)
    with engine.connect() as connection:
        return int(connection.scalar(query) or 0)


def test_every_table_is_tied_to_a_workspace_or_is_the_deployments() -> None:
    assert unowned_tables() == []
    assert {t.name for t in workspace_tables()} >= {"workspaces", "members", "deliveries", "slack_receipts"}


def test_a_purged_workspace_leaves_no_row_in_any_table_and_the_other_keeps_all(engine: Engine) -> None:
    _seed(engine)
    tables = workspace_tables()

    with make_uow_factory(engine)() as uow:
        deleted = uow.workspaces.purge(WorkspaceRef("T1"))
        uow.commit()

    assert deleted == {table.name: 1 for table in tables}
    for table in tables:
        if "team_id" in table.c:
            assert (_count(engine, table, "T1"), _count(engine, table, "T2")) == (0, 1), table.name
        else:  # hangs off a parent of its own workspace: only T2's is left
            assert _count(engine, table) == 1, table.name


def test_a_purge_rolled_back_keeps_everything(engine: Engine) -> None:
    _seed(engine)

    with make_uow_factory(engine)() as uow:
        assert uow.workspaces.purge(WorkspaceRef("T1"))["members"] == 1
        uow.rollback()

    assert all(_count(engine, table) == 2 for table in workspace_tables())

"""A row in every table of the schema, built by walking `Base.metadata`: the data-rights tests' world.

`seed(engine, team, label, subject, party, text)` inserts one row per table
(parents first), every person column of the map set to `subject` (subject
columns) or `party` (party columns), every other Slack-id-sized column to a
neutral value, texts and JSON to `text`. A new table or column is seeded
without anyone writing a line here, so the export and forget tests cover it.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
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
    insert,
)
from sqlalchemy.types import TypeDecorator

from storage.orm import Base
from storage.orm.base import SLACK_ID
from storage.personal_data import NOT_PERSONAL, PARTIES, SUBJECTS

FIXED: dict[tuple[str, str], object] = {
    ("members", "role"): "rep",
    ("opportunities", "status"): "open",
    ("opportunities", "stage"): "prospecting",
    ("deliveries", "status"): "sent",
}
SKIPPED = {"workspaces", "slack_receipts", "audit_events"}  # seeded by the tests themselves when they need them


def person_columns(table: Table) -> list[Column[Any]]:
    """Columns the size of a Slack id (the workspace's own aside): where a person may be named."""
    return [c for c in table.c if isinstance(c.type, String) and c.type.length == SLACK_ID
            and c.name != "team_id"]


def _value(table: Table, column: Column[Any], label: str, subject: str, party: str, text: str,
           ids: dict[str, int], team: str) -> object:
    if (table.name, column.name) in FIXED:
        return FIXED[(table.name, column.name)]
    if column.name in SUBJECTS.get(table.name, ()):
        return subject
    if column.name in PARTIES.get(table.name, ()):
        return party
    for fk in column.foreign_keys:
        if fk.column.table.name == "workspaces":
            return team
        return ids[fk.column.table.name]
    kind = column.type
    if isinstance(kind, TypeDecorator):
        kind = kind.impl_instance
    if isinstance(kind, Boolean):
        return False
    if isinstance(kind, Integer):
        return 1
    if isinstance(kind, Float):
        return 1.5
    if isinstance(kind, Numeric):
        return Decimal("1.5")
    if isinstance(kind, DateTime):
        return datetime(2026, 12, 1, 9, tzinfo=UTC)
    if isinstance(kind, Date):
        return date(2026, 12, 1)
    if isinstance(kind, Time):
        return time(9)
    if isinstance(kind, JSON):
        return {"by": party, "text": text}
    if isinstance(kind, Text):
        return text
    if isinstance(kind, String):
        length = kind.length or 255
        return (text if length >= 200 else f"{label}-{column.name}")[:length]
    raise AssertionError(f"no test value for {table.name}.{column.name} ({kind!r})")


def seed(engine: Engine, team: str, label: str, subject: str, party: str, text: str) -> dict[str, int]:
    """One row per table; returns each table's row id (for tables with an `id`)."""
    ids: dict[str, int] = {}
    with engine.begin() as connection:
        for table in Base.metadata.sorted_tables:
            if table.name in SKIPPED:
                continue
            words = f"{label}: the workspace's own words" if table.name in NOT_PERSONAL else text
            values = {c.name: _value(table, c, label, subject, party, words, ids, team)
                      for c in table.c if not (c.primary_key and c.name == "id")}
            result = connection.execute(insert(table).values(values))
            key = result.inserted_primary_key
            if "id" in table.c and key is not None:
                ids[table.name] = int(key[0])
    return ids

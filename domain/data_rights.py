"""A person's coaching data as plain rows: what an export hands over and a forget deletes (issue 14).

Storage knows which tables hold people's coaching data and through which
columns (storage/personal_data.py); the domain sees them as table names and
rows of plain values. `as_csv` and `as_json` are the export's two formats.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Protocol

from domain.model import WorkspaceRef

Row = dict[str, object]  # column -> value (str, int, float, bool, None, date, datetime, Decimal, or JSON)
PLACEHOLDER_ID = "forgotten"  # stands for a forgotten person where someone else's record named them


@dataclass(frozen=True)
class PersonalData:
    """Rows per table, tables in a stable order; empty tables left out."""

    tables: dict[str, list[Row]] = field(default_factory=dict)

    def counts(self) -> dict[str, int]:
        return {name: len(rows) for name, rows in self.tables.items() if rows}

    @property
    def total(self) -> int:
        return sum(len(rows) for rows in self.tables.values())


@dataclass(frozen=True)
class Forgotten:
    """What a forget did, per table: rows deleted, and rows of others that only named the person (de-identified)."""

    deleted: dict[str, int]
    redacted: dict[str, int]

    @property
    def total_deleted(self) -> int:
        return sum(self.deleted.values())


class DataRightsRepository(Protocol):
    """Every method is scoped by the workspace."""

    def export(self, ref: WorkspaceRef, user_ids: Collection[str] | None, *, as_party: bool) -> PersonalData:
        """Rows about these people (None: every person of the workspace), with the rows under them.

        `as_party`: also the rows where they took part in someone else's record (manager, scorer,
        author): a person's own export; a manager exporting their reps leaves those out.
        """
        ...

    def forget(self, ref: WorkspaceRef, user_id: str) -> Forgotten:
        """Delete the person's rows everywhere; in others' rows replace their id by `PLACEHOLDER_ID`,
        delete what they wrote about others as separate items and clear what they wrote inside others'
        records (docs/data-rights.md)."""
        ...


def _plain(value: object) -> object:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def as_json(data: PersonalData, about: Mapping[str, str]) -> bytes:
    """`{"export": {...about}, "tables": {name: [row, ...]}}`, UTF-8, sorted keys inside rows."""
    body = {"export": dict(about),
            "tables": {name: [{k: _plain(v) for k, v in sorted(row.items())} for row in rows]
                       for name, rows in data.tables.items()}}
    return json.dumps(body, indent=2, ensure_ascii=False, default=str).encode()


def as_csv(data: PersonalData) -> bytes:
    """One long table: `table,row,column,value`, one line per value (JSON values as JSON text).

    Every table has its own columns, so one wide CSV would be mostly empty; the long form opens
    in any spreadsheet and filters by table.
    """
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["table", "row", "column", "value"])
    for name, rows in data.tables.items():
        for number, row in enumerate(rows, start=1):
            for column, value in sorted(row.items()):
                plain = _plain(value)
                structured = isinstance(plain, dict | list)
                text = "" if plain is None else (
                    json.dumps(plain, ensure_ascii=False, default=str) if structured else str(plain))
                writer.writerow([name, number, column, _no_formula(text) if isinstance(plain, str) else text])
    return out.getvalue().encode()


def _no_formula(text: str) -> str:
    """A cell a spreadsheet would run as a formula gets a leading apostrophe (CSV injection)."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text

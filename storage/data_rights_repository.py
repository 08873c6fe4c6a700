"""SQL implementation of `domain.data_rights.DataRightsRepository`: export and forget over the personal-data map.

Both walk `storage.personal_data` over `Base.metadata`'s tables (SQLAlchemy
Core), one statement per table and column, never one per row (the generic
scrub of ids inside texts and JSON aside, which touches only the rows that
name the person). Forget runs inside the caller's unit of work: it all
commits together with its audit entry, or nothing does.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from typing import Any

from sqlalchemy import (
    JSON,
    ColumnElement,
    Select,
    String,
    Table,
    Text,
    bindparam,
    cast,
    delete,
    false,
    or_,
    select,
    update,
)
from sqlalchemy.orm import Session

from domain.data_rights import PLACEHOLDER_ID, Forgotten, PersonalData, Row
from domain.model import WorkspaceRef
from storage.orm import Base
from storage.personal_data import CHILDREN, PARTIES, PARTY_ITEMS, PARTY_TEXT, SUBJECTS, covered_tables

NOT_PERSONAL_TEXT = ("audit_events", "slack_receipts")  # the audit log is de-identified by its own repository


def _tables() -> list[Table]:
    """Covered tables, parents before children (the metadata's dependency order)."""
    covered = covered_tables()
    return [t for t in Base.metadata.sorted_tables if t.name in covered]


def _in_workspace(table: Table, ref: WorkspaceRef) -> ColumnElement[bool]:
    if "team_id" in table.c:
        return table.c.team_id == ref.team_id
    child = CHILDREN[table.name]
    parent = Base.metadata.tables[child.parent]
    return table.c[child.column].in_(select(parent.c.id).where(parent.c.team_id == ref.team_id))


def _naming(table: Table, columns: Collection[str], user_ids: Collection[str]) -> list[ColumnElement[bool]]:
    return [table.c[column].in_(list(user_ids)) for column in columns]


def _rows(session: Session, query: Select[Any]) -> list[Row]:
    return [dict(row) for row in session.execute(query).mappings()]


class SqlDataRightsRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    # -- export ---------------------------------------------------------------------------------------------

    def export(self, ref: WorkspaceRef, user_ids: Collection[str] | None, *, as_party: bool) -> PersonalData:
        found: dict[str, list[Row]] = {}
        for table in _tables():
            condition = self._about(table, ref, user_ids, as_party)
            order = list(table.primary_key.columns)
            rows = _rows(self._session, select(table).where(_in_workspace(table, ref), condition).order_by(*order))
            if rows:
                found[table.name] = rows
        return PersonalData(found)

    def _about(self, table: Table, ref: WorkspaceRef, user_ids: Collection[str] | None,
               as_party: bool) -> ColumnElement[bool]:
        """Which rows of `table` are about these people (None: everyone in the workspace)."""
        if user_ids is None:
            return _in_workspace(table, ref)
        columns = [*SUBJECTS.get(table.name, ()), *(PARTIES.get(table.name, ()) if as_party else ())]
        conditions = _naming(table, columns, user_ids)
        child = CHILDREN.get(table.name)
        if child is not None:
            parent = Base.metadata.tables[child.parent]
            conditions.append(table.c[child.column].in_(
                select(parent.c.id).where(parent.c.team_id == ref.team_id,
                                          self._about(parent, ref, user_ids, as_party))))
        return or_(*conditions) if conditions else false()

    # -- forget ---------------------------------------------------------------------------------------------

    def forget(self, ref: WorkspaceRef, user_id: str) -> Forgotten:
        deleted: dict[str, int] = {}
        redacted: dict[str, int] = {}

        def count(into: dict[str, int], name: str, result: object) -> None:
            n = int(getattr(result, "rowcount", 0) or 0)
            if n:
                into[name] = into.get(name, 0) + n

        tables = _tables()
        # Children of the person's own rows, then what they wrote about others as items of their own.
        for table in tables:
            child = CHILDREN.get(table.name)
            if child is not None:
                parent = Base.metadata.tables[child.parent]
                mine = select(parent.c.id).where(
                    parent.c.team_id == ref.team_id, or_(*_naming(parent, SUBJECTS[parent.name], [user_id])))
                count(deleted, table.name, self._session.execute(delete(table).where(table.c[child.column].in_(mine))))
        for (name, column) in PARTY_ITEMS:
            table = Base.metadata.tables[name]
            count(deleted, name, self._session.execute(
                delete(table).where(_in_workspace(table, ref), table.c[column] == user_id)))
        # Their reps stay, without a manager (as when a manager removes a rep).
        members = Base.metadata.tables["members"]
        count(redacted, "members", self._session.execute(
            update(members).where(members.c.team_id == ref.team_id, members.c.manager_id == user_id)
            .values(manager_id=None)))
        # Their own rows, dependants first.
        for table in reversed(tables):
            if table.name in SUBJECTS:
                count(deleted, table.name, self._session.execute(
                    delete(table).where(_in_workspace(table, ref), or_(*_naming(table, SUBJECTS[table.name],
                                                                               [user_id])))))
        # Others' records they took part in: their id becomes the placeholder, what they wrote there is cleared.
        for name, columns in PARTIES.items():
            table = Base.metadata.tables[name]
            for column in columns:
                if (name, column) in PARTY_ITEMS:
                    continue
                values: dict[str, object] = {column: PLACEHOLDER_ID}
                for text in PARTY_TEXT.get((name, column), ()):
                    values[text] = None if table.c[text].nullable else ""
                count(redacted, name, self._session.execute(
                    update(table).where(_in_workspace(table, ref), table.c[column] == user_id).values(values)))
        self._scrub(ref, user_id, deleted, redacted)
        return Forgotten(deleted, redacted)

    def _scrub(self, ref: WorkspaceRef, user_id: str, deleted: dict[str, int], redacted: dict[str, int]) -> None:
        """The id wherever else it is written in the workspace (a mention in a text, an edit history, a
        setting): replaced by the placeholder; a ledger row naming it is deleted."""
        pattern = re.compile(rf"(?<![A-Za-z0-9]){re.escape(user_id)}(?![A-Za-z0-9])")
        for table in Base.metadata.sorted_tables:
            if ("team_id" not in table.c and table.name not in CHILDREN) or table.name in NOT_PERSONAL_TEXT:
                continue
            texts = [c for c in table.c if isinstance(c.type, String | Text | JSON) and c.name != "team_id"]
            if not texts or len(table.primary_key.columns) != 1:
                continue
            key = next(iter(table.primary_key.columns))
            naming = or_(*(cast(c, Text).like(f"%{user_id}%") for c in texts))
            rows = self._session.execute(select(key, *texts).where(_in_workspace(table, ref), naming)).all()
            if not rows:
                continue
            if table.name == "deliveries":
                ids = [row[0] for row in rows]
                result = self._session.execute(delete(table).where(key.in_(ids)))
                deleted["deliveries"] = deleted.get("deliveries", 0) + int(getattr(result, "rowcount", 0) or 0)
                continue
            # One executemany per table and set of changed columns, not one statement per row.
            batches: dict[tuple[str, ...], list[dict[str, Any]]] = {}
            for row in rows:
                values = {c.name: new for c, v in zip(texts, row[1:], strict=True)
                          if v is not None and (new := _replaced(v, pattern)) != v}
                if values:
                    batches.setdefault(tuple(sorted(values)), []).append(
                        {"_key": row[0], **{f"_{name}": value for name, value in values.items()}})
            for columns, params in batches.items():
                self._session.execute(
                    update(table).where(key == bindparam("_key"))
                    .values({name: bindparam(f"_{name}") for name in columns}), params)
                redacted[table.name] = redacted.get(table.name, 0) + len(params)


def _replaced(value: Any, pattern: re.Pattern[str]) -> Any:
    if isinstance(value, str):
        return pattern.sub(PLACEHOLDER_ID, value)
    if isinstance(value, list):
        return [_replaced(v, pattern) for v in value]
    if isinstance(value, dict):
        return {pattern.sub(PLACEHOLDER_ID, k): _replaced(v, pattern) for k, v in value.items()}
    return value


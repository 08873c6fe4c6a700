"""The fake's `WorkspaceRepository.purge` (used by `tests.fakes`): drops every entry that names the workspace.

An entry names it when its key starts with the team id or carries it
(`DeliveryKey.team_id`), or its value does (`.workspace`, `.ref`,
`.team_id`); nested tables (diagnosis, calls, challenges) are walked too.
Entries keyed only by a parent's id (a cycle's focus skills) stay: the
service tests over the fake need the workspace, its people, schedules,
ledger and receipts gone; every table is checked on SQLite and PostgreSQL
by tests/integration/test_workspace_purge.py.
"""

from __future__ import annotations

import dataclasses
from typing import Any


def _names(team_id: str, thing: Any) -> bool:
    if isinstance(thing, str):
        return thing == team_id
    if isinstance(thing, tuple):
        return bool(thing) and _names(team_id, thing[0])
    for attribute in ("team_id", "workspace", "ref"):
        value = getattr(thing, attribute, None)
        if value is not None and value is not thing and _names(team_id, value):
            return True
    return False


def purge_tables(tables: Any, team_id: str) -> dict[str, int]:
    """Remove what names `team_id` from every field of a fake's tables; entries removed per field."""
    removed: dict[str, int] = {}
    for field in dataclasses.fields(tables):
        value = getattr(tables, field.name)
        if dataclasses.is_dataclass(value):
            for name, count in purge_tables(value, team_id).items():
                removed[f"{field.name}.{name}"] = count
            continue
        if isinstance(value, dict):
            gone = [k for k, v in value.items() if _names(team_id, k) or _names(team_id, v)]
            for key in gone:
                del value[key]
        elif isinstance(value, set | list):
            gone = [item for item in value if _names(team_id, item)]
            for item in gone:
                value.remove(item)
        else:
            continue
        if gone:
            removed[field.name] = len(gone)
    return removed

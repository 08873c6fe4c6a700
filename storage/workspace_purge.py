"""Deleting a workspace and every row of it, in every table (the retention period after an uninstall).

Every table is walked from the shared metadata, so a table added later is
covered without a change here: a table with a `team_id` column loses that
workspace's rows; a table without one (a challenge's days, a check-in's
ratings) hangs off a parent through a foreign key that cascades, and its
rows are counted through that parent before the parent goes. Deleting
explicitly, children first, does not rely on the database enforcing the
cascades (SQLite only does with `PRAGMA foreign_keys=ON`), and covers
`slack_receipts`, which has no foreign key to `workspaces`.
"""

from __future__ import annotations

from sqlalchemy import Table, func, select
from sqlalchemy.orm import Session

from storage.orm import Base

WORKSPACES = "workspaces"
# Tables of the deployment, holding no workspace's data, so never purged: the dispatcher's last tick
# (`coachflow doctor`), OAuth's short-lived state values. Any other table must be tied to a workspace.
DEPLOYMENT_TABLES = frozenset({"dispatcher_ticks", "slack_oauth_states"})


def _owner_filter(table: Table, team_id: str) -> object | None:
    """A WHERE clause picking the workspace's rows of `table`, or None when nothing ties them to it."""
    if "team_id" in table.c:
        return table.c.team_id == team_id
    for key in table.foreign_keys:
        parent = key.column.table
        if key.ondelete == "CASCADE" and "team_id" in parent.c:
            return key.parent.in_(select(key.column).where(parent.c.team_id == team_id))
    return None


def unowned_tables() -> list[str]:
    """Tables whose rows cannot be tied to a workspace, the deployment's own aside (none: a test keeps it so)."""
    return [t.name for t in Base.metadata.sorted_tables
            if _owner_filter(t, "") is None and t.name not in DEPLOYMENT_TABLES]


def workspace_tables() -> list[Table]:
    """Every table holding a workspace's rows, parents first."""
    return [t for t in Base.metadata.sorted_tables if _owner_filter(t, "") is not None]


def purge_workspace(session: Session, team_id: str) -> dict[str, int]:
    """Delete every row of the workspace, children first; rows deleted per table (tables with none left out)."""
    deleted: dict[str, int] = {}
    tables = list(reversed(workspace_tables()))
    # Rows without a team_id are counted before their parents (and with them the filter) go.
    counted = {t.name: _count(session, t, team_id) for t in tables if "team_id" not in t.c}
    for table in tables:
        where = _owner_filter(table, team_id)
        if where is None:
            continue
        if "team_id" in table.c:
            result = session.execute(table.delete().where(where))
            rows = int(result.rowcount)  # type: ignore[attr-defined]
        else:
            session.execute(table.delete().where(where))
            rows = counted[table.name]
        if rows:
            deleted[table.name] = rows
    session.flush()
    return deleted


def _count(session: Session, table: Table, team_id: str) -> int:
    where = _owner_filter(table, team_id)
    if where is None:
        return 0
    return int(session.scalar(select(func.count()).select_from(table).where(where)) or 0)  # type: ignore[arg-type]

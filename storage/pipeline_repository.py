"""SQL implementation of `domain.ports.PipelineRepository`: imported CRM deals.

An import is a handful of statements whatever its size: the rows already
stored for the file's ids are read in chunks, compared in Python (so the
counts say what changed), and only new or changed rows are written with one
executemany of INSERT ... ON CONFLICT (team_id, external_id) DO UPDATE. The
ON CONFLICT keeps two imports of one file racing each other from failing on
the unique key; the later one wins.

Reads use Core rows rather than ORM objects: an audit loads a whole
workspace, and tens of thousands of identity-mapped objects would cost more
than the query.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from domain.model import WorkspaceRef
from domain.pipeline.model import Opportunity, UpsertCounts
from storage.dialects import upsert_insert
from storage.mapping import OPPORTUNITY_COLUMNS, opportunity_from_values, opportunity_values
from storage.orm import OpportunityRow, WorkspaceRow, utcnow
from storage.orm.base import IDS_PER_STATEMENT

# Values per IN (...) list and rows per executemany: well under SQLite's
# 32766 and PostgreSQL's 65535 bound parameters, and few statements per file.
IDS_PER_QUERY = IDS_PER_STATEMENT
ROWS_PER_STATEMENT = 5000

_TABLE = OpportunityRow.__table__
# What the domain object needs: created_at/updated_at are left in the table.
_READ = tuple(_TABLE.c[name] for name in OPPORTUNITY_COLUMNS)
_KEY = ("team_id", "external_id")
_UPDATED_ON_CONFLICT = tuple(c for c in OPPORTUNITY_COLUMNS if c not in _KEY)


class SqlPipelineRepository:
    """Every query filters on `team_id`: nothing crosses workspaces."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def upsert(self, ref: WorkspaceRef, opportunities: Sequence[Opportunity]) -> UpsertCounts:
        incoming: dict[str, Opportunity] = {}
        for opportunity in opportunities:
            if opportunity.workspace.team_id != ref.team_id:
                raise ValueError(f"opportunity {opportunity.external_id} is not in {ref.team_id}")
            incoming[opportunity.external_id] = opportunity  # a repeated id: the last one wins
        stored = self._stored(ref, list(incoming))
        inserted = updated = unchanged = 0
        to_write: list[Opportunity] = []
        for external_id, opportunity in incoming.items():
            before = stored.get(external_id)
            if before is None:
                inserted += 1
            elif before.same_content(opportunity):
                unchanged += 1  # not rewritten: updated_at and source keep their meaning
                continue
            else:
                updated += 1
            to_write.append(opportunity)
        self._write(to_write)
        return UpsertCounts(inserted=inserted, updated=updated, unchanged=unchanged)

    def for_workspace(self, ref: WorkspaceRef) -> list[Opportunity]:
        return self._load(self._select(ref))

    def for_owners(self, ref: WorkspaceRef, owner_ids: Iterable[str]) -> list[Opportunity]:
        owners = sorted(set(owner_ids))
        found: list[Opportunity] = []
        for start in range(0, len(owners), IDS_PER_QUERY):
            chunk = owners[start : start + IDS_PER_QUERY]
            found += self._load(self._select(ref).where(_TABLE.c.owner_id.in_(chunk)))
        # Chunks are ordered within themselves and follow each other in owner order.
        return found

    def owners_of(self, ref: WorkspaceRef, external_ids: Iterable[str]) -> dict[str, str]:
        ids = sorted(set(external_ids))
        owners: dict[str, str] = {}
        for start in range(0, len(ids), IDS_PER_QUERY):
            chunk = ids[start : start + IDS_PER_QUERY]
            query = select(_TABLE.c.external_id, _TABLE.c.owner_id).where(
                _TABLE.c.team_id == ref.team_id, _TABLE.c.external_id.in_(chunk)
            )
            owners.update((row[0], row[1]) for row in self._session.connection().execute(query))
        return owners

    def _stored(self, ref: WorkspaceRef, external_ids: list[str]) -> dict[str, Opportunity]:
        stored: dict[str, Opportunity] = {}
        for start in range(0, len(external_ids), IDS_PER_QUERY):
            chunk = external_ids[start : start + IDS_PER_QUERY]
            query = select(*_READ).where(_TABLE.c.team_id == ref.team_id, _TABLE.c.external_id.in_(chunk))
            for row in self._session.connection().execute(query):
                stored[row[1]] = opportunity_from_values(row, ref)
        return stored

    def _write(self, opportunities: list[Opportunity]) -> None:
        if not opportunities:
            return
        now = utcnow()
        rows: list[dict[str, Any]] = [
            {**opportunity_values(o), "created_at": now, "updated_at": now} for o in opportunities
        ]
        statement = upsert_insert(self._session, OpportunityRow)
        statement = statement.on_conflict_do_update(
            index_elements=[_TABLE.c.team_id, _TABLE.c.external_id],
            # created_at stays the first import's; Core ON CONFLICT does not
            # apply `onupdate`, so updated_at is named here.
            set_={**{c: statement.excluded[c] for c in _UPDATED_ON_CONFLICT},
                  "updated_at": statement.excluded.updated_at},
        )
        # Core on the unit's connection: an executemany, not ORM bulk
        # machinery, and the same transaction as everything else in the unit.
        connection = self._session.connection()
        for start in range(0, len(rows), ROWS_PER_STATEMENT):
            connection.execute(statement, rows[start : start + ROWS_PER_STATEMENT])

    @staticmethod
    def _select(ref: WorkspaceRef) -> Select[Any]:
        # The workspace's enterprise_id comes along in the same query.
        return (
            select(*_READ, WorkspaceRow.enterprise_id.label("workspace_enterprise_id"))
            .join(WorkspaceRow, WorkspaceRow.team_id == _TABLE.c.team_id)
            .where(_TABLE.c.team_id == ref.team_id)
            .order_by(_TABLE.c.owner_id, _TABLE.c.external_id)
        )

    def _load(self, query: Select[Any]) -> list[Opportunity]:
        refs: dict[str | None, WorkspaceRef] = {}
        found: list[Opportunity] = []
        # The unit's connection, past the ORM's result machinery: these are
        # plain column rows, and there may be tens of thousands of them.
        for row in self._session.connection().execute(query):
            enterprise_id = row[-1]
            ref = refs.get(enterprise_id)
            if ref is None:
                ref = refs[enterprise_id] = WorkspaceRef(row[0], enterprise_id)
            found.append(opportunity_from_values(row, ref))
        return found

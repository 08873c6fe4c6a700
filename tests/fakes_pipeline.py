"""In-memory fake of the pipeline port (opportunities), used by `tests.fakes`."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace

from domain.model import Workspace, WorkspaceRef
from domain.pipeline.model import Opportunity, UpsertCounts


class FakePipelineRepository:
    """Opportunities keyed like the SQL table: (team_id, external_id)."""

    def __init__(self, opportunities: dict[tuple[str, str], Opportunity], workspaces: dict[str, Workspace]) -> None:
        self._opportunities, self._workspaces = opportunities, workspaces

    def upsert(self, ref: WorkspaceRef, opportunities: Sequence[Opportunity]) -> UpsertCounts:
        if ref.team_id not in self._workspaces:
            raise LookupError(f"add workspace {ref.team_id} before its opportunities")
        inserted = updated = unchanged = 0
        for opportunity in opportunities:
            assert opportunity.workspace.team_id == ref.team_id, "one workspace per upsert"
            key = (ref.team_id, opportunity.external_id)
            stored = self._opportunities.get(key)
            if stored is None:
                inserted += 1
            elif stored.same_content(opportunity):
                unchanged += 1
                continue  # as in SQL: an equal row is not rewritten, source included
            else:
                updated += 1
            # Stored with the workspace's ref, as SQL reads it back (enterprise id).
            self._opportunities[key] = replace(
                opportunity, workspace=self._workspaces[ref.team_id].ref,
                stage_entered=dict(opportunity.stage_entered),
            )
        return UpsertCounts(inserted=inserted, updated=updated, unchanged=unchanged)

    def for_workspace(self, ref: WorkspaceRef) -> list[Opportunity]:
        return self._sorted(o for (team, _), o in self._opportunities.items() if team == ref.team_id)

    def for_owners(self, ref: WorkspaceRef, owner_ids: Iterable[str]) -> list[Opportunity]:
        owners = set(owner_ids)
        return [o for o in self.for_workspace(ref) if o.owner_id in owners]

    def owners_of(self, ref: WorkspaceRef, external_ids: Iterable[str]) -> dict[str, str]:
        wanted = set(external_ids)
        return {ext: o.owner_id for (team, ext), o in self._opportunities.items()
                if team == ref.team_id and ext in wanted}

    @staticmethod
    def _sorted(found: Iterable[Opportunity]) -> list[Opportunity]:
        return sorted(found, key=lambda o: (o.owner_id, o.external_id))

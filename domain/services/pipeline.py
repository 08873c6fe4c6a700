"""Pipeline use cases: import a CRM export, audit each rep's pipeline velocity.

The CLI (`coachflow pipeline ...`) and Slack (a CSV shared in the app's DM)
call the same service. An import on someone's behalf (`importer_id`) is held
to their scope (`domain.pipeline.scope`): admins write every row, managers
only their own team's. The CLI is an operator's and passes no importer.
Everything here is scoped by workspace.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from domain.errors import NotFound
from domain.model import Member, Workspace, WorkspaceRef
from domain.pipeline.audit import audit_reps
from domain.pipeline.csv_import import parse_opportunities
from domain.pipeline.model import (
    MAX_SOURCE,
    ImportReport,
    Opportunity,
    OpportunityRecord,
    RepAudit,
    RowProblem,
    UpsertCounts,
)
from domain.pipeline.scope import AuditScope, ImportScope, audit_scope_of, scope_of
from domain.ports import UnitOfWork, UnitOfWorkFactory

# How a row whose owner Coachflow does not know begins (the CLI adds how to fix it).
UNKNOWN_OWNER = "unknown owner"


class PipelineService:
    def __init__(self, uow_factory: UnitOfWorkFactory) -> None:
        self._uow_factory = uow_factory

    def import_scope(self, ws: WorkspaceRef, importer_id: str) -> ImportScope:
        """Whose deals `importer_id` may import; NotAllowed for a rep or a stranger.

        For asking before a file is fetched at all; `import_file` applies the
        same rule again inside its own unit of work.
        """
        with self._uow_factory(read_only=True) as uow:
            return _scope(uow, ws, importer_id)

    def import_file(
        self, ws: WorkspaceRef, raw: bytes, source_name: str, *, importer_id: str | None = None
    ) -> ImportReport:
        """Import one export: good rows are saved, bad ones reported by line.

        With `importer_id`, rows owned by someone outside that person's scope
        are reported ("not on your team") and not saved; NotAllowed (before
        anything is read) when they may not import at all. The whole file is
        one unit of work: if the database fails half-way, nothing of it is
        saved. InvalidInput when the file is unusable (not text, missing
        columns); NotFound for an unknown workspace.
        """
        if importer_id is not None:
            self.import_scope(ws, importer_id)  # refuse before parsing a file for nothing
        # Parse before opening the unit: on SQLite a unit holds the write
        # lock, and a big file should not hold it while it is being read.
        parsed = parse_opportunities(raw, source_name=source_name)
        source = source_name[:MAX_SOURCE]
        with self._uow_factory() as uow:
            workspace = _workspace(uow, ws)
            # Again inside the unit that writes: a team changed meanwhile counts as it is now.
            scope = _scope(uow, workspace.ref, importer_id) if importer_id is not None else None
            opportunities, unknown_owners = _resolve_owners(uow, workspace.ref, parsed.rows, source, scope)
            counts = uow.pipeline.upsert(workspace.ref, opportunities) if opportunities else UpsertCounts()
            uow.commit()
        problems = sorted(parsed.problems + unknown_owners, key=lambda p: p.line)
        return ImportReport(
            source_name=source_name,
            inserted=counts.inserted,
            updated=counts.updated,
            unchanged=counts.unchanged,
            problems=problems,
            unknown_stage_columns=parsed.unknown_stage_columns,
        )

    def audit(self, ws: WorkspaceRef, rep_ids: Sequence[str] | None = None) -> list[RepAudit]:
        """The audit of these reps (None: everyone who owns deals), each against their team.

        A rep's team is everyone coached by the same manager; a rep without
        one (or alone on it) is compared with the whole workspace.
        """
        with self._uow_factory(read_only=True) as uow:
            return _audit(uow, _workspace(uow, ws).ref, rep_ids)

    def audit_for(self, ws: WorkspaceRef, viewer_id: str, rep_id: str | None = None) -> PipelineAudit:
        """`/coach pipeline [@rep]`: the audit `viewer_id` may read (`domain.pipeline.scope`), in one read.

        An admin gets the workspace or any rep; a manager their reps or one of
        them; anyone else NotAllowed. A manager's team is listed by name,
        reps without deals included, so nobody is silently missing.
        """
        with self._uow_factory(read_only=True) as uow:
            workspace = _workspace(uow, ws)
            viewer = uow.members.get(workspace.ref, viewer_id)
            reps = uow.members.reps_of(workspace.ref, viewer_id) if viewer is not None else []
            scope = audit_scope_of(viewer, reps, rep_id)
            audits = _audit(uow, workspace.ref, scope.rep_ids) if scope.rep_ids != () else []
        if scope.of == "team":
            audits.sort(key=lambda a: (a.rep_name.lower(), a.rep_id))
        return PipelineAudit(scope, audits)


@dataclass(frozen=True)
class PipelineAudit:
    """What `/coach pipeline` shows: the audits of the reps in `scope`."""

    scope: AuditScope
    audits: list[RepAudit]


def _audit(uow: UnitOfWork, ws: WorkspaceRef, rep_ids: Sequence[str] | None) -> list[RepAudit]:
    members = {m.user_id: m for m in uow.members.list_all(ws)}
    wanted = None if rep_ids is None else list(dict.fromkeys(rep_ids))
    for rep_id in wanted or ():
        if rep_id not in members:
            raise NotFound(f"<@{rep_id}> is not a member of this workspace in Coachflow.")
    deals = _deals_for(uow, ws, members, wanted)
    teams = {user_id: m.manager_id for user_id, m in members.items()}
    audits = audit_reps(deals, wanted, teams)
    named = [replace(a, rep_name=_name(members.get(a.rep_id), a.rep_id)) for a in audits]
    if wanted is None:  # everyone: alphabetical, as the roster lists people
        named.sort(key=lambda a: (a.rep_name.lower(), a.rep_id))
    return named


def _workspace(uow: UnitOfWork, ws: WorkspaceRef) -> Workspace:
    workspace = uow.workspaces.get(ws)
    if workspace is None:
        raise NotFound(f"Workspace {ws.team_id} is not known to Coachflow (install the app there first).")
    return workspace


def _scope(uow: UnitOfWork, ws: WorkspaceRef, importer_id: str) -> ImportScope:
    if uow.workspaces.get(ws) is None:
        return scope_of(None, [])  # nobody is known there yet: refused like a stranger
    importer = uow.members.get(ws, importer_id)
    reps = uow.members.reps_of(ws, importer_id) if importer is not None else []
    return scope_of(importer, reps)


def _resolve_owners(
    uow: UnitOfWork,
    ws: WorkspaceRef,
    rows: Sequence[OpportunityRecord],
    source: str,
    scope: ImportScope | None = None,
) -> tuple[list[Opportunity], list[RowProblem]]:
    """Rows whose owner is a member within `scope`, as opportunities; the others as problems.

    Two queries whatever the size of the file (Slack ids by id, emails by
    email), and one more for a manager's import.
    """
    emails = {r.owner for r in rows if "@" in r.owner}
    user_ids = {r.owner for r in rows if "@" not in r.owner}
    by_id = uow.members.get_many(ws, user_ids) if user_ids else {}
    by_email = uow.members.by_emails(ws, emails) if emails else {}
    # A manager's file must not take over another team's deal either (a
    # territory change in the CRM): who owns the stored ones, one more query.
    limited = scope is not None and not scope.everyone
    stored_owners = uow.pipeline.owners_of(ws, [r.external_id for r in rows]) if limited and rows else {}
    opportunities: list[Opportunity] = []
    problems: list[RowProblem] = []
    for row in rows:
        member = by_email.get(row.owner) if "@" in row.owner else by_id.get(row.owner)
        if member is None:
            # Emails are matched against the members Coachflow knows (their Slack
            # profile's email, read when they joined a team); Slack is not asked here.
            why = ("no member of this workspace in Coachflow has that email" if "@" in row.owner
                   else "not a member of this workspace in Coachflow")
            problems.append(RowProblem(row.line, f"{UNKNOWN_OWNER} {row.owner}: {why}"))
            continue
        if scope is not None and not scope.allows(member.user_id):
            problems.append(RowProblem(row.line, f"owner {row.owner} is not on your team"))
            continue
        stored_owner = stored_owners.get(row.external_id)
        if scope is not None and stored_owner is not None and not scope.allows(stored_owner):
            problems.append(RowProblem(row.line, f"deal {row.external_id} belongs to another team in Coachflow"))
            continue
        opportunities.append(
            Opportunity(
                workspace=ws,
                external_id=row.external_id,
                owner_id=member.user_id,
                name=row.name,
                amount=row.amount,
                stage=row.stage,
                status=row.status,
                created_on=row.created_on,
                closed_on=row.closed_on,
                loss_reason=row.loss_reason,
                loss_category=row.loss_category,
                stage_entered=dict(row.stage_entered),
                source=source,
            )
        )
    return opportunities, problems


def _deals_for(
    uow: UnitOfWork, ws: WorkspaceRef, members: dict[str, Member], wanted: list[str] | None
) -> list[Opportunity]:
    """The deals the audit needs: the reps' teams when that is enough, else the workspace."""
    if wanted is None:
        return uow.pipeline.for_workspace(ws)
    managers = {members[rep].manager_id for rep in wanted}
    if None in managers:
        return uow.pipeline.for_workspace(ws)
    teams = {m.user_id for m in members.values() if m.manager_id in managers} | set(wanted)
    deals = uow.pipeline.for_owners(ws, sorted(teams))
    owners = {d.owner_id for d in deals}
    for rep in wanted:
        mates = {m.user_id for m in members.values() if m.manager_id == members[rep].manager_id}
        if len((mates | {rep}) & owners) < 2:  # alone on the team: compared with everyone
            return uow.pipeline.for_workspace(ws)
    return deals


def _name(member: Member | None, fallback: str) -> str:
    return member.name if member is not None else fallback

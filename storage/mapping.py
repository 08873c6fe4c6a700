"""Translation between ORM rows and domain objects, in both directions.

Kept apart from the repositories so the column <-> field correspondence is
in one place and the repositories only decide *which* rows to read or write.
"""

from __future__ import annotations

from dataclasses import asdict, fields
from typing import Any

from domain.model import Member, Role, Workspace, WorkspaceRef, WorkspaceSettings
from storage.orm import MemberRow, WorkspaceRow

_SETTINGS_FIELDS = frozenset(f.name for f in fields(WorkspaceSettings))


def settings_to_json(settings: WorkspaceSettings) -> dict[str, Any]:
    return asdict(settings)


def settings_from_json(data: dict[str, Any] | None) -> WorkspaceSettings:
    # Ignore keys this version does not know: a newer release may have written
    # them, and an older one reading the row must not crash.
    known = {k: v for k, v in (data or {}).items() if k in _SETTINGS_FIELDS}
    return WorkspaceSettings(**known)


def workspace_from_row(row: WorkspaceRow) -> Workspace:
    return Workspace(
        ref=WorkspaceRef(team_id=row.team_id, enterprise_id=row.enterprise_id),
        name=row.name,
        settings=settings_from_json(row.settings),
    )


def workspace_to_row(workspace: Workspace) -> WorkspaceRow:
    row = WorkspaceRow(team_id=workspace.ref.team_id)
    copy_workspace_onto_row(workspace, row)
    return row


def copy_workspace_onto_row(workspace: Workspace, row: WorkspaceRow) -> None:
    # team_id is the identity and is never rewritten; enterprise_id may be set
    # later (a workspace that joins an Enterprise Grid keeps its team_id).
    row.enterprise_id = workspace.ref.enterprise_id
    row.name = workspace.name
    row.settings = settings_to_json(workspace.settings)


def member_from_row(row: MemberRow, enterprise_id: str | None) -> Member:
    """`enterprise_id` comes from the member's workspace row (members have none)."""
    return Member(
        workspace=WorkspaceRef(team_id=row.team_id, enterprise_id=enterprise_id),
        user_id=row.user_id,
        name=row.name,
        time_zone=row.time_zone,
        role=Role(row.role),
        is_admin=row.is_admin,
        manager_id=row.manager_id,
    )


def member_to_row(member: Member) -> MemberRow:
    row = MemberRow(team_id=member.workspace.team_id, user_id=member.user_id)
    copy_member_onto_row(member, row)
    return row


def copy_member_onto_row(member: Member, row: MemberRow) -> None:
    row.name = member.name
    row.time_zone = member.time_zone
    row.role = Role(member.role).value
    row.is_admin = member.is_admin
    row.manager_id = member.manager_id

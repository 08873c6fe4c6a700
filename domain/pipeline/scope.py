"""Whose deals a person may import or audit: a CSV shared in Coachflow's DM, `/coach pipeline`.

An admin's import covers the whole workspace. A manager's covers the deals
owned by their own reps and by themself: a manager must not change another
team's data, so rows owned by anyone else are reported like bad rows and
left alone. A rep, or someone Coachflow does not know, may not import at all.
(The CLI is an operator's tool and is not scoped: it passes no importer.)

The audit follows the same lines: an admin reads the workspace or any rep, a
manager their own reps (and their own deals), a rep nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from domain.errors import NotAllowed
from domain.model import Member, Role


@dataclass(frozen=True)
class ImportScope:
    """The owners whose deals one person's import may write."""

    importer_id: str
    owner_ids: frozenset[str] | None  # None: every owner in the workspace (an admin)

    @property
    def everyone(self) -> bool:
        return self.owner_ids is None

    def allows(self, owner_id: str) -> bool:
        return self.owner_ids is None or owner_id in self.owner_ids


def scope_of(importer: Member | None, reps: Iterable[Member]) -> ImportScope:
    """The scope of `importer`, whose reps are `reps`; NotAllowed for anyone else.

    Admin rights win over the manager role: an enablement lead who also
    manages a team imports for the whole workspace.
    """
    if importer is None:
        raise NotAllowed(
            "Only Coachflow admins and managers can import pipeline data, and Coachflow does not "
            "know you yet in this workspace. Ask your manager or an admin to share the export "
            "with Coachflow, or run `/coach team` to get started."
        )
    if importer.is_admin:
        return ImportScope(importer.user_id, None)
    if importer.role is Role.MANAGER:
        owners = {rep.user_id for rep in reps if rep.manager_id == importer.user_id}
        return ImportScope(importer.user_id, frozenset(owners | {importer.user_id}))
    who = f"your manager <@{importer.manager_id}>" if importer.manager_id else "your manager"
    raise NotAllowed(
        "Only Coachflow admins and managers can import pipeline data. "
        f"Your deals come in when {who} or an admin shares the CRM export with Coachflow."
    )


@dataclass(frozen=True)
class AuditScope:
    """Whose pipeline audit one person may read, and what they asked for.

    `rep_ids` None: every rep with deals in the workspace (an admin's
    `/coach pipeline`). Otherwise the reps asked for, all within the viewer's
    reach: a manager's own reps (and their own deals), or anyone for an admin.
    """

    viewer_id: str
    rep_ids: tuple[str, ...] | None
    of: Literal["workspace", "team", "rep"]


def audit_scope_of(viewer: Member | None, reps: Iterable[Member], rep_id: str | None = None) -> AuditScope:
    """The audit `viewer` (whose reps are `reps`) may read; NotAllowed for a rep or a stranger.

    The same answer whether or not a rep outside the viewer's team exists, so
    nobody can probe other teams.
    """
    if viewer is None:
        raise NotAllowed("Coachflow does not know you yet in this workspace. Run `/coach team` to get started.")
    own = tuple(rep.user_id for rep in reps if rep.manager_id == viewer.user_id)
    if not viewer.is_admin and viewer.role is not Role.MANAGER and not own:
        raise NotAllowed(
            "The pipeline audit is for managers and admins. Your manager can go through yours with you."
        )
    if rep_id is None:
        return AuditScope(viewer.user_id, None, "workspace") if viewer.is_admin else AuditScope(
            viewer.user_id, own, "team")
    if viewer.is_admin or rep_id == viewer.user_id or rep_id in own:
        return AuditScope(viewer.user_id, (rep_id,), "rep")
    raise NotAllowed(f"<@{rep_id}> is not on your team, so you cannot see their pipeline.")

"""Whose deals a person may import: the rule behind a CSV shared in Coachflow's DM.

An admin's import covers the whole workspace. A manager's covers the deals
owned by their own reps and by themself: a manager must not change another
team's data, so rows owned by anyone else are reported like bad rows and
left alone. A rep, or someone Coachflow does not know, may not import at all.
(The CLI is an operator's tool and is not scoped: it passes no importer.)
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

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
            "with Coachflow, or run `/coach help` to get started."
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

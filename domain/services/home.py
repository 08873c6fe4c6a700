"""What a person's App Home shows, decided by role and privacy rules."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from domain.coaching.cycle import CoachingCycle
from domain.coaching.progress import CycleProgress
from domain.errors import NotAllowed
from domain.model import Member, Role, WorkspaceRef
from domain.ports import UnitOfWork, UnitOfWorkFactory
from domain.services.diagnosis import DiagnosisService, ProfileView
from domain.services.progress import load_progress
from domain.services.roster import TeamListing, group_teams


@dataclass(frozen=True)
class HomeModel:
    """Only what this viewer may see.

    A rep sees their own coach; a manager sees their own reps; an admin also
    sees every team in their workspace (never another workspace's).
    """

    viewer_id: str
    viewer: Member | None
    coach: Member | None = None
    reps: list[Member] = field(default_factory=list)
    workspace_teams: list[TeamListing] | None = None
    admins: list[Member] = field(default_factory=list)
    cycles: dict[str, CoachingCycle] = field(default_factory=dict)  # active, by rep id
    progress: dict[str, CycleProgress] = field(default_factory=dict)  # by rep id, for active cycles
    profile: ProfileView | None = None  # the viewer's own skills profile, when they are coached

    @property
    def is_new(self) -> bool:
        return self.viewer is None

    @property
    def is_manager(self) -> bool:
        return bool(self.reps) or (self.viewer is not None and self.viewer.role is Role.MANAGER)

    @property
    def is_admin(self) -> bool:
        return self.viewer is not None and self.viewer.is_admin


class HomeService:
    def __init__(self, uow_factory: UnitOfWorkFactory, diagnosis: DiagnosisService | None = None) -> None:
        self._uow_factory = uow_factory
        self._diagnosis = diagnosis

    def home_for(self, ws: WorkspaceRef, user_id: str) -> HomeModel:
        home = self._roles(ws, user_id)
        if home.viewer is None or home.coach is None or self._diagnosis is None:
            return home
        try:
            profile = self._diagnosis.profile(ws, user_id, user_id)
        except NotAllowed:
            return home
        return replace(home, profile=profile)

    def _roles(self, ws: WorkspaceRef, user_id: str) -> HomeModel:
        with self._uow_factory() as uow:
            viewer = uow.members.get(ws, user_id)
            if viewer is None:
                return HomeModel(viewer_id=user_id, viewer=None)
            coach = uow.members.get(ws, viewer.manager_id) if viewer.manager_id else None
            if not viewer.is_admin:
                reps = uow.members.reps_of(ws, user_id)
                return HomeModel(
                    viewer_id=user_id,
                    viewer=viewer,
                    coach=coach,
                    reps=reps,
                    **_cycles(uow, ws, [user_id, *(r.user_id for r in reps)]),
                )
            # Admins: one query for the whole workspace instead of one per team.
            everyone = uow.members.list_all(ws)
            reps = sorted(
                (m for m in everyone if m.manager_id == user_id), key=lambda m: m.name.lower()
            )
            return HomeModel(
                viewer_id=user_id,
                viewer=viewer,
                coach=coach,
                reps=reps,
                workspace_teams=group_teams(everyone),
                admins=sorted((m for m in everyone if m.is_admin), key=lambda m: m.name.lower()),
                **_cycles(uow, ws, [user_id, *(r.user_id for r in reps)]),
            )


def _cycles(uow: UnitOfWork, ws: WorkspaceRef, user_ids: list[str]) -> dict[str, Any]:
    cycles = uow.cycles.active_for_reps(ws, user_ids)
    return {"cycles": cycles, "progress": load_progress(uow, ws, cycles.values())}

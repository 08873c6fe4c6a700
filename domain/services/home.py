"""What a person's App Home shows, decided by role and privacy rules."""

from __future__ import annotations

from dataclasses import dataclass, field

from domain.coaching.cycle import CoachingCycle
from domain.model import Member, Role, WorkspaceRef
from domain.ports import UnitOfWorkFactory
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
    def __init__(self, uow_factory: UnitOfWorkFactory) -> None:
        self._uow_factory = uow_factory

    def home_for(self, ws: WorkspaceRef, user_id: str) -> HomeModel:
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
                    cycles=uow.cycles.active_for_reps(ws, [user_id, *(r.user_id for r in reps)]),
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
                cycles=uow.cycles.active_for_reps(ws, [user_id, *(r.user_id for r in reps)]),
            )

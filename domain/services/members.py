"""Who Coachflow knows in a workspace: callers enrolled on first use, admins, names and time zones from Slack.

`RosterService` (domain/services/roster.py) builds on this with the team
changes; Slack, the CLI and jobs reach both through it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace
from datetime import datetime

from domain.catalog import Catalog
from domain.errors import InvalidInput, NotAllowed, NotFound
from domain.model import Member, SlackProfile, Workspace, WorkspaceRef, new_member
from domain.ports import UnitOfWork, UnitOfWorkFactory, UserDirectory
from domain.services.roster_rules import Caller, fallback_profile
from domain.services.scheduling import ScheduleService


class MemberAccounts:
    """Every change reschedules the people it touches, in the same unit of work."""

    def __init__(
        self,
        uow_factory: UnitOfWorkFactory,
        default_time_zone: str = "UTC",
        schedules: ScheduleService | None = None,
        clock: Callable[[], datetime] | None = None,
        catalog: Catalog | None = None,
    ) -> None:
        self._uow_factory = uow_factory
        self._default_tz = default_time_zone
        self._schedules = schedules
        self._clock = clock
        self._catalog = catalog  # for the App Homes a change refreshes (their skills profile)

    def _now(self) -> datetime | None:
        return self._clock() if self._clock is not None else None

    def _reschedule(self, uow: UnitOfWork, ws: WorkspaceRef, user_ids: Iterable[str | None]) -> None:
        if self._schedules is not None and self._clock is not None:
            self._schedules.refresh_in(uow, ws, [u for u in user_ids if u], self._clock())

    # -- names and time zones -----------------------------------------------

    def update_profiles(self, ws: WorkspaceRef, profiles: Iterable[SlackProfile]) -> list[str]:
        """Take names and time zones from Slack for people we know; returns who changed.

        Called daily for everyone (a page of people at a time), so a rep who
        flies to another time zone gets nudges at their new 09:00. A page
        where nothing changed is only read: no write lock, nothing written.
        """
        wanted = {p.user_id: p for p in profiles if not p.is_bot}
        with self._uow_factory(read_only=True) as uow:
            known = uow.members.get_many(ws, wanted)
            tz = self._workspace_tz(uow, ws)
        if all(member.with_profile(wanted[user_id], tz) == member for user_id, member in known.items()):
            return []
        with self._uow_factory() as uow:
            changed = self.apply_profiles(uow, ws, wanted.values())
            uow.commit()
        return changed

    def refresh_cursor(self, ws: WorkspaceRef) -> str | None:
        """Where the daily refresh resumes: the `users.list` cursor saved after its last page (issue 15)."""
        with self._uow_factory(read_only=True) as uow:
            return uow.workspaces.refresh_cursor(ws)

    def save_refresh_cursor(self, ws: WorkspaceRef, cursor: str | None) -> None:
        """After each page: the next cursor; None when the list is finished (or must start over)."""
        with self._uow_factory() as uow:
            uow.workspaces.save_refresh_cursor(ws, cursor)
            uow.commit()

    def apply_profiles(self, uow: UnitOfWork, ws: WorkspaceRef, profiles: Iterable[SlackProfile]) -> list[str]:
        """Within `uow`: update the known people whose Slack profile changed and reschedule them."""
        wanted = {p.user_id: p for p in profiles if not p.is_bot}
        known = uow.members.get_many(ws, wanted)
        tz = self._workspace_tz(uow, ws)
        changed: list[str] = []
        for user_id, member in known.items():
            updated = member.with_profile(wanted[user_id], tz)
            if updated != member:
                uow.members.update(updated)
                changed.append(user_id)
        self._reschedule(uow, ws, changed)
        return changed

    # -- callers --------------------------------------------------------------

    def enroll_caller(self, ws: WorkspaceRef, user_id: str, directory: UserDirectory) -> Caller:
        """Make sure the person running a command is known.

        The first person to use Coachflow in a workspace becomes its admin,
        so a fresh install is never left without someone who can set it up.
        """
        with self._uow_factory() as uow:
            caller = self._enroll(uow, ws, user_id, directory)
            uow.commit()
            return caller

    def _enroll(self, uow: UnitOfWork, ws: WorkspaceRef, user_id: str, directory: UserDirectory) -> Caller:
        self._ensure_workspace(uow, ws)
        member = uow.members.get(ws, user_id)
        if member is None:
            profile = directory.lookup(user_id) or fallback_profile(user_id)
            member = new_member(ws, profile, self._workspace_tz(uow, ws))
            uow.members.add(member)
        became_admin = False
        if not member.is_admin and not uow.members.has_admin(ws):
            member = replace(member, is_admin=True)
            uow.members.update(member)
            became_admin = True
        return Caller(member=member, became_admin=became_admin)

    def member(self, ws: WorkspaceRef, user_id: str) -> Member | None:
        with self._uow_factory(read_only=True) as uow:
            return uow.members.get(ws, user_id)

    # -- admins ---------------------------------------------------------------

    def has_admin(self, ws: WorkspaceRef) -> bool:
        """Whether anyone administers the workspace yet (reads only)."""
        with self._uow_factory(read_only=True) as uow:
            return uow.members.has_admin(ws)

    def grant_admin(
        self,
        ws: WorkspaceRef,
        user_id: str,
        directory: UserDirectory,
        granted_by: str | None = None,
    ) -> Member:
        """Make someone an admin. `granted_by=None` is an operator at the CLI."""
        with self._uow_factory() as uow:
            member = self._grant(uow, ws, user_id, directory, granted_by)
            uow.commit()
            return member

    def _grant(self, uow: UnitOfWork, ws: WorkspaceRef, user_id: str, directory: UserDirectory,
               granted_by: str | None) -> Member:
        self._ensure_workspace(uow, ws)
        if granted_by is not None:
            granter = self._require_member(uow, ws, granted_by)
            if not granter.is_admin:
                raise NotAllowed(
                    "Only a Coachflow admin can grant admin rights. "
                    "Ask one of them: they are listed in the admin view of App Home."
                )
        member = uow.members.get(ws, user_id) or self._add_from_slack(
            uow, ws, user_id, directory, unknown=f"Slack does not know <@{user_id}> in this workspace.",
            app=f"<@{user_id}> is an app; only people can be admins.")
        if not member.is_admin:
            member = replace(member, is_admin=True)
            uow.members.update(member)
        return member

    # -- helpers --------------------------------------------------------------

    def _ensure_workspace(self, uow: UnitOfWork, ws: WorkspaceRef) -> Workspace:
        workspace = uow.workspaces.get(ws)
        if workspace is None:
            workspace = Workspace(ref=ws)
            uow.workspaces.add(workspace)
        return workspace

    def _add_from_slack(self, uow: UnitOfWork, ws: WorkspaceRef, user_id: str, directory: UserDirectory, *,
                        unknown: str, app: str) -> Member:
        """A person Coachflow does not know yet, as Slack describes them; `unknown` and `app` say why not."""
        profile = directory.lookup(user_id)
        if profile is None or profile.deleted:
            raise NotFound(unknown)
        if profile.is_bot:
            raise InvalidInput(app)
        member = new_member(ws, profile, self._workspace_tz(uow, ws))
        uow.members.add(member)
        return member

    def _workspace_tz(self, uow: UnitOfWork, ws: WorkspaceRef) -> str:
        workspace = uow.workspaces.get(ws)
        if workspace is None:
            return self._default_tz
        return workspace.settings.default_time_zone or self._default_tz

    @staticmethod
    def _require_member(uow: UnitOfWork, ws: WorkspaceRef, user_id: str) -> Member:
        member = uow.members.get(ws, user_id)
        if member is None:
            raise NotFound(
                "Coachflow does not know you yet in this workspace. "
                "Run `/coach team` to get started."
            )
        return member

"""Team roster use cases: who coaches whom, and who administers a workspace."""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import datetime

from domain.errors import InvalidInput, NotAllowed, NotFound
from domain.model import Member, Role, SlackProfile, Workspace, WorkspaceRef, new_member
from domain.ports import UnitOfWork, UnitOfWorkFactory, UserDirectory
from domain.receipts import Receipt, record, within_deadline
from domain.services.cycles import hand_over_cycle
from domain.services.scheduling import ScheduleService


class AddOutcome(str, enum.Enum):
    ADDED = "added"
    MOVED = "moved"
    ALREADY_ON_TEAM = "already_on_team"
    COACHED_ELSEWHERE = "coached_elsewhere"
    IS_SELF = "is_self"
    IS_BOT = "is_bot"
    IS_YOUR_MANAGER = "is_your_manager"
    UNKNOWN_USER = "unknown_user"


@dataclass(frozen=True)
class RepResult:
    """What happened to one person named in `/coach team add`."""

    user_id: str
    outcome: AddOutcome
    rep: Member | None = None
    previous_manager_id: str | None = None
    previous_manager_name: str | None = None

    @property
    def joined(self) -> bool:
        return self.outcome in (AddOutcome.ADDED, AddOutcome.MOVED)


@dataclass(frozen=True)
class Caller:
    member: Member
    became_admin: bool = False


@dataclass(frozen=True)
class TeamListing:
    manager: Member
    reps: list[Member]


def _fallback_profile(user_id: str) -> SlackProfile:
    # Used when no Slack directory is available (the CLI without a token):
    # the name and time zone are refreshed the next time Slack is asked.
    return SlackProfile(user_id=user_id, name=user_id, real_name="", time_zone=None)


class RosterService:
    """Teams are kept in one place so Slack, the CLI and jobs agree on them.

    Every change reschedules the people it touches (a new manager gets the
    week-ahead note; a removed rep stops getting nudges).
    """

    def __init__(
        self,
        uow_factory: UnitOfWorkFactory,
        default_time_zone: str = "UTC",
        schedules: ScheduleService | None = None,
        clock: Callable[[], datetime] | None = None,
    ) -> None:
        self._uow_factory = uow_factory
        self._default_tz = default_time_zone
        self._schedules = schedules
        self._clock = clock

    def _reschedule(self, ws: WorkspaceRef, user_ids: Iterable[str | None]) -> None:
        if self._schedules is not None and self._clock is not None:
            self._schedules.refresh_people(ws, [u for u in user_ids if u], self._clock())

    def update_profiles(self, ws: WorkspaceRef, profiles: Iterable[SlackProfile]) -> list[str]:
        """Take names and time zones from Slack for people we know; returns who changed.

        Called daily for everyone and whenever someone opens App Home, so a
        rep who flies to another time zone gets nudges at their new 09:00.
        """
        wanted = {p.user_id: p for p in profiles if not p.is_bot}
        changed: list[str] = []
        with self._uow_factory() as uow:
            known = uow.members.get_many(ws, wanted)
            tz = self._workspace_tz(uow, ws)
            for user_id, member in known.items():
                updated = member.with_profile(wanted[user_id], tz)
                if updated != member:
                    uow.members.update(updated)
                    changed.append(user_id)
            uow.commit()
        self._reschedule(ws, changed)
        return changed

    # -- callers and workspaces -------------------------------------------

    def enroll_caller(
        self, ws: WorkspaceRef, user_id: str, directory: UserDirectory
    ) -> Caller:
        """Make sure the person running a command is known.

        The first person to use Coachflow in a workspace becomes its admin,
        so a fresh install is never left without someone who can set it up.
        """
        with self._uow_factory() as uow:
            self._ensure_workspace(uow, ws)
            member = uow.members.get(ws, user_id)
            if member is None:
                profile = directory.lookup(user_id) or _fallback_profile(user_id)
                member = new_member(ws, profile, self._workspace_tz(uow, ws))
                uow.members.add(member)
            became_admin = False
            if not member.is_admin and not uow.members.has_admin(ws):
                member = replace(member, is_admin=True)
                uow.members.update(member)
                became_admin = True
            uow.commit()
            return Caller(member=member, became_admin=became_admin)

    def member(self, ws: WorkspaceRef, user_id: str) -> Member | None:
        with self._uow_factory() as uow:
            return uow.members.get(ws, user_id)

    def has_admin(self, ws: WorkspaceRef) -> bool:
        """Whether anyone administers the workspace yet (reads only)."""
        with self._uow_factory() as uow:
            return uow.members.has_admin(ws)

    # -- the team ---------------------------------------------------------

    def add_reps(
        self,
        ws: WorkspaceRef,
        caller_id: str,
        rep_ids: list[str],
        directory: UserDirectory,
        receipt: Receipt | None = None,
    ) -> list[RepResult]:
        """Put the named people on the caller's team.

        A rep coached by someone else moves only when the caller is an admin;
        otherwise the result says who coaches them so the caller can ask.
        """
        if not rep_ids:
            raise InvalidInput("Name at least one person: `/coach team add @alex @sam`.")
        results: list[RepResult] = []
        with self._uow_factory() as uow:
            record(uow, ws, receipt)
            caller = self._require_member(uow, ws, caller_id)
            known = uow.members.get_many(ws, rep_ids)
            tz = self._workspace_tz(uow, ws)
            results.extend(  # keep order, drop repeats
                self._add_one(uow, ws, caller, known.get(rep_id), rep_id, directory, tz)
                for rep_id in dict.fromkeys(rep_ids)
            )
            if any(r.joined for r in results) and caller.role is not Role.MANAGER:
                uow.members.update(replace(caller, role=Role.MANAGER))
            uow.commit()
        joined = [r for r in results if r.joined]
        self._reschedule(ws, [caller_id, *(r.user_id for r in joined), *(r.previous_manager_id for r in joined)])
        return results

    def precheck_add(self, ws: WorkspaceRef, caller_id: str, rep_ids: list[str],
                     receipt: Receipt | None = None) -> list[RepResult]:
        """Refusals we can tell from our own data, without asking Slack.

        Modals must answer within Slack's 3 seconds, so the add-reps modal
        validates with this and leaves the Slack lookups for after `ack()`.
        """
        with self._uow_factory() as uow:
            within_deadline(uow, receipt)  # the modal's answer must reach Slack in time
            caller = uow.members.get(ws, caller_id) or Member(ws, caller_id, caller_id, self._default_tz)
            known = uow.members.get_many(ws, rep_ids)
            refusals = [
                refusal
                for rep_id in dict.fromkeys(rep_ids)
                if (refusal := _refusal(caller, known.get(rep_id), rep_id)) is not None
                and refusal.outcome is not AddOutcome.ALREADY_ON_TEAM
            ]
            managers = uow.members.get_many(ws, [r.previous_manager_id for r in refusals if r.previous_manager_id])
            return [
                replace(r, previous_manager_name=managers[r.previous_manager_id].name)
                if r.previous_manager_id in managers
                else r
                for r in refusals
            ]

    def _add_one(
        self,
        uow: UnitOfWork,
        ws: WorkspaceRef,
        caller: Member,
        existing: Member | None,
        rep_id: str,
        directory: UserDirectory,
        tz: str,
    ) -> RepResult:
        refused = _refusal(caller, existing, rep_id)
        if refused is not None:
            return refused
        profile = directory.lookup(rep_id)
        if profile is None or profile.deleted:
            return RepResult(rep_id, AddOutcome.UNKNOWN_USER)
        if profile.is_bot:
            return RepResult(rep_id, AddOutcome.IS_BOT)
        previous = existing.manager_id if existing else None
        if existing is None:
            rep = replace(new_member(ws, profile, tz), manager_id=caller.user_id)
            uow.members.add(rep)
        else:
            rep = replace(existing.with_profile(profile, tz), manager_id=caller.user_id)
            uow.members.update(rep)
            if previous:
                hand_over_cycle(uow, ws, rep_id, caller.user_id)
        outcome = AddOutcome.MOVED if previous else AddOutcome.ADDED
        return RepResult(rep_id, outcome, rep, previous)

    def team(self, ws: WorkspaceRef, manager_id: str) -> TeamListing:
        with self._uow_factory() as uow:
            manager = self._require_member(uow, ws, manager_id)
            return TeamListing(manager, uow.members.reps_of(ws, manager_id))

    def remove_rep(self, ws: WorkspaceRef, caller_id: str, rep_id: str, receipt: Receipt | None = None) -> Member:
        """Take a rep off a team; their member row and history stay."""
        with self._uow_factory() as uow:
            record(uow, ws, receipt)
            caller = self._require_member(uow, ws, caller_id)
            rep = uow.members.get(ws, rep_id)
            if rep is None or rep.manager_id is None:
                raise NotFound(f"<@{rep_id}> is not on a Coachflow team.")
            if rep.manager_id != caller_id and not caller.is_admin:
                raise NotAllowed(
                    f"You are coached by <@{rep.manager_id}>: only they or an admin can take you off their team."
                    if rep_id == caller_id else f"<@{rep_id}> is coached by <@{rep.manager_id}>, not by you. "
                    "Only their manager or an admin can remove them."
                )
            removed = replace(rep, manager_id=None)
            uow.members.update(removed)
            uow.commit()
        self._reschedule(ws, [rep_id, rep.manager_id])
        return rep

    def move_rep(
        self,
        ws: WorkspaceRef,
        caller_id: str,
        rep_id: str,
        new_manager_id: str,
        directory: UserDirectory,
    ) -> RepResult:
        """Hand a rep to another manager: their current manager or an admin may."""
        with self._uow_factory() as uow:
            caller = self._require_member(uow, ws, caller_id)
            rep = uow.members.get(ws, rep_id)
            if rep is None or rep.manager_id is None:
                raise NotFound(
                    f"<@{rep_id}> is not on a Coachflow team yet. "
                    f"Their new manager can add them: `/coach team add <@{rep_id}>`."
                )
            if rep.manager_id != caller_id and not caller.is_admin:
                raise NotAllowed(
                    f"You are coached by <@{rep.manager_id}>: only they or an admin can move you."
                    if rep_id == caller_id else f"<@{rep_id}> is coached by <@{rep.manager_id}>. "
                    "Only they or an admin can move them."
                )
            if new_manager_id == rep_id:
                raise InvalidInput("A rep cannot coach themself. Name their new manager.")
            if rep.manager_id == new_manager_id:
                return RepResult(rep_id, AddOutcome.ALREADY_ON_TEAM, rep, rep.manager_id)
            new_manager = uow.members.get(ws, new_manager_id)
            if new_manager is None:
                profile = directory.lookup(new_manager_id)
                if profile is None or profile.deleted:
                    raise NotFound(f"Slack does not know <@{new_manager_id}>.")
                if profile.is_bot:
                    raise InvalidInput(f"<@{new_manager_id}> is an app, not a manager.")
                new_manager = new_member(ws, profile, self._workspace_tz(uow, ws))
                uow.members.add(new_manager)
            if new_manager.manager_id == rep_id:
                raise InvalidInput(
                    f"<@{new_manager_id}> is coached by <@{rep_id}>; "
                    "a rep cannot coach their own manager."
                )
            if new_manager.role is not Role.MANAGER:
                uow.members.update(replace(new_manager, role=Role.MANAGER))
            moved = replace(rep, manager_id=new_manager_id)
            uow.members.update(moved)
            hand_over_cycle(uow, ws, rep_id, new_manager_id)
            uow.commit()
        self._reschedule(ws, [rep_id, rep.manager_id, new_manager_id])
        return RepResult(rep_id, AddOutcome.MOVED, moved, rep.manager_id)

    # -- admins -----------------------------------------------------------

    def grant_admin(
        self,
        ws: WorkspaceRef,
        user_id: str,
        directory: UserDirectory,
        granted_by: str | None = None,
    ) -> Member:
        """Make someone an admin. `granted_by=None` is an operator at the CLI."""
        with self._uow_factory() as uow:
            self._ensure_workspace(uow, ws)
            if granted_by is not None:
                granter = self._require_member(uow, ws, granted_by)
                if not granter.is_admin:
                    raise NotAllowed(
                        "Only a Coachflow admin can grant admin rights. "
                        "Ask one of them: they are listed in the admin view of App Home."
                    )
            member = uow.members.get(ws, user_id)
            if member is None:
                profile = directory.lookup(user_id)
                if profile is None or profile.deleted:
                    raise NotFound(f"Slack does not know <@{user_id}> in this workspace.")
                if profile.is_bot:
                    raise InvalidInput(f"<@{user_id}> is an app; only people can be admins.")
                member = new_member(ws, profile, self._workspace_tz(uow, ws))
                uow.members.add(member)
            if not member.is_admin:
                member = replace(member, is_admin=True)
                uow.members.update(member)
            uow.commit()
            return member

    def teams(self, ws: WorkspaceRef, caller_id: str) -> list[TeamListing]:
        """Every team in the workspace: admins only."""
        with self._uow_factory() as uow:
            caller = self._require_member(uow, ws, caller_id)
            if not caller.is_admin:
                raise NotAllowed("Only a Coachflow admin can see every team.")
            return group_teams(uow.members.list_all(ws))

    # -- helpers ----------------------------------------------------------

    def _ensure_workspace(self, uow: UnitOfWork, ws: WorkspaceRef) -> Workspace:
        workspace = uow.workspaces.get(ws)
        if workspace is None:
            workspace = Workspace(ref=ws)
            uow.workspaces.add(workspace)
        return workspace

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


def _refusal(caller: Member, existing: Member | None, rep_id: str) -> RepResult | None:
    """The roster rules that need no Slack lookup."""
    if rep_id == caller.user_id:
        return RepResult(rep_id, AddOutcome.IS_SELF, existing)
    if rep_id == caller.manager_id:
        return RepResult(rep_id, AddOutcome.IS_YOUR_MANAGER, existing)
    if existing is not None and existing.manager_id == caller.user_id:
        return RepResult(rep_id, AddOutcome.ALREADY_ON_TEAM, existing, caller.user_id)
    if existing is not None and existing.manager_id and not caller.is_admin:
        return RepResult(rep_id, AddOutcome.COACHED_ELSEWHERE, existing, existing.manager_id)
    return None


def group_teams(members: list[Member]) -> list[TeamListing]:
    by_id = {m.user_id: m for m in members}
    reps_by_manager: dict[str, list[Member]] = {}
    for member in members:
        if member.manager_id is not None:
            reps_by_manager.setdefault(member.manager_id, []).append(member)
    listings = []
    for manager_id, reps in reps_by_manager.items():
        manager = by_id.get(manager_id)
        if manager is None:  # a manager row is always written before their reps
            continue
        listings.append(TeamListing(manager, sorted(reps, key=lambda m: m.name.lower())))
    return sorted(listings, key=lambda t: t.manager.name.lower())

"""Team roster use cases: who coaches whom.

Who Coachflow knows and who administers a workspace is `MemberAccounts`
(domain/services/members.py); the rules and results are in
domain/services/roster_rules.py.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from domain.effects import Done, Effects, refresh, tell
from domain.errors import CoachflowError, InvalidInput, NotAllowed, NotFound
from domain.model import Member, Role, WorkspaceRef, new_member
from domain.ports import UnitOfWork, UserDirectory
from domain.receipts import Receipt, record, within_deadline
from domain.services.cycles import hand_over_cycle
from domain.services.members import MemberAccounts
from domain.services.roster_rules import (
    AddOutcome,
    Caller,
    RepJoined,
    RepLeft,
    RepResult,
    RepsAdded,
    TeamListing,
    group_teams,
    joined_effects,
    refusal,
)
from domain.services.sessions import end_pair_sessions
from domain.services.use_case import finish

Outcomes = tuple[list[Member], list[str]]  # who a command changed, and each refusal for the others, in order

__all__ = ["AddOutcome", "Caller", "Outcomes", "RepResult", "RosterService", "TeamListing", "group_teams"]


class RosterService(MemberAccounts):
    """Teams are kept in one place so Slack, the CLI and jobs agree on them.

    Every change reschedules the people it touches (a new manager gets the
    week-ahead note; a removed rep stops getting nudges), in its own unit of work.
    """

    def add_reps(
        self,
        ws: WorkspaceRef,
        caller_id: str,
        rep_ids: list[str],
        directory: UserDirectory,
        receipt: Receipt | None = None,
    ) -> list[RepResult]:
        """Put the named people on the caller's team (`/coach team add`; its listener tells them).

        A rep coached by someone else moves only when the caller is an admin;
        otherwise the result says who coaches them so the caller can ask.
        """
        _require_someone(rep_ids)
        with self._uow_factory() as uow:
            record(uow, ws, receipt)
            results = self._add(uow, ws, self._require_member(uow, ws, caller_id), rep_ids, directory)
            uow.commit()
        return results

    def add_and_tell(
        self, ws: WorkspaceRef, manager_id: str, rep_ids: list[str], directory: UserDirectory,
        receipt: Receipt | None = None,
    ) -> Done[list[RepResult]]:
        """The add-reps modal, saved: the manager enrolled if new, the reps added, everyone told, Homes refreshed."""
        _require_someone(rep_ids)
        with self._uow_factory() as uow:
            record(uow, ws, receipt)
            caller = self._enroll(uow, ws, manager_id, directory).member
            results = self._add(uow, ws, caller, rep_ids, directory)
            summary = tell(manager_id, RepsAdded(results, len(uow.members.reps_of(ws, manager_id))))
            done = finish(uow, ws, Done(results, joined_effects(manager_id, results) + summary),
                          catalog=self._catalog, now=self._now())
            uow.commit()
        return done

    def add_reps_and_tell(self, ws: WorkspaceRef, caller_id: str, rep_ids: list[str],
                          directory: UserDirectory) -> Done[RepsAdded]:
        """`/coach team add`: as `add_reps`; the new reps told, Homes refreshed; the summary is the caller's reply."""
        _require_someone(rep_ids)
        with self._uow_factory() as uow:
            results = self._add(uow, ws, self._require_member(uow, ws, caller_id), rep_ids, directory)
            summary = RepsAdded(results, len(uow.members.reps_of(ws, caller_id)))
            done = finish(uow, ws, Done(summary, joined_effects(caller_id, results)),
                          catalog=self._catalog, now=self._now())
            uow.commit()
        return done

    def _add(self, uow: UnitOfWork, ws: WorkspaceRef, caller: Member, rep_ids: list[str],
             directory: UserDirectory) -> list[RepResult]:
        known = uow.members.get_many(ws, rep_ids)
        tz = self._workspace_tz(uow, ws)
        results = [
            self._add_one(uow, ws, caller, known.get(rep_id), rep_id, directory, tz)
            for rep_id in dict.fromkeys(rep_ids)  # keep order, drop repeats
        ]
        joined = [r for r in results if r.joined]
        if joined and caller.role is not Role.MANAGER:
            uow.members.update(replace(caller, role=Role.MANAGER))
        self._reschedule(uow, ws, [caller.user_id, *(r.user_id for r in joined),
                                   *(r.previous_manager_id for r in joined)])
        return results

    def precheck_add(self, ws: WorkspaceRef, caller_id: str, rep_ids: list[str],
                     receipt: Receipt | None = None) -> list[RepResult]:
        """Refusals we can tell from our own data, without asking Slack.

        Modals must answer within Slack's 3 seconds, so the add-reps modal
        validates with this and leaves the Slack lookups for after `ack()`.
        It writes nothing, yet opens a writing unit on purpose: the modal closes
        on a promise to save, so a database that will not take the save by the
        receipt's deadline is said inline, before it closes (the save deadline).
        """
        with self._uow_factory() as uow:
            within_deadline(uow, receipt)  # the modal's answer must reach Slack in time
            caller = uow.members.get(ws, caller_id) or Member(ws, caller_id, caller_id, self._default_tz)
            known = uow.members.get_many(ws, rep_ids)
            refusals = [
                refused
                for rep_id in dict.fromkeys(rep_ids)
                if (refused := refusal(caller, known.get(rep_id), rep_id)) is not None
                and refused.outcome is not AddOutcome.ALREADY_ON_TEAM
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
        refused = refusal(caller, existing, rep_id)
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
                self._end_sessions(uow, ws, rep_id, previous, caller.user_id)
        outcome = AddOutcome.MOVED if previous else AddOutcome.ADDED
        return RepResult(rep_id, outcome, rep, previous)

    def team(self, ws: WorkspaceRef, manager_id: str) -> TeamListing:
        with self._uow_factory(read_only=True) as uow:
            manager = self._require_member(uow, ws, manager_id)
            return TeamListing(manager, uow.members.reps_of(ws, manager_id))

    def remove_rep(self, ws: WorkspaceRef, caller_id: str, rep_id: str, receipt: Receipt | None = None) -> Member:
        """Take a rep off a team; their member row and history stay (`/coach team remove`)."""
        with self._uow_factory() as uow:
            rep = self._remove(uow, ws, caller_id, rep_id, receipt)
            uow.commit()
        return rep

    def remove_and_tell(self, ws: WorkspaceRef, manager_id: str, rep_id: str,
                        receipt: Receipt | None = None) -> Done[Member]:
        """App Home's Remove button: the rep leaves the team; both Homes are refreshed."""
        with self._uow_factory() as uow:
            rep = self._remove(uow, ws, manager_id, rep_id, receipt)
            done = finish(uow, ws, Done(rep, refresh(manager_id, rep_id)), catalog=self._catalog, now=self._now())
            uow.commit()
        return done

    def remove_reps_and_tell(self, ws: WorkspaceRef, caller_id: str, rep_ids: list[str]) -> Done[Outcomes]:
        """`/coach team remove @a @b`: each rep leaves the team or is refused, in one unit; the Homes change."""
        with self._uow_factory() as uow:
            removed, refused = _each(lambda rep_id: self._remove(uow, ws, caller_id, rep_id, None), rep_ids)
            effects = refresh(caller_id, *(r.user_id for r in removed))
            done = finish(uow, ws, Done((removed, refused), effects), catalog=self._catalog, now=self._now())
            uow.commit()
        return done

    def _remove(self, uow: UnitOfWork, ws: WorkspaceRef, caller_id: str, rep_id: str,
                receipt: Receipt | None) -> Member:
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
        uow.members.update(replace(rep, manager_id=None))
        self._end_sessions(uow, ws, rep_id, rep.manager_id, caller_id)
        self._reschedule(uow, ws, [rep_id, rep.manager_id])
        return rep

    def _end_sessions(self, uow: UnitOfWork, ws: WorkspaceRef, rep_id: str, manager_id: str, by: str) -> None:
        # Like rescheduling, only with a clock: a service built without one (some unit tests) keeps sessions.
        if (now := self._now()) is not None:
            end_pair_sessions(uow, ws, rep_id, manager_id, by, now)

    def move_rep(self, ws: WorkspaceRef, caller_id: str, rep_id: str, new_manager_id: str,
                 directory: UserDirectory) -> RepResult:
        """Hand a rep to another manager: their current manager or an admin may."""
        with self._uow_factory() as uow:
            result = self._move(uow, ws, caller_id, rep_id, new_manager_id, directory)
            uow.commit()
        return result

    def move_and_tell(self, ws: WorkspaceRef, caller_id: str, rep_id: str, new_manager_id: str,
                      directory: UserDirectory) -> Done[RepResult]:
        """`/coach team move`: as `move_rep`; the rep and a previous manager other than the caller are told."""
        with self._uow_factory() as uow:
            result = self._move(uow, ws, caller_id, rep_id, new_manager_id, directory)
            effects = Effects()
            if result.joined:
                previous = result.previous_manager_id
                effects = tell(rep_id, RepJoined(result, new_manager_id))
                if previous and previous != caller_id:
                    effects += tell(previous, RepLeft(rep_id, new_manager_id))
                effects += refresh(caller_id, rep_id, new_manager_id, previous)
            done = finish(uow, ws, Done(result, effects), catalog=self._catalog, now=self._now())
            uow.commit()
        return done

    def _move(self, uow: UnitOfWork, ws: WorkspaceRef, caller_id: str, rep_id: str, new_manager_id: str,
              directory: UserDirectory) -> RepResult:
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
        new_manager = uow.members.get(ws, new_manager_id) or self._add_from_slack(
            uow, ws, new_manager_id, directory, unknown=f"Slack does not know <@{new_manager_id}>.",
            app=f"<@{new_manager_id}> is an app, not a manager.")
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
        self._end_sessions(uow, ws, rep_id, rep.manager_id, caller_id)
        self._reschedule(uow, ws, [rep_id, rep.manager_id, new_manager_id])
        return RepResult(rep_id, AddOutcome.MOVED, moved, rep.manager_id)

    def grant_and_tell(self, ws: WorkspaceRef, user_ids: list[str], directory: UserDirectory,
                       granted_by: str) -> Done[Outcomes]:
        """`/coach admin grant @a @b`: each becomes an admin or is refused, in one unit; their Homes change."""
        with self._uow_factory() as uow:
            granted, refused = _each(lambda user_id: self._grant(uow, ws, user_id, directory, granted_by), user_ids)
            effects = refresh(*(m.user_id for m in granted))
            done = finish(uow, ws, Done((granted, refused), effects), catalog=self._catalog, now=self._now())
            uow.commit()
        return done

    def teams(self, ws: WorkspaceRef, caller_id: str) -> list[TeamListing]:
        """Every team in the workspace: admins only."""
        with self._uow_factory(read_only=True) as uow:
            caller = self._require_member(uow, ws, caller_id)
            if not caller.is_admin:
                raise NotAllowed("Only a Coachflow admin can see every team.")
            return group_teams(uow.members.list_all(ws))


def _each(step: Callable[[str], Member], user_ids: list[str]) -> Outcomes:
    """`step` for each person in one unit; a refusal (raised before anything is written) hides no other result."""
    done: list[Member] = []
    refused: list[str] = []
    for user_id in user_ids:
        try:
            done.append(step(user_id))
        except CoachflowError as error:
            refused.append(str(error))
    return done, refused


def _require_someone(rep_ids: list[str]) -> None:
    if not rep_ids:
        raise InvalidInput("Name at least one person: `/coach team add @alex @sam`.")

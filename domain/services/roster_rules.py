"""The roster's rules and results: who may join whose team, what happened to each person, who is told.

Pure: no unit of work. `RosterService` applies them; `/coach team`, the
add-reps modal and App Home read their results.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from domain.effects import Effects, Message, Notice, refresh
from domain.model import Member, SlackProfile


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


@dataclass(frozen=True)
class RepJoined(Notice):
    """To a rep: `manager_id` coaches them now."""

    result: RepResult
    manager_id: str


@dataclass(frozen=True)
class RepLeft(Notice):
    """To a rep's previous manager: `rep_id` moved to `manager_id`."""

    rep_id: str
    manager_id: str


@dataclass(frozen=True)
class RepsAdded(Notice):
    """To the manager who added people: what happened to each, and how big the team is now."""

    results: list[RepResult]
    team_size: int


def joined_effects(manager_id: str, results: list[RepResult]) -> Effects:
    """Each new rep is told who coaches them, a previous manager who lost a rep too; their Homes change."""
    joined = [r for r in results if r.joined]
    messages: list[Message] = []
    for result in joined:
        messages.append(Message(result.user_id, RepJoined(result, manager_id)))
        if result.previous_manager_id:
            messages.append(Message(result.previous_manager_id, RepLeft(result.user_id, manager_id)))
    if not joined:
        return Effects()
    previous = [r.previous_manager_id for r in joined]
    return Effects(messages=tuple(messages)) + refresh(manager_id, *(r.user_id for r in joined), *previous)


def fallback_profile(user_id: str) -> SlackProfile:
    # Used when no Slack directory is available (the CLI without a token):
    # the name and time zone are refreshed the next time Slack is asked.
    return SlackProfile(user_id=user_id, name=user_id, real_name="", time_zone=None)


def refusal(caller: Member, existing: Member | None, rep_id: str) -> RepResult | None:
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

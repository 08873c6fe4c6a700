"""Monday of program week 7, 09:00 local: the invitation to the 21-day challenge (issue 13).

Two weekly kinds of their own (this feature's module, not a line in another
kind's note): the rep is invited with their focus skills and the catalog's
default behaviours (`challenge_invite`), and each manager gets one DM listing
their reps who entered week 7 without a challenge (`challenge_invite_team`).
Left out, so nothing is sent: a rep in any other week, one whose latest
challenge belongs to this cycle (started early, on Friday of week 6) or is
running, one without focus skills, and a cycle someone else runs.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, time

from domain.catalog import Catalog, load_catalog
from domain.coaching.challenge_invite import InvitedSkill, invited, invited_skills
from domain.coaching.cycle import CoachingCycle
from domain.model import Member, WorkspaceRef
from domain.notifications.kind import Occasion, ScheduledKind
from domain.ports import UnitOfWork
from domain.scheduling.kinds import Audience, Cadence, Staleness

INVITE_KIND = "challenge_invite"
TEAM_KIND = "challenge_invite_team"
INVITE_AT = time(9, 0)
MONDAY = 0
_STALE = Staleness(days_after=2, at=time(0, 0))  # Monday's invitation still reads right until Wednesday


@dataclass(frozen=True)
class ChallengeInvite:
    """To a rep on Monday of week 7: why, their focus skills with the default behaviours, the start button."""

    workspace: WorkspaceRef
    rep: Member
    cycle: CoachingCycle
    skills: tuple[InvitedSkill, ...]


@dataclass(frozen=True)
class TeamChallengeInvites:
    """To a manager on Monday: their reps who entered week 7 without a challenge, by name."""

    workspace: WorkspaceRef
    manager: Member
    reps: tuple[Member, ...]


def _invited_reps(uow: UnitOfWork, ws: WorkspaceRef, reps: dict[str, Member], mondays: Mapping[str, date]
                  ) -> dict[str, tuple[CoachingCycle, list[str]]]:
    """Three queries: the reps' active cycles, their latest challenges, the cycles' focus skills. A rep invited
    on their Monday (`mondays`, by rep id): in week 7 of a cycle their own manager runs, and no challenge of it."""
    cycles = {rep_id: c for rep_id, c in uow.cycles.active_for_reps(ws, list(reps)).items()
              if c.manager_id == reps[rep_id].manager_id and c.id is not None}
    if not cycles:
        return {}
    latest = uow.challenges.latest_for(ws, list(cycles))
    focus = uow.priorities.focus_for([c.id for c in cycles.values() if c.id is not None])
    found: dict[str, tuple[CoachingCycle, list[str]]] = {}
    for rep_id, cycle in cycles.items():
        skills = focus.get(cycle.id or 0, [])
        on = mondays.get(rep_id)
        if on is not None and invited(cycle, latest.get(rep_id), skills, on, first_week_only=True):
            found[rep_id] = (cycle, skills)
    return found


class ChallengeInvites:
    """The rep kind's gatherer, over the deployment's catalog (the skills' names and default behaviours)."""

    def __init__(self, catalog: Catalog) -> None:
        self._catalog = catalog

    def gather(self, uow: UnitOfWork, ws: WorkspaceRef, occasions: Sequence[Occasion]
               ) -> dict[Occasion, ChallengeInvite]:
        """Four queries for any number of reps: them, their cycles, latest challenges and focus skills."""
        reps = uow.members.get_many(ws, [o.recipient_id for o in occasions])
        found = _invited_reps(uow, ws, reps, {o.recipient_id: o.on for o in occasions})
        notes: dict[Occasion, ChallengeInvite] = {}
        for occasion in occasions:
            if occasion.recipient_id not in found:
                continue
            cycle, focus = found[occasion.recipient_id]
            skills = invited_skills(self._catalog, focus)
            if skills:
                notes[occasion] = ChallengeInvite(ws, reps[occasion.recipient_id], cycle, skills)
        return notes


def team_invites(uow: UnitOfWork, ws: WorkspaceRef, occasions: Sequence[Occasion]
                 ) -> dict[Occasion, TeamChallengeInvites]:
    """Five queries for any number of managers: them, their reps, the reps' cycles, challenges and focus."""
    managers = uow.members.get_many(ws, [o.recipient_id for o in occasions])
    teams = uow.members.reps_of_many(ws, list(managers))
    reps = {rep.user_id: rep for team in teams.values() for rep in team}
    mondays = {rep.user_id: o.on for o in occasions for rep in teams.get(o.recipient_id, [])}
    found = _invited_reps(uow, ws, reps, mondays) if reps else {}
    notes: dict[Occasion, TeamChallengeInvites] = {}
    for occasion in occasions:
        manager = managers.get(occasion.recipient_id)
        mine = sorted((r for r in teams.get(occasion.recipient_id, []) if r.user_id in found),
                      key=lambda r: r.name.lower())
        if manager is not None and mine:
            notes[occasion] = TeamChallengeInvites(ws, manager, tuple(mine))
    return notes


def challenge_invite_kind(catalog: Catalog) -> ScheduledKind[ChallengeInvite]:
    """The rep's kind over a catalog: the shipped one in the registry, the deployment's in `bot`."""
    return ScheduledKind(
        name=INVITE_KIND,
        title="Invitation to your 21-day challenge, Monday of cycle week 7 (reps)",
        why="you entered week 7 of your coaching cycle, the habit stage, with no 21-day challenge yet",
        audience=Audience.REPS,
        cadence=Cadence.WEEKLY,
        weekday=MONDAY,
        local_time=INVITE_AT,
        stale=_STALE,
        gather=ChallengeInvites(catalog).gather,
    )


CHALLENGE_INVITE = challenge_invite_kind(load_catalog())

CHALLENGE_INVITE_TEAM = ScheduledKind(
    name=TEAM_KIND,
    title="Monday list of your reps entering cycle week 7 without a 21-day challenge (managers)",
    why="reps you coach entered week 7 of their cycle, the habit stage, with no 21-day challenge yet",
    audience=Audience.MANAGERS,
    cadence=Cadence.WEEKLY,
    weekday=MONDAY,
    local_time=INVITE_AT,
    stale=_STALE,
    gather=team_invites,
)

"""What each person's App Home shows, decided by role and privacy rules, for many people at once.

`homes_for` builds the App Homes of a batch of people in a fixed number of
queries, whatever the batch or the teams (no query per person or per rep):
a use case builds the Homes its change touched inside its own unit of work.
"""

from __future__ import annotations

from collections.abc import Generator, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime

from domain.catalog import Catalog
from domain.coaching.commitments import Commitment
from domain.coaching.cycle import CoachingCycle
from domain.coaching.progress import CycleProgress
from domain.coaching.sessions import CoachingSession, next_of
from domain.coaching.wins import SuccessStory
from domain.model import Member, Role, WorkspaceRef
from domain.ports import UnitOfWork
from domain.scheduling.calendar import zone
from domain.services.challenge_notices import ChallengeView
from domain.services.challenge_views import views_for
from domain.services.commitment_home import load_open_commitments, own_commitments
from domain.services.develop import DevelopCalls, DevelopWeek, load_stage_three
from domain.services.profiles import ProfileView, load_profiles
from domain.services.progress import load_progress
from domain.services.roster_rules import TeamListing, group_teams
from domain.services.win_home import recent_team_wins


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
    # The viewer's and their reps' week in stage 3 (calls, lessons, homework; role-play cards for the reps),
    # in the viewer's own calendar; empty without a clock.
    develop: dict[str, DevelopWeek] = field(default_factory=dict)
    # Open commitments (issue 12): the viewer's own (their plan and what is delegated to them), and by rep id
    # their reps'; overdue ones are marked where shown.
    own_commitments: tuple[Commitment, ...] = ()
    rep_commitments: dict[str, tuple[Commitment, ...]] = field(default_factory=dict)
    # Next 1:1 sessions (issue 12), by rep id: the viewer's own with their manager, and each of their reps'
    # with them; empty without a clock.
    next_sessions: dict[str, CoachingSession] = field(default_factory=dict)
    # Success stories (issue 13): the viewer's reps' latest wins, latest first (domain.services.win_home.HOME_WINS).
    rep_wins: tuple[SuccessStory, ...] = ()
    # The viewer's own 21-day challenge (issue 13), running or last finished, as of now; None without one.
    challenge: ChallengeView | None = None

    @property
    def is_new(self) -> bool:
        return self.viewer is None

    @property
    def is_manager(self) -> bool:
        return bool(self.reps) or (self.viewer is not None and self.viewer.role is Role.MANAGER)

    @property
    def is_admin(self) -> bool:
        return self.viewer is not None and self.viewer.is_admin


@dataclass(frozen=True)
class _People:
    """The people a batch of Homes shows, read once."""

    viewers: dict[str, Member]
    reps_of: dict[str, list[Member]]
    known: dict[str, Member]  # viewers, their coaches and (for an admin) everyone
    everyone: list[Member] | None  # the whole workspace, when an admin is among the viewers


def homes_for(uow: UnitOfWork, ws: WorkspaceRef, user_ids: Sequence[str],
              catalog: Catalog | None, now: datetime | None = None) -> tuple[HomeModel, ...]:
    """The App Home of each of these people, in order; without a catalog, no skills profile; without `now`, no week
    and no commitments."""
    wanted = list(dict.fromkeys(user_ids))
    if not wanted:
        return ()
    people = _people(uow, ws, wanted)
    looked_at = [*people.viewers, *(r.user_id for reps in people.reps_of.values() for r in reps)]
    cycles = uow.cycles.active_for_reps(ws, looked_at)
    progress = load_progress(uow, ws, cycles.values())
    coached = [v for v in people.viewers.values() if v.manager_id and v.manager_id in people.known]
    profiles = load_profiles(uow, ws, coached, catalog) if catalog is not None else {}
    calls = _stage_three(uow, ws, people, now, catalog) if now is not None else None
    homes = (_home(user_id, people, cycles, progress, profiles) for user_id in wanted)
    homes = _with_wins(homes, recent_team_wins(uow, ws, people.reps_of))  # issue 13
    if now is None:  # without a clock nothing can be overdue and nothing is next: no week, commitments, 1:1s
        return tuple(_with_week(home, calls, now) for home in homes)
    managed = [r.user_id for reps in people.reps_of.values() for r in reps]
    by_rep, by_owner = load_open_commitments(uow, ws, list(people.viewers), managed)
    sessions = uow.sessions.upcoming_for(ws, list(people.viewers), now)
    challenges = views_for(uow, ws, people.viewers, now, catalog)  # issue 13: three queries for the batch
    return tuple(replace(_with_sessions(_with_commitments(_with_week(home, calls, now), by_rep, by_owner), sessions,
                                        now), challenge=challenges.get(home.viewer_id))
                 for home in homes)


def _with_commitments(home: HomeModel, by_rep: dict[str, list[Commitment]],
                      by_owner: dict[str, list[Commitment]]) -> HomeModel:
    if home.viewer is None:
        return home
    reps = {r.user_id: tuple(by_rep[r.user_id]) for r in home.reps if by_rep.get(r.user_id)}
    return replace(home, own_commitments=own_commitments(home.viewer_id, by_rep, by_owner), rep_commitments=reps)


def _with_sessions(home: HomeModel, sessions: dict[str, list[CoachingSession]],
                   now: datetime | None) -> HomeModel:
    """The viewer's next 1:1 as a rep, and each of their reps' next with them (one query for the batch)."""
    mine = sessions.get(home.viewer_id, [])
    if now is None or not mine:
        return home
    found: dict[str, CoachingSession] = {}
    own = next_of([s for s in mine if s.rep_id == home.viewer_id], now)
    if own is not None:
        found[home.viewer_id] = own
    for rep in home.reps:
        ahead = next_of([s for s in mine if s.rep_id == rep.user_id and s.manager_id == home.viewer_id], now)
        if ahead is not None:
            found[rep.user_id] = ahead
    return replace(home, next_sessions=found)



def _with_wins(homes: Iterable[HomeModel], wins: dict[str, tuple[SuccessStory, ...]]
               ) -> Generator[HomeModel, None, None]:
    """Each manager's Home with their reps' latest wins (issue 13)."""
    return (replace(home, rep_wins=wins[home.viewer_id]) if home.viewer_id in wins else home for home in homes)


def _stage_three(uow: UnitOfWork, ws: WorkspaceRef, people: _People, now: datetime,
                 catalog: Catalog | None) -> DevelopCalls:
    """Only what the batch's viewers may see: their own week and their reps'; role-play cards of their reps only."""
    managed = [rep for reps in people.reps_of.values() for rep in reps]
    return load_stage_three(uow, ws, [*people.viewers.values(), *managed], managed, now, catalog)


def _with_week(home: HomeModel, calls: DevelopCalls | None, now: datetime | None) -> HomeModel:
    if calls is None or now is None or home.viewer is None:
        return home
    today = now.astimezone(zone(home.viewer.time_zone)).date()
    mine = [home.viewer_id, *(r.user_id for r in home.reps)]
    weeks = {rep_id: calls.week(rep_id, today, home.cycles.get(rep_id)) for rep_id in mine}
    own = weeks.get(home.viewer_id)
    if own is not None and own.roleplays is not None:  # cards are for the rep's manager's Home, not the rep's own
        weeks[home.viewer_id] = replace(own, roleplays=None)
    return replace(home, develop=weeks)


def _people(uow: UnitOfWork, ws: WorkspaceRef, wanted: list[str]) -> _People:
    viewers = uow.members.get_many(ws, wanted)
    if any(v.is_admin for v in viewers.values()):
        # An admin's Home lists every team: one query for the whole workspace serves the batch.
        everyone = uow.members.list_all(ws)  # sorted by name
        reps_of: dict[str, list[Member]] = {}
        for member in everyone:
            if member.manager_id is not None:
                reps_of.setdefault(member.manager_id, []).append(member)
        return _People(viewers, {v: reps_of[v] for v in viewers if v in reps_of},
                       {m.user_id: m for m in everyone}, everyone)
    coach_ids = {v.manager_id for v in viewers.values() if v.manager_id and v.manager_id not in viewers}
    known = {**viewers, **uow.members.get_many(ws, coach_ids)}
    return _People(viewers, uow.members.reps_of_many(ws, viewers), known, None)


def _home(user_id: str, people: _People, cycles: dict[str, CoachingCycle], progress: dict[str, CycleProgress],
          profiles: dict[str, ProfileView]) -> HomeModel:
    viewer = people.viewers.get(user_id)
    if viewer is None:
        return HomeModel(viewer_id=user_id, viewer=None)
    reps = people.reps_of.get(user_id, [])
    mine = [user_id, *(r.user_id for r in reps)]
    everyone = people.everyone
    return HomeModel(
        viewer_id=user_id,
        viewer=viewer,
        coach=people.known.get(viewer.manager_id) if viewer.manager_id else None,
        reps=list(reps),
        workspace_teams=group_teams(everyone) if viewer.is_admin and everyone is not None else None,
        admins=sorted((m for m in everyone if m.is_admin), key=lambda m: m.name.lower())
        if viewer.is_admin and everyone is not None else [],
        cycles={rep_id: cycles[rep_id] for rep_id in mine if rep_id in cycles},
        progress={rep_id: progress[rep_id] for rep_id in mine if rep_id in progress},
        profile=profiles.get(user_id),
    )

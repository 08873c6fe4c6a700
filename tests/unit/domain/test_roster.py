"""Roster use cases against in-memory fakes: no database, no Slack."""

from __future__ import annotations

import pytest

from domain.errors import InvalidInput, NotAllowed, NotFound
from domain.model import Role, WorkspaceRef
from domain.services.home import HomeService
from domain.services.roster import AddOutcome, RosterService
from tests.fakes import FakeDirectory, FakeStore

T1 = WorkspaceRef("T1")
T2 = WorkspaceRef("T2")


@pytest.fixture
def store() -> FakeStore:
    return FakeStore()


@pytest.fixture
def directory() -> FakeDirectory:
    d = FakeDirectory()
    d.add("UMGR", "Maya Manager", "Europe/Berlin")
    d.add("UMGR2", "Omar Other", "America/Chicago")
    d.add("UADMIN", "Ada Admin", "UTC")
    d.add("UA", "Alex Rep", "America/New_York")
    d.add("UB", "Bea Rep", "Asia/Kolkata")
    d.add("UC", "Cy Rep", None)
    d.add("UBOT", "Helper Bot", is_bot=True)
    return d


@pytest.fixture
def roster(store: FakeStore) -> RosterService:
    return RosterService(store.uow, default_time_zone="Europe/London")


def test_first_person_to_use_coach_becomes_admin_and_the_second_does_not(roster, directory):
    first = roster.enroll_caller(T1, "UADMIN", directory)
    second = roster.enroll_caller(T1, "UMGR", directory)

    assert first.became_admin and first.member.is_admin
    assert not second.became_admin and not second.member.is_admin
    # Enrolling again changes nothing.
    assert not roster.enroll_caller(T1, "UADMIN", directory).became_admin


def test_each_workspace_gets_its_own_first_admin(roster, directory):
    roster.enroll_caller(T1, "UADMIN", directory)
    other = roster.enroll_caller(T2, "UMGR", directory)
    assert other.became_admin


def test_manager_adds_reps_with_name_and_time_zone_from_slack(roster, directory):
    roster.enroll_caller(T1, "UMGR", directory)
    results = roster.add_reps(T1, "UMGR", ["UA", "UB", "UC"], directory)

    assert [r.outcome for r in results] == [AddOutcome.ADDED] * 3
    team = roster.team(T1, "UMGR")
    assert [(r.name, r.time_zone) for r in team.reps] == [
        ("Alex Rep", "America/New_York"),
        ("Bea Rep", "Asia/Kolkata"),
        ("Cy Rep", "Europe/London"),  # no tz from Slack: the workspace default
    ]
    assert team.manager.role is Role.MANAGER


def test_adding_the_same_rep_twice_or_repeating_a_mention_adds_once(roster, directory):
    roster.enroll_caller(T1, "UMGR", directory)
    first = roster.add_reps(T1, "UMGR", ["UA", "UA"], directory)
    again = roster.add_reps(T1, "UMGR", ["UA"], directory)

    assert [r.outcome for r in first] == [AddOutcome.ADDED]
    assert [r.outcome for r in again] == [AddOutcome.ALREADY_ON_TEAM]
    assert len(roster.team(T1, "UMGR").reps) == 1


def test_a_rep_coached_by_another_manager_is_not_taken_and_the_caller_learns_who(roster, directory):
    roster.enroll_caller(T1, "UADMIN", directory)
    roster.enroll_caller(T1, "UMGR", directory)
    roster.enroll_caller(T1, "UMGR2", directory)
    roster.add_reps(T1, "UMGR", ["UA"], directory)

    [result] = roster.add_reps(T1, "UMGR2", ["UA"], directory)

    assert result.outcome is AddOutcome.COACHED_ELSEWHERE
    assert result.previous_manager_id == "UMGR"
    assert [r.user_id for r in roster.team(T1, "UMGR").reps] == ["UA"]
    assert roster.team(T1, "UMGR2").reps == []


def test_an_admin_adding_a_coached_rep_moves_them(roster, directory):
    roster.enroll_caller(T1, "UADMIN", directory)
    roster.enroll_caller(T1, "UMGR", directory)
    roster.add_reps(T1, "UMGR", ["UA"], directory)

    [result] = roster.add_reps(T1, "UADMIN", ["UA"], directory)

    assert result.outcome is AddOutcome.MOVED and result.previous_manager_id == "UMGR"
    assert roster.team(T1, "UMGR").reps == []


def test_current_manager_can_move_a_rep_to_another_manager(roster, directory):
    roster.enroll_caller(T1, "UADMIN", directory)
    roster.enroll_caller(T1, "UMGR", directory)
    roster.add_reps(T1, "UMGR", ["UA"], directory)

    result = roster.move_rep(T1, "UMGR", "UA", "UMGR2", directory)

    assert result.outcome is AddOutcome.MOVED
    assert [r.user_id for r in roster.team(T1, "UMGR2").reps] == ["UA"]
    assert roster.member(T1, "UMGR2").role is Role.MANAGER


def test_another_manager_cannot_move_or_remove_someone_elses_rep(roster, directory):
    roster.enroll_caller(T1, "UADMIN", directory)
    roster.enroll_caller(T1, "UMGR", directory)
    roster.enroll_caller(T1, "UMGR2", directory)
    roster.add_reps(T1, "UMGR", ["UA"], directory)

    with pytest.raises(NotAllowed, match="coached by <@UMGR>"):
        roster.move_rep(T1, "UMGR2", "UA", "UMGR2", directory)
    with pytest.raises(NotAllowed):
        roster.remove_rep(T1, "UMGR2", "UA")
    assert roster.member(T1, "UA").manager_id == "UMGR"


def test_self_bots_unknown_people_and_ones_own_manager_are_refused(roster, directory):
    roster.enroll_caller(T1, "UMGR", directory)
    roster.add_reps(T1, "UMGR", ["UA"], directory)
    roster.enroll_caller(T1, "UA", directory)

    results = roster.add_reps(T1, "UA", ["UA", "UBOT", "UNOBODY", "UMGR"], directory)

    assert [r.outcome for r in results] == [
        AddOutcome.IS_SELF,
        AddOutcome.IS_BOT,
        AddOutcome.UNKNOWN_USER,
        AddOutcome.IS_YOUR_MANAGER,
    ]
    assert roster.team(T1, "UA").reps == []
    assert roster.member(T1, "UA").role is Role.REP


def test_precheck_reports_only_what_needs_no_slack_lookup(roster, directory):
    roster.enroll_caller(T1, "UADMIN", directory)
    roster.enroll_caller(T1, "UMGR", directory)
    roster.add_reps(T1, "UMGR", ["UA"], directory)
    directory.lookups.clear()

    refusals = roster.precheck_add(T1, "UMGR2", ["UMGR2", "UA", "UB"])

    assert [(r.user_id, r.outcome) for r in refusals] == [
        ("UMGR2", AddOutcome.IS_SELF),
        ("UA", AddOutcome.COACHED_ELSEWHERE),
    ]
    assert refusals[1].previous_manager_name == "Maya Manager"
    assert directory.lookups == []


def test_removing_a_rep_keeps_their_member_row(roster, directory):
    roster.enroll_caller(T1, "UMGR", directory)
    roster.add_reps(T1, "UMGR", ["UA"], directory)

    roster.remove_rep(T1, "UMGR", "UA")

    assert roster.team(T1, "UMGR").reps == []
    kept = roster.member(T1, "UA")
    assert kept is not None and kept.name == "Alex Rep" and kept.manager_id is None
    with pytest.raises(NotFound):
        roster.remove_rep(T1, "UMGR", "UA")


def test_only_admins_grant_admin_and_see_every_team(roster, directory):
    roster.enroll_caller(T1, "UADMIN", directory)
    roster.enroll_caller(T1, "UMGR", directory)
    roster.add_reps(T1, "UMGR", ["UA", "UB"], directory)

    with pytest.raises(NotAllowed):
        roster.grant_admin(T1, "UB", directory, granted_by="UMGR")
    with pytest.raises(NotAllowed):
        roster.teams(T1, "UMGR")

    granted = roster.grant_admin(T1, "UMGR", directory, granted_by="UADMIN")
    teams = roster.teams(T1, "UMGR")
    assert granted.is_admin
    assert [(t.manager.user_id, [r.user_id for r in t.reps]) for t in teams] == [("UMGR", ["UA", "UB"])]


def test_operator_grant_without_slack_creates_the_admin(roster, directory):
    member = roster.grant_admin(T1, "UADMIN", directory)
    assert member.is_admin and roster.member(T1, "UADMIN").is_admin
    with pytest.raises(InvalidInput):
        roster.grant_admin(T1, "UBOT", directory)


def test_nothing_crosses_workspaces(roster, directory, store):
    roster.enroll_caller(T1, "UMGR", directory)
    roster.add_reps(T1, "UMGR", ["UA"], directory)
    roster.enroll_caller(T2, "UMGR", directory)

    assert roster.team(T2, "UMGR").reps == []
    home = HomeService(store.uow).home_for(T2, "UA")
    assert home.is_new


def test_add_with_no_one_named_is_refused_and_saves_nothing(roster, directory, store):
    roster.enroll_caller(T1, "UMGR", directory)
    commits = store.commits
    with pytest.raises(InvalidInput):
        roster.add_reps(T1, "UMGR", [], directory)
    assert store.commits == commits


class _FailingDirectory(FakeDirectory):
    def lookup(self, user_id: str):
        if user_id == "UB":
            raise ConnectionError("Slack is down")
        return super().lookup(user_id)


def test_a_failure_half_way_saves_nothing(roster, directory):
    roster.enroll_caller(T1, "UMGR", directory)
    failing = _FailingDirectory(*directory.profiles.values())
    with pytest.raises(ConnectionError):
        roster.add_reps(T1, "UMGR", ["UA", "UB"], failing)
    assert roster.team(T1, "UMGR").reps == []
    assert roster.member(T1, "UA") is None


def test_home_shows_each_role_only_what_it_may_see(roster, directory, store):
    roster.enroll_caller(T1, "UADMIN", directory)
    roster.enroll_caller(T1, "UMGR", directory)
    roster.add_reps(T1, "UMGR", ["UA", "UB"], directory)
    roster.enroll_caller(T1, "UMGR2", directory)
    roster.add_reps(T1, "UMGR2", ["UC"], directory)
    homes = HomeService(store.uow)

    rep = homes.home_for(T1, "UA")
    manager = homes.home_for(T1, "UMGR")
    admin = homes.home_for(T1, "UADMIN")

    assert rep.coach is not None and rep.coach.user_id == "UMGR" and rep.reps == [] and rep.workspace_teams is None
    assert [r.user_id for r in manager.reps] == ["UA", "UB"] and manager.workspace_teams is None
    assert manager.is_manager and not manager.is_admin
    assert [t.manager.user_id for t in admin.workspace_teams or []] == ["UMGR", "UMGR2"]
    assert [a.user_id for a in admin.admins] == ["UADMIN"]

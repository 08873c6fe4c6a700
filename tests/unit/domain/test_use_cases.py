"""One unit of work per use case, its Slack effects as data; a reading use case reads only.

Over the in-memory fakes: every unit a service opens is recorded by the
store (`FakeStore.units`), with its mode and whether it committed.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any

import pytest

from domain.catalog import load_catalog
from domain.coaching.cycle import CoachingCycle
from domain.coaching.scoring import CallScore
from domain.delivery import REPLY_KIND, DeliveryStatus
from domain.effects import Message
from domain.model import Member, Role, SlackProfile, Workspace, WorkspaceRef
from domain.notifications.cycle_tasks import CYCLE_TASKS
from domain.notifications.kind import Occasion
from domain.notifications.team_tasks import TEAM_TASKS
from domain.notifications.week_ahead import WEEK_AHEAD
from domain.services.contracts import ContractService, ContractToSign, MetricInput
from domain.services.cycles import CycleService
from domain.services.diagnosis import DiagnosisService, RepScored, ScoreSaved
from domain.services.home import HomeService
from domain.services.notifications import NotificationContentService
from domain.services.pipeline import PipelineService
from domain.services.preferences import PreferenceService
from domain.services.prioritization import PrioritizationService, RepPriorities
from domain.services.roster import RosterService
from domain.services.roster_rules import RepJoined, RepsAdded
from domain.services.scheduling import ScheduleService
from tests.fakes import FakeDirectory, FakeStore

WS = WorkspaceRef("T1")
NOW = datetime(2026, 11, 25, 15, tzinfo=UTC)
CATALOG = load_catalog()
SCORES = {d.id: 4 for d in CATALOG.scoring_dimensions}


@pytest.fixture
def store() -> FakeStore:
    store = FakeStore()
    with store.uow() as uow:
        uow.workspaces.add(Workspace(WS))
        uow.members.add(Member(WS, "UADMIN", "Ada", "Europe/London", is_admin=True))
        uow.members.add(Member(WS, "UMGR", "Maya", "America/New_York", role=Role.MANAGER))
        uow.members.add(Member(WS, "UA", "Alex", "America/Los_Angeles", manager_id="UMGR"))
        uow.cycles.add(CoachingCycle(WS, "UA", "UMGR", date(2026, 11, 16)))
        uow.call_scores.add(CallScore(WS, "UA", "UMGR", "Acme", date(2026, 11, 18), SCORES))
        uow.commit()
    store.units.clear()
    store.commits = 0
    return store


def _roster(store: FakeStore) -> RosterService:
    return RosterService(store.uow, "UTC", schedules=ScheduleService(store.uow), clock=lambda: NOW, catalog=CATALOG)


def _reading_use_cases(store: FakeStore) -> dict[str, Callable[[], Any]]:
    roster = _roster(store)
    diagnosis = DiagnosisService(store.uow, CATALOG, lambda: NOW)
    priorities = PrioritizationService(store.uow, CATALOG, lambda: NOW)
    contracts = ContractService(store.uow, CATALOG, lambda: NOW)
    content = NotificationContentService(store.uow)
    unchanged = FakeDirectory(SlackProfile("UA", "alex", "Alex", "America/Los_Angeles"))
    return {
        "roster.member": lambda: roster.member(WS, "UA"),
        "roster.team": lambda: roster.team(WS, "UMGR"),
        "roster.teams": lambda: roster.teams(WS, "UADMIN"),
        "home.home_for": lambda: HomeService(store.uow, CATALOG).home_for(WS, "UA"),
        "home.refresh": lambda: HomeService(store.uow, CATALOG).refresh(WS, ["UA", "UMGR", "UADMIN"]),
        "home.open_home (profile unchanged)":
            lambda: HomeService(store.uow, CATALOG, accounts=roster).open_home(WS, "UA", unchanged),
        "diagnosis.may_score": lambda: diagnosis.may_score(WS, "UMGR", "UA"),
        "diagnosis.profile": lambda: diagnosis.profile(WS, "UA", "UA"),
        "cycles.view": lambda: CycleService(store.uow, lambda: NOW).view(WS, "UMGR", "UA"),
        "priorities.view": lambda: priorities.view(WS, "UA", "UA"),
        "priorities.for_manager": lambda: priorities.for_manager(WS, "UMGR", "UA"),
        "contracts.draft": lambda: contracts.draft(WS, "UMGR", "UA"),
        "preferences.settings": lambda: PreferenceService(store.uow, ScheduleService(store.uow), lambda: NOW)
        .settings(WS),
        "content.gather week_ahead": lambda: content.gather(WEEK_AHEAD, WS, [Occasion("UMGR", NOW.date().isoformat())]),
        "content.gather cycle_tasks": lambda: content.gather(CYCLE_TASKS, WS, [Occasion("UA", NOW.date().isoformat())]),
        "content.gather team_tasks": lambda: content.gather(TEAM_TASKS, WS, [Occasion("UMGR", NOW.date().isoformat())]),
        "pipeline.audit_for": lambda: PipelineService(store.uow).audit_for(WS, "UMGR"),
        "roster.has_admin": lambda: roster.has_admin(WS),
        "pipeline.import_scope": lambda: PipelineService(store.uow).import_scope(WS, "UMGR"),
        "pipeline.audit": lambda: PipelineService(store.uow).audit(WS),
        "roster.update_profiles (nothing changed)": lambda: roster.update_profiles(WS, unchanged.profiles.values()),
    }


@pytest.mark.parametrize("name", sorted(_reading_use_cases(FakeStore())))
def test_a_reading_use_case_opens_read_only_units_only(store: FakeStore, name: str) -> None:
    _reading_use_cases(store)[name]()

    assert store.units, "it read nothing at all"
    assert [unit.read_only for unit in store.units] == [True] * len(store.units)
    assert store.commits == 0


def test_app_home_open_writes_the_slack_profile_only_when_it_changed(store: FakeStore) -> None:
    roster = _roster(store)
    home = HomeService(store.uow, CATALOG, accounts=roster)
    moved = FakeDirectory(SlackProfile("UA", "alex", "Alex Rivera", "Europe/Lisbon"))

    effects = home.open_home(WS, "UA", moved)

    assert [unit.read_only for unit in store.units] == [True, False] and store.commits == 1
    [shown] = effects.homes
    assert shown.viewer is not None and shown.viewer.time_zone == "Europe/Lisbon"
    assert roster.member(WS, "UA").name == "Alex Rivera"  # type: ignore[union-attr]


def test_a_score_is_one_unit_that_returns_the_dms_and_the_homes_and_records_the_dms(store: FakeStore) -> None:
    diagnosis = DiagnosisService(store.uow, CATALOG, lambda: NOW)

    done = diagnosis.score_and_tell(WS, "UMGR", "UA", "Globex demo", None, date(2026, 11, 24), SCORES)

    assert len(store.units) == 1 and store.commits == 1
    assert [(m.to, type(m.notice)) for m in done.effects.messages] == [("UMGR", ScoreSaved), ("UA", RepScored)]
    assert [h.viewer_id for h in done.effects.homes] == ["UMGR", "UA"]
    rep_home = done.effects.homes[1]
    # Built in the same unit, after the save: the new score is in the rep's profile already.
    assert rep_home.profile is not None and rep_home.profile.profile.calls_scored == 2
    with store.uow(read_only=True) as uow:
        replies = [d for d in uow.deliveries.search() if d.key.kind == REPLY_KIND]
    # Each DM is on record with the score, before anything is sent.
    assert sorted(d.key.recipient_id for d in replies) == ["UA", "UMGR"]
    assert all(d.status is DeliveryStatus.SENDING for d in replies)
    assert {m.delivery.key for m in done.effects.messages if m.delivery} == {d.key for d in replies}


def test_a_rep_scoring_their_own_call_tells_only_themself(store: FakeStore) -> None:
    done = DiagnosisService(store.uow, CATALOG, lambda: NOW).score_and_tell(
        WS, "UA", "UA", "Own call", None, date(2026, 11, 24), SCORES)
    assert [m.to for m in done.effects.messages] == ["UA"]
    assert [h.viewer_id for h in done.effects.homes] == ["UA"]


def test_adding_reps_from_the_modal_is_one_unit_with_every_notice(store: FakeStore) -> None:
    directory = FakeDirectory()
    directory.add("UB", "Bea Schmidt", "Europe/Berlin")
    directory.add("UNEWMGR", "Noor New")

    done = _roster(store).add_and_tell(WS, "UNEWMGR", ["UB"], directory)

    assert len(store.units) == 1 and store.commits == 1
    assert [(m.to, type(m.notice)) for m in done.effects.messages] == [("UB", RepJoined), ("UNEWMGR", RepsAdded)]
    summary = done.effects.messages[1].notice
    assert isinstance(summary, RepsAdded) and summary.team_size == 1
    assert [h.viewer_id for h in done.effects.homes] == ["UNEWMGR", "UB"]
    assert [r.user_id for r in done.effects.homes[0].reps] == ["UB"]


def test_ratings_return_the_matrix_as_a_picture_beside_its_words(store: FakeStore) -> None:
    done = PrioritizationService(store.uow, CATALOG, lambda: NOW).rate_and_tell(
        WS, "UMGR", "UA", {"discovery": (5, 2)})
    assert len(store.units) == 1
    [words] = done.effects.messages
    [picture] = done.effects.pictures
    assert isinstance(words.notice, RepPriorities) and picture.notice == words.notice and picture.to == "UMGR"


def test_an_unchanged_contract_tells_the_manager_only(store: FakeStore) -> None:
    contracts = ContractService(store.uow, CATALOG, lambda: NOW)
    rows = [MetricInput("discovery", "discovery_questions_asked", "8 per call")]
    first = contracts.save_and_tell(WS, "UMGR", "UA", rows, 2, "Score 3 calls", "Shadow a call")
    again = contracts.save_and_tell(WS, "UMGR", "UA", rows, 2, "Score 3 calls", "Shadow a call")

    assert [(m.to, type(m.notice).__name__) for m in first.effects.messages] == [
        ("UMGR", "ContractSaved"), ("UA", ContractToSign.__name__)]
    assert [h.viewer_id for h in first.effects.homes] == ["UMGR", "UA"]
    assert [m.to for m in again.effects.messages] == ["UMGR"] and again.effects.homes == ()
    assert all(isinstance(m, Message) and m.delivery is not None for m in first.effects.messages)

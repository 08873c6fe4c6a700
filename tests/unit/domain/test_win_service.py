"""Success stories over the in-memory fakes: who records, the skill list, one store per submission, the manager's
DM, the team channel only with consent, and what `/coach wins` shows to whom (never another workspace)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest

from domain.catalog import load_catalog
from domain.coaching.cycle import CoachingCycle
from domain.coaching.wins import SuccessStory, WinDraft, WinSource
from domain.delivery import REPLY_KIND, DeliveryStatus
from domain.errors import FieldProblems, InvalidInput, NotAllowed
from domain.model import Member, Role, Workspace, WorkspaceRef, WorkspaceSettings
from domain.receipts import Receipt, Replayed
from domain.services.homes import homes_for
from domain.services.win_notices import WinForManager
from domain.services.wins import (
    APPROACH_FIELD,
    NO_MANAGER,
    OUTCOME_FIELD,
    PAGE_SIZE,
    SKILL_FIELD,
    WHAT_FIELD,
    WinService,
    skill_named,
)
from tests.fakes import FakeStore

WS, OTHER = WorkspaceRef("T1"), WorkspaceRef("T2")
NOW = datetime(2026, 12, 7, 15, tzinfo=UTC)
CATALOG = load_catalog()
WIN = WinDraft("Hooli's CFO agreed to a pilot", "discovery", "“What happens if you do nothing?”",
               "average deal size +35%", consent=False)


@pytest.fixture
def store() -> FakeStore:
    store = FakeStore()
    with store.uow() as uow:
        uow.workspaces.add(Workspace(WS, settings=WorkspaceSettings(coaching_channel="CTEAM")))
        uow.workspaces.add(Workspace(OTHER))
        uow.members.add(Member(WS, "UMGR", "Maya Manager", "America/New_York", role=Role.MANAGER))
        uow.members.add(Member(WS, "UMGR2", "Omar Other", "America/Chicago", role=Role.MANAGER))
        uow.members.add(Member(WS, "UA", "Alex", "America/Los_Angeles", manager_id="UMGR"))
        uow.members.add(Member(WS, "UB", "Bea", "Europe/Berlin", manager_id="UMGR"))
        uow.members.add(Member(WS, "UC", "Chen", "Asia/Singapore", manager_id="UMGR2"))
        uow.members.add(Member(OTHER, "UX", "Xena", "UTC", manager_id="UMGRX"))
        uow.members.add(Member(OTHER, "UMGRX", "Max", "UTC", role=Role.MANAGER))
        cycle = uow.cycles.add(CoachingCycle(WS, "UA", "UMGR", date(2026, 10, 19)))
        assert cycle.id is not None
        uow.priorities.set_focus(WS, cycle.id, ["closing", "value_articulation"])
        uow.commit()
    return store


@pytest.fixture
def service(store: FakeStore) -> WinService:
    return WinService(store.uow, CATALOG, lambda: NOW)


def _stored(store: FakeStore) -> list[SuccessStory]:
    return list(store.tables.success_stories.values())


def test_the_form_offers_the_reps_focus_skills_first_then_the_rest_of_the_catalog(service: WinService) -> None:
    form = service.form(WS, "UA", WinSource.HOME)
    assert [c.id for c in form.skills] == ["closing", "value_articulation", "discovery", "objection_handling",
                                           "pipeline_management"]
    assert form.focus == ("closing", "value_articulation") and form.channel == "CTEAM"
    assert [c.id for c in service.form(WS, "UB", WinSource.COMMAND).skills] == [c.id for c in CATALOG.competencies]


@pytest.mark.parametrize("person", ["UMGR", "UNOBODY", "UX"])
def test_only_a_rep_with_a_manager_shares_a_win(service: WinService, store: FakeStore, person: str) -> None:
    with pytest.raises(NotAllowed, match="no manager in Coachflow"):
        service.form(WS, person, WinSource.HOME)
    with pytest.raises(NotAllowed) as refused:
        service.record_and_tell(WS, person, WIN, WinSource.HOME)
    assert str(refused.value) == NO_MANAGER and _stored(store) == []


def test_a_private_win_is_stored_and_told_to_the_manager_only(service: WinService, store: FakeStore) -> None:
    done = service.record_and_tell(WS, "UA", WIN, WinSource.COMMAND)

    [story] = _stored(store)
    assert (story.rep_id, story.manager_id, story.skill, story.consent, story.source) == (
        "UA", "UMGR", "discovery", False, WinSource.COMMAND)
    assert story.outcome == "average deal size +35%" and story.created_at == NOW
    assert done.result.post is None and done.result.skill_name == "Discovery"
    [to_maya] = done.effects.messages
    assert to_maya.to == "UMGR" and isinstance(to_maya.notice, WinForManager)
    assert to_maya.delivery is not None and to_maya.delivery.key.kind == REPLY_KIND  # on the ledger with the story
    assert [d.channel for d in store.tables.deliveries.values()] == [None]  # nothing for any channel
    [home] = done.effects.homes
    assert home.viewer_id == "UMGR" and [s.id for s in home.rep_wins] == [story.id]


def test_a_shared_win_gets_its_channel_post_on_the_ledger_and_keeps_where_it_went(
        service: WinService, store: FakeStore) -> None:
    done = service.record_and_tell(WS, "UB", replace(WIN, consent=True), WinSource.CHALLENGE)

    post = done.result.post
    assert post is not None and post.channel == "CTEAM" and post.key.recipient_id == "UB"
    assert store.tables.deliveries[post.key].channel == "CTEAM"  # written with the story
    story_id = done.result.story.id or 0
    service.posted(WS, story_id, post.with_status(DeliveryStatus.FAILED, error="not_in_channel"))
    assert _stored(store)[0].posted_ts is None
    service.posted(WS, story_id, post.with_status(DeliveryStatus.SENT, ts="1765000000.000100"))
    assert (_stored(store)[0].posted_channel, _stored(store)[0].posted_ts) == ("CTEAM", "1765000000.000100")


def test_a_shared_win_without_a_team_channel_is_kept_shared_and_posted_nowhere(
        service: WinService, store: FakeStore) -> None:
    with store.uow() as uow:
        uow.workspaces.update(Workspace(WS))
        uow.commit()
    done = service.record_and_tell(WS, "UA", replace(WIN, consent=True), WinSource.HOME)
    assert done.result.post is None and _stored(store)[0].consent


def test_the_same_submission_is_stored_once(service: WinService, store: FakeStore) -> None:
    receipt = Receipt("wins.form", "view-1:hash")
    service.record_and_tell(WS, "UA", WIN, WinSource.HOME, receipt)
    with pytest.raises(Replayed):
        service.record_and_tell(WS, "UA", WIN, WinSource.HOME, receipt)
    assert len(_stored(store)) == 1


def test_each_empty_too_long_or_unknown_field_is_named_and_nothing_is_stored(
        service: WinService, store: FakeStore) -> None:
    bad = WinDraft("  ", "negotiation", "x" * 2001, "y" * 201, consent=True)
    with pytest.raises(FieldProblems) as problems:
        service.record_and_tell(WS, "UA", bad, WinSource.HOME)
    assert problems.value.problems == {
        WHAT_FIELD: "Say what happened.", SKILL_FIELD: "Pick the skill behind this win from the list.",
        APPROACH_FIELD: "Keep it to 2000 characters; this is 2001.",
        OUTCOME_FIELD: "Keep it to 200 characters; this is 201."}
    with pytest.raises(FieldProblems) as nul:
        service.record_and_tell(WS, "UA", replace(WIN, outcome="+35%\x00"), WinSource.HOME)
    assert list(nul.value.problems) == [OUTCOME_FIELD]
    assert _stored(store) == [] and store.tables.deliveries == {}


def _wins(service: WinService) -> dict[str, int]:
    """Alex: a private discovery win and a shared closing one; Bea a private one; Chen (Omar's) a private and a
    shared one; Xena, in another workspace, a shared one."""
    made = {}
    for name, rep, skill, consent, ws in (("alex private", "UA", "discovery", False, WS),
                                          ("alex shared", "UA", "closing", True, WS),
                                          ("bea private", "UB", "discovery", False, WS),
                                          ("chen private", "UC", "discovery", False, WS),
                                          ("chen shared", "UC", "discovery", True, WS),
                                          ("xena shared", "UX", "discovery", True, OTHER)):
        made[name] = service.record_and_tell(ws, rep, replace(WIN, skill=skill, consent=consent),
                                             WinSource.HOME).result.story.id or 0
    return made


def _seen(service: WinService, caller: str, skill: str | None = None, ws: WorkspaceRef = WS) -> set[str]:
    listing = service.find(ws, caller, skill)
    return {f"{s.rep_id} {s.skill} {'shared' if s.consent else 'private'}" for s in listing.stories}


def test_wins_are_shown_by_privacy_rules_and_never_across_workspaces(service: WinService) -> None:
    _wins(service)
    shared = {"UA closing shared", "UC discovery shared"}
    assert _seen(service, "UA") == shared | {"UA discovery private"}  # a rep: their own and what others shared
    assert _seen(service, "UB") == shared | {"UB discovery private"}
    assert _seen(service, "UMGR") == shared | {"UA discovery private", "UB discovery private"}  # and their reps'
    assert _seen(service, "UMGR2") == shared | {"UC discovery private"}
    assert _seen(service, "UADMIN") == shared  # an admin managing nobody: only what reps shared
    assert _seen(service, "UX", ws=OTHER) == {"UX discovery shared"}
    assert _seen(service, "UMGR", ws=OTHER) == {"UX discovery shared"}  # the same id elsewhere sees nothing of T1


def test_wins_by_skill_by_id_or_name_and_an_unknown_skill_lists_the_skills(service: WinService) -> None:
    _wins(service)
    assert _seen(service, "UB", "discovery") == {"UC discovery shared", "UB discovery private"}
    assert _seen(service, "UB", "CLOSING") == {"UA closing shared"}
    assert skill_named(CATALOG, "objection handling") == skill_named(CATALOG, "objection_handling") is not None
    with pytest.raises(InvalidInput) as unknown:
        service.find(WS, "UB", "negotiation")
    assert "“negotiation” is not a skill" in str(unknown.value) and "`objection_handling` (Objection handling)" in str(
        unknown.value)


def test_wins_come_latest_first_a_page_at_a_time(store: FakeStore) -> None:
    clock = [NOW]
    service = WinService(store.uow, CATALOG, lambda: clock[0])
    for n in range(PAGE_SIZE + 3):
        clock[0] = NOW + timedelta(minutes=n)
        service.record_and_tell(WS, "UB", replace(WIN, what_happened=f"win {n}", consent=True), WinSource.HOME)
    first, second = service.find(WS, "UC"), service.find(WS, "UC", page=2)
    assert [s.what_happened for s in first.stories] == [f"win {n}" for n in range(PAGE_SIZE + 2, 2, -1)]
    assert first.more and not second.more and [s.what_happened for s in second.stories] == ["win 2", "win 1", "win 0"]


def test_the_managers_home_lists_their_reps_latest_five_wins_only(service: WinService, store: FakeStore) -> None:
    made = _wins(service)
    with store.uow(read_only=True) as uow:
        maya, omar, alex = homes_for(uow, WS, ["UMGR", "UMGR2", "UA"], CATALOG, NOW)
    assert [s.id for s in maya.rep_wins] == [made["bea private"], made["alex shared"], made["alex private"]]
    assert [s.id for s in omar.rep_wins] == [made["chen shared"], made["chen private"]]
    assert alex.rep_wins == ()

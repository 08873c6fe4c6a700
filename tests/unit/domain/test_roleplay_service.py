"""The role-play use cases over the in-memory fakes: who sees whose cards, and marking one practised."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest

from domain.catalog import load_catalog
from domain.coaching.cycle import CoachingCycle
from domain.errors import FieldProblems, NotAllowed, NotFound
from domain.model import Member, Role, Workspace, WorkspaceRef
from domain.pipeline.model import DealStatus, Opportunity, Stage
from domain.receipts import Receipt, Replayed
from domain.services.roleplays import RoleplayRecorded, RoleplayService, load_roleplays
from tests.fakes import FakeStore

WS = WorkspaceRef("T1")
ELSEWHERE = WorkspaceRef("T2")
NOW = datetime(2026, 12, 9, 15, tzinfo=UTC)
TODAY = NOW.date()
CATALOG = load_catalog()
Q, PR = Stage.QUALIFYING, Stage.PRESENTING


def ago(days: int) -> date:
    return TODAY - timedelta(days=days)


def deal(owner: str, ext: str, entered: dict[Stage, date], amount: int, stage: Stage = Q,
         status: DealStatus = DealStatus.OPEN, ws: WorkspaceRef = WS, name: str = "") -> Opportunity:
    return Opportunity(ws, ext, owner, name or f"Account {ext}", Decimal(amount), stage, status,
                       stage_entered=entered)


def history(owner: str) -> list[Opportunity]:
    """Three deals through Qualifying in 10 days each: an average of 10."""
    return [deal(owner, f"{owner}-H{n}", {Q: ago(100 + n * 20), PR: ago(90 + n * 20)}, 1000, PR,
                 DealStatus.WON) for n in range(3)]


@pytest.fixture
def store() -> FakeStore:
    store = FakeStore()
    with store.uow() as uow:
        uow.workspaces.add(Workspace(WS))
        uow.workspaces.add(Workspace(ELSEWHERE))
        for member in (Member(WS, "UMGR", "Maya", "America/New_York", role=Role.MANAGER),
                       Member(WS, "UMGR2", "Omar", "America/Chicago", role=Role.MANAGER),
                       Member(WS, "UADMIN", "Ada", "Europe/London", is_admin=True),
                       Member(WS, "UA", "Alex", "America/Los_Angeles", manager_id="UMGR"),
                       Member(WS, "UB", "Bea", "Europe/Berlin", manager_id="UMGR"),
                       Member(WS, "UC", "Chen", "Asia/Singapore", manager_id="UMGR2"),
                       Member(ELSEWHERE, "UA", "Alex elsewhere", "UTC", manager_id="UMGR")):
            uow.members.add(member)
        uow.pipeline.upsert(WS, [
            *history("UA"), *history("UB"), *history("UC"),
            deal("UA", "A1", {Q: ago(34)}, 12000, name="Acme"),
            deal("UA", "A2", {Q: ago(25)}, 40000, name="Globex"),
            deal("UA", "A3", {Q: ago(4)}, 90000, name="Fresh"),
            deal("UB", "B1", {Q: ago(30)}, 5000),
            deal("UC", "C1", {Q: ago(50)}, 7000, name="Initech"),
        ])
        uow.pipeline.upsert(ELSEWHERE, [deal("UA", "X1", {Q: ago(60)}, 99999, ws=ELSEWHERE, name="Other")])
        cycle = uow.cycles.add(CoachingCycle(WS, "UA", "UMGR", date(2026, 11, 16)))
        assert cycle.id is not None
        uow.priorities.set_focus(WS, cycle.id, ["discovery", "closing"])
        uow.commit()
    return store


@pytest.fixture
def service(store: FakeStore) -> RoleplayService:
    return RoleplayService(store.uow, CATALOG, lambda: NOW)


def test_a_manager_sees_their_reps_stalled_deals_value_first_with_the_focus(service: RoleplayService) -> None:
    shown = service.cards_for(WS, "UMGR", "UA")

    assert shown.rep.user_id == "UA" and not shown.own and shown.in_cycle and shown.focus == ("Discovery", "Closing")
    cards = shown.roleplays.cards
    assert [(c.account, c.days_in_stage) for c in cards] == [("Globex", 25), ("Acme", 34)]
    assert cards[1].stall() == "in Qualifying for 34 days (your average: 10)"
    assert cards[0].focus is not None and cards[0].focus.prompt == "practise uncovering the cost of inaction"


def test_a_rep_sees_their_own_and_the_admin_anyones(service: RoleplayService) -> None:
    own = service.cards_for(WS, "UA")
    assert own.own and [c.external_id for c in own.roleplays.cards] == ["A2", "A1"]
    chen = service.cards_for(WS, "UADMIN", "UC")
    assert [c.account for c in chen.roleplays.cards] == ["Initech"] and not chen.in_cycle
    assert chen.roleplays.cards[0].focus is None


@pytest.mark.parametrize(("viewer", "rep"), [("UMGR2", "UA"), ("UB", "UA"), ("UMGR", "UC"), ("UMGR", "UNOBODY")])
def test_nobody_else_sees_a_reps_deals(service: RoleplayService, viewer: str, rep: str) -> None:
    with pytest.raises(NotAllowed, match=f"<@{rep}> is not on your team"):
        service.cards_for(WS, viewer, rep)


def test_only_this_workspaces_deals_count(service: RoleplayService) -> None:
    assert "X1" not in {c.external_id for c in service.cards_for(WS, "UA").roleplays.cards}
    with pytest.raises(NotFound):
        service.practice_form(WS, "UMGR", "UA", "X1")


def test_marking_practised_stores_once_and_tells_both_sides(service: RoleplayService, store: FakeStore) -> None:
    receipt = Receipt("roleplay.practised", "k1")
    done = service.practise_and_tell(WS, "UMGR", "UA", "A1", "  Ran the cost-of-inaction questions  ", receipt)

    practice = done.result
    assert (practice.rep_id, practice.external_id, practice.account, practice.practised_by, practice.note,
            practice.practised_at) == ("UA", "A1", "Acme", "UMGR", "Ran the cost-of-inaction questions", NOW)
    told = {(m.to, m.notice.to_role) for m in done.effects.messages if isinstance(m.notice, RoleplayRecorded)}
    assert told == {("UMGR", "practiser"), ("UA", "rep")}
    assert set(done.effects.refresh) == {"UMGR", "UA"}
    with pytest.raises(Replayed):
        service.practise_and_tell(WS, "UMGR", "UA", "A1", "again", receipt)
    assert len(store.tables.roleplays) == 1

    marked = service.cards_for(WS, "UMGR", "UA").roleplays.cards
    assert [(c.external_id, c.practised_at) for c in marked] == [("A2", None), ("A1", NOW)]


def test_a_rep_marking_their_own_tells_their_manager(service: RoleplayService) -> None:
    done = service.practise_and_tell(WS, "UA", "UA", "A2", "")
    assert {(m.to, m.notice.to_role) for m in done.effects.messages  # type: ignore[attr-defined]
            } == {("UA", "practiser"), ("UMGR", "manager")}


@pytest.mark.parametrize(("practiser", "rep", "deal_id", "refusal"), [
    ("UMGR2", "UA", "A1", NotAllowed),  # another manager, naming Maya's rep
    ("UMGR", "UC", "C1", NotAllowed),  # Maya naming Omar's rep
    ("UMGR", "UA", "C1", NotFound),  # Maya's rep, with Omar's rep's deal
    ("UMGR", "UA", "B1", NotFound),  # Maya's rep, with a teammate's deal
    ("UMGR", "UA", "X1", NotFound),  # a deal of another workspace
    ("UB", "UA", "A1", NotAllowed),  # a teammate
])
def test_a_crafted_mark_naming_someone_elses_deal_is_refused(service: RoleplayService, store: FakeStore,
                                                             practiser: str, rep: str, deal_id: str,
                                                             refusal: type[Exception]) -> None:
    with pytest.raises(refusal):
        service.practise_and_tell(WS, practiser, rep, deal_id, "note")
    with pytest.raises(refusal):
        service.practice_form(WS, practiser, rep, deal_id)
    assert store.tables.roleplays == []


def test_a_note_too_long_comes_back_under_the_note(service: RoleplayService, store: FakeStore) -> None:
    with pytest.raises(FieldProblems) as caught:
        service.practise_and_tell(WS, "UMGR", "UA", "A1", "x" * 1001)
    assert caught.value.problems == {"note": "Keep it to 1000 characters; this is 1001."}
    with pytest.raises(FieldProblems):
        service.practise_and_tell(WS, "UMGR", "UA", "A1", "a\x00b")
    assert store.tables.roleplays == []


def test_the_form_names_the_deal(service: RoleplayService) -> None:
    form = service.practice_form(WS, "UA", "UA", "A1")
    assert (form.account, form.stage, form.external_id) == ("Acme", Q, "A1")


def test_the_batched_read_answers_for_many_reps_as_one_by_one(store: FakeStore) -> None:
    with store.uow(read_only=True) as uow:
        reps = list(uow.members.get_many(WS, ["UA", "UB", "UC"]).values())
        batch = load_roleplays(uow, WS, reps, NOW, CATALOG)
        alone = {rep.user_id: load_roleplays(uow, WS, [rep], NOW, CATALOG)[rep.user_id] for rep in reps}
        nobody = load_roleplays(uow, WS, [], NOW, CATALOG)
    assert batch == alone and nobody == {}
    assert [c.external_id for c in batch["UB"].cards] == ["B1"]

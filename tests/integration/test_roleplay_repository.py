"""Role-play practices in storage (the fake, SQLite, PostgreSQL), and App Home's batched read in fixed queries."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from sqlalchemy import Engine

from domain.catalog import load_catalog
from domain.coaching.cycle import CoachingCycle
from domain.coaching.roleplay import RoleplayPractice
from domain.model import Member, Role, Workspace, WorkspaceRef
from domain.pipeline.model import DealStatus, Opportunity, Stage
from domain.ports import UnitOfWorkFactory
from domain.services.roleplays import load_roleplays
from storage.uow import make_uow_factory
from tests.bench.pipeline import _counting  # the statement counter the benchmarks print

WS = WorkspaceRef("T1", "E1")
OTHER = WorkspaceRef("T2")
NOW = datetime(2026, 12, 9, 15, 30, tzinfo=UTC)
CATALOG = load_catalog()


def _practice(rep: str, ext: str, hours_ago: float, ws: WorkspaceRef = WS, note: str = "") -> RoleplayPractice:
    return RoleplayPractice(ws, rep, ext, f"Account {ext}", "UMGR", note, NOW - timedelta(hours=hours_ago))


def _workspaces(uow_factory: UnitOfWorkFactory) -> None:
    with uow_factory() as uow:
        uow.workspaces.add(Workspace(WS))
        uow.workspaces.add(Workspace(OTHER))
        uow.commit()


def test_a_practice_is_stored_and_read_back_as_it_was(any_uow_factory: UnitOfWorkFactory) -> None:
    _workspaces(any_uow_factory)
    written = RoleplayPractice(WS, "UA", "0061a:Acme/renewal", "Acme 通話 🎯 <!channel> & co", "UMGR",
                               "Cost of inaction, é", datetime(2026, 12, 9, 10, 15, 30, tzinfo=UTC))
    with any_uow_factory() as uow:
        stored = uow.roleplays.add(written)
        uow.commit()
    assert stored.id is not None
    with any_uow_factory(read_only=True) as uow:
        found = uow.roleplays.recent(WS, ["UA"], NOW - timedelta(days=7))
    assert found == {"UA": [stored]}
    assert stored == RoleplayPractice(**{**written.__dict__, "id": stored.id})
    assert found["UA"][0].practised_at.tzinfo is not None


def test_recent_is_per_rep_newest_first_since_a_moment_in_one_workspace(any_uow_factory: UnitOfWorkFactory) -> None:
    _workspaces(any_uow_factory)
    with any_uow_factory() as uow:
        for practice in (_practice("UA", "A1", 30), _practice("UA", "A2", 2), _practice("UA", "A1", 200),
                         _practice("UB", "B1", 5), _practice("UC", "C1", 1), _practice("UA", "X1", 1, OTHER)):
            uow.roleplays.add(practice)
        uow.commit()
    with any_uow_factory(read_only=True) as uow:
        found = uow.roleplays.recent(WS, ["UA", "UB", "UZ"], NOW - timedelta(days=7))
        nobody = uow.roleplays.recent(WS, [], NOW - timedelta(days=7))
        elsewhere = uow.roleplays.recent(OTHER, ["UA"], NOW - timedelta(days=7))

    assert {rep: [p.external_id for p in practices] for rep, practices in found.items()} == {
        "UA": ["A2", "A1"], "UB": ["B1"]}  # 200 hours ago is past the week; UC was not asked; UZ has none
    assert nobody == {}
    assert [p.external_id for p in elsewhere["UA"]] == ["X1"] and elsewhere["UA"][0].workspace == OTHER


def _team(uow_factory: UnitOfWorkFactory, reps: int) -> list[Member]:
    """A manager with `reps` reps, each with history, stalled deals, a cycle with focus and a practice."""
    today = NOW.date()
    with uow_factory() as uow:
        uow.workspaces.add(Workspace(WS))
        uow.members.add(Member(WS, "UMGR", "Maya", "America/New_York", role=Role.MANAGER))
        members = []
        deals = []
        for n in range(reps):
            rep = Member(WS, f"UR{n:02d}", f"Rep {n:02d}", "America/Los_Angeles", manager_id="UMGR")
            uow.members.add(rep)
            members.append(rep)
            deals += [Opportunity(WS, f"{rep.user_id}-H{h}", rep.user_id, "History", Decimal(1000), Stage.PRESENTING,
                                  DealStatus.WON, stage_entered={
                                      Stage.QUALIFYING: today - timedelta(days=100 + 20 * h),
                                      Stage.PRESENTING: today - timedelta(days=90 + 20 * h)}) for h in range(3)]
            deals += [Opportunity(WS, f"{rep.user_id}-O{d}", rep.user_id, f"Open {d}", Decimal(1000 * d),
                                  Stage.QUALIFYING,
                                  stage_entered={Stage.QUALIFYING: today - timedelta(days=5 + 10 * d)})
                      for d in range(4)]
            cycle = uow.cycles.add(CoachingCycle(WS, rep.user_id, "UMGR", date(2026, 11, 16)))
            assert cycle.id is not None
            uow.priorities.set_focus(WS, cycle.id, ["discovery"])
            uow.roleplays.add(_practice(rep.user_id, f"{rep.user_id}-O3", 3))
        uow.pipeline.upsert(WS, deals)
        uow.commit()
    return members


def test_the_cards_of_many_reps_are_each_reps_cards(any_uow_factory: UnitOfWorkFactory) -> None:
    reps = _team(any_uow_factory, 4)
    with any_uow_factory(read_only=True) as uow:
        batch = load_roleplays(uow, WS, reps, NOW, CATALOG)
        alone = {r.user_id: load_roleplays(uow, WS, [r], NOW, CATALOG)[r.user_id] for r in reps}
    assert batch == alone
    cards = batch["UR01"].cards
    assert [(c.external_id, c.days_in_stage) for c in cards] == [("UR01-O3", 35), ("UR01-O2", 25), ("UR01-O1", 15)]
    assert cards[0].practised_at == NOW - timedelta(hours=3) and cards[1].practised_at is None
    assert all(c.focus is not None and c.focus.skill == "Discovery" for c in cards)


def test_the_batched_read_costs_the_same_queries_for_three_reps_or_thirty(engine: Engine) -> None:
    factory = make_uow_factory(engine)
    reps = _team(factory, 30)
    costs = []
    for batch in (reps[:3], reps):
        with factory(read_only=True) as uow:
            uow.workspaces.get(WS)  # the transaction's own statements come first
            with _counting(engine) as count:
                found = load_roleplays(uow, WS, batch, NOW, CATALOG)
        assert len(found) == len(batch) and all(len(r.cards) == 3 for r in found.values())
        costs.append(count[0])
    assert costs[0] == costs[1] <= 6, costs

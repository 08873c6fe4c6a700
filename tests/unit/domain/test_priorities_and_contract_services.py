"""Week 2 over the in-memory fakes: ratings, the 2-skill rule, the contract and its signatures."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from domain.catalog import load_catalog
from domain.coaching.contract import ContractStatus
from domain.coaching.cycle import CoachingCycle
from domain.coaching.priorities import Quadrant
from domain.coaching.scoring import CallScore
from domain.errors import FieldProblems, InvalidInput, NotAllowed, NotFound
from domain.model import Member, Role, Workspace, WorkspaceRef
from domain.services.contracts import ContractService, MetricInput, Outcome
from domain.services.prioritization import PrioritizationService, difficulty_field, impact_field
from tests.fakes import FakeStore

WS = WorkspaceRef("T1")
NOW = datetime(2026, 11, 25, 15, tzinfo=UTC)
CATALOG = load_catalog()


@pytest.fixture
def store() -> FakeStore:
    store = FakeStore()
    with store.uow() as uow:
        uow.workspaces.add(Workspace(WS))
        uow.members.add(Member(WS, "UMGR", "Maya", "America/New_York", role=Role.MANAGER))
        uow.members.add(Member(WS, "UMGR2", "Omar", "America/Chicago", role=Role.MANAGER))
        uow.members.add(Member(WS, "UA", "Alex", "America/Los_Angeles", manager_id="UMGR"))
        uow.members.add(Member(WS, "UB", "Bea", "Europe/Berlin", manager_id="UMGR"))
        uow.cycles.add(CoachingCycle(WS, "UA", "UMGR", date(2026, 11, 16)))
        scores = {d.id: 4 for d in CATALOG.scoring_dimensions} | {"discovery_quality": 2}
        uow.call_scores.add(CallScore(WS, "UA", "UMGR", "Acme", date(2026, 11, 18), scores))
        uow.commit()
    return store


@pytest.fixture
def priorities(store: FakeStore) -> PrioritizationService:
    return PrioritizationService(store.uow, CATALOG)


@pytest.fixture
def contracts(store: FakeStore) -> ContractService:
    return ContractService(store.uow, CATALOG, lambda: NOW)


def _rate(priorities: PrioritizationService, **ratings: tuple[int, int]):
    return priorities.rate(WS, "UMGR", "UA", ratings)


def test_ratings_place_gaps_on_the_matrix_and_propose_one_skill_per_level(priorities) -> None:
    view = _rate(priorities, discovery=(5, 2), objection_handling=(4, 4), value_articulation=(5, 4),
                 closing=(2, 1), pipeline_management=(1, 5))

    assert view.gaps[0].competency == "discovery" and view.gaps[0].observed == 2.0  # weakest first
    quadrants = {r.competency: r.quadrant for r in view.rated}
    assert quadrants == {"discovery": Quadrant.QUICK_WIN, "objection_handling": Quadrant.LONG_TERM,
                         "value_articulation": Quadrant.LONG_TERM, "closing": Quadrant.NICE_TO_HAVE,
                         "pipeline_management": Quadrant.IGNORE_FOR_NOW}
    levels = {c.id: c.level.value for c in CATALOG.competencies}
    assert sorted(levels[r.competency] for r in view.proposal) == ["advanced", "foundational"]
    # Highest impact first, easier before harder; "ignore for now" is never proposed.
    assert [r.competency for r in view.proposal] == ["discovery", "value_articulation"]


def test_bad_ratings_come_back_by_field_and_nothing_is_stored(priorities) -> None:
    with pytest.raises(FieldProblems) as caught:
        priorities.rate(WS, "UMGR", "UA", {"discovery": (6, 2), "closing": (3, None)})
    assert set(caught.value.problems) == {impact_field("discovery"), difficulty_field("closing")}
    assert priorities.view(WS, "UMGR", "UA").rated == []
    with pytest.raises(FieldProblems, match="at least one"):
        priorities.rate(WS, "UMGR", "UA", {})


def test_the_two_skill_rule_refuses_a_third_skill_with_the_reason(priorities) -> None:
    view = priorities.set_focus(WS, "UMGR", "UA", ["discovery", "Value articulation"])
    assert view.focus == ["discovery", "value_articulation"]
    with pytest.raises(InvalidInput, match="at most 2 skills"):
        priorities.add_focus(WS, "UMGR", "UA", "closing")
    with pytest.raises(InvalidInput, match="not a skill in the catalog"):
        priorities.set_focus(WS, "UMGR", "UA", ["negotiation"])
    assert priorities.view(WS, "UA", "UA").focus == ["discovery", "value_articulation"]


def test_only_the_reps_manager_sets_priorities_and_only_they_and_the_rep_read_them(priorities) -> None:
    for manager in ["UMGR2", "UA"]:
        with pytest.raises(NotAllowed):
            priorities.rate(WS, manager, "UA", {"discovery": (1, 1)})
    for viewer in ["UMGR2", "UB"]:
        with pytest.raises(NotAllowed):
            priorities.view(WS, viewer, "UA")
    with pytest.raises(NotFound, match="no active coaching cycle"):
        priorities.rate(WS, "UMGR", "UB", {"discovery": (1, 1)})


def _save(contracts: ContractService, hours: object = 2, rows: list[MetricInput] | None = None):
    rows = rows or [MetricInput("discovery", "discovery_questions_asked", "8 per call"),
                    MetricInput("value_articulation", CATALOG.competency("value_articulation").leading_indicators[0].id,
                                "yes")]
    return contracts.save(WS, "UMGR", "UA", rows, hours, "Score 3 calls a week", "Shadow a call every Tuesday")


def test_a_contract_is_signed_by_both_and_a_change_needs_both_again(contracts, priorities) -> None:
    created = _save(contracts)
    assert created.outcome is Outcome.CREATED and created.contract.status is ContractStatus.AWAITING_BOTH
    assert priorities.view(WS, "UMGR", "UA").focus == ["discovery", "value_articulation"]

    contracts.sign(WS, "UA", "UA", version=1)
    both = contracts.sign(WS, "UMGR", "UA", version=1)
    assert both.fully_signed and contracts.sign(WS, "UMGR", "UA", 1).outcome is Outcome.ALREADY_SIGNED
    assert _save(contracts).outcome is Outcome.UNCHANGED  # saving the same terms keeps the signatures

    revised = _save(contracts, hours=3)
    assert revised.outcome is Outcome.REVISED and revised.changes == ["weekly time 2h → 3h"]
    assert revised.contract.version == 2 and revised.contract.status is ContractStatus.AWAITING_BOTH
    with pytest.raises(InvalidInput, match="has changed since"):
        contracts.sign(WS, "UA", "UA", version=1)  # an old DM's button
    with pytest.raises(NotAllowed):
        contracts.sign(WS, "UB", "UA", version=2)
    with pytest.raises(InvalidInput, match="Change focus skills in the contract"):
        priorities.set_focus(WS, "UMGR", "UA", ["closing"])


def test_bad_contract_input_comes_back_by_field(contracts) -> None:
    rows = [MetricInput("discovery", "closing_rate", ""), MetricInput("objection_handling", None, "")]
    with pytest.raises(FieldProblems) as caught:
        _save(contracts, hours=40, rows=rows)
    assert {"skills", "indicator_0", "target_0", "weekly_hours"} <= set(caught.value.problems)
    with pytest.raises(NotFound):
        contracts.current(WS, "UA", "UA")
    with pytest.raises(NotAllowed):
        contracts.save(WS, "UMGR2", "UA", rows, 2, "x", "y")


def test_a_rep_who_changes_manager_takes_the_cycle_and_a_contract_to_sign_again(store, contracts) -> None:
    from domain.services.roster import RosterService
    from tests.fakes import FakeDirectory

    _save(contracts)
    contracts.sign(WS, "UA", "UA", version=1)
    contracts.sign(WS, "UMGR", "UA", version=1)
    roster = RosterService(store.uow, "UTC")
    roster.move_rep(WS, "UMGR", "UA", "UMGR2", FakeDirectory())

    moved = contracts.current(WS, "UMGR2", "UA")
    assert moved.manager_id == "UMGR2" and moved.version == 2
    assert moved.status is ContractStatus.AWAITING_BOTH and moved.history == ["v2: new manager <@UMGR2>"]
    with pytest.raises(NotAllowed):
        contracts.sign(WS, "UMGR", "UA", version=2)  # the former manager's button signs nothing
    assert contracts.sign(WS, "UMGR2", "UA", version=2).outcome is Outcome.SIGNED
    with pytest.raises(NotAllowed):
        contracts.current(WS, "UMGR", "UA")


def test_a_contract_written_signed_and_read_by_the_manager_is_audited_and_the_reps_own_read_is_not(
        store: FakeStore, contracts: ContractService) -> None:  # issue 14, the audit log
    created = _save(contracts)
    _save(contracts)  # the same terms again: nothing changed, no entry
    contracts.sign(WS, "UA", "UA", version=1)
    contracts.sign(WS, "UA", "UA", version=1)  # already signed: no entry
    contracts.current(WS, "UA", "UA")
    assert store.units[-1].read_only
    contracts.current(WS, "UMGR", "UA")
    entries = [(e.actor_id, e.action.value, e.subject_id, e.record_kind.value) for e in store.tables.audit]
    assert entries == [("UMGR", "change", "UA", "contract"), ("UA", "change", "UA", "contract"),
                       ("UMGR", "read", "UA", "contract")]
    assert {e.record_id for e in store.tables.audit} == {str(created.contract.id)}

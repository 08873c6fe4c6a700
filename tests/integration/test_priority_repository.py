"""Ratings, focus skills and contracts behave the same on the fake, SQLite and PostgreSQL."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

from domain.coaching.contract import CoachingContract, SuccessMetric
from domain.coaching.cycle import CoachingCycle
from domain.coaching.scoring import CallScore
from domain.coaching.self_assessment import Answer, SelfAssessment
from domain.model import Workspace, WorkspaceRef

T1 = WorkspaceRef("T1", "E1")
MONDAY = date(2026, 11, 16)


def _cycles(uow) -> tuple[int, int]:
    uow.workspaces.add(Workspace(T1))
    a = uow.cycles.add(CoachingCycle(T1, "UA", "UMGR", MONDAY))
    b = uow.cycles.add(CoachingCycle(T1, "UB", "UMGR", MONDAY))
    assert a.id is not None and b.id is not None
    return a.id, b.id


def test_ratings_upsert_per_cycle_and_focus_keeps_its_order(any_uow_factory) -> None:
    with any_uow_factory() as uow:
        a, b = _cycles(uow)
        uow.priorities.save_ratings(T1, a, {"discovery": (5, 2), "closing": (2, 4)})
        uow.priorities.save_ratings(T1, b, {"discovery": (1, 1)})
        uow.priorities.set_focus(T1, a, ["closing", "discovery"])
        uow.commit()
    with any_uow_factory() as uow:
        uow.priorities.save_ratings(T1, a, {"discovery": (4, 3)})
        uow.priorities.set_focus(T1, a, ["discovery"])
        uow.priorities.set_focus(T1, a, ["objection_handling", "discovery"])
        uow.commit()
    with any_uow_factory() as uow:
        assert uow.priorities.ratings(a) == {"discovery": (4, 3), "closing": (2, 4)}
        assert uow.priorities.ratings(b) == {"discovery": (1, 1)}
        assert uow.priorities.focus(a) == ["objection_handling", "discovery"]
        assert uow.priorities.focus(b) == []


def test_a_contract_round_trips_and_a_revision_updates_the_same_row(any_uow_factory) -> None:
    signed_at = datetime(2026, 11, 24, 15, 30, tzinfo=UTC)
    with any_uow_factory() as uow:
        a, b = _cycles(uow)
        contract = CoachingContract(
            T1, "UA", "UMGR", [SuccessMetric("discovery", "discovery_questions_asked", "8")], 2.5,
            "Score 3 calls a week", "Shadow a call every Tuesday", cycle_id=a,
        )
        stored = uow.contracts.save(replace(contract, rep_signed_at=signed_at))
        uow.commit()
    with any_uow_factory() as uow:
        found = uow.contracts.for_cycle(a)
        assert found == stored and found.id is not None and found.weekly_hours == 2.5
        assert found.workspace.enterprise_id == "E1" and found.rep_signed_at == signed_at
        revised = found.revised(replace(found, weekly_hours=3.0), "weekly time 2.5h → 3h")
        uow.contracts.save(revised)
        uow.commit()
    with any_uow_factory() as uow:
        again = uow.contracts.for_cycles([a, b])
        assert list(again) == [a]
        assert again[a].id == stored.id and again[a].version == 2 and again[a].rep_signed_at is None
        assert again[a].history == ["v2: weekly time 2.5h → 3h"]
        assert uow.contracts.for_cycles([]) == {}


def test_team_wide_counts_for_app_home_are_one_query_each(any_uow_factory) -> None:
    with any_uow_factory() as uow:
        _cycles(uow)
        for rep, by, day in [("UA", "UMGR", 10), ("UA", "UMGR", 20), ("UA", "UA", 20), ("UB", "UMGR", 1)]:
            uow.call_scores.add(CallScore(T1, rep, by, "Acme", date(2026, 11, day), {"discovery_quality": 3}))
        answers = [Answer("q1", "discovery", 3, 3)]
        uow.self_assessments.add(SelfAssessment(T1, "UA", answers, datetime(2026, 11, 17, 9, tzinfo=UTC)))
        uow.self_assessments.add(SelfAssessment(T1, "UA", answers, datetime(2026, 11, 18, 9, tzinfo=UTC)))
        uow.commit()
    with any_uow_factory() as uow:
        dates = uow.call_scores.observed_call_dates(T1, ["UA", "UB", "UC"], since=date(2026, 11, 5))
        assert {rep: sorted(days) for rep, days in dates.items()} == {"UA": [date(2026, 11, 10), date(2026, 11, 20)]}
        assert uow.self_assessments.latest_dates(T1, ["UA", "UB"]) == {"UA": datetime(2026, 11, 18, 9, tzinfo=UTC)}
        assert uow.call_scores.observed_call_dates(T1, [], since=MONDAY) == {}


def test_team_wide_ratings_and_focus_are_one_query_each(any_uow_factory) -> None:
    with any_uow_factory() as uow:
        a, b = _cycles(uow)
        uow.priorities.save_ratings(T1, a, {"discovery": (5, 2)})
        uow.priorities.set_focus(T1, a, ["discovery", "closing"])
        uow.commit()
    with any_uow_factory() as uow:
        assert uow.priorities.rated_cycles([a, b]) == {a}
        assert uow.priorities.focus_for([a, b]) == {a: ["discovery", "closing"]}
        assert uow.priorities.rated_cycles([]) == set() and uow.priorities.focus_for([]) == {}

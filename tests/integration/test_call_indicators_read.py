"""The lean read of calls for leading indicators behaves the same on the fake, SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date

import pytest

import storage.call_repository
from domain.coaching.calls import CallAnswers, CallRef, CallType
from domain.coaching.debriefs import CallIndicators, CallWords, Debrief, ShadowObservation
from domain.model import Workspace, WorkspaceRef

T1, T2 = WorkspaceRef("T1", "E1"), WorkspaceRef("T2")
ANSWERS = CallAnswers("Asked about the cost of waiting", "Let them talk longer", "Quantify the impact")
QUESTIONS = "discovery_questions_asked"


def _debrief(rep: str, on: date, asked: int, ws: WorkspaceRef = T1, shadow_id: int | None = None) -> Debrief:
    return Debrief(ws, rep, CallRef("Acme"), CallType.DISCOVERY, on, ANSWERS,
                   {QUESTIONS: asked, "business_impact_quantified": asked > 4}, ("discovery",), shadow_id=shadow_id)


def _shadow(rep: str, on: date, asked: int, ws: WorkspaceRef = T1) -> ShadowObservation:
    return ShadowObservation(ws, rep, "UMGR", CallRef("Acme"), CallType.DISCOVERY, on, ANSWERS, "Good",
                             indicators={QUESTIONS: asked})


def test_the_lean_read_holds_what_the_full_read_says_in_the_same_order(any_uow_factory) -> None:
    with any_uow_factory() as uow:
        uow.workspaces.add(Workspace(T1))
        uow.workspaces.add(Workspace(T2))
        seen = uow.shadow_observations.add(_shadow("UA", date(2026, 12, 1), 6))
        uow.shadow_observations.add(_shadow("UB", date(2026, 12, 7), 3))  # the Monday after: outside
        uow.shadow_observations.add(_shadow("UA", date(2026, 12, 2), 9, ws=T2))
        uow.debriefs.add(_debrief("UA", date(2026, 11, 30), 4))
        uow.debriefs.add(_debrief("UA", date(2026, 12, 1), 7, shadow_id=seen.id))
        uow.debriefs.add(_debrief("UA", date(2026, 12, 1), 5))
        uow.debriefs.add(_debrief("UB", date(2026, 12, 6), 2))
        uow.debriefs.add(_debrief("UB", date(2026, 11, 29), 8))  # the Sunday before: outside
        uow.debriefs.add(_debrief("UA", date(2026, 12, 1), 1, ws=T2))
        uow.commit()

    first, last = date(2026, 11, 30), date(2026, 12, 6)
    with any_uow_factory(read_only=True) as uow:
        full = uow.debriefs.for_reps_between(T1, ["UA", "UB", "UC"], first, last)
        lean = uow.debriefs.indicators_for_reps_between(T1, ["UA", "UB", "UC"], first, last)
        assert lean == {rep: [CallIndicators(d.id or 0, d.rep_id, d.call_on, d.indicators, d.shadow_id) for d in rows]
                        for rep, rows in full.items()}
        assert [(c.call_on.day, c.indicators[QUESTIONS], c.shadow_id) for c in lean["UA"]] == [
            (1, 5, None), (1, 7, seen.id), (30, 4, None)]  # newest call first, the later id first on a day
        assert lean["UB"][0].indicators == {QUESTIONS: 2, "business_impact_quantified": False}
        assert "UC" not in lean

        observed = uow.shadow_observations.indicators_for_reps_between(T1, ["UA", "UB"], first, last)
        assert observed == {"UA": [CallIndicators(seen.id or 0, "UA", date(2026, 12, 1), {QUESTIONS: 6})]}
        assert [c.indicators for c in uow.shadow_observations.indicators_for_reps_between(
            T2, ["UA"], first, last)["UA"]] == [{QUESTIONS: 9}]  # another workspace's own
        words = uow.debriefs.words_for_reps_between(T1, ["UA", "UB", "UC"], first, last)
        assert words == {rep: [CallWords(d.id or 0, d.rep_id, d.call_on, d.call.account, d.answers.went_well)
                               for d in rows] for rep, rows in full.items()}  # the scorecard's quotes, same order
        assert [w.went_well for w in words["UB"]] == ["Asked about the cost of waiting"]
        assert uow.debriefs.words_for_reps_between(T2, ["UA"], first, last)["UA"][0].call_on == date(2026, 12, 1)
        assert uow.debriefs.indicators_for_reps_between(T1, [], first, last) == {}
        assert uow.shadow_observations.indicators_for_reps_between(T1, [], first, last) == {}


def test_many_reps_are_read_in_chunks_with_nothing_lost(any_uow_factory, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(storage.call_repository, "REPS_PER_QUERY", 2)  # 5 reps: three chunks on SQL
    reps = [f"U{n}" for n in range(5)]
    with any_uow_factory() as uow:
        uow.workspaces.add(Workspace(T1))
        for n, rep in enumerate(reps):
            uow.debriefs.add(_debrief(rep, date(2026, 12, 1), n))
            uow.shadow_observations.add(_shadow(rep, date(2026, 12, 2), n + 1))
        uow.commit()
    with any_uow_factory(read_only=True) as uow:
        debriefs = uow.debriefs.indicators_for_reps_between(T1, [*reps, "U0"], date(2026, 12, 1), date(2026, 12, 1))
        observed = uow.shadow_observations.indicators_for_reps_between(T1, reps, date(2026, 12, 1), date(2026, 12, 2))
    assert {rep: [c.indicators[QUESTIONS] for c in calls] for rep, calls in debriefs.items()} == {
        rep: [n] for n, rep in enumerate(reps)}
    assert {rep: [c.indicators[QUESTIONS] for c in calls] for rep, calls in observed.items()} == {
        rep: [n + 1] for n, rep in enumerate(reps)}

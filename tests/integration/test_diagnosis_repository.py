"""Scored calls and self-assessments behave the same on the fake, SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, date, datetime

from domain.coaching.scoring import CallScore
from domain.coaching.self_assessment import Answer, SelfAssessment
from domain.model import Workspace, WorkspaceRef

T1, T2 = WorkspaceRef("T1", "E1"), WorkspaceRef("T2")
SCORES = {"discovery_quality": 2, "value_connection": 4}


def _score(rep: str, by: str, on: date, ws: WorkspaceRef = T1, title: str = "Acme") -> CallScore:
    return CallScore(ws, rep, by, title, on, SCORES, call_link=None, notes="good pace")


def test_call_scores_round_trip_newest_call_first_and_scoped_by_workspace(any_uow_factory) -> None:
    with any_uow_factory() as uow:
        uow.workspaces.add(Workspace(T1))
        uow.workspaces.add(Workspace(T2))
        first = uow.call_scores.add(_score("UA", "UMGR", date(2026, 11, 2), title="Old"))
        uow.call_scores.add(_score("UA", "UA", date(2026, 11, 20)))
        uow.call_scores.add(_score("UA", "UMGR", date(2026, 11, 20)))
        uow.call_scores.add(_score("UB", "UMGR", date(2026, 11, 20)))
        uow.call_scores.add(_score("UA", "UMGR", date(2026, 11, 20), ws=T2))
        uow.commit()

    with any_uow_factory() as uow:
        found = uow.call_scores.for_rep(T1, "UA")
        assert [(s.call_on, s.scored_by) for s in found] == [
            (date(2026, 11, 20), "UMGR"), (date(2026, 11, 20), "UA"), (date(2026, 11, 2), "UMGR")]
        assert found[-1] == first and first.id is not None
        assert found[0].scores == SCORES and found[0].notes == "good pace" and found[0].call_link is None
        assert found[0].workspace.enterprise_id == "E1" and found[0].created_at is not None
        assert len(uow.call_scores.for_rep(T1, "UA", limit=2)) == 2
        assert [s.workspace for s in uow.call_scores.for_rep(T2, "UA")] == [T2]
        assert uow.call_scores.for_rep(T1, "UC") == []


def test_the_latest_self_assessment_counts(any_uow_factory) -> None:
    answers = [Answer("disc_q1", "discovery", 4, 5), Answer("obj_q1", "objection_handling", 2, 3)]
    with any_uow_factory() as uow:
        uow.workspaces.add(Workspace(T1))
        uow.workspaces.add(Workspace(T2))
        uow.self_assessments.add(SelfAssessment(T1, "UA", answers[:1], datetime(2026, 11, 2, 9, tzinfo=UTC)))
        uow.self_assessments.add(SelfAssessment(T1, "UA", answers, datetime(2026, 11, 9, 9, tzinfo=UTC)))
        uow.self_assessments.add(SelfAssessment(T2, "UB", answers, datetime(2026, 11, 9, 9, tzinfo=UTC)))
        uow.commit()

    with any_uow_factory() as uow:
        latest = uow.self_assessments.latest(T1, "UA")
        assert latest is not None and latest.answers == answers and latest.id is not None
        assert latest.submitted_at == datetime(2026, 11, 9, 9, tzinfo=UTC)
        assert latest.workspace.enterprise_id == "E1"
        assert uow.self_assessments.latest(T1, "UB") is None  # UB's is in T2
        assert uow.self_assessments.latest(T2, "UB") is not None


def test_nothing_is_kept_without_commit(any_uow_factory) -> None:
    with any_uow_factory() as uow:
        uow.workspaces.add(Workspace(T1))
        uow.commit()
    with any_uow_factory() as uow:
        uow.call_scores.add(_score("UA", "UMGR", date(2026, 11, 2)))
    with any_uow_factory() as uow:
        assert uow.call_scores.for_rep(T1, "UA") == []


def test_for_reps_and_latest_for_are_for_rep_and_latest_of_each_rep_in_one_call(any_uow_factory) -> None:
    answers = [Answer("disc_q1", "discovery", 4, 5)]
    with any_uow_factory() as uow:
        uow.workspaces.add(Workspace(T1))
        uow.workspaces.add(Workspace(T2))
        for day in (2, 20, 9):
            uow.call_scores.add(_score("UA", "UMGR", date(2026, 11, day), title=f"A{day}"))
        uow.call_scores.add(_score("UB", "UB", date(2026, 11, 5)))
        uow.call_scores.add(_score("UC", "UMGR", date(2026, 11, 5), ws=T2))
        uow.self_assessments.add(SelfAssessment(T1, "UA", answers, datetime(2026, 11, 2, 9, tzinfo=UTC)))
        uow.self_assessments.add(SelfAssessment(T1, "UA", answers, datetime(2026, 11, 9, 9, tzinfo=UTC)))
        uow.self_assessments.add(SelfAssessment(T2, "UC", answers, datetime(2026, 11, 9, 9, tzinfo=UTC)))
        uow.commit()

    with any_uow_factory() as uow:
        found = uow.call_scores.for_reps(T1, ["UA", "UB", "UC"], limit=2)
        assert found == {"UA": uow.call_scores.for_rep(T1, "UA", limit=2), "UB": uow.call_scores.for_rep(T1, "UB")}
        assert [s.call_title for s in found["UA"]] == ["A20", "A9"]
        assert found["UA"][0].workspace.enterprise_id == "E1"
        latest = uow.self_assessments.latest_for(T1, ["UA", "UB", "UC"])
        assert latest == {"UA": uow.self_assessments.latest(T1, "UA")}
        assert latest["UA"].submitted_at == datetime(2026, 11, 9, 9, tzinfo=UTC)
        assert uow.call_scores.for_reps(T1, []) == {} and uow.self_assessments.latest_for(T1, []) == {}

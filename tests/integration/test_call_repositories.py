"""Debriefs and shadow observations behave the same on the fake, SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from domain.coaching.calls import CallAnswers, CallRef, CallType
from domain.coaching.debriefs import Debrief, DebriefFeedback, ShadowObservation
from domain.model import Workspace, WorkspaceRef

T1, T2 = WorkspaceRef("T1", "E1"), WorkspaceRef("T2")
ANSWERS = CallAnswers("Asked about the cost of waiting", "Let them talk longer", "Quantify the impact")
LONG = "é" * 3000  # as many characters as Slack lets a person type; PostgreSQL counts characters too


def _debrief(rep: str, on: date, ws: WorkspaceRef = T1, account: str = "Acme", **kw: object) -> Debrief:
    return Debrief(ws, rep, CallRef(account, "OPP-1"), CallType.DISCOVERY, on, ANSWERS,
                   indicators={"discovery_questions_asked": 7, "business_impact_quantified": True},
                   skills=("discovery",), **kw)  # type: ignore[arg-type]


def _shadow(rep: str, on: date, ws: WorkspaceRef = T1) -> ShadowObservation:
    return ShadowObservation(ws, rep, "UMGR", CallRef("Acme"), CallType.DEMO, on, ANSWERS, feedback=LONG,
                             skill_scores={"discovery": 4}, indicators={"discovery_questions_asked": 5},
                             skills=("discovery",), recording_link="https://rec.example/1")


def test_debriefs_round_trip_by_week_newest_call_first_and_scoped_by_workspace(any_uow_factory) -> None:
    with any_uow_factory() as uow:
        uow.workspaces.add(Workspace(T1))
        uow.workspaces.add(Workspace(T2))
        first = uow.debriefs.add(_debrief("UA", date(2026, 11, 30)))
        uow.debriefs.add(_debrief("UA", date(2026, 12, 2), account="Globex"))
        uow.debriefs.add(_debrief("UA", date(2026, 11, 29)))  # the Sunday before: last week
        uow.debriefs.add(_debrief("UB", date(2026, 12, 1)))
        uow.debriefs.add(_debrief("UA", date(2026, 12, 1), ws=T2))
        uow.commit()

    with any_uow_factory() as uow:
        week = uow.debriefs.for_reps_between(T1, ["UA", "UB", "UC"], date(2026, 11, 30), date(2026, 12, 6))
        assert [d.call.account for d in week["UA"]] == ["Globex", "Acme"]
        assert [d.rep_id for d in week["UB"]] == ["UB"] and "UC" not in week
        stored = uow.debriefs.get(T1, first.id or 0)
        assert stored == first and stored.workspace.enterprise_id == "E1"
        assert stored.indicators == {"discovery_questions_asked": 7, "business_impact_quantified": True}
        assert stored.answers == ANSWERS and stored.call.deal_id == "OPP-1" and stored.skills == ("discovery",)
        assert stored.created_at is not None and stored.version == 1 and stored.history == ()
        assert uow.debriefs.get(T2, first.id or 0) is None  # another workspace's id reads as nothing
        assert [d.workspace for d in uow.debriefs.for_reps_between(T2, ["UA"], date(2026, 12, 1),
                                                                    date(2026, 12, 1))["UA"]] == [T2]


def test_an_edit_keeps_the_earlier_version_in_the_history(any_uow_factory) -> None:
    with any_uow_factory() as uow:
        uow.workspaces.add(Workspace(T1))
        stored = uow.debriefs.add(_debrief("UA", date(2026, 12, 1)))
        uow.commit()
    now = datetime(2026, 12, 2, 9, tzinfo=UTC)
    edited = stored.revised(call=CallRef("Acme Corp", None), call_type=CallType.DEMO, call_on=date(2026, 12, 1),
                            answers=CallAnswers("Better", LONG, "More"), indicators={}, recording_link=None, now=now)
    with any_uow_factory() as uow:
        uow.debriefs.update(edited)
        uow.commit()
    with any_uow_factory() as uow:
        again = uow.debriefs.get(T1, stored.id or 0)
        assert again is not None and again.version == 2 and again.answers.do_differently == LONG
        assert again.call == CallRef("Acme Corp", None) and again.indicators == {}
        (before,) = again.history
        assert before["version"] == 1 and before["went_well"] == ANSWERS.went_well and before["account"] == "Acme"
        assert before["indicators"] == {"discovery_questions_asked": 7, "business_impact_quantified": True}


def test_shadowed_calls_and_the_reps_linked_debrief(any_uow_factory) -> None:
    with any_uow_factory() as uow:
        uow.workspaces.add(Workspace(T1))
        uow.workspaces.add(Workspace(T2))
        seen = uow.shadow_observations.add(_shadow("UA", date(2026, 12, 1)))
        uow.shadow_observations.add(_shadow("UA", date(2026, 12, 1), ws=T2))
        linked = uow.debriefs.add(_debrief("UA", date(2026, 12, 1), shadow_id=seen.id))
        uow.commit()
    with any_uow_factory() as uow:
        assert uow.shadow_observations.get(T1, seen.id or 0) == seen and seen.feedback == LONG
        assert seen.skill_scores == {"discovery": 4} and seen.created_at is not None
        week = uow.shadow_observations.for_reps_between(T1, ["UA"], date(2026, 11, 30), date(2026, 12, 6))
        assert [s.id for s in week["UA"]] == [seen.id]
        assert uow.debriefs.for_shadows(T1, [seen.id or 0]) == {seen.id: linked}
        assert uow.debriefs.for_shadows(T2, [seen.id or 0]) == {}


def test_debriefs_created_since_for_a_digest(any_uow_factory) -> None:
    with any_uow_factory() as uow:
        uow.workspaces.add(Workspace(T1))
        a = uow.debriefs.add(_debrief("UA", date(2026, 12, 1)))
        b = uow.debriefs.add(_debrief("UB", date(2026, 12, 1)))
        uow.debriefs.add(_debrief("UC", date(2026, 12, 1)))
        uow.commit()
    assert a.created_at is not None
    with any_uow_factory() as uow:
        found = uow.debriefs.created_since(T1, ["UA", "UB"], a.created_at - timedelta(seconds=1))
        assert [d.id for d in found] == [a.id, b.id]
        assert uow.debriefs.created_since(T1, ["UA"], a.created_at + timedelta(hours=1)) == []


def test_a_debrief_keeps_the_use_cases_clock_for_its_edit_window(any_uow_factory) -> None:
    saved = datetime(2026, 12, 1, 9, 30, tzinfo=UTC)
    with any_uow_factory() as uow:
        uow.workspaces.add(Workspace(T1))
        stored = uow.debriefs.add(_debrief("UA", date(2026, 12, 1), created_at=saved, updated_at=saved))
        uow.commit()
    assert stored.created_at == saved
    with any_uow_factory() as uow:
        again = uow.debriefs.get(T1, stored.id or 0)
        assert again is not None and again.created_at == saved
        assert again.editable(saved + timedelta(days=6, hours=23)) and not again.editable(saved + timedelta(days=7))


def test_a_managers_feedback_is_kept_per_debrief_oldest_first_and_scoped_by_workspace(any_uow_factory) -> None:
    with any_uow_factory() as uow:
        uow.workspaces.add(Workspace(T1))
        uow.workspaces.add(Workspace(T2))
        first = uow.debriefs.add(_debrief("UA", date(2026, 12, 1)))
        second = uow.debriefs.add(_debrief("UA", date(2026, 12, 2)))
        other = uow.debriefs.add(_debrief("UA", date(2026, 12, 2), ws=T2))
        at = datetime(2026, 12, 2, 10, tzinfo=UTC)
        later = uow.debriefs.add_feedback(DebriefFeedback(T1, first.id or 0, "UA", "UMGR", "Second", at))
        earlier = uow.debriefs.add_feedback(DebriefFeedback(T1, first.id or 0, "UA", "UMGR", LONG,
                                                             at - timedelta(hours=1)))
        uow.debriefs.add_feedback(DebriefFeedback(T2, other.id or 0, "UA", "UMGR", "Elsewhere", at))
        uow.commit()
    assert later.id is not None and later.created_at == at
    with any_uow_factory() as uow:
        found = uow.debriefs.feedback_for(T1, [first.id or 0, second.id or 0, other.id or 0])
    assert list(found) == [first.id]
    assert [(f.text, f.manager_id, f.workspace) for f in found[first.id or 0]] == [
        (LONG, "UMGR", T1), ("Second", "UMGR", T1)]
    assert earlier.id != later.id

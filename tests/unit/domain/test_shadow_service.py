"""Shadow coaching over the in-memory fakes: who may shadow, what is checked, who is told, the weekly target."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest

from domain.catalog import load_catalog
from domain.coaching.calls import CallAnswers, CallRef, CallType
from domain.coaching.cycle import CoachingCycle
from domain.coaching.debriefs import ShadowObservation
from domain.coaching.shadow_week import expected_by
from domain.errors import FieldProblems, NotAllowed
from domain.model import Member, Role, Workspace, WorkspaceRef
from domain.pipeline.model import DealStatus, Opportunity
from domain.receipts import Receipt, Replayed
from domain.services.shadow_weeks import shadow_weeks
from domain.services.shadowing import (
    FEEDBACK,
    ShadowFeedback,
    ShadowInput,
    ShadowRecorded,
    ShadowService,
    score_key,
)
from tests.fakes import FakeStore

WS = WorkspaceRef("T1")
OTHER_WS = WorkspaceRef("T2")
NOW = datetime(2026, 12, 9, 15, tzinfo=UTC)  # Wednesday; 10:00 in New York
TODAY = date(2026, 12, 9)
CATALOG = load_catalog()
STARTED = date(2026, 11, 23)  # week 3 on Mon 7 Dec: Develop
FOCUS = ["discovery", "closing"]


@pytest.fixture
def store() -> FakeStore:
    store = FakeStore()
    with store.uow() as uow:
        for ws in (WS, OTHER_WS):
            uow.workspaces.add(Workspace(ws))
            uow.members.add(Member(ws, "UMGR", "Maya", "America/New_York", role=Role.MANAGER))
            uow.members.add(Member(ws, "UA", "Alex", "America/Los_Angeles", manager_id="UMGR"))
        uow.members.add(Member(WS, "UMGR2", "Omar", "America/Chicago", role=Role.MANAGER))
        uow.members.add(Member(WS, "UADMIN", "Ada", "Europe/London", is_admin=True))
        uow.members.add(Member(WS, "UB", "Bea", "Europe/Berlin", manager_id="UMGR"))
        uow.members.add(Member(WS, "UC", "Chen", "Asia/Singapore", manager_id="UMGR2"))
        cycle = uow.cycles.add(CoachingCycle(WS, "UA", "UMGR", STARTED))
        assert cycle.id is not None
        uow.priorities.set_focus(WS, cycle.id, FOCUS)
        uow.pipeline.upsert(WS, [
            Opportunity(WS, "D1", "UA", "Acme Corp renewal", Decimal(5000)),
            Opportunity(WS, "D2", "UA", "Globex expansion", Decimal(9000)),
            Opportunity(WS, "D3", "UA", "Acme Labs pilot", Decimal(1000), status=DealStatus.WON),
            Opportunity(WS, "D4", "UC", "Initech", Decimal(3000)),
        ])
        uow.commit()
    return store


@pytest.fixture
def service(store: FakeStore) -> ShadowService:
    return ShadowService(store.uow, CATALOG, lambda: NOW)


def _input(**changes: object) -> ShadowInput:
    fine = ShadowInput(
        call=CallRef("Acme Corp"), call_type="discovery", call_on=TODAY - timedelta(days=1),
        answers=CallAnswers("Asked about the budget early.", "Let the silence work.", "Quantify the pain."),
        feedback="Great questions; slow down before the demo.",
        indicators={"discovery_questions_asked": "7", "business_impact_quantified": "no"},
        scores={"discovery": 4, "closing": 2}, recording_link="https://calls.example/1", skills=tuple(FOCUS),
    )
    return replace(fine, **changes)  # type: ignore[arg-type]


def _stored(store: FakeStore) -> list[ShadowObservation]:
    return list(store.tables.calls.shadows.values())


def test_only_the_reps_own_manager_opens_the_form(service: ShadowService) -> None:
    form = service.form(WS, "UMGR", "UA")
    assert (form.rep.user_id, form.today, form.skills, form.cycle_started) == ("UA", TODAY, tuple(FOCUS), STARTED)
    assert [i.id for i in form.indicators(CATALOG)][:3] == [i.id for i in CATALOG.indicators_for("discovery")]

    for caller, rep in [("UMGR2", "UA"), ("UB", "UA"), ("UMGR", "UC"), ("UMGR", "UNOBODY"), ("UNOBODY", "UA")]:
        with pytest.raises(NotAllowed, match=r"Only <@.*>'s own manager can shadow their calls"):
            service.form(WS, caller, rep)
    with pytest.raises(NotAllowed, match="being an admin does not open them"):
        service.form(WS, "UADMIN", "UA")
    with pytest.raises(NotAllowed, match="cannot shadow your own calls"):
        service.form(WS, "UA", "UA")


def test_the_deal_named_in_the_command_is_one_of_the_reps_open_deals_or_the_account(service: ShadowService) -> None:
    def named(text: str) -> tuple[str | None, str]:
        form = service.form(WS, "UMGR", "UA", text)
        return (form.deal.external_id if form.deal else None), form.account

    assert named("acme corp renewal") == ("D1", "")
    assert named("globex") == ("D2", "")  # one open deal's name holds it
    assert named("d2") == ("D2", "")
    assert named("acme") == ("D1", "")  # the won Acme Labs pilot is not open
    assert named("Initech") == (None, "Initech")  # another rep's deal: only the text
    assert named("  Umbrella   Inc ") == (None, "Umbrella Inc")
    assert named("") == (None, "")


def test_a_shadowed_call_is_stored_once_the_rep_gets_the_feedback_the_manager_the_count(
        service: ShadowService, store: FakeStore) -> None:
    done = service.shadow_and_tell(WS, "UMGR", "UA", _input(call=CallRef("", "D1")))

    [stored] = _stored(store)
    assert (stored.rep_id, stored.observer_id, stored.call) == ("UA", "UMGR", CallRef("Acme Corp renewal", "D1"))
    assert stored.skill_scores == {"discovery": 4, "closing": 2} and stored.skills == tuple(FOCUS)
    assert stored.indicators == {"discovery_questions_asked": 7, "business_impact_quantified": False}
    assert stored.cycle_id == 1 and stored.feedback == "Great questions; slow down before the demo."
    to_rep, to_manager = done.effects.messages
    assert to_rep.to == "UA" and isinstance(to_rep.notice, ShadowFeedback) and to_rep.notice.observation == stored
    assert to_manager.to == "UMGR" and isinstance(to_manager.notice, ShadowRecorded)
    week = done.result.week
    assert (week.count, week.first, week.last, week.met, week.behind) == (1, date(2026, 12, 7), date(2026, 12, 13),
                                                                          False, False)
    assert [h.viewer_id for h in done.effects.homes] == ["UMGR", "UA"]
    assert all(m.delivery is not None for m in done.effects.messages)  # on record with the observation


def test_every_problem_comes_back_by_field_and_nothing_is_stored(service: ShadowService, store: FakeStore) -> None:
    commits = store.commits
    bad = _input(call=CallRef("", "D4"), call_on=TODAY + timedelta(days=1), recording_link="http://x",
                 answers=CallAnswers(" ", "fine", "x" * 3001), feedback="  ",
                 indicators={"discovery_questions_asked": "-2", "next_step_defined": "maybe"},
                 scores={"discovery": 7})
    with pytest.raises(FieldProblems) as caught:
        service.shadow_and_tell(WS, "UMGR", "UA", bad)

    problems = caught.value.problems
    assert set(problems) == {"deal", "call_on", "recording_link", "went_well", "practice_next", FEEDBACK,
                             "discovery_questions_asked", "next_step_defined", score_key("discovery"),
                             score_key("closing")}
    assert "not one of Alex's" in problems["deal"]
    assert "not 7" in problems[score_key("discovery")] and "Pick a score" in problems[score_key("closing")]
    assert "feedback Alex will get" in problems[FEEDBACK]
    assert _stored(store) == [] and store.commits == commits


def test_a_call_before_the_cycle_started_and_feedback_too_long_are_refused(service: ShadowService) -> None:
    with pytest.raises(FieldProblems) as caught:
        service.shadow_and_tell(WS, "UMGR", "UA", _input(call_on=STARTED - timedelta(days=1), feedback="y" * 3001))
    assert "Alex's coaching cycle started on Mon 23 Nov" in caught.value.problems["call_on"]
    assert "Keep it to 3000 characters" in caught.value.problems[FEEDBACK]


def test_a_replayed_submission_stores_nothing_more(service: ShadowService, store: FakeStore) -> None:
    receipt = Receipt("calls.shadow", "k" * 64)
    service.shadow_and_tell(WS, "UMGR", "UA", _input(), receipt)
    with pytest.raises(Replayed):
        service.shadow_and_tell(WS, "UMGR", "UA", _input(), receipt)
    assert len(_stored(store)) == 1


def test_a_submission_for_someone_elses_rep_or_workspace_is_refused(service: ShadowService, store: FakeStore) -> None:
    for ws, caller, rep in [(WS, "UMGR2", "UA"), (WS, "UMGR", "UC"), (WS, "UADMIN", "UA"), (WS, "UA", "UA"),
                            (OTHER_WS, "UMGR", "UB")]:
        with pytest.raises(NotAllowed):
            service.shadow_and_tell(ws, caller, rep, _input(skills=None, scores={}, indicators={}))
    assert _stored(store) == []


def test_a_form_opened_before_the_focus_changed_is_refused_with_the_reason(service: ShadowService) -> None:
    with pytest.raises(NotAllowed, match="focus skills changed while this form was open"):
        service.shadow_and_tell(WS, "UMGR", "UA", _input(skills=("discovery",)))


def test_a_rep_without_a_cycle_is_shadowed_without_scores_or_indicators(service: ShadowService,
                                                                        store: FakeStore) -> None:
    done = service.shadow_and_tell(WS, "UMGR", "UB", _input(skills=(), scores={"discovery": 9},
                                                            indicators={"discovery_questions_asked": "-1"}))
    assert done.result.observation.skill_scores == {} and done.result.observation.indicators == {}
    assert done.result.week.targeted is False and done.result.week.behind is False


def test_only_the_rep_and_their_manager_read_an_observation(service: ShadowService) -> None:
    stored = service.shadow_and_tell(WS, "UMGR", "UA", _input()).result.observation
    assert stored.id is not None
    assert service.observation(WS, "UA", stored.id) == service.observation(WS, "UMGR", stored.id) == stored
    for viewer in ("UB", "UMGR2", "UADMIN"):
        with pytest.raises(NotAllowed, match="only the rep and their own manager"):
            service.observation(WS, viewer, stored.id)
    with pytest.raises(NotAllowed):
        service.observation(OTHER_WS, "UA", stored.id)
    with pytest.raises(NotAllowed):
        service.observation(WS, "UA", 999)


@pytest.mark.parametrize(("day", "expected"), [(date(2026, 12, 7), 0), (date(2026, 12, 8), 0), (date(2026, 12, 9), 1),
                                               (date(2026, 12, 10), 2), (date(2026, 12, 13), 2)])
def test_the_target_expects_one_call_by_wednesday_and_two_from_thursday(day: date, expected: int) -> None:
    assert expected_by(day) == expected


def test_the_week_counts_this_weeks_calls_and_says_who_is_behind(service: ShadowService, store: FakeStore) -> None:
    for day in (date(2026, 12, 4), date(2026, 12, 8)):  # last Friday, this Tuesday
        service.shadow_and_tell(WS, "UMGR", "UA", _input(call_on=day))
    with store.uow() as uow:  # Bea: a cycle in Develop too, nothing shadowed
        cycle = uow.cycles.add(CoachingCycle(WS, "UB", "UMGR", STARTED))
        assert cycle.id is not None
        uow.commit()

    def weeks(day: date) -> dict[str, tuple[int, bool]]:
        with store.uow(read_only=True) as uow:
            found = shadow_weeks(uow, WS, {"UA": day, "UB": day, "UC": day})
        return {rep: (week.count, week.behind) for rep, week in found.items()}

    assert weeks(date(2026, 12, 8)) == {"UA": (1, False), "UB": (0, False), "UC": (0, False)}
    assert weeks(date(2026, 12, 9)) == {"UA": (1, False), "UB": (0, True), "UC": (0, False)}  # Chen: no cycle
    assert weeks(date(2026, 12, 10)) == {"UA": (1, True), "UB": (0, True), "UC": (0, False)}
    # Last week's Saturday: the cycles were in week 2 (Prioritize), before the target applies.
    assert weeks(date(2026, 12, 5)) == {"UA": (1, False), "UB": (0, False), "UC": (0, False)}
    assert [(w.rep_id, w.count) for w in service.team_week(WS, "UMGR")] == [("UA", 1), ("UB", 0)]


def test_the_week_is_the_managers_calendar_week() -> None:
    store = FakeStore()
    with store.uow() as uow:
        uow.workspaces.add(Workspace(WS))
        uow.members.add(Member(WS, "UMGR", "Maya", "Asia/Tokyo", role=Role.MANAGER))
        uow.members.add(Member(WS, "UA", "Alex", "America/Los_Angeles", manager_id="UMGR"))
        uow.shadow_observations.add(ShadowObservation(
            WS, "UA", "UMGR", CallRef("Acme"), CallType.DEMO, date(2026, 12, 13), _input().answers, "ok"))
        uow.commit()
    sunday_night_in_la = datetime(2026, 12, 14, 5, tzinfo=UTC)  # Sun 13 Dec in LA, already Mon 14 Dec in Tokyo
    service = ShadowService(store.uow, CATALOG, lambda: sunday_night_in_la)
    [week] = service.team_week(WS, "UMGR")
    assert (week.first, week.count) == (date(2026, 12, 14), 0)


def test_a_cycle_that_has_not_started_yet_neither_scores_nor_limits_the_date(service: ShadowService,
                                                                           store: FakeStore) -> None:
    with store.uow() as uow:
        cycle = uow.cycles.add(CoachingCycle(WS, "UB", "UMGR", date(2026, 12, 14)))  # next Monday
        assert cycle.id is not None
        uow.priorities.set_focus(WS, cycle.id, ["discovery"])
        uow.commit()
    form = service.form(WS, "UMGR", "UB")
    assert (form.skills, form.cycle_started) == ((), None)

    done = service.shadow_and_tell(WS, "UMGR", "UB", _input(skills=(), scores={}, indicators={}))
    assert done.result.observation.cycle_id is None and done.result.observation.skill_scores == {}

"""`scorecards` and `team_scorecards` over the fakes: what a rep's and a manager's Friday shows, week by week."""

from __future__ import annotations

import gc
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from domain.catalog import load_catalog
from domain.coaching.calls import CallAnswers, CallRef, CallType
from domain.coaching.commitments import Commitment, CommitmentStatus
from domain.coaching.contract import CoachingContract, SuccessMetric
from domain.coaching.cycle import CoachingCycle
from domain.coaching.debriefs import Debrief, DebriefFeedback, ShadowObservation
from domain.coaching.homework import HandInKind, Homework, HomeworkStatus
from domain.coaching.leading import Direction
from domain.coaching.lessons import LessonProgress, LessonStatus
from domain.model import Member, Role, Workspace, WorkspaceRef
from domain.pipeline.model import DealStatus, Opportunity, Stage
from domain.services.bulk import collector_paused
from domain.services.scorecards import rep_scorecards, team_scorecards
from tests.fakes import FakeStore

WS = WorkspaceRef("T1")
CATALOG = load_catalog()
QUESTIONS = "discovery_questions_asked"
STARTED = date(2026, 11, 23)  # week 1 of the cycles; the scorecards below are of week 3, Mon 7 - Sun 13 Dec
FRIDAY_1500_SYDNEY = datetime(2026, 12, 11, 4, 0, tzinfo=UTC)
LESSON = CATALOG.competency("discovery").micro_lessons[0]


def _answers(went_well: str) -> CallAnswers:
    return CallAnswers(went_well, "Let them talk longer", "Quantify the pain")


def _store() -> FakeStore:
    store = FakeStore()
    with store.uow() as uow:
        uow.workspaces.add(Workspace(WS))
        uow.members.add(Member(WS, "UMGR", "Maya", "Australia/Sydney", role=Role.MANAGER))
        for rep_id, name in (("USAM", "Sam"), ("UPRI", "Priya")):
            uow.members.add(Member(WS, rep_id, name, "Australia/Sydney", manager_id="UMGR"))
            cycle = uow.cycles.add(CoachingCycle(WS, rep_id, "UMGR", STARTED))
            assert cycle.id is not None
            uow.priorities.set_focus(WS, cycle.id, ["discovery"])
            uow.contracts.save(CoachingContract(
                WS, rep_id, "UMGR", [SuccessMetric("discovery", QUESTIONS, "8 per call")], 3.5, "r", "m",
                cycle_id=cycle.id, rep_signed_at=datetime(2026, 11, 30, tzinfo=UTC),
                manager_signed_at=datetime(2026, 11, 30, tzinfo=UTC) if rep_id == "USAM" else None))
        uow.members.add(Member(WS, "UNEW", "Noor", "Australia/Sydney", manager_id="UMGR"))  # no cycle yet
        uow.commit()
    return store


def _sam_s_weeks(store: FakeStore) -> None:
    """Sam: three discovery calls last week at 4 questions, four this week at 6, one shadowed; lessons,
    homework and deals."""
    with store.uow() as uow:
        cycle = uow.cycles.active_for(WS, "USAM")
        assert cycle is not None and cycle.id is not None
        for n, day in enumerate((date(2026, 11, 30), date(2026, 12, 1), date(2026, 12, 2))):
            uow.debriefs.add(Debrief(WS, "USAM", CallRef(f"Old {n}"), CallType.DISCOVERY, day,
                                     _answers("Last week's words"), {QUESTIONS: 4}, ("discovery",), cycle.id))
        seen = uow.shadow_observations.add(ShadowObservation(
            WS, "USAM", "UMGR", CallRef("Globex"), CallType.DISCOVERY, date(2026, 12, 8), _answers("Calm"),
            "Great pause after the price question", {"discovery": 4}, {QUESTIONS: 5}, ("discovery",), cycle.id))
        for n, (day, words) in enumerate(((date(2026, 12, 7), "Asked about budget early"),
                                          (date(2026, 12, 8), "Let Globex's CFO talk"),
                                          (date(2026, 12, 9), "Quantified the pain: 40 hours a month"),
                                          (date(2026, 12, 11), "Got the champion to name the deadline"))):
            debrief = uow.debriefs.add(Debrief(
                WS, "USAM", CallRef("Globex" if n == 1 else f"Acme {n}"), CallType.DISCOVERY, day, _answers(words),
                {QUESTIONS: 6}, ("discovery",), cycle.id, shadow_id=seen.id if n == 1 else None))
            if n == 0:
                assert debrief.id is not None
                uow.debriefs.add_feedback(DebriefFeedback(WS, debrief.id, "USAM", "UMGR", "Nice opener",
                                                          created_at=datetime(2026, 12, 8, 1, tzinfo=UTC)))
        progress = uow.lessons.locked(WS, LessonProgress(WS, "USAM", cycle.id, "discovery", LESSON.id))
        uow.lessons.save(replace(progress, status=LessonStatus.DONE, done_at=datetime(2026, 12, 8, 0, tzinfo=UTC)))
        uow.homework.add(Homework(WS, "USAM", "UMGR", "Write three PAIN questions for Globex", date(2026, 12, 10),
                                  HandInKind.TEXT, HomeworkStatus.HANDED_IN, cycle.id,
                                  handed_in_at=datetime(2026, 12, 9, 2, tzinfo=UTC)))
        for n, (deadline, status, answered) in enumerate((
                (date(2026, 12, 3), CommitmentStatus.DONE, date(2026, 12, 3)),  # kept on time
                (date(2026, 12, 9), CommitmentStatus.DONE, date(2026, 12, 10)),  # done, a day late
                (date(2026, 12, 10), CommitmentStatus.OPEN, None),  # fell due, still open
                (date(2026, 12, 18), CommitmentStatus.OPEN, None),  # not due yet: not counted
                (date(2026, 12, 8), CommitmentStatus.DROPPED, None))):  # dropped: nobody owes it
            uow.commitments.add(Commitment(WS, "USAM", "UMGR", "USAM", f"Action {n}", deadline, "p1",
                                           status=status, answered_on=answered))
        uow.pipeline.upsert(WS, [
            # Before the cycle: 10 days in qualifying, the rep's baseline.
            Opportunity(WS, "D1", "USAM", "Initech", stage=Stage.PRESENTING, stage_entered={
                Stage.QUALIFYING: date(2026, 11, 1), Stage.PRESENTING: date(2026, 11, 11)}),
            # This week: 6 days in qualifying, then presenting.
            Opportunity(WS, "D2", "USAM", "Globex", stage=Stage.PRESENTING, stage_entered={
                Stage.QUALIFYING: date(2026, 12, 2), Stage.PRESENTING: date(2026, 12, 8)}),
            Opportunity(WS, "D3", "USAM", "Umbrella", amount=Decimal(42000), stage=Stage.CLOSING,
                        status=DealStatus.WON, closed_on=date(2026, 12, 10)),
            Opportunity(WS, "D4", "USAM", "Hooli", stage=Stage.PRESENTING, status=DealStatus.LOST,
                        closed_on=date(2026, 12, 3)),  # last week: not this week's
        ])
        uow.commit()


def test_a_reps_scorecard_shows_their_week_in_numbers_and_in_their_own_words() -> None:
    store = _store()
    _sam_s_weeks(store)
    with store.uow(read_only=True) as uow:
        cards = rep_scorecards(uow, WS, ["USAM", "UPRI", "UNEW"], FRIDAY_1500_SYDNEY, CATALOG)

    assert set(cards) == {"USAM", "UPRI"}  # Noor is not in a cycle: nothing to score
    sam = cards["USAM"]
    assert (sam.label, sam.week, sam.cycle_week) == ("2026-W50", date(2026, 12, 7), 3)
    assert sam.skill_names == {"discovery": CATALOG.competency("discovery").name}
    assert (sam.debriefed, sam.shadowed) == (4, 1)
    # Newest first, three at most, the rep's own words.
    assert [e.text for e in sam.examples] == ["Got the champion to name the deadline",
                                              "Quantified the pain: 40 hours a month", "Let Globex's CFO talk"]
    questions = next(c for c in sam.this_week() if c.indicator.indicator.id == QUESTIONS)
    # Four calls this week; on the shadowed one the manager's 5 counts, not Sam's 6.
    assert (questions.value.value, questions.value.calls, questions.value.change) == (5.8, 4, 1.8)
    assert questions.direction is Direction.BETTER and questions.value.gap == 2.2
    assert sam.headline() == questions
    assert [(f.text, f.scores) for f in sam.feedback] == [("Great pause after the price question", {"discovery": 4})]
    assert sam.lessons_done == (LESSON.title,)
    assert sam.homework_done == ("Write three PAIN questions for Globex",)
    assert sam.commitments is not None and (sam.commitments.kept, sam.commitments.due) == (1, 3)
    assert sam.pipeline is not None
    [move] = sam.pipeline.moved
    assert (move.name, move.left, move.entered, move.days, move.baseline_days, move.faster) == (
        "Globex", Stage.QUALIFYING, Stage.PRESENTING, 6, 10.0, True)
    assert [d.name for d in sam.pipeline.won] == ["Umbrella"] and sam.pipeline.lost == ()
    # The trend spans the cycle's weeks so far: W48 to W50.
    assert [w.label for w in questions.indicator.weeks] == ["2026-W48", "2026-W49", "2026-W50"]

    priya = cards["UPRI"]
    assert not priya.has_activity and priya.pipeline is None and priya.headline() is None
    assert priya.commitments is None  # none fell due: the card says nothing about commitments


def test_last_weeks_scorecard_is_that_weeks_own() -> None:
    store = _store()
    _sam_s_weeks(store)
    with store.uow(read_only=True) as uow:
        sam = rep_scorecards(uow, WS, ["USAM"], FRIDAY_1500_SYDNEY, CATALOG, weeks_back=1)["USAM"]
    assert (sam.label, sam.debriefed, sam.shadowed, sam.cycle_week) == ("2026-W49", 3, 0, 2)
    assert [e.text for e in sam.examples] == ["Last week's words"] * 3
    assert sam.pipeline is not None and [d.name for d in sam.pipeline.lost] == ["Hooli"]


def test_a_managers_team_scorecard_has_every_coached_rep_their_coaching_time_and_who_sent_nothing() -> None:
    store = _store()
    _sam_s_weeks(store)
    with store.uow(read_only=True) as uow:
        teams = team_scorecards(uow, WS, {"UMGR": date(2026, 12, 11), "USAM": date(2026, 12, 11)}, CATALOG)
    assert set(teams) == {"UMGR"}  # Sam coaches nobody
    team = teams["UMGR"]
    assert [c.rep.name for c in team.cards] == ["Priya", "Sam"]
    assert [r.name for r in team.silent] == ["Priya"]
    # One shadowed call (60 min) and one feedback reply (10 min); only Sam's contract is signed by both.
    assert (team.coaching.shadowed_calls, team.coaching.feedback_given, team.coaching.minutes) == (1, 1, 70)
    assert (team.coaching.hours, team.coaching.agreed_hours) == (1.2, 3.5)


def test_reps_in_other_time_zones_are_scored_on_their_own_week() -> None:
    store = _store()
    with store.uow() as uow:
        priya = uow.members.get(WS, "UPRI")
        assert priya is not None
        uow.members.update(replace(priya, time_zone="America/Los_Angeles"))
        cycle = uow.cycles.active_for(WS, "UPRI")
        assert cycle is not None
        # Sunday 13 Dec, 23:30 in Los Angeles: still the rep's week 50, though Monday in UTC.
        uow.debriefs.add(Debrief(WS, "UPRI", CallRef("Late call"), CallType.DISCOVERY, date(2026, 12, 13),
                                 _answers("Stayed on the pain"), {QUESTIONS: 7}, ("discovery",), cycle.id))
        uow.commit()
    sunday_night_la = datetime(2026, 12, 14, 7, 30, tzinfo=UTC)
    with store.uow(read_only=True) as uow:
        cards = rep_scorecards(uow, WS, ["UPRI", "USAM"], sunday_night_la, CATALOG)
    assert (cards["UPRI"].label, cards["UPRI"].debriefed) == ("2026-W50", 1)
    assert cards["USAM"].label == "2026-W51"  # already Monday in Sydney


def test_the_collector_is_paused_inside_and_resumes_once_the_last_block_ends() -> None:
    assert gc.isenabled()
    with collector_paused():
        assert not gc.isenabled()
        with collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()  # it was off before: it stays off
    finally:
        gc.enable()


def test_a_week_with_no_deals_moved_is_quiet_and_a_rep_with_no_deals_has_no_pipeline_section() -> None:
    store = _store()
    with store.uow() as uow:
        uow.pipeline.upsert(WS, [Opportunity(WS, "D9", "UPRI", "Stark", stage=Stage.QUALIFYING, stage_entered={
            Stage.QUALIFYING: date(2026, 11, 2)})])
        uow.commit()
    with store.uow(read_only=True) as uow:
        cards = rep_scorecards(uow, WS, ["UPRI", "USAM"], FRIDAY_1500_SYDNEY + timedelta(hours=1), CATALOG)
    assert cards["UPRI"].pipeline is not None and cards["UPRI"].pipeline.quiet
    assert cards["USAM"].pipeline is None

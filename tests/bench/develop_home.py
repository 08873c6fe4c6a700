"""The manager's App Home in week 5 (stage 3, develop), with 10 and 40 reps.

Every rep is in week 5 of a cycle with a focus skill and a signed contract,
three debriefs and two shadowed calls this week, two of the focus skill's
lessons done and one sent, three pieces of homework (one open, one late, one
handed in) and deals with a stalled one (a role-play card). Prints the time
to build the manager's Home (the read and the Block Kit view) and its SQL
statements, which must not grow with the team.
"""

from __future__ import annotations

import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

from domain.catalog import load_catalog
from domain.coaching.calls import CallAnswers, CallRef, CallType
from domain.coaching.contract import CoachingContract, SuccessMetric
from domain.coaching.cycle import CoachingCycle
from domain.coaching.debriefs import Debrief, ShadowObservation
from domain.coaching.homework import HandIn, HandInKind, Homework
from domain.coaching.lessons import LessonAnswer, LessonProgress
from domain.model import Member, Role, Workspace, WorkspaceRef
from domain.pipeline.model import DealStatus, Opportunity
from domain.pipeline.model import Stage as DealStage
from domain.ports import UnitOfWork
from domain.services.home import HomeService
from handlers.blocks.home import home_view
from storage import migrate
from storage.uow import make_engine, make_uow_factory
from tests.bench.pipeline import _counting

WS = WorkspaceRef("TBENCH")
NOW = datetime(2026, 12, 2, 20, tzinfo=UTC)  # Wednesday afternoon in New York
MONDAY = date(2026, 11, 30)
CYCLE_START = MONDAY - timedelta(weeks=4)  # this is week 5
ANSWERS = CallAnswers("Asked five PAIN questions", "Let the buyer finish", "Quantify the impact in euros")
REPEATS = 20
CATALOG = load_catalog()


def _rep_week(uow: UnitOfWork, rep: str, cycle_id: int, manager: str = "UMGR") -> None:
    for day in range(3):
        uow.debriefs.add(Debrief(WS, rep, CallRef(f"Account {day}"), CallType.DISCOVERY, MONDAY + timedelta(days=day),
                                 ANSWERS, indicators={"discovery_questions_asked": 5 + day}, skills=("discovery",),
                                 cycle_id=cycle_id))
    for day in range(2):
        uow.shadow_observations.add(ShadowObservation(
            WS, rep, manager, CallRef(f"Account {day}"), CallType.DISCOVERY, MONDAY + timedelta(days=day), ANSWERS,
            feedback="Good pause after the price question", skill_scores={"discovery": 3 + day % 2},
            indicators={"discovery_questions_asked": 5}, skills=("discovery",), cycle_id=cycle_id))


def _lessons(uow: UnitOfWork, rep: str, cycle_id: int) -> None:
    for n, lesson in enumerate(CATALOG.competency("discovery").micro_lessons[:3]):
        row = uow.lessons.locked(WS, LessonProgress(WS, rep, cycle_id, "discovery", lesson.id,
                                                    sent_at=NOW - timedelta(days=8 - n), updated_at=NOW))
        if n < 2:
            uow.lessons.save(row.answered(LessonAnswer.DONE, NOW - timedelta(days=7 - n), None))


def _homework(uow: UnitOfWork, rep: str, cycle_id: int, manager: str) -> None:
    for due, text in ((MONDAY + timedelta(days=4), "Write value propositions for your top 3 prospects"),
                      (MONDAY - timedelta(days=2), "List the five questions you ask first"),
                      (MONDAY + timedelta(days=6), "Ask for the budget in every discovery call")):
        uow.homework.add(Homework(WS, rep, manager, text, due, HandInKind.TEXT, cycle_id=cycle_id))
    handed = uow.homework.add(Homework(WS, rep, manager, "Record your opening", MONDAY, HandInKind.TEXT,
                                       cycle_id=cycle_id))
    uow.homework.update(handed.handed_in_with(HandIn("Done, see the recording"), NOW - timedelta(hours=3)))


def _deals(rep: str) -> list[Opportunity]:
    today = NOW.date()
    history = [Opportunity(WS, f"{rep}-H{h}", rep, "History", Decimal(1000), DealStage.PRESENTING, DealStatus.WON,
                           stage_entered={DealStage.QUALIFYING: today - timedelta(days=100 + 20 * h),
                                          DealStage.PRESENTING: today - timedelta(days=90 + 20 * h)})
               for h in range(3)]
    return [*history, *(Opportunity(WS, f"{rep}-O{d}", rep, f"Open {d}", Decimal(1000 * (d + 1)),
                                    DealStage.QUALIFYING,
                                    stage_entered={DealStage.QUALIFYING: today - timedelta(days=5 + 30 * d)})
                       for d in range(3))]  # the last has sat in its stage far longer than the rep's own pace


def populate_team(uow: UnitOfWork, manager: str, reps: int, prefix: str = "UR") -> list[str]:
    """`manager` (added here) with `reps` reps in week 5, each with a whole stage-3 week; the reps' ids."""
    uow.members.add(Member(WS, manager, "Maya", "America/New_York", role=Role.MANAGER))
    ids, deals = [], []
    for n in range(reps):
        rep = f"{prefix}{n:03d}"
        ids.append(rep)
        uow.members.add(Member(WS, rep, f"Rep {n:03d}", "America/Los_Angeles", manager_id=manager))
        cycle = uow.cycles.add(CoachingCycle(WS, rep, manager, CYCLE_START))
        assert cycle.id is not None
        uow.priorities.save_ratings(WS, cycle.id, {"discovery": (5, 2)})
        uow.priorities.set_focus(WS, cycle.id, ["discovery"])
        uow.contracts.save(CoachingContract(
            WS, rep, manager, [SuccessMetric("discovery", "discovery_questions_asked", "6")], 3, "a", "b",
            cycle_id=cycle.id, rep_signed_at=NOW - timedelta(weeks=3), manager_signed_at=NOW - timedelta(weeks=3)))
        _rep_week(uow, rep, cycle.id, manager)
        _lessons(uow, rep, cycle.id)
        _homework(uow, rep, cycle.id, manager)
        deals += _deals(rep)
    uow.pipeline.upsert(WS, deals)
    return ids


def _populate(uow_factory, reps: int) -> None:
    with uow_factory() as uow:
        uow.workspaces.add(Workspace(WS))
        populate_team(uow, "UMGR", reps)
        uow.commit()


def measure(reps: int) -> str:
    catalog = CATALOG
    with tempfile.TemporaryDirectory() as scratch:
        engine = make_engine(f"sqlite:///{Path(scratch) / 'develop.db'}")
        try:
            migrate.upgrade(engine)
            uow_factory = make_uow_factory(engine)
            _populate(uow_factory, reps)
            home = HomeService(uow_factory, catalog, clock=lambda: NOW)
            with _counting(engine) as count:
                model = home.home_for(WS, "UMGR")
            started = time.perf_counter()
            for _ in range(REPEATS):
                home.home_for(WS, "UMGR")
            read_ms = (time.perf_counter() - started) / REPEATS * 1000
            started = time.perf_counter()
            for _ in range(REPEATS):
                view = home_view(model, NOW, catalog)
            view_ms = (time.perf_counter() - started) / REPEATS * 1000
        finally:
            engine.dispose()
    weeks = [model.develop[f"UR{n:03d}"] for n in range(reps)]
    assert all(len(w.debriefs) == 3 and len(w.shadows) == 2 for w in weeks), "the bench's calls did not load"
    assert all(w.lessons is not None and w.lessons.done == 2 for w in weeks), "the bench's lessons did not load"
    assert all(w.homework is not None and (len(w.homework.open), len(w.homework.late),
                                           len(w.homework.awaiting_feedback)) == (2, 1, 1) for w in weeks), \
        "the bench's homework did not load"
    assert all(w.roleplays is not None and w.roleplays.cards for w in weeks), "the bench's stalled deals did not load"
    return (f"  {reps:3d} reps: read {read_ms:5.1f} ms, Block Kit view {view_ms:4.1f} ms "
            f"({len(view['blocks'])} blocks), {count[0]} SQL statements")


def run() -> list[str]:
    return ["Manager's App Home in week 5 (debriefs, shadowed calls, lessons, homework, role-play cards; SQLite):",
            measure(10), measure(40)]

"""The manager's App Home in week 5 (stage 3, develop), with 10 and 40 reps.

Every rep is in week 5 of a cycle with a focus skill and a signed contract,
three debriefs and two shadowed calls this week (lesson progress and
homework are not on the Home yet). Prints the time to build the manager's Home (the read and the
Block Kit view) and its SQL statements, which must not grow with the team.
"""

from __future__ import annotations

import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from domain.catalog import load_catalog
from domain.coaching.calls import CallAnswers, CallRef, CallType
from domain.coaching.contract import CoachingContract, SuccessMetric
from domain.coaching.cycle import CoachingCycle
from domain.coaching.debriefs import Debrief, ShadowObservation
from domain.model import Member, Role, Workspace, WorkspaceRef
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


def _rep_week(uow: UnitOfWork, rep: str, cycle_id: int) -> None:
    for day in range(3):
        uow.debriefs.add(Debrief(WS, rep, CallRef(f"Account {day}"), CallType.DISCOVERY, MONDAY + timedelta(days=day),
                                 ANSWERS, indicators={"discovery_questions_asked": 5 + day}, skills=("discovery",),
                                 cycle_id=cycle_id))
    for day in range(2):
        uow.shadow_observations.add(ShadowObservation(
            WS, rep, "UMGR", CallRef(f"Account {day}"), CallType.DISCOVERY, MONDAY + timedelta(days=day), ANSWERS,
            feedback="Good pause after the price question", skill_scores={"discovery": 3 + day % 2},
            indicators={"discovery_questions_asked": 5}, skills=("discovery",), cycle_id=cycle_id))


def _populate(uow_factory, reps: int) -> None:
    with uow_factory() as uow:
        uow.workspaces.add(Workspace(WS))
        uow.members.add(Member(WS, "UMGR", "Maya", "America/New_York", role=Role.MANAGER))
        for n in range(reps):
            rep = f"UR{n:03d}"
            uow.members.add(Member(WS, rep, f"Rep {n:03d}", "America/Los_Angeles", manager_id="UMGR"))
            cycle = uow.cycles.add(CoachingCycle(WS, rep, "UMGR", CYCLE_START))
            assert cycle.id is not None
            uow.priorities.save_ratings(WS, cycle.id, {"discovery": (5, 2)})
            uow.priorities.set_focus(WS, cycle.id, ["discovery"])
            uow.contracts.save(CoachingContract(
                WS, rep, "UMGR", [SuccessMetric("discovery", "discovery_questions_asked", "6")], 3, "a", "b",
                cycle_id=cycle.id, rep_signed_at=NOW - timedelta(weeks=3), manager_signed_at=NOW - timedelta(weeks=3)))
            _rep_week(uow, rep, cycle.id)
        uow.commit()


def measure(reps: int) -> str:
    catalog = load_catalog()
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
    assert all(len(w.debriefs) == 3 and len(w.shadows) == 2 for w in weeks), "the bench's data did not load"
    return (f"  {reps:3d} reps: read {read_ms:5.1f} ms, Block Kit view {view_ms:4.1f} ms "
            f"({len(view['blocks'])} blocks), {count[0]} SQL statements")


def run() -> list[str]:
    return ["Manager's App Home in week 5 (debriefs and shadowed calls this week; SQLite):",
            measure(10), measure(40)]

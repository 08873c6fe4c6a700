"""Leading indicators of a team over 8 weeks: time and SQL statements, which must not grow with the team.

Every rep has a focus skill and a contract target, five debriefs a week for
nine weeks (eight shown and the one before, for the first change) and two
shadowed calls a week, one of them also debriefed (the same call seen twice).
"""

from __future__ import annotations

import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from domain.catalog import load_catalog
from domain.coaching.calls import CallAnswers, CallRef, CallType
from domain.coaching.contract import CoachingContract, SuccessMetric
from domain.coaching.cycle import CoachingCycle
from domain.coaching.debriefs import Debrief, ShadowObservation
from domain.model import Member, Role, Workspace, WorkspaceRef
from domain.ports import UnitOfWork
from domain.services.leading_indicators import weekly_indicators
from storage import migrate
from storage.uow import make_engine, make_uow_factory
from tests.bench.pipeline import _counting

WS = WorkspaceRef("TLEAD")
TODAY = date(2026, 12, 11)  # a Friday
WEEKS = 8
CATALOG = load_catalog()
ANSWERS = CallAnswers("Asked five PAIN questions", "Let the buyer finish", "Quantify the impact")
QUESTIONS = "discovery_questions_asked"


def populate_team(uow: UnitOfWork, manager: str, reps: int, prefix: str = "UR", weeks: int = WEEKS) -> list[str]:
    """`manager` (added here) and `reps` reps with `weeks` + 1 weeks of calls each; the reps' ids."""
    uow.members.add(Member(WS, manager, "Maya", "America/New_York", role=Role.MANAGER))
    first = TODAY - timedelta(days=TODAY.weekday(), weeks=weeks)
    ids = []
    for n in range(reps):
        rep = f"{prefix}{n:03d}"
        ids.append(rep)
        uow.members.add(Member(WS, rep, f"Rep {n:03d}", "Australia/Sydney", manager_id=manager))
        cycle = uow.cycles.add(CoachingCycle(WS, rep, manager, first))
        assert cycle.id is not None
        uow.priorities.set_focus(WS, cycle.id, ["discovery"])
        uow.contracts.save(CoachingContract(WS, rep, manager, [SuccessMetric("discovery", QUESTIONS, "8 per call")],
                                            3, "a", "b", cycle_id=cycle.id))
        for week in range(weeks + 1):
            monday = first + timedelta(weeks=week)
            seen = uow.shadow_observations.add(ShadowObservation(
                WS, rep, manager, CallRef("Shadowed"), CallType.DISCOVERY, monday, ANSWERS, "Good",
                indicators={QUESTIONS: 4 + week % 3}, cycle_id=cycle.id))
            uow.shadow_observations.add(ShadowObservation(
                WS, rep, manager, CallRef("Shadowed too"), CallType.DISCOVERY, monday + timedelta(days=1), ANSWERS,
                "Good", indicators={QUESTIONS: 5}, cycle_id=cycle.id))
            for day in range(5):
                uow.debriefs.add(Debrief(
                    WS, rep, CallRef(f"Account {day}"), CallType.DISCOVERY, monday + timedelta(days=day), ANSWERS,
                    {QUESTIONS: 3 + week % 4 + day % 2, "business_impact_quantified": day % 2 == 0},
                    ("discovery",), cycle.id, shadow_id=seen.id if day == 0 else None))
    return ids


def measure(reps: int, weeks: int = WEEKS) -> str:
    with tempfile.TemporaryDirectory() as scratch:
        engine = make_engine(f"sqlite:///{Path(scratch) / 'leading.db'}")
        try:
            migrate.upgrade(engine)
            factory = make_uow_factory(engine)
            with factory() as uow:
                uow.workspaces.add(Workspace(WS))
                ids = populate_team(uow, "UMGR", reps, weeks=weeks)
                uow.commit()
            with factory(read_only=True) as uow:
                uow.workspaces.get(WS)
                started = time.perf_counter()
                with _counting(engine) as count:
                    found = weekly_indicators(uow, WS, dict.fromkeys(ids, TODAY), weeks, CATALOG)
                took_ms = (time.perf_counter() - started) * 1000
        finally:
            engine.dispose()
    assert all(r.value("discovery", QUESTIONS, TODAY).calls == 6 for r in found.values()), "the calls did not load"
    return f"  {reps:4d} reps x {weeks} weeks: {took_ms:6.1f} ms, {count[0]} SQL statements"


def run() -> list[str]:
    return ["Leading indicators, 8 weeks (5 debriefs and 2 shadowed calls a week per rep; SQLite):",
            measure(40), measure(400)]


if __name__ == "__main__":
    for line in run():
        print(line)

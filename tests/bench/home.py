"""App Home for a manager whose reps are in cycle weeks 1-2, and the Wednesday note.

Every rep has an active cycle, scored calls and (half of them) a
self-assessment; some have ratings, focus and a contract. Prints the time to
build the manager's App Home and the team's what's-missing note for 10 and
for 40 reps on SQLite, with the number of SQL statements: it must not grow
with the team (no per-rep queries).
"""

from __future__ import annotations

import tempfile
import time
from datetime import UTC, date, datetime
from pathlib import Path

from domain.catalog import load_catalog
from domain.coaching.contract import CoachingContract, SuccessMetric
from domain.coaching.cycle import CoachingCycle
from domain.coaching.scoring import CallScore
from domain.coaching.self_assessment import Answer, SelfAssessment
from domain.model import Member, Role, Workspace, WorkspaceRef
from domain.notifications.kind import Occasion
from domain.notifications.team_tasks import TEAM_TASKS
from domain.services.home import HomeService
from domain.services.notifications import NotificationContentService
from storage import migrate
from storage.uow import make_engine, make_uow_factory
from tests.bench.pipeline import _counting

WS = WorkspaceRef("TBENCH")
MONDAY = date(2026, 11, 30)
NOW = datetime(2026, 12, 2, 15, tzinfo=UTC)
REPEATS = 20


def _populate(uow_factory, reps: int) -> None:
    dims = {d.id: 3 for d in load_catalog().scoring_dimensions}
    with uow_factory() as uow:
        uow.workspaces.add(Workspace(WS))
        uow.members.add(Member(WS, "UMGR", "Maya", "America/New_York", role=Role.MANAGER))
        for n in range(reps):
            rep = f"UR{n:03d}"
            uow.members.add(Member(WS, rep, f"Rep {n:03d}", "America/Los_Angeles", manager_id="UMGR"))
            cycle = uow.cycles.add(CoachingCycle(WS, rep, "UMGR", MONDAY if n % 2 else date(2026, 11, 23)))
            for day in range(1, 1 + n % 12):
                uow.call_scores.add(CallScore(WS, rep, "UMGR", f"Call {day}", date(2026, 11, day), dims))
            if n % 2:
                uow.self_assessments.add(SelfAssessment(WS, rep, [Answer("q", "discovery", 3, 3)], NOW))
            if n % 4 == 0 and cycle.id:
                uow.priorities.save_ratings(WS, cycle.id, {"discovery": (5, 2)})
                uow.priorities.set_focus(WS, cycle.id, ["discovery"])
                uow.contracts.save(CoachingContract(WS, rep, "UMGR", [SuccessMetric("discovery", "x", "5")], 2,
                                                    "a", "b", cycle_id=cycle.id))
        uow.commit()


def measure(reps: int) -> str:
    with tempfile.TemporaryDirectory() as scratch:
        engine = make_engine(f"sqlite:///{Path(scratch) / 'home.db'}")
        try:
            migrate.upgrade(engine)
            uow_factory = make_uow_factory(engine)
            _populate(uow_factory, reps)
            home = HomeService(uow_factory, load_catalog())
            content = NotificationContentService(uow_factory)
            wednesday = [Occasion("UMGR", NOW.date().isoformat())]
            with _counting(engine) as home_count:
                model = home.home_for(WS, "UMGR")
            with _counting(engine) as note_count:
                note = content.gather(TEAM_TASKS, WS, wednesday).get(wednesday[0])
            started = time.perf_counter()
            for _ in range(REPEATS):
                home.home_for(WS, "UMGR")
            home_ms = (time.perf_counter() - started) / REPEATS * 1000
            started = time.perf_counter()
            for _ in range(REPEATS):
                content.gather(TEAM_TASKS, WS, wednesday)
            note_ms = (time.perf_counter() - started) / REPEATS * 1000
        finally:
            engine.dispose()
    assert len(model.progress) == reps and note is not None
    return (f"  {reps:3d} reps: App Home {home_ms:5.1f} ms ({home_count[0]} statements); "
            f"Wednesday note {note_ms:5.1f} ms ({note_count[0]} statements)")


def run() -> list[str]:
    return ["Manager's App Home and what's-missing note, reps in cycle weeks 1-2 (SQLite):",
            measure(10), measure(40)]

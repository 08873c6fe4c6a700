"""Leading indicators over 8 weeks, up to 10,000 reps: time and SQL statements, which must not grow with reps.

Every rep has a focus skill and a contract target, five debriefs a week for
nine weeks (eight shown and the one before, for the first change) and two
shadowed calls a week, one of them also debriefed (the same call seen twice):
45 debriefs and 18 observations a rep, 630,000 calls for 10,000 reps. Small
teams are written through the repositories (`populate_team`, also used by the
integration test); the 10,000 reps by bulk inserts (`populate_bulk`), the same
rows. Run on SQLite, and on PostgreSQL (a throw-away schema, analysed after
the load) when COACHFLOW_TEST_DATABASE_URL is set.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator, Sequence
from datetime import date, timedelta
from typing import Any

from sqlalchemy import Engine, Table, insert, text

from domain.catalog import load_catalog
from domain.coaching.calls import CallAnswers, CallRef, CallType
from domain.coaching.contract import CoachingContract, SuccessMetric
from domain.coaching.cycle import CoachingCycle
from domain.coaching.debriefs import Debrief, ShadowObservation
from domain.model import Member, Role, Workspace, WorkspaceRef
from domain.ports import UnitOfWork
from domain.services.leading_indicators import weekly_indicators
from storage import migrate
from storage.orm import ContractRow, CycleRow, DebriefRow, FocusSkillRow, MemberRow, ShadowObservationRow
from storage.uow import make_engine, make_uow_factory
from tests.bench.pipeline import _counting
from tests.bench.scheduling import UrlFor, _postgres_url_maker, _sqlite_url

WS = WorkspaceRef("TLEAD")
TODAY = date(2026, 12, 11)  # a Friday
WEEKS = 8
CATALOG = load_catalog()
ANSWERS = CallAnswers("Asked five PAIN questions", "Let the buyer finish", "Quantify the impact")
QUESTIONS = "discovery_questions_asked"
SIZES = (40, 10_000)
ROWS_PER_INSERT = 20_000


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


def _people(reps: int, first: date, prefix: str) -> dict[str, list[dict[str, Any]]]:
    """Table -> rows of the reps, their active cycles (ids 1..reps), focus skills and contracts."""
    rows: dict[str, list[dict[str, Any]]] = {"members": [], "cycles": [], "focus_skills": [], "contracts": []}
    for n in range(reps):
        rep, cycle, ws = f"{prefix}{n:05d}", n + 1, WS.team_id
        rows["members"].append({"team_id": ws, "user_id": rep, "name": f"Rep {n}", "time_zone": "Australia/Sydney",
                                "role": "rep", "manager_id": "UMGR"})
        rows["cycles"].append({"id": cycle, "team_id": ws, "rep_id": rep, "manager_id": "UMGR", "starts_on": first,
                               "offset_weeks": 0, "status": "active"})
        rows["focus_skills"].append({"team_id": ws, "cycle_id": cycle, "competency": "discovery", "position": 0})
        rows["contracts"].append({
            "team_id": ws, "cycle_id": cycle, "rep_id": rep, "manager_id": "UMGR", "weekly_hours": 3,
            "metrics": [{"competency": "discovery", "indicator": QUESTIONS, "target": "8 per call"}],
            "rep_commitments": "a", "manager_commitments": "b", "history": []})
    return rows


Rows = list[dict[str, Any]]


def _calls(reps: int, weeks: int, first: date, prefix: str) -> Iterator[tuple[Rows, Rows]]:
    """(shadow observations, debriefs) rows, a batch at a time: what `populate_team` writes, ids given here."""
    call = {"team_id": WS.team_id, "account": "Account", "deal_id": None, **ANSWERS.as_dict(),
            "call_type": CallType.DISCOVERY.value, "skills": ["discovery"], "recording_link": None}
    shadows: list[dict[str, Any]] = []
    debriefs: list[dict[str, Any]] = []
    for n in range(reps):
        rep, cycle = f"{prefix}{n:05d}", n + 1
        for week in range(weeks + 1):
            monday = first + timedelta(weeks=week)
            seen = (n * (weeks + 1) + week) * 2 + 1
            observed: dict[str, Any] = {**call, "rep_id": rep, "observer_id": "UMGR", "cycle_id": cycle,
                                        "feedback": "Good", "skill_scores": {}}
            shadows += [{**observed, "id": seen, "call_on": monday, "indicators": {QUESTIONS: 4 + week % 3}},
                        {**observed, "id": seen + 1, "call_on": monday + timedelta(days=1),
                         "indicators": {QUESTIONS: 5}}]
            debriefs += [{**call, "rep_id": rep, "cycle_id": cycle, "shadow_id": seen if day == 0 else None,
                          "call_on": monday + timedelta(days=day), "version": 1, "history": [],
                          "indicators": {QUESTIONS: 3 + week % 4 + day % 2, "business_impact_quantified": day % 2 == 0}}
                         for day in range(5)]
        if len(debriefs) >= ROWS_PER_INSERT:
            yield shadows, debriefs
            shadows, debriefs = [], []
    yield shadows, debriefs


def populate_bulk(engine: Engine, reps: int, weeks: int = WEEKS, prefix: str = "UR") -> list[str]:
    """The workspace, its manager and `reps` reps with their calls, by bulk inserts; the reps' ids."""
    tables = {t.name: t for t in (MemberRow.__table__, CycleRow.__table__, FocusSkillRow.__table__,
                                  ContractRow.__table__, ShadowObservationRow.__table__, DebriefRow.__table__)
              if isinstance(t, Table)}
    factory = make_uow_factory(engine)
    with factory() as uow:
        uow.workspaces.add(Workspace(WS))
        uow.members.add(Member(WS, "UMGR", "Maya", "America/New_York", role=Role.MANAGER))
        uow.commit()
    first = TODAY - timedelta(days=TODAY.weekday(), weeks=weeks)
    with engine.begin() as connection:
        for name, rows in _people(reps, first, prefix).items():  # parents first
            connection.execute(insert(tables[name]), rows)
        for shadows, debriefs in _calls(reps, weeks, first, prefix):
            if shadows:
                connection.execute(insert(tables["shadow_observations"]), shadows)
                connection.execute(insert(tables["debriefs"]), debriefs)
    if engine.dialect.name == "postgresql":
        with engine.begin() as connection:
            connection.execute(text("ANALYZE"))  # fresh tables: give the planner their sizes
    return [f"{prefix}{n:05d}" for n in range(reps)]


def measure(url: str, reps: int, weeks: int = WEEKS) -> str:
    engine = make_engine(url)
    try:
        migrate.upgrade(engine)
        started = time.perf_counter()
        ids = populate_bulk(engine, reps, weeks)
        setup = time.perf_counter() - started
        with make_uow_factory(engine)(read_only=True) as uow:
            uow.workspaces.get(WS)
            started = time.perf_counter()
            with _counting(engine) as count:
                found = weekly_indicators(uow, WS, dict.fromkeys(ids, TODAY), weeks, CATALOG)
            took = time.perf_counter() - started
    finally:
        engine.dispose()
    assert len(found) == reps, "a rep is missing"
    assert all(r.value("discovery", QUESTIONS, TODAY).calls == 6 for r in found.values()), "the calls did not load"
    return (f"  {reps:>6,} reps x {weeks} weeks ({reps * (weeks + 1) * 7:>7,} calls): {took:6.2f} s, "
            f"{count[0]} SQL statements (set-up {setup:5.1f} s)")


def on_both_databases(title: str, measure_one: Callable[[str, int], str], sizes: Sequence[int] = SIZES
                      ) -> list[str]:
    """`measure_one(url, reps)` for each size on SQLite, then PostgreSQL when COACHFLOW_TEST_DATABASE_URL is set."""

    def measure_all(url_for: UrlFor, label: str) -> list[str]:
        lines = [f"{title} ({label}):"]
        for reps in sizes:
            url, cleanup = url_for(reps)
            try:
                lines.append(measure_one(url, reps))
            finally:
                cleanup()
        return lines

    lines = measure_all(_sqlite_url, "SQLite")
    postgres = os.environ.get("COACHFLOW_TEST_DATABASE_URL")
    if postgres:
        lines += measure_all(_postgres_url_maker(postgres), "PostgreSQL")
    else:
        lines.append("  (PostgreSQL: set COACHFLOW_TEST_DATABASE_URL to measure it too)")
    return lines


def run() -> list[str]:
    return on_both_databases("Leading indicators, 8 weeks, 5 debriefs and 2 shadowed calls a week per rep", measure)


if __name__ == "__main__":
    for line in run():
        print(line)

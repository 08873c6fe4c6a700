"""The cycle's results of a team of 40 reps: time and SQL statements (the same for 4 reps as for 40).

Each rep has the finished cycle of tests/results_world.py: 15 debriefs in
weeks 3, 7 and 8, five scored calls, four deals, three actions and seven
1:1s. A team's results (`/coach admin results`, `coachflow results`) are
loaded in one batch, so the statements do not grow with the team. Run on
SQLite, and on PostgreSQL when COACHFLOW_TEST_DATABASE_URL is set.
"""

from __future__ import annotations

import time
from datetime import date

from sqlalchemy import Engine

from domain.catalog import load_catalog
from domain.services.results import TeamResults, team_results
from storage import migrate
from storage.uow import make_engine, make_uow_factory
from tests.bench.leading_indicators import on_both_databases
from tests.bench.pipeline import _counting
from tests.results_world import NOW, WS, populate

CATALOG = load_catalog()
SINCE = date(2026, 11, 1)
SIZES = (40,)


def team_of(engine: Engine, reps: int) -> list[str]:
    """`reps` reps of Maya's with a finished cycle each, in a migrated, empty database."""
    with make_uow_factory(engine)() as uow:
        ids = populate(uow, reps)
        uow.commit()
    return ids


def results_counted(engine: Engine) -> tuple[TeamResults, int, float]:
    """The whole workspace's results since 1 Nov, the statements they took and the seconds."""
    with make_uow_factory(engine)(read_only=True) as uow, _counting(engine) as count:
        started = time.perf_counter()
        found = team_results(uow, WS, None, SINCE, NOW, CATALOG)
        took = time.perf_counter() - started
    return found, count[0], took


def measure(url: str, reps: int) -> str:
    engine = make_engine(url)
    try:
        migrate.upgrade(engine)
        team_of(engine, reps)
        found, statements, took = results_counted(engine)
    finally:
        engine.dispose()
    assert len(found.results) == reps, "a rep's results are missing"
    return (f"  {reps:>6,} reps' cycle results: {took:6.2f} s ({took / reps * 1000:5.1f} ms a rep), "
            f"{statements} SQL statements")


def run() -> list[str]:
    return on_both_databases("The cycle's results of a team (debriefs, scores, deals, actions, 1:1s per rep)",
                             measure, SIZES)


if __name__ == "__main__":
    for line in run():
        print(line)

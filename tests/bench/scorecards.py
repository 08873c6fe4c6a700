"""Friday scorecards of up to 10,000 reps: time and SQL statements, which must not grow with the reps.

The same data as the leading-indicator benchmark (`populate_bulk`: five
debriefs and two shadowed calls a week per rep over nine weeks, about 45
debriefs a rep): each scorecard reads the cycle's eight weeks of indicators
and this week's debriefs in full (the rep's own words), shadowed calls (the
manager's feedback), lessons, homework and deals. Run on SQLite, and on
PostgreSQL when COACHFLOW_TEST_DATABASE_URL is set.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime

from domain.services.scorecards import rep_scorecards
from storage import migrate
from storage.uow import make_engine, make_uow_factory
from tests.bench.leading_indicators import CATALOG, QUESTIONS, WS, on_both_databases, populate_bulk
from tests.bench.pipeline import _counting

FRIDAY_1500_SYDNEY = datetime(2026, 12, 11, 4, 0, tzinfo=UTC)  # the benchmark reps live in Sydney


def measure(url: str, reps: int) -> str:
    engine = make_engine(url)
    try:
        migrate.upgrade(engine)
        ids = populate_bulk(engine, reps)
        with make_uow_factory(engine)(read_only=True) as uow:
            uow.workspaces.get(WS)
            started = time.perf_counter()
            with _counting(engine) as count:
                cards = rep_scorecards(uow, WS, ids, FRIDAY_1500_SYDNEY, CATALOG)
            took = time.perf_counter() - started
    finally:
        engine.dispose()
    assert len(cards) == reps, "a rep's scorecard is missing"
    card = next(iter(cards.values()))
    assert card.debriefed == 5 and card.shadowed == 2 and card.examples, "this week's calls did not load"
    assert card.this_week() and card.this_week()[0].indicator.indicator.id == QUESTIONS
    return f"  {reps:>6,} reps: {took:6.2f} s, {count[0]} SQL statements"


def run() -> list[str]:
    return on_both_databases("Friday scorecards, the cycle's 8 weeks, about 45 debriefs a rep", measure)


if __name__ == "__main__":
    for line in run():
        print(line)

"""A team's cycle results on SQLite and PostgreSQL: the same statements for 3 reps as for 12."""

from __future__ import annotations

from sqlalchemy import Engine

from domain.coaching.commitments import KeptRate
from domain.coaching.leading import Direction
from tests.bench.results import results_counted, team_of
from tests.conftest import delete_all_rows


def test_a_teams_results_cost_the_same_statements_for_3_reps_as_for_12(engine: Engine) -> None:
    counts: list[int] = []
    for reps in (3, 12):
        delete_all_rows(engine)
        team_of(engine, reps)
        found, statements, _ = results_counted(engine)
        assert len(found.results) == reps
        assert all(r.commitments == KeptRate(2, 3) and r.pipeline is not None and r.coaching.sessions_held == 6
                   and r.moved(Direction.BETTER) == 2 for r in found.results)
        counts.append(statements)
    assert counts[0] == counts[1]

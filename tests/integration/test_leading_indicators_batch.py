"""Leading indicators of many reps over N weeks: the same values in a fixed number of queries."""

from __future__ import annotations

from sqlalchemy import Engine

from domain.model import Workspace
from domain.ports import UnitOfWorkFactory
from domain.services.leading_indicators import weekly_indicators
from storage.uow import make_uow_factory
from tests.bench import leading_indicators as bench
from tests.bench.pipeline import _counting  # the statement counter the benchmarks print

WS, TODAY, CATALOG, QUESTIONS = bench.WS, bench.TODAY, bench.CATALOG, bench.QUESTIONS


def test_the_loader_reads_the_same_on_every_store(any_uow_factory: UnitOfWorkFactory) -> None:
    with any_uow_factory() as uow:
        uow.workspaces.add(Workspace(WS))
        reps = bench.populate_team(uow, "UMGR", 3, weeks=2)
        uow.commit()
    with any_uow_factory(read_only=True) as uow:
        found = weekly_indicators(uow, WS, dict.fromkeys(reps, TODAY), 2, CATALOG)
    value = found[reps[0]].value("discovery", QUESTIONS, TODAY)
    # Five debriefs and two shadowed calls, one of them the same call as a debrief: six calls.
    assert value.calls == 6 and value.change is not None and value.target is not None
    assert value.agreement is not None and value.agreement.calls == 1
    assert value.agreement.difference == value.agreement.rep - value.agreement.observer


def test_two_or_forty_reps_over_eight_weeks_cost_the_same_queries(engine: Engine) -> None:
    factory = make_uow_factory(engine)
    with factory() as uow:
        uow.workspaces.add(Workspace(WS))
        teams = [bench.populate_team(uow, "UM2", 2, "UA"), bench.populate_team(uow, "UM40", 40, "UB")]
        uow.commit()
    costs = []
    for reps in teams:
        with factory(read_only=True) as uow:
            uow.workspaces.get(WS)  # the transaction's own statements come first
            with _counting(engine) as count:
                found = weekly_indicators(uow, WS, dict.fromkeys(reps, TODAY), bench.WEEKS, CATALOG)
        assert len(found) == len(reps)
        assert all(len(r.weeks) == bench.WEEKS and r.value("discovery", QUESTIONS, TODAY).calls == 6
                   for r in found.values())
        costs.append(count[0])
    assert costs[0] == costs[1] == 5, costs

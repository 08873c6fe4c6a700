"""Scorecards on SQLite and PostgreSQL: the same cards as the fakes give, whatever the number of ids per statement."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import Engine

import storage.call_repository
import storage.homework_repository
import storage.orm.base
import storage.pipeline_repository
from domain.coaching.scorecard import Scorecard
from domain.model import Workspace
from domain.ports import UnitOfWorkFactory
from domain.services.scorecards import rep_scorecards, team_scorecards
from storage.uow import make_uow_factory
from tests.bench import leading_indicators as bench
from tests.bench.pipeline import _counting
from tests.fakes import FakeStore

WS, CATALOG, QUESTIONS = bench.WS, bench.CATALOG, bench.QUESTIONS
FRIDAY_1500_SYDNEY = datetime(2026, 12, 11, 4, 0, tzinfo=UTC)  # bench.TODAY; the bench reps live in Sydney


def _cards(factory: UnitOfWorkFactory, reps: list[str]) -> dict[str, Scorecard]:
    with factory(read_only=True) as uow:
        return rep_scorecards(uow, WS, reps, FRIDAY_1500_SYDNEY, CATALOG)


def test_the_sql_stores_give_the_fakes_cards(engine: Engine) -> None:
    fake = FakeStore()
    for factory in (make_uow_factory(engine), fake.uow):
        with factory() as uow:
            uow.workspaces.add(Workspace(WS))
            bench.populate_team(uow, "UMGR", 3, weeks=2)
            uow.commit()
    sql, faked = _cards(make_uow_factory(engine), ["UR000", "UR001", "UR002"]), _cards(fake.uow, ["UR000", "UR001",
                                                                                                 "UR002"])
    assert sql == faked
    card = sql["UR000"]
    assert (card.debriefed, card.shadowed, card.label) == (5, 2, "2026-W50")
    assert [e.account for e in card.examples] == ["Account 4", "Account 3", "Account 2"]
    assert card.this_week()[0].value.calls == 6  # the shadowed call the rep also debriefed counts once
    with make_uow_factory(engine)(read_only=True) as uow:
        teams = team_scorecards(uow, WS, {"UMGR": FRIDAY_1500_SYDNEY.date()}, CATALOG)
    assert [c.rep.user_id for c in teams["UMGR"].cards] == ["UR000", "UR001", "UR002"]
    assert teams["UMGR"].coaching.shadowed_calls == 6


def test_reads_cut_into_many_statements_give_the_same_cards(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    factory = make_uow_factory(engine)
    with factory() as uow:
        uow.workspaces.add(Workspace(WS))
        reps = bench.populate_team(uow, "UMGR", 5, weeks=2)
        uow.commit()
    whole = _cards(factory, reps)
    with _counting(engine) as once:
        _cards(factory, reps)
    for module, name in ((storage.orm.base, "IDS_PER_STATEMENT"), (storage.call_repository, "REPS_PER_QUERY"),
                         (storage.homework_repository, "PER_QUERY"), (storage.pipeline_repository, "IDS_PER_QUERY")):
        monkeypatch.setattr(module, name, 2)  # 5 reps: three statements a read
    with _counting(engine) as cut:
        assert _cards(factory, reps) == whole
    assert cut[0] > once[0] + 10  # the reads really were cut

"""The cycle's results by DM when a cycle passes week 8: the rep and the manager, once, at 09:00 their time."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta

from domain.ports import UnitOfWorkFactory
from tests.handlers.jobs.steps import T1, add_team, tick
from tests.results_world import add_cycle

START = date(2026, 10, 5)  # week 9 begins Monday 30 November


def _results(fake, user_id: str) -> list[dict]:
    return [m for m in fake.messages_to(user_id) if "coaching cycle has passed week 8" in m["text"]]


def _charts(fake, user_id: str) -> list[dict]:
    return [m for m in fake.messages_to(user_id) if m["text"].startswith("Cycle results of ")]


def _run_until(job, time, end: datetime) -> None:
    at = time.now
    while at <= end:
        tick(job, time, at)
        at += timedelta(minutes=30)


def test_rep_and_manager_get_the_results_once_the_morning_after_week_8(world, uow_factory: UnitOfWorkFactory) -> None:
    fake, time, services, client, job = world
    add_team(fake, services, client, "UMGR", "America/New_York", ["UA", "UB"])
    with uow_factory() as uow:
        add_cycle(uow, "UA", START, "UMGR", T1)
        bea = add_cycle(uow, "UB", START, "UMGR", T1)
        uow.cycles.update(bea.extended(1))  # Bea's cycle runs a week longer: her results wait
        uow.commit()

    _run_until(job, time, datetime(2026, 11, 30, 13, 30, tzinfo=UTC))  # 08:30 in New York
    assert _results(fake, "UA") == [] and _results(fake, "UMGR") == []
    _run_until(job, time, datetime(2026, 12, 1, 14, 0, tzinfo=UTC))

    [alex] = _results(fake, "UA")
    [maya] = _results(fake, "UMGR")
    assert alex["text"].startswith("Your coaching cycle has passed week 8")
    assert maya["text"].startswith("<@UA>'s coaching cycle has passed week 8")
    page = json.dumps(alex["blocks"], ensure_ascii=False)
    assert "3 questions in week 3 → 7 questions in the last two weeks (↑ 4, better)" in page
    assert "2 of 3 kept on time" in page and "No 21-day challenge in this cycle." in page
    assert _results(fake, "UB") == []  # extended: her day is next Monday
    assert len(_charts(fake, "UA")) == 1 and len(_charts(fake, "UMGR")) == 1  # the chart after each DM

    _run_until(job, time, datetime(2026, 12, 3, 14, 0, tzinfo=UTC))
    assert len(_results(fake, "UA")) == 1 and len(_results(fake, "UMGR")) == 1  # through the ledger: once

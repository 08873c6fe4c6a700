"""The week 1-2 reminders through the dispatch tick: the rep's Monday tasks, the manager's Wednesday list."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta

from domain.catalog import load_catalog
from handlers.edge import ids
from tests.handlers.jobs.steps import T1, add_team, tick

CYCLE_MONDAY = date(2026, 11, 30)


def _run_until(job, time, end: datetime) -> None:
    at = time.now
    while at <= end:
        tick(job, time, at)
        at += timedelta(minutes=30)


def _texts(fake, user_id: str) -> list[str]:
    return [json.dumps(m, ensure_ascii=False) for m in fake.messages_to(user_id)]


def test_week_one_asks_the_rep_on_monday_and_tells_the_manager_on_wednesday(world) -> None:
    fake, time, services, client, job = world
    add_team(fake, services, client, "UMGR", "America/New_York", ["UA", "UB"])
    services.cycles.start(T1, "UMGR", "UA", CYCLE_MONDAY)  # UB has no cycle: no reminders for them

    _run_until(job, time, datetime(2026, 12, 3, 0, 0, tzinfo=UTC))

    [monday] = [t for t in _texts(fake, "UA") if "cycle_tasks" in t]
    assert "Week 1 of your coaching cycle" in monday and ids.OPEN_SELF_ASSESSMENT in monday
    assert not any("cycle_tasks" in t for t in _texts(fake, "UB"))
    [wednesday] = [t for t in _texts(fake, "UMGR") if "team_tasks" in t]
    assert "<@UA> · Diagnose, week 1" in wednesday
    assert "0 of 10 calls scored; self-assessment not done" in wednesday and "<@UB>" not in wednesday


def test_week_two_is_quiet_for_a_rep_with_nothing_to_do_and_lists_the_managers_steps(world) -> None:
    fake, time, services, client, job = world
    add_team(fake, services, client, "UMGR", "America/New_York", ["UA"])
    services.cycles.start(T1, "UMGR", "UA", CYCLE_MONDAY)
    answers = {q.question.id: {"confidence": 3, "competence": 3} for q in load_catalog().questions()}
    services.diagnosis.submit_self_assessment(T1, "UA", answers)
    time.now = datetime(2026, 12, 6, 12, 0, tzinfo=UTC)

    _run_until(job, time, datetime(2026, 12, 10, 0, 0, tzinfo=UTC))

    assert not any("cycle_tasks" in t for t in _texts(fake, "UA"))  # week 2 is the manager's move
    [wednesday] = [t for t in _texts(fake, "UMGR") if "team_tasks" in t]
    assert "Prioritize, week 2" in wednesday and "gaps not rated; focus skills not chosen" in wednesday


def test_no_cycle_means_no_reminder_at_all(world) -> None:
    fake, time, services, client, job = world
    add_team(fake, services, client, "UMGR", "Europe/Berlin", ["UA"])
    _run_until(job, time, datetime(2026, 12, 3, 12, 0, tzinfo=UTC))
    assert not [t for t in _texts(fake, "UA") + _texts(fake, "UMGR") if "tasks" in t]

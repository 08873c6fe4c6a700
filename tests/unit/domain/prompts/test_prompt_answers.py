"""The prompt's one-click answers: only the rep's, "No calls today" stored once, "Not today" storing nothing."""

from __future__ import annotations

from datetime import date

import pytest

from domain.errors import InvalidInput, NotAllowed
from domain.model import WorkspaceSettings
from domain.receipts import Receipt, Replayed
from domain.services.debrief_prompts import DebriefPromptService
from tests.unit.domain.prompts.world import T1, World, local, manager, rep

MONDAY = date(2026, 11, 2)


@pytest.fixture
def world() -> World:
    world = World(now=local("Pacific/Kiritimati", 2026, 11, 2, 17, 30))  # Monday evening there, Monday 03:30 UTC
    world.setup(WorkspaceSettings(), manager(), rep("UKIR", "Pacific/Kiritimati"), rep("UA", "America/New_York"))
    return world


def _service(world: World) -> DebriefPromptService:
    return DebriefPromptService(world.store.uow, lambda: world.now)


def test_no_calls_today_records_the_reps_local_day_once(world: World) -> None:
    service = _service(world)
    first = service.no_calls(T1, "UKIR", "UKIR", MONDAY, Receipt("calls.no_calls_today", "k1"))
    assert (first.result.recorded, first.result.is_today) == (True, True)  # UTC still reads Monday's early hours
    with pytest.raises(Replayed):
        service.no_calls(T1, "UKIR", "UKIR", MONDAY, Receipt("calls.no_calls_today", "k1"))
    again = service.no_calls(T1, "UKIR", "UKIR", MONDAY, Receipt("calls.no_calls_today", "k2"))
    assert again.result.recorded is False
    assert world.store.tables.call_free_days == {("T1", "UKIR", MONDAY)}


def test_nobody_answers_another_reps_prompt_and_nothing_is_stored(world: World) -> None:
    service = _service(world)
    with pytest.raises(NotAllowed, match="only they can answer it"):
        service.no_calls(T1, "UMGR", "UKIR", MONDAY, Receipt("calls.no_calls_today", "k1"))
    with pytest.raises(NotAllowed, match="only they can answer it"):
        service.not_today(T1, "UA", "UKIR", MONDAY)
    assert world.store.tables.call_free_days == set() and world.store.tables.receipts == {}


def test_a_day_still_to_come_in_the_reps_own_calendar_is_refused(world: World) -> None:
    # Monday 03:30 UTC is still Sunday evening in New York: Monday has not come there yet.
    with pytest.raises(InvalidInput, match="has not come yet; today is Sun 1 Nov"):
        _service(world).no_calls(T1, "UA", "UA", MONDAY)
    assert world.store.tables.call_free_days == set()


def test_not_today_only_answers(world: World) -> None:
    commits = world.store.commits
    answer = _service(world).not_today(T1, "UKIR", "UKIR", MONDAY)
    assert (answer.day, answer.is_today) == (MONDAY, True)
    assert world.store.commits == commits and world.store.tables.call_free_days == set()

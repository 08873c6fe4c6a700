"""The takeaways rules: when they may be recorded, what was covered, what carries forward, the kept history."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from domain.coaching.sessions import CoachingSession, SessionStatus
from domain.coaching.takeaways import (
    KEPT_VERSIONS,
    TEXT,
    Takeaways,
    covered_of,
    not_covered,
    recordable,
    takeaways_problems,
)
from domain.model import WorkspaceRef

WS = WorkspaceRef("T1")
START = datetime(2026, 12, 3, 15, 0, tzinfo=UTC)
SESSION = CoachingSession(WS, "UL", "UMGR", START, id=1)
AGENDA = ("Hooli pricing", "My Q1 goals", "Hiring plan")


def test_takeaways_open_fifteen_minutes_before_the_start_and_stay_open_but_not_once_cancelled() -> None:
    assert not recordable(SESSION, START - timedelta(minutes=16))
    assert recordable(SESSION, START - timedelta(minutes=15))
    assert recordable(SESSION, START + timedelta(days=30))
    assert not recordable(replace(SESSION, status=SessionStatus.CANCELLED), START + timedelta(hours=1))


def test_covered_items_are_the_ticked_ones_in_agenda_order_and_unknown_ticks_are_ignored() -> None:
    assert covered_of(AGENDA, [2, 0, 0, 9, -1]) == ("Hooli pricing", "Hiring plan")
    assert covered_of((), [0, 1]) == ()


def test_only_what_was_not_covered_carries_forward_and_everything_without_takeaways() -> None:
    taken = Takeaways(WS, 1, "UL", "Agreed", ("hooli PRICING",), "UMGR")
    assert not_covered(AGENDA, taken) == ("My Q1 goals", "Hiring plan")  # matched whatever the case
    assert not_covered(AGENDA, None) == AGENDA


def test_an_edit_keeps_the_replaced_versions_up_to_a_few() -> None:
    taken = Takeaways(WS, 1, "UL", "v0", (), "UMGR", updated_at=START)
    for n in range(1, KEPT_VERSIONS + 3):
        taken = replace(taken.replaced_by(f"v{n}", (), "UADMIN", START + timedelta(hours=n)),
                        updated_at=START + timedelta(hours=n))
    assert taken.text == f"v{KEPT_VERSIONS + 2}" and taken.by == "UADMIN"
    assert [v.text for v in taken.history] == [f"v{n}" for n in range(2, KEPT_VERSIONS + 2)]
    assert taken.history[0].by == "UADMIN" and taken.history[0].at == START + timedelta(hours=2)


def test_takeaways_need_words_that_fit_the_column() -> None:
    assert TEXT in takeaways_problems("  \n ")
    assert "3000 characters" in takeaways_problems("x" * 3001)[TEXT]
    assert "NUL" in takeaways_problems("a\x00b")[TEXT]
    assert takeaways_problems("x" * 3000) == {}

"""The coaching conversation's full loop through Slack, on a clock the test moves (issue 12).

Maya manages from New York; Lena works in London; Bea (Berlin) is in the
workspace but not on Maya's team. A weekly 1:1 is booked; Lena's pre-work
comes 24 h before, Maya adds a question; the session card reaches Maya at
the session's time; she records the takeaways (two of the three agenda items
covered) and a three-action plan, one action delegated to Bea; Lena is
reminded the working day before her deadline and answers "partly" with an
obstacle on the day; the next week's pre-work offers only the item not
covered, and the next card opens with the review of the commitments, where
Maya carries the partly-done action over.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any

from bot.conversation_values import prework_values, question_values
from handlers.edge import ids
from tests.handlers.homework_steps import click_to_open, errors_of, submit_view
from tests.handlers.loop_world import Loop, loop_fixture  # noqa: F401  (the `loop` fixture)

MONDAY = datetime(2026, 12, 7, 13, 0, tzinfo=UTC)  # 08:00 in New York, 13:00 in London
FIRST = datetime(2026, 12, 8, 15, 0, tzinfo=UTC)  # Tue 8 Dec 10:00 New York = 15:00 London
SECOND = FIRST + timedelta(weeks=1)
AGENDA = ("Hooli is stuck at legal: how do I get the CFO back?", "My discovery calls run long",
          "Forecast for Q1")


def _value(message: dict[str, Any], action_id: str) -> str:
    for block in message.get("blocks", []):
        for element in [*block.get("elements", []), block.get("accessory") or {}]:
            if isinstance(element, dict) and element.get("action_id") == action_id:
                return str(element.get("value", ""))
    raise AssertionError(f"no {action_id} in {json.dumps(message)[:300]}")


def _open(loop: Loop, user_id: str, message: dict[str, Any], action_id: str) -> dict[str, Any]:
    modal, _request = click_to_open(loop.slack, user_id, action_id, _value(message, action_id))
    assert modal is not None, f"{action_id} opened no modal"
    return modal


def _book_weekly(loop: Loop) -> None:
    loop.at(MONDAY)
    loop.slack.coach("UADMIN", "help", replies=2)
    loop.slack.coach("UMGR", "team add <@UL|lena>")
    reply = loop.slack.coach("UMGR", "session <@UL|lena> 2026-12-08 10:00 weekly")
    assert "Tue 8 Dec 10:00 for you (New York) · 15:00 for Lena Lewis (London)" in reply.last_text


def _prework(loop: Loop) -> None:
    sent = loop.first_dm_at("UL", "Prepare for our 1:1", FIRST)
    assert sent == FIRST - timedelta(hours=24)
    [dm] = loop.dms("UL", "Prepare for our 1:1")
    assert "Tue 8 Dec 15:00" in dm["text"]  # Lena's own time
    modal = _open(loop, "UL", dm, ids.OPEN_PREWORK)
    too_few = errors_of(submit_view(loop.slack, "UL", ids.PREWORK_VIEW, modal, prework_values(AGENDA[:2])))
    assert "you have 2" in too_few["agenda_1"]
    assert errors_of(submit_view(loop.slack, "UL", ids.PREWORK_VIEW, modal, prework_values(
        AGENDA, questions="Can you join the Hooli call?"))) == {}

    [arrived] = loop.dms("UMGR", "Forecast for Q1")
    asking = _open(loop, "UMGR", arrived, ids.ADD_PREWORK_QUESTION)
    assert errors_of(submit_view(loop.slack, "UMGR", ids.PREWORK_QUESTION_VIEW, asking,
                                 question_values("What keeps you up at night that I can help with?"))) == {}
    assert loop.dms("UL", "What keeps you up at night that I can help with?")


def test_the_first_session_pre_work_and_the_managers_question(loop: Loop) -> None:
    _book_weekly(loop)
    _prework(loop)
    loop.run_until(FIRST - timedelta(hours=1))
    assert not loop.dms("UL", ":hourglass_flowing_sand:")  # the pre-work is in: no reminder

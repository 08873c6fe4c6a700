"""The demo's coaching conversation: two weekly 1:1s between Maya (New York) and Alex (Los Angeles).

The four steps, end to end: Ada sets the enablement pre-read; Maya books a
weekly 1:1; 24 hours before, Alex writes his pre-work (a short agenda is
refused first) and Maya adds a question; the session card reaches Maya five
minutes before her 13:00; she records the takeaways (two agenda items
covered) and a three-action plan, one action delegated to Bea; the
follow-up reminds and checks in, each owner in their own time zone; Bea is
done, Alex answers "partly" with what got in the way. A week later only the
uncovered item is offered to carry forward, and the next card opens with the
review, where Maya carries Alex's action over to a new deadline.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from typing import Any

from bot.conversation_values import (
    PlannedAction,
    obstacles_values,
    plan_values,
    prework_values,
    question_values,
    takeaways_values,
)
from bot.demo_checks import expect
from bot.fake_slack import datepicker
from domain.coaching.commitments import DEADLINE
from handlers.blocks.inputs import VALUE
from handlers.edge import ids

AGENDA = ("Hooli is stuck at legal: how do I get the CFO back?", "My discovery calls run long",
          "Q1 forecast: which deals are real?")
PRE_READ = "Which buyer objection did you hear most this month, and how did you answer it?"


def _at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2027, 1, day, hour, minute, tzinfo=UTC)


def _menu_option(message: dict[str, Any], action: str, verb: str) -> str:
    """The value of `verb` ("move", "drop") in the menu beside `action`'s line of a card."""
    for block in message.get("blocks") or []:
        accessory = block.get("accessory") or {}
        if accessory.get("action_id") == ids.COMMITMENT_MENU and action in json.dumps(block.get("text")):
            for option in accessory.get("options", []):
                if str(option.get("value", "")).startswith(f"{verb}:"):
                    return str(option["value"])
    raise RuntimeError(f"the demo expected a {verb} menu beside “{action}” on the card")


def script_conversation(demo: Any, people: dict[str, Any]) -> None:
    ada, maya, alex, bea = people["ada"], people["maya"], people["alex"], people["bea"]
    demo.scene("Monday 11 January: Ada sets the enablement pre-read; Maya books a weekly 1:1 with Alex")
    demo.clock.now = _at(11, 15)
    demo.command(ada, f"admin preread add {PRE_READ}")
    demo.command(maya, f"session {alex.mention} tue 13:00 weekly")

    demo.scene("Monday 11 January, 24 hours before (10:00 for Alex): the pre-work")
    demo.ticks(_at(11, 18), _at(11, 18), (alex,))
    demo.clock.now = _at(11, 18, 20)
    dm = demo.last_dm(alex, ids.OPEN_PREWORK)
    modal = demo.press(alex, dm, ids.OPEN_PREWORK, "Alex clicks Prepare for our 1:1")
    demo.submit(alex, ids.PREWORK_VIEW, modal, prework_values(AGENDA[:2], preread=("Price, every time.",)),
                label="Alex writes two agenda items and saves", dms=0)
    demo.submit(alex, ids.PREWORK_VIEW, modal, prework_values(
        AGENDA, questions="Can you join the Hooli call on Thursday?",
        background="Hooli: $84k, in legal review since 4 January.",
        preread=("Price, every time. I answer with the cost of one bad week, in their numbers.",)),
        label="Alex adds a third item, a question and the background, and saves", dms=2)
    arrived = demo.last_dm(maya, ids.ADD_PREWORK_QUESTION)
    asking = demo.press(maya, arrived, ids.ADD_PREWORK_QUESTION, "Maya clicks Add a question")
    demo.submit(maya, ids.PREWORK_QUESTION_VIEW, asking,
                question_values("What keeps you up at night that I can help with?"),
                label="Maya adds one of the seed's probing questions", dms=1)

    demo.scene("Tuesday 12 January, 12:55 in New York: the session card reaches Maya")
    demo.ticks(_at(12, 17, 55), _at(12, 17, 55), (maya,))
    card = demo.last_dm(maya, ids.SESSION_CARD_PLAN)
    _conversation(demo, maya, alex, bea, card)
    _follow_up(demo, maya, alex, bea)
    _next_session(demo, maya, alex)


def _conversation(demo: Any, maya: Any, alex: Any, bea: Any, card: dict[str, Any]) -> None:
    demo.scene("After the 1:1: Maya records the takeaways and the action plan from the card")
    demo.clock.now = _at(12, 18, 45)
    modal = demo.press(maya, card, ids.OPEN_TAKEAWAYS, "Maya clicks Record takeaways")
    demo.submit(maya, ids.TAKEAWAYS_VIEW, modal, takeaways_values(
        "Lead every discovery call with the cost of delay. Maya joins the Hooli CFO call.", covered=(0, 1)),
        label="Maya writes what they agreed and ticks the two items they covered", dms=2)
    plan = demo.press(maya, card, ids.SESSION_CARD_PLAN, "Maya clicks Record action plan")
    actions = [
        PlannedAction("Open every discovery call with the cost-of-delay question", date(2027, 1, 14),
                      evidence="5+ discovery questions in each debrief", confidence=4),
        PlannedAction("Book the Hooli CFO call", date(2027, 1, 18), evidence="On the calendar", confidence=3,
                      support="Maya joins the call"),
        PlannedAction("Send Alex your buying-group map template", date(2027, 1, 14), owner=bea.user_id,
                      evidence="Alex has it", confidence=5),
    ]
    demo.submit(maya, ids.PLAN_VIEW, plan, plan_values(actions),
                label="Maya writes three actions, one delegated to Bea, and saves", dms=3)
    demo.command(alex, "sessions")


def _follow_up(demo: Any, maya: Any, alex: Any, bea: Any) -> None:
    demo.scene("The working day before each deadline, 09:00 in each owner's time zone: a reminder")
    demo.ticks(_at(13, 8), _at(13, 8), (bea,))
    demo.ticks(_at(13, 17), _at(13, 17), (alex,))

    demo.scene("Thursday 14 January, 16:00 in each owner's time zone: the deadline check-in")
    demo.ticks(_at(14, 15), _at(14, 15), (bea,))
    demo.clock.now = _at(14, 15, 10)
    check_in = demo.last_dm(bea, ids.COMMITMENT_DONE)
    demo.press(bea, check_in, ids.COMMITMENT_DONE, "Bea clicks Done", dms=1)
    demo.ticks(_at(15, 0), _at(15, 0), (alex,))
    demo.clock.now = _at(15, 0, 10)
    check_in = demo.last_dm(alex, ids.COMMITMENT_PARTLY)
    modal = demo.press(alex, check_in, ids.COMMITMENT_PARTLY, "Alex clicks Partly")
    demo.submit(alex, ids.COMMITMENT_OBSTACLES_VIEW, modal, obstacles_values(
        "Two of my four calls were renewals: no discovery to open."),
        label="Alex says what got in the way, and sends", dms=1)
    del maya


def _next_session(demo: Any, maya: Any, alex: Any) -> None:
    demo.scene("Monday 18 January: the next pre-work offers only the item they did not cover")
    demo.ticks(_at(18, 18), _at(18, 18), (alex,))
    demo.clock.now = _at(18, 18, 20)
    dm = demo.last_dm(alex, ids.OPEN_PREWORK)
    modal = demo.press(alex, dm, ids.OPEN_PREWORK, "Alex clicks Prepare for our 1:1")
    offered = json.dumps([b for b in modal.get("blocks", []) if b.get("block_id") == "carry"])
    expect(AGENDA[2] in offered and AGENDA[0] not in offered, "only the uncovered item offered")
    demo.submit(alex, ids.PREWORK_VIEW, modal, prework_values(
        ("Renewal calls: where does discovery fit?", "Hooli CFO call: who says what"), carried=(0,),
        preread=("Timing: “not this quarter”. I ask what waiting costs them.",)),
        label="Alex carries the forecast over, adds two items, and saves", dms=2)

    demo.scene("Tuesday 19 January, 12:55 in New York: the next card opens with the review")
    demo.ticks(_at(19, 17, 55), _at(19, 17, 55), (maya,))
    card = demo.last_dm(maya, ids.SESSION_CARD_PLAN)
    demo.clock.now = _at(19, 18, 10)
    option = _menu_option(card, "cost-of-delay question", "move")
    modal = demo.press(maya, card, ids.COMMITMENT_MENU, "Maya picks Carry over beside Alex's partly-done action",
                       option=option)
    expect(modal is not None, "the new-deadline form")
    demo.submit(maya, ids.COMMITMENT_MOVE_VIEW, modal, {DEADLINE: {VALUE: datepicker(date(2027, 1, 22))}},
                label="Maya moves it to Friday 22 January", dms=1)
    demo.command(maya, f"commitments {alex.mention}")

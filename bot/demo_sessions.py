"""The demo's coaching conversation: two weekly 1:1s between Maya (New York) and Alex (Los Angeles).

The four steps, end to end: Ada sets the enablement pre-read; Maya books a
weekly 1:1; 24 hours before, Alex writes his pre-work (a short agenda is
refused first) and Maya adds a question; the session card reaches Maya at
her 13:00; she records the takeaways (two agenda items covered) and a
three-action plan, one action delegated to Bea; the follow-up reminds and
checks in, each owner in their own time zone; Alex answers "partly" with
what got in the way. A week later the uncovered item is offered to carry
forward, and the next card opens with the review, where Maya carries
Alex's action over to a new deadline.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from bot.conversation_values import prework_values, question_values
from handlers.edge import ids

AGENDA = ("Hooli is stuck at legal: how do I get the CFO back?", "My discovery calls run long",
          "Q1 forecast: which deals are real?")
FIRST = datetime(2027, 1, 12, 18, 0, tzinfo=UTC)  # Tue 12 Jan 13:00 in New York, 10:00 in Los Angeles
SECOND = datetime(2027, 1, 19, 18, 0, tzinfo=UTC)


def script_conversation(demo: Any, people: dict[str, Any]) -> None:
    ada, maya, alex, bea = people["ada"], people["maya"], people["alex"], people["bea"]
    demo.scene("Monday 11 January: Maya books a weekly 1:1 with Alex, typed in her own time")
    demo.clock.now = datetime(2027, 1, 11, 15, 0, tzinfo=UTC)
    demo.command(maya, f"session {alex.mention} tue 13:00 weekly")

    demo.scene("Monday 11 January, 24 hours before: Alex's pre-work")
    demo.ticks(datetime(2027, 1, 11, 17, 30, tzinfo=UTC), datetime(2027, 1, 11, 18, 0, tzinfo=UTC), (alex,))
    demo.clock.now = datetime(2027, 1, 11, 18, 20, tzinfo=UTC)
    dm = demo.last_dm(alex, ids.OPEN_PREWORK)
    modal = demo.press(alex, dm, ids.OPEN_PREWORK, "Alex clicks Prepare for our 1:1")
    demo.submit(alex, ids.PREWORK_VIEW, modal, prework_values(AGENDA[:2]),
                label="Alex writes two agenda items and saves", dms=0)
    demo.submit(alex, ids.PREWORK_VIEW, modal, prework_values(
        AGENDA, questions="Can you join the Hooli call on Thursday?",
        background="Hooli: $84k, in legal review since 4 January."),
        label="Alex adds a third item, a question and the background, and saves", dms=2)
    arrived = demo.last_dm(maya, ids.ADD_PREWORK_QUESTION)
    asking = demo.press(maya, arrived, ids.ADD_PREWORK_QUESTION, "Maya clicks Add a question")
    demo.submit(maya, ids.PREWORK_QUESTION_VIEW, asking,
                question_values("What keeps you up at night that I can help with?"),
                label="Maya adds one of the seed's probing questions", dms=1)
    del ada, bea  # their parts come with the card, the plan and the follow-up

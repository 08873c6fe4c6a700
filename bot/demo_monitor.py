"""The demo's monitor weeks: two Friday scorecard runs for reps in three time zones, and peer learning.

Bea (Berlin) and Kenji (Tokyo) join Alex (Los Angeles) in coaching on
Maya's team, Sam (Chicago) on Omar's. Their calls are debriefed through
the real `/debrief` modal, one line each. New Year's Day is a holiday, so
the first run comes on Thursday 31 December at 15:00 in each person's own
time zone; the second on Friday 8 January. Kenji sends nothing: his card
is the kind one, and Maya's digest says so.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from bot.demo_checks import expect, quiet
from bot.fake_slack.state import GENERAL_CHANNEL_ID
from bot.modal_values import debrief_values
from domain.services.peer_learning import WORDS_FIELD
from domain.services.scorecard_comments import COMMENT_FIELD
from handlers.blocks.inputs import VALUE
from handlers.edge import ids

QUESTIONS = "discovery_questions_asked"
# (day, account, what went well, questions asked) per call.
Call = tuple[str, str, str, int]


def log_calls(demo: Any, rep: Any, calls: Sequence[Call], at: datetime) -> None:
    """`rep` debriefs each call with `/debrief` and saves; one line each in the transcript."""
    demo.clock.now = at
    for day, account, went_well, questions in calls:
        with quiet(demo):
            modal = demo.open_modal(rep, account, show=False, command="/debrief")
            demo.submit(rep, ids.DEBRIEF_VIEW, modal, debrief_values(
                account, day, (went_well, "Talked too long about the product", "Ask one more question"),
                "discovery", indicators={QUESTIONS: str(questions)}))
        demo.out(f"{rep.first} debriefs {account} ({day}): {questions} discovery questions; “{went_well}”")


def script_monitor_weeks(demo: Any, people: dict[str, Any]) -> None:
    ada, maya, omar = people["ada"], people["maya"], people["omar"]
    alex, bea, kenji, sam = people["alex"], people["bea"], people["kenji"], people["sam"]
    demo.scene("Thursday 24 December: Ada marks New Year's Day a holiday and names the coaching channel")
    demo.clock.now = datetime(2026, 12, 24, 19, 0, tzinfo=UTC)
    demo.command(ada, "admin holiday add 2027-01-01")
    demo.names[GENERAL_CHANNEL_ID] = "sales-coaching"  # the channel as everyone's Slack names it
    demo.command(ada, f"admin channel <#{GENERAL_CHANNEL_ID}|sales-coaching>")

    demo.scene("Bea, Kenji and Sam start coaching too (from Monday 21 December), all on discovery")
    demo.command(maya, f"start {bea.mention} 2026-12-21", replies=1)
    demo.command(maya, f"focus {bea.mention} discovery")
    demo.command(maya, f"start {kenji.mention} 2026-12-21")
    demo.command(omar, f"start {sam.mention} 2026-12-21")
    demo.command(omar, f"focus {sam.mention} discovery")

    demo.scene("Week of 21 December: the reps debrief their calls")
    log_calls(demo, alex, [("2026-12-21", "Soylent", "Asked who re-keys the night orders", 5),
                           ("2026-12-22", "Vandelay", "Let the buyer describe the spreadsheet mess", 6),
                           ("2026-12-23", "Hooli", "Asked what a late approval costs", 5)],
              datetime(2026, 12, 24, 19, 30, tzinfo=UTC))
    log_calls(demo, bea, [("2026-12-21", "Stark", "Mapped the whole buying group", 7),
                          ("2026-12-22", "Wayne", "Asked about the budget cycle early", 6),
                          ("2026-12-23", "Oscorp", "Found the second decision maker", 7)],
              datetime(2026, 12, 24, 19, 40, tzinfo=UTC))
    log_calls(demo, sam, [("2026-12-21", "Wayne", "Kept the demo short", 4),
                          ("2026-12-22", "Cyberdyne", "Asked about their current tool", 4),
                          ("2026-12-23", "Tyrell", "Booked the next step on the call", 5)],
              datetime(2026, 12, 24, 19, 50, tzinfo=UTC))

    demo.scene("Monday 28 to Wednesday 30 December: more calls, debriefed the same way")
    log_calls(demo, alex, [("2026-12-28", "Pied Piper", "Asked what one bad week costs before the demo", 8),
                           ("2026-12-29", "Hooli", "Let the CFO list the approval steps herself", 8),
                           ("2026-12-29", "Initech", "Quantified the re-keying: 20 hours a week", 7),
                           ("2026-12-30", "Soylent", "Asked who else feels the night-shift pain", 9)],
              datetime(2026, 12, 30, 21, 0, tzinfo=UTC))
    log_calls(demo, bea, [("2026-12-28", "Stark", "Got to the demo quickly", 5),
                          ("2026-12-29", "Wayne", "Answered their pricing question", 4),
                          ("2026-12-30", "Oscorp", "Sent the deck the same day", 5)],
              datetime(2026, 12, 30, 21, 10, tzinfo=UTC))
    log_calls(demo, sam, [("2026-12-28", "Wayne", "Asked how they measure a good quarter", 6),
                          ("2026-12-29", "Cyberdyne", "Let the silence work after the price", 6),
                          ("2026-12-30", "Tyrell", "Asked who signs, and when", 7)],
              datetime(2026, 12, 30, 21, 20, tzinfo=UTC))

    _first_friday(demo, maya, alex, kenji, sam, omar)
    _on_demand(demo, ada, maya, omar, alex, bea)
    _second_friday(demo, maya, alex, bea, kenji)


def _first_friday(demo: Any, maya: Any, alex: Any, kenji: Any, sam: Any, omar: Any) -> None:
    demo.scene("Thursday 31 December, 15:00 in each person's time zone (1 January is a holiday): the scorecards")
    demo.ticks(datetime(2026, 12, 31, 5, 0, tzinfo=UTC), datetime(2026, 12, 31, 23, 30, tzinfo=UTC),
               (kenji, maya, alex, sam))

    demo.scene("Alex adds a comment for Maya from his scorecard")
    demo.clock.now = datetime(2026, 12, 31, 23, 40, tzinfo=UTC)
    card = demo.last_dm(alex, ids.ADD_SCORECARD_COMMENT)
    modal = demo.press(alex, card, ids.ADD_SCORECARD_COMMENT, "Alex clicks Add a comment for my manager")
    demo.submit(alex, ids.SCORECARD_COMMENT_VIEW, modal, comment_values(
        "The 8 questions came from asking about cost first. Can we role-play the CFO call again next week?"),
        label="Alex writes his comment and sends it", dms=2)

    demo.scene("Alex improved most on Maya's team: asked privately, he shares his approach in #sales-coaching")
    ask = demo.last_dm(alex, ids.PEER_SHARE)
    modal = demo.press(alex, ask, ids.PEER_SHARE, "Alex clicks Share my approach")
    before = len(demo.fake.messages_to(GENERAL_CHANNEL_ID))
    demo.submit(alex, ids.PEER_SHARE_VIEW, modal, {WORDS_FIELD: {VALUE: {
        "type": "plain_text_input", "value": "I ask what one bad week costs them before I show anything. "
                                             "The numbers they give me are the demo."}}},
        label="Alex keeps his own words, adds a line, and shares", dms=0)
    demo.show_channel(GENERAL_CHANNEL_ID, "#sales-coaching", before)

    demo.scene("Sam improved most on Omar's team; he declines, and nothing is posted")
    ask = demo.last_dm(sam, ids.PEER_DECLINE)
    before = len(demo.fake.messages_to(GENERAL_CHANNEL_ID))
    demo.press(sam, ask, ids.PEER_DECLINE, "Sam clicks Not this time")
    expect(len(demo.fake.messages_to(GENERAL_CHANNEL_ID)) == before, "nothing posted after Sam declined")
    demo.out(f"\n#sales-coaching: still {before} message(s); nothing about Sam.")
    del omar


def _on_demand(demo: Any, ada: Any, maya: Any, omar: Any, alex: Any, bea: Any) -> None:
    demo.scene("Friday 1 January: Maya opens Alex's full scorecard from her digest")
    demo.clock.now = datetime(2027, 1, 1, 15, 0, tzinfo=UTC)
    digest = demo.last_dm(maya, ids.OPEN_REP_SCORECARD)
    demo.press(maya, digest, ids.OPEN_REP_SCORECARD, "Maya clicks Full scorecard beside Alex")

    demo.scene("/scorecard: each role sees what it may, and a refusal says why")
    demo.command(alex, "last", command="/scorecard")
    demo.command(maya, f"{alex.mention}", command="/scorecard")
    demo.command(maya, "team", command="/scorecard")
    demo.command(ada, f"team {omar.mention}", command="/scorecard")
    demo.command(omar, f"{alex.mention}", command="/scorecard")
    demo.command(bea, f"{alex.mention}", command="/scorecard")
    demo.command(maya, f"{alex.mention} export", command="/scorecard")


def _second_friday(demo: Any, maya: Any, alex: Any, bea: Any, kenji: Any) -> None:
    demo.scene("Monday 4 to Wednesday 6 January: the next week's calls")
    log_calls(demo, alex, [("2027-01-04", "Hooli", "Sent the payback in their numbers", 9),
                           ("2027-01-05", "Vandelay", "Asked what a missed shipment costs", 8),
                           ("2027-01-06", "Pied Piper", "Let the buyer do the maths", 9)],
              datetime(2027, 1, 6, 21, 0, tzinfo=UTC))
    log_calls(demo, bea, [("2027-01-04", "Stark", "Asked about their approval steps", 7),
                          ("2027-01-05", "Wayne", "Waited for the full answer", 8),
                          ("2027-01-06", "Oscorp", "Asked who else feels the pain", 7)],
              datetime(2027, 1, 6, 21, 10, tzinfo=UTC))

    demo.scene("Friday 8 January, 15:00 in each person's time zone: the second run")
    demo.ticks(datetime(2027, 1, 8, 5, 0, tzinfo=UTC), datetime(2027, 1, 8, 23, 30, tzinfo=UTC),
               (maya, alex, bea))

    demo.scene("Bea improved most this week; she is asked, declines, and nothing is posted")
    demo.clock.now = datetime(2027, 1, 8, 23, 40, tzinfo=UTC)
    before = len(demo.fake.messages_to(GENERAL_CHANNEL_ID))
    ask = demo.last_dm(bea, ids.PEER_DECLINE)
    demo.press(bea, ask, ids.PEER_DECLINE, "Bea clicks Not this time")
    expect(len(demo.fake.messages_to(GENERAL_CHANNEL_ID)) == before, "nothing posted after Bea declined")
    demo.out(f"\n#sales-coaching: still {before} message(s); nothing about Bea.")
    del kenji


def comment_values(text: str) -> dict[str, Any]:
    return {COMMENT_FIELD: {VALUE: {"type": "plain_text_input", "value": text}}}

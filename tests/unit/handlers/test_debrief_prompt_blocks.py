"""The end-of-day prompt, its answers in place, and the manager's digest, as Slack would show them."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, date, datetime

from bot.fake_slack import check_message, mrkdwn_to_text
from domain.coaching.calls import CallAnswers, CallRef, CallType
from domain.coaching.debriefs import Debrief
from domain.model import Member, WorkspaceRef
from domain.notifications.debrief_digest import DebriefDigestNote, DigestLine
from domain.notifications.debrief_prompt import DebriefPromptNote
from domain.services.debrief_prompts import PromptAnswer
from handlers.blocks.debrief_prompts import (
    MAX_LINES,
    answer_value,
    debrief_digest_message,
    debrief_prompt_message,
    digest_line,
    no_calls_message,
    not_today_message,
    read_answer_value,
    read_open_value,
)
from handlers.edge import ids

WS = WorkspaceRef("T1")
MAYA = Member(WS, "UMGR", "Maya", "America/New_York")
ALEX = Member(WS, "UA", "Alex", "America/Los_Angeles", manager_id="UMGR")
MONDAY = date(2026, 11, 30)
DEBRIEF = Debrief(WS, "UA", CallRef("Acme & Sons"), CallType.DISCOVERY, MONDAY,
                  CallAnswers("Asked about budget early and got the CFO's name before the demo, which never "
                              "happened before in this account", "Talk less", "Quantify pain"),
                  id=41, created_at=datetime(2026, 11, 30, 20, tzinfo=UTC))


def _buttons(message: dict) -> list[tuple[str, str, str | None]]:
    found = []
    for block in message["blocks"]:
        elements = block.get("elements", []) if block["type"] == "actions" else [block.get("accessory") or {}]
        found += [(e["text"]["text"], e["action_id"], e.get("value")) for e in elements if e.get("type") == "button"]
    return found


def test_the_prompt_asks_one_question_with_three_one_click_answers() -> None:
    message = debrief_prompt_message(DebriefPromptNote(WS, ALEX, MONDAY))
    assert message["text"] == "Any calls today worth a one-minute debrief?"
    assert _buttons(message) == [
        ("Debrief a call", ids.OPEN_DEBRIEF, "prompt:2026-11-30"),
        ("No calls today", ids.NO_CALLS_TODAY, "UA:2026-11-30"),
        ("Not today", ids.NOT_TODAY, "UA:2026-11-30"),
    ]
    assert "unless you debriefed a call that day" in json.dumps(message)
    assert check_message(message["blocks"], message["text"]) == []


def test_button_values_read_back_and_anything_else_reads_as_nothing() -> None:
    assert read_answer_value(answer_value("UA", MONDAY)) == ("UA", MONDAY)
    assert read_open_value("prompt:2026-11-30") == MONDAY
    for forged in ("", None, "UA", "UA:2026-13-40", "<!channel>:2026-11-30", "UA:2026-11-30:x", "ua:2026-11-30"):
        assert read_answer_value(forged) is None, forged
    for other in ("", None, "shadow:4", "prompt:tomorrow"):
        assert read_open_value(other) is None, other


def test_the_answers_replace_the_prompt() -> None:
    assert no_calls_message(PromptAnswer("UA", MONDAY, MONDAY, True))["text"] == "Noted: no calls today."
    late = no_calls_message(PromptAnswer("UA", MONDAY, date(2026, 12, 1), True))
    assert late["text"] == "Noted: no calls on Mon 30 Nov."
    assert not_today_message(PromptAnswer("UA", MONDAY, MONDAY))["text"] == "OK, see you tomorrow."
    assert _buttons(late) == []  # the buttons go with the prompt


def test_a_digest_line_names_the_rep_the_call_the_account_the_day_and_the_first_words() -> None:
    line = mrkdwn_to_text(digest_line(DEBRIEF))
    assert line == ("@UA debriefed a discovery call with *Acme & Sons* (Mon 30 Nov): went well: "
                    "Asked about budget early and got the CFO's name before the demo…")


def test_the_digest_has_one_line_and_one_feedback_button_per_debrief_and_says_honestly_what_it_cut() -> None:
    lines = tuple(DigestLine(ALEX, replace(DEBRIEF, id=n)) for n in range(1, MAX_LINES + 6))
    message = debrief_digest_message(DebriefDigestNote(WS, MAYA, lines))

    assert message["text"] == "25 new debriefs from your reps: Alex"
    assert _buttons(message) == [("Reply with feedback", ids.DEBRIEF_FEEDBACK, str(n)) for n in range(1, 21)]
    assert "…and 5 more since your last digest, not shown here." in json.dumps(message, ensure_ascii=False)
    assert check_message(message["blocks"], message["text"]) == []
    one = debrief_digest_message(DebriefDigestNote(WS, MAYA, lines[:1]))
    assert one["text"] == "1 new debrief from your reps: Alex" and "more since" not in json.dumps(one)

"""The end-of-day debrief prompt, its in-place answers, and the manager's debrief digest."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from domain.coaching.calls import CallType
from domain.coaching.debriefs import Debrief
from domain.notifications.debrief_digest import QUIET, DebriefDigestNote
from domain.notifications.debrief_prompt import PROMPT_AT, DebriefPromptNote
from domain.services.debrief_prompts import PromptAnswer
from handlers.blocks import limits
from handlers.blocks.debriefs import feedback_button
from handlers.blocks.kit import (
    Block,
    actions,
    button,
    context,
    counted,
    md,
    mention,
    message,
    section,
)
from handlers.edge import ids

QUESTION = "Any calls today worth a one-minute debrief?"
OPEN_PREFIX = "prompt:"  # OPEN_DEBRIEF's value on the prompt: "prompt:<day>", the modal's default date
MAX_LINES = 20  # one section per debrief: the digest stays well inside a message's 50 blocks
FIRST_WORDS = 12
FIRST_CHARS = 90
_ANSWER_VALUE = re.compile(r"([UW][A-Z0-9]{1,31}):(\d{4}-\d{2}-\d{2})")
_CALLS = {
    CallType.DISCOVERY: "a discovery call",
    CallType.DEMO: "a demo",
    CallType.NEGOTIATION: "a negotiation call",
    CallType.CLOSING: "a closing call",
    CallType.OTHER: "a call",
}


def answer_value(rep_id: str, day: date) -> str:
    """The value of "No calls today" and "Not today": whose prompt, and which day it asks about."""
    return f"{rep_id}:{day.isoformat()}"


def read_answer_value(value: str | None) -> tuple[str, date] | None:
    """(rep id, day) from a button we wrote; None for anything else."""
    found = _ANSWER_VALUE.fullmatch(value or "")
    if found is None:
        return None
    try:
        return found.group(1), date.fromisoformat(found.group(2))
    except ValueError:
        return None


def read_open_value(value: str | None) -> date | None:
    """The day a Debrief button from the prompt asks about ("prompt:2026-11-30"); None for any other value."""
    if not value or not value.startswith(OPEN_PREFIX):
        return None
    try:
        return date.fromisoformat(value.removeprefix(OPEN_PREFIX))
    except ValueError:
        return None


def debrief_prompt_message(note: DebriefPromptNote) -> dict[str, Any]:
    value = answer_value(note.rep.user_id, note.day)
    blocks: list[Block] = [
        section(f":telephone_receiver: *{QUESTION}*"),
        actions(
            button("Debrief a call", ids.OPEN_DEBRIEF, value=f"{OPEN_PREFIX}{note.day.isoformat()}", style="primary"),
            button("No calls today", ids.NO_CALLS_TODAY, value=value),
            button("Not today", ids.NOT_TODAY, value=value),
        ),
        context(f"Working days at {PROMPT_AT:%H:%M} your time, unless you debriefed a call that day."),
    ]
    return message(QUESTION, blocks)


def no_calls_message(answer: PromptAnswer) -> dict[str, Any]:
    """"No calls today", answered in place of the prompt."""
    if answer.is_today:
        text = md("Noted: no calls today.")
    else:
        text = md("Noted: no calls on {day:%a %-d %b}.", day=answer.day)
    return message(text, [section(md(":white_check_mark: {text}", text=text))])


def not_today_message(answer: PromptAnswer) -> dict[str, Any]:
    """"Not today", answered in place of the prompt."""
    text = "OK, see you tomorrow."
    return message(text, [section(f":wave: {text}")])


def _first_words(text: str) -> str:
    words = text.split()
    shown = " ".join(words[:FIRST_WORDS])
    if len(shown) > FIRST_CHARS:
        shown = shown[:FIRST_CHARS].rsplit(" ", 1)[0] or shown[:FIRST_CHARS]
    return shown.rstrip(",;:-") + "…" if shown != " ".join(words) else shown


def digest_line(debrief: Debrief) -> str:
    """"<@UA> debriefed a discovery call with Acme (Mon 30 Nov): went well: asked about budget…"."""
    return md("{rep} debriefed {call} with *{account}* ({day:%a %-d %b}): went well: {words}",
              rep=mention(debrief.rep_id), call=_CALLS[debrief.call_type], account=debrief.call.label,
              day=debrief.call_on, words=_first_words(debrief.answers.went_well))


def debrief_digest_message(note: DebriefDigestNote) -> dict[str, Any]:
    count = len(note.lines)
    title = f"{counted(count, 'new debrief')} from your reps"
    blocks: list[Block] = [section(f":memo: *{title}*")]
    blocks += [section(digest_line(line.debrief), accessory=feedback_button(line.debrief.id or 0))
               for line in note.lines[:MAX_LINES]]
    if count > MAX_LINES:
        blocks.append(context(f"…and {count - MAX_LINES} more since your last digest, not shown here."))
    minutes = int(QUIET.total_seconds() // 60)
    blocks.append(context(f"Sent once your reps had been quiet for {minutes} minutes, in your working hours."))
    reps = {line.rep.user_id for line in note.lines}
    names = ", ".join(line.rep.name for line in {line.rep.user_id: line for line in note.lines}.values())
    text = f"{title}: {names}" if len(reps) <= 5 else title
    return message(limits.clip(text, 200), blocks)

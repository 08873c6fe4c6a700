"""The message shortcut "Debrief this call": on a calendar or call-recorder message, the debrief
modal opens prefilled from it: the first line as the account (or the deal it names) and the
first https link as the recording link."""

from __future__ import annotations

import re
from typing import Any

from slack_bolt import Ack, BoltContext, Respond
from slack_sdk import WebClient

from domain import field_lengths
from domain.errors import CoachflowError, NotFound
from handlers.edge.clicks import tell_refusal
from handlers.edge.directory import SlackUserDirectory
from handlers.edge.services import services, workspace_of
from handlers.views.open import DebriefPrefill, open_debrief

ACCOUNT_GUESS = 75  # a first line longer than this is a sentence, not an account: trimmed
MAX_TEXT = 10_000  # characters of the message looked at
# Slack writes links as <https://...|label> or <https://...>; plain text may hold a bare one.
# Separators a calendar title starts or ends with: hyphen, en and em dash, colon, middle dot, bar, markup.
_TRIM = " -\u2013\u2014:\u00b7|*_"
_FORMATTING = re.compile(r"[*~`]")  # bold, strike and code marks of Slack's mrkdwn
_LINK = re.compile(r"https://[^\s<>|]+", re.ASCII)
_MARKUP = re.compile(r"<([^<>|]*)\|([^<>]*)>|<([^<>]*)>")


def _shown(text: str) -> str:
    """Slack's markup as a reader sees it: a link's label, a bare link as itself, entities decoded."""
    def label(match: re.Match[str]) -> str:
        return match.group(2) if match.group(2) is not None else (match.group(3) or "")

    plain = _MARKUP.sub(label, text)
    return plain.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def prefill_from_message(text: str) -> DebriefPrefill:
    """The account guess (the first non-empty line, trimmed) and the first https link of a message."""
    text = text[:MAX_TEXT]
    link = _LINK.search(text)
    first = next((line.strip() for line in _shown(text).splitlines() if line.strip()), "")
    guess = " ".join(_FORMATTING.sub("", _LINK.sub("", first)).split()).strip(_TRIM)
    if len(guess) > ACCOUNT_GUESS:
        guess = guess[: ACCOUNT_GUESS - 1].rstrip() + "…"
    found = link.group(0) if link else None
    return DebriefPrefill(text=guess, recording_link=found if found and len(found) <= field_lengths.RECORDING_LINK
                          else None)


def handle_debrief_this_call(ack: Ack, body: dict[str, Any], client: WebClient, respond: Respond,
                             context: BoltContext) -> None:
    ack()
    svc, ws, user_id = services(context), workspace_of(context), body["user"]["id"]
    shared = body.get("message")
    text = shared.get("text") if isinstance(shared, dict) else None
    prefill = prefill_from_message(text if isinstance(text, str) else "")
    try:
        try:
            open_debrief(client, svc, ws, user_id, body["trigger_id"], prefill)
        except NotFound:  # someone Coachflow does not know yet: enrolled, as `/debrief` does
            svc.roster.enroll_caller(ws, user_id, SlackUserDirectory(client))
            open_debrief(client, svc, ws, user_id, body["trigger_id"], prefill)
    except CoachflowError as error:
        tell_refusal(client, svc, ws, respond, user_id, error)

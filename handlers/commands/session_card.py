"""`/coach session card [@rep]`: the session card on demand, as an ephemeral reply.

Read by `handlers.commands.sessions` (`session` takes text of its own, so
`card` is its first word, like `reschedule`). A manager names one of their
reps (an admin any rep); a rep types it alone for their own 1:1. The card
is the pair's session under way, else the next one, else the latest that
ended within 7 days.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel

from domain.errors import InvalidInput
from handlers.blocks.session_card import session_card_message
from handlers.commands.parsing import USER_MENTION, mentioned_users
from handlers.commands.registry import Invocation, Reply

CARD_USAGE = "`/coach session card @alex` (a rep: `/coach session card` for your own)"


class SessionCardCommand(BaseModel):
    kind: Literal["session_card"] = "session_card"
    rep_id: str | None = None


def parse_card(rest: str) -> SessionCardCommand:
    """The text after `session card`: one rep, or nobody (the caller's own 1:1)."""
    people = mentioned_users(rest)
    if len(people) > 1 or USER_MENTION.sub(" ", rest).strip():
        raise InvalidInput(f"Name one rep, picked from the @ list: {CARD_USAGE}.")
    return SessionCardCommand(rep_id=people[0] if people else None)


def run_card(parsed: SessionCardCommand, call: Invocation) -> Reply:
    return session_card_message(call.svc.session_card.card_for(call.ws, call.caller_id, parsed.rep_id))

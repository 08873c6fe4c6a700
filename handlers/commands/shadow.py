"""`/coach shadow @rep [deal]`: the manager's notes and feedback on a call of a rep they joined.

It opens the observer's modal at once (the trigger_id dies 3 seconds after
the command): the check of who may shadow comes first, then `views.open`.
The deal is prefilled when the text names one of the rep's imported open
deals, else it is put in the account field as typed.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel

from domain.errors import InvalidInput
from handlers.commands.parsing import USER_MENTION, leading_person
from handlers.commands.registry import HelpSection, Invocation, Reply, Subcommand, always
from handlers.views.open import open_shadow

# The same section as `/coach calls`, so both list under one heading.
CALLS = HelpSection("Calls, debriefs and shadowing", 45)
EXAMPLE = "/coach shadow @alex Acme renewal"


class Shadow(BaseModel):
    """`/coach shadow @alex` or `/coach shadow @alex Acme renewal`."""

    kind: Literal["shadow"] = "shadow"
    rep_id: str
    deal: str = ""


def _parse(rest: str) -> Shadow:
    rep_id, deal = leading_person(rest, EXAMPLE)
    if rep_id is None:
        raise InvalidInput(f"Name the rep whose call you joined, then the deal if you like: `{EXAMPLE}`.")
    if USER_MENTION.search(deal) or "<" in deal:
        raise InvalidInput(f"Shadow one rep's call at a time: `{EXAMPLE}`.")
    return Shadow(rep_id=rep_id, deal=" ".join(deal.split()))


def run_shadow(parsed: Shadow, call: Invocation) -> Reply:
    assert call.trigger_id, "Slack sends a trigger_id with every slash command"
    open_shadow(call.client, call.svc, call.ws, call.caller_id, parsed.rep_id, parsed.deal, call.trigger_id)
    return None


SUBCOMMANDS: tuple[Subcommand[Any], ...] = (
    Subcommand(
        name="shadow", usage="shadow @alex Acme renewal", section=CALLS,
        help=("`/coach shadow @alex [deal]` your notes, scores and feedback on a call of a rep you joined",),
        details=(
            ("`/coach shadow @alex` opens the form for a call of Alex's you joined; "
            "`/coach shadow @alex Acme renewal` picks their open deal of that name (or fills in the account)."),
            ("The three questions from your side, a 1-5 score per focus skill, the indicators you saw, "
            "and feedback Alex gets in a DM, with a button to add their own debrief of the same call."),
            "Aim for 2-3 shadowed calls per rep a week in weeks 3-6; only the rep and you see the notes.",
        ),
        parse=_parse, run=run_shadow, reads_only=True, opens_modal=always,
    ),
)

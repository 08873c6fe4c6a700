"""`/debrief [deal or account]`: the post-call debrief modal, at once.

Its own top-level command: a rep types it straight after a call. The text,
when it names one of the rep's imported open deals, picks that deal;
otherwise it prefills the account. The modal opens before anything else is
looked up (the trigger_id lives 3 seconds); a person Coachflow does not
know yet is enrolled and the modal tried again, as for `/coach score`.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel

from handlers.commands.registry import CommandTable, HelpSection, Invocation, Reply, SlashCommands, Subcommand, always
from handlers.edge import ids
from handlers.views.open import DebriefPrefill, open_debrief

DEBRIEFS = HelpSection("Debriefs", 10)


class Debrief(BaseModel):
    """`/debrief Acme` or `/debrief`."""

    kind: Literal["debrief"] = "debrief"
    text: str = ""


def _parse(rest: str) -> Debrief:
    return Debrief(text=" ".join(rest.split()))


def run_debrief(parsed: Debrief, call: Invocation) -> Reply:
    assert call.trigger_id, "Slack sends a trigger_id with every slash command"
    open_debrief(call.client, call.svc, call.ws, call.caller_id, call.trigger_id, DebriefPrefill(text=parsed.text))
    return None


SUBCOMMANDS: tuple[Subcommand[Any], ...] = (
    Subcommand(
        name="", usage="Acme", section=DEBRIEFS,
        help=("`/debrief` debrief your last call in one minute; `/debrief Acme` with the deal or account filled in",),
        parse=_parse, run=run_debrief, reads_only=True, opens_modal=always,
    ),
)


def register(commands: SlashCommands) -> CommandTable:
    return commands.add(ids.DEBRIEF_COMMAND, SUBCOMMANDS)

"""`/coach calls [@rep] [this|last week]`: the week's calls with their debriefs and shadow notes.

A rep sees their own; a manager their team, or one rep with `@rep`; nobody
else's (`domain.services.calls`). It only reads.
"""

from __future__ import annotations

import re
from typing import Any, Literal

from pydantic import BaseModel

from domain.errors import InvalidInput
from handlers.blocks.calls import calls_message
from handlers.commands.parsing import USER_MENTION, at_most_one_person
from handlers.commands.registry import HelpSection, Invocation, Reply, Subcommand

CALLS = HelpSection("Calls, debriefs and shadowing", 45)
_WEEK = re.compile(r"\b(this|last)(\s+week)?\s*$", re.IGNORECASE)


class Calls(BaseModel):
    kind: Literal["calls"] = "calls"
    rep_id: str | None = None
    week: Literal["this", "last"] = "this"


def _parse_calls(rest: str) -> Calls:
    week: Literal["this", "last"] = "this"
    found = _WEEK.search(rest)
    if found:
        week = "last" if found.group(1).lower() == "last" else "this"
        rest = rest[: found.start()] + rest[found.end():]
    leftover = USER_MENTION.sub(" ", rest).split()
    if leftover and not any(word.startswith(("@", "<", "#")) for word in leftover):
        raise InvalidInput(f"I read `{' '.join(leftover)[:40]}` as neither `this week` nor `last week`: "
                           "`/coach calls @alex last week`.")
    return Calls(rep_id=at_most_one_person(rest, "/coach calls"), week=week)


def run_calls(parsed: Calls, call: Invocation) -> Reply:
    listing = call.svc.calls.calls_for(call.ws, call.caller_id, parsed.rep_id, parsed.week, call.svc.clock())
    return calls_message(listing, call.svc.catalog)


SUBCOMMANDS: tuple[Subcommand[Any], ...] = (
    Subcommand(
        name="calls", usage="calls @alex last week", section=CALLS,
        help=("`/coach calls [@rep] [last week]` the week's calls with the rep's debrief and your shadow notes",),
        details=(("`/coach calls` your own calls this week, or your team's when you coach reps; "
                  "`/coach calls @alex` one rep's; add `last week` for the week before."),
                 ("Each call shows the rep's debrief and, when you shadowed it, your notes beside it. "
                  "Only the rep and their own manager see them.")),
        parse=_parse_calls, run=run_calls, reads_only=True,
    ),
)

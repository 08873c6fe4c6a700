"""Role-plays on real deals: `/coach roleplay [@rep]`, the rep's stalled deals as role-play cards.

A rep sees their own; their manager, or an admin, a rep's (`roleplay_access`
in domain/coaching/roleplay.py). It only reads; each card's "Mark practised"
button opens the form (handlers/actions/mark_roleplay.py).
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel

from handlers.blocks.roleplay import roleplay_list_message
from handlers.commands.parsing import at_most_one_person
from handlers.commands.registry import HelpSection, Invocation, Reply, Subcommand

DEVELOP = HelpSection("Develop (weeks 3-6)", 45)


class Roleplay(BaseModel):
    """`/coach roleplay @alex` (a rep's) or `/coach roleplay` (your own)."""

    kind: Literal["roleplay"] = "roleplay"
    rep_id: str | None = None


def run_roleplay(parsed: Roleplay, call: Invocation) -> Reply:
    return roleplay_list_message(call.svc.roleplays.cards_for(call.ws, call.caller_id, parsed.rep_id))


SUBCOMMANDS: tuple[Subcommand[Any], ...] = (
    Subcommand(
        name="roleplay", aliases=("role-play", "roleplays"), usage="roleplay @alex", section=DEVELOP,
        help=("`/coach roleplay @alex` role-plays on a rep's stalled deals; `/coach roleplay` on your own",),
        details=(("`/coach roleplay @alex` turns a rep's stalled open deals into role-play cards, largest first: "
                 "each deal longer in its stage than the rep's own average for it (the team's while the rep has "
                 "fewer than 3 deals through that stage), with the suggested focus from their focus skills."),
                 ("*Mark practised* on a card records the role-play with a note; the rep is told. "
                 "`/coach roleplay` shows your own deals."),
                 "Deals come from a CRM export (CSV) a manager or admin shares in Coachflow's DM."),
        parse=lambda rest: Roleplay(rep_id=at_most_one_person(rest, "/coach roleplay")),
        run=run_roleplay, reads_only=True,
    ),
)

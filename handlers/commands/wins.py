"""Success stories (issue 13): `/coach win` opens the form; `/coach wins [skill] [page]` finds wins to learn from.

`/coach win Hooli signed` keeps what was typed as "What happened?". The
skill of `/coach wins` is a competency's id or name (`objection handling`,
`objection_handling`); an unknown one is answered with the list of skills.
What comes back follows the privacy rules of `domain.services.wins`.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel

from domain.coaching.wins import WinSource
from handlers.blocks.win_messages import wins_listing_message
from handlers.commands.registry import HelpSection, Invocation, Reply, Subcommand, always
from handlers.views.open_wins import open_win

WINS = HelpSection("Success stories", 48)


class ShareWin(BaseModel):
    kind: Literal["win"] = "win"
    typed: str = ""


class FindWins(BaseModel):
    kind: Literal["wins"] = "wins"
    skill: str | None = None
    page: int = 1


def parse_wins(rest: str) -> FindWins:
    words = rest.split()
    page = 1
    if words and words[-1].isascii() and words[-1].isdigit() and len(words[-1]) <= 3:
        page = max(int(words.pop()), 1)
    return FindWins(skill=" ".join(words) or None, page=page)


def run_win(parsed: ShareWin, call: Invocation) -> Reply:
    assert call.trigger_id, "Slack sends a trigger_id with every slash command"
    open_win(call.client, call.svc, call.ws, call.caller_id, WinSource.COMMAND, call.trigger_id, typed=parsed.typed)
    return None


def run_wins(parsed: FindWins, call: Invocation) -> Reply:
    return wins_listing_message(call.svc.wins.find(call.ws, call.caller_id, parsed.skill, parsed.page))


SUBCOMMANDS: tuple[Subcommand[Any], ...] = (
    Subcommand(
        name="win", usage="win", section=WINS,
        help=(("`/coach win` share a win: what happened, the skill, the words that worked, the outcome "
              "(private to you and your manager unless you share it with your team)"),),
        parse=lambda rest: ShareWin(typed=" ".join(rest.split())), run=run_win, reads_only=True,
        opens_modal=always,
    ),
    Subcommand(
        name="wins", usage="wins discovery", section=WINS,
        help=("`/coach wins [skill]` wins to learn from: those shared with the team, your own and your reps'",),
        details=(("`/coach wins` the latest wins you may see; `/coach wins discovery` only that skill's; "
                 "`/coach wins discovery 2` the next page."),
                 ("A rep sees what reps shared with the team and their own wins; a manager also their reps'. "
                 "A private win shows only to its rep and their manager.")),
        parse=parse_wins, run=run_wins, reads_only=True,
    ),
)

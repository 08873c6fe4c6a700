"""`/commit <what> by <when>`: a rep adds a commitment between sessions, in one line.

`/commit send Hooli the ROI one-pager by fri`, `... by 2026-12-18`, `... by
tomorrow`; the day is read in the rep's own calendar. Without text, or when
the day cannot be read, the modal opens with what was typed kept as the
action (the trigger_id lives 3 seconds, so it opens before anything else).
"""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from pydantic import BaseModel

from domain.coaching.commitments import ActionDraft, split_commit, when_of
from handlers.blocks.commitments import committed_reply
from handlers.commands.registry import CommandTable, HelpSection, Invocation, Reply, SlashCommands, Subcommand
from handlers.edge import ids
from handlers.edge.sender import deliver
from handlers.views.open_commitments import open_commit

COMMIT = HelpSection("Commitments", 11)
_ANY_DAY = date(2026, 1, 5)  # whether the "when" can be read at all does not depend on the day


class Commit(BaseModel):
    """`/commit send the deck by fri`, or `/commit` alone."""

    kind: Literal["commit"] = "commit"
    text: str = ""

    @property
    def one_line(self) -> tuple[str, str] | None:
        split = split_commit(self.text)
        return split if split is not None and when_of(split[1], _ANY_DAY) is not None else None


def _parse(rest: str) -> Commit:
    return Commit(text=" ".join(rest.split()))


def _needs_modal(parsed: Commit) -> bool:
    return parsed.one_line is None


def run_commit(parsed: Commit, call: Invocation) -> Reply:
    line = parsed.one_line
    if line is None:
        assert call.trigger_id, "Slack sends a trigger_id with every slash command"
        open_commit(call.client, call.svc, call.ws, call.caller_id, call.trigger_id, parsed.text)
        return None
    what, when = line
    deadline = when_of(when, call.svc.commitments.today_of(call.ws, call.caller_id))
    done = call.svc.commitments.add_and_tell(call.ws, call.caller_id, ActionDraft(what, call.caller_id, deadline))
    deliver(call.client, call.svc, call.ws, done.effects)
    return committed_reply(done.result)


SUBCOMMANDS: tuple[Subcommand[Any], ...] = (
    Subcommand(
        name="", usage="send Hooli the ROI one-pager by fri", section=COMMIT,
        help=(("`/commit send Hooli the ROI one-pager by fri` commit to an action between 1:1s "
              "(`by tomorrow`, `by 2026-12-18`); `/commit` alone opens a form"),),
        parse=_parse, run=run_commit, reads_only=_needs_modal, opens_modal=_needs_modal,
    ),
)


def register(commands: SlashCommands) -> CommandTable:
    return commands.add(ids.COMMIT_COMMAND, SUBCOMMANDS)

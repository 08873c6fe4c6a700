"""Homework: `/coach homework @rep` opens the assignment modal (the rep's own manager only).

The modal opens first, straight after the one check of who may give the rep
homework (the trigger_id dies 3 seconds after the command); the dispatcher
looks the caller up afterwards. Handing in and feedback are buttons in the
DMs (handlers/actions/homework.py).
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel

from domain.errors import InvalidInput
from handlers.commands.parsing import mentioned_users
from handlers.commands.registry import HelpSection, Invocation, Reply, Subcommand, always
from handlers.views.open import open_homework

DEVELOP = HelpSection("Develop (weeks 3-6)", 45)


class AssignHomework(BaseModel):
    kind: Literal["homework"] = "homework"
    rep_id: str


def _parse(rest: str) -> AssignHomework:
    people = mentioned_users(rest)
    if len(people) != 1:
        raise InvalidInput("Name one rep: `/coach homework @alex`.")
    return AssignHomework(rep_id=people[0])


def run_homework(parsed: AssignHomework, call: Invocation) -> Reply:
    assert call.trigger_id, "Slack sends a trigger_id with every slash command"
    open_homework(call.client, call.svc, call.ws, call.caller_id, parsed.rep_id, call.trigger_id)
    return None


SUBCOMMANDS: tuple[Subcommand[Any], ...] = (
    Subcommand(
        name="homework", usage="homework @alex", section=DEVELOP,
        help=(("`/coach homework @alex` give a rep homework: a template of their focus skills or your own words, "
               "a due date, and what they hand in"),),
        parse=_parse, run=run_homework, reads_only=True, opens_modal=always,
    ),
)

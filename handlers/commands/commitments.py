"""Action plans: `/coach plan @rep` opens the plan modal (the rep's manager); `/coach commitments [@rep]` lists
a rep's actions, with "Move deadline" and "Drop" for their manager or an admin."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel

from domain.errors import InvalidInput
from handlers.blocks.commitments import listing_message
from handlers.commands.parsing import mentioned_users
from handlers.commands.registry import HelpSection, Invocation, Reply, Subcommand, always
from handlers.views.open_commitments import open_plan

PLANS = HelpSection("Action plans (1:1s)", 46)


class RecordPlan(BaseModel):
    kind: Literal["plan"] = "plan"
    rep_id: str


class ListCommitments(BaseModel):
    kind: Literal["commitments"] = "commitments"
    rep_id: str | None = None


def _parse_plan(rest: str) -> RecordPlan:
    people = mentioned_users(rest)
    if len(people) != 1:
        raise InvalidInput("Name one rep: `/coach plan @alex`.")
    return RecordPlan(rep_id=people[0])


def _parse_list(rest: str) -> ListCommitments:
    people = mentioned_users(rest)
    if len(people) > 1:
        raise InvalidInput("Name one rep, or nobody for your own: `/coach commitments @alex`.")
    return ListCommitments(rep_id=people[0] if people else None)


def run_plan(parsed: RecordPlan, call: Invocation) -> Reply:
    assert call.trigger_id, "Slack sends a trigger_id with every slash command"
    open_plan(call.client, call.svc, call.ws, call.caller_id, parsed.rep_id, call.trigger_id)
    return None


def run_list(parsed: ListCommitments, call: Invocation) -> Reply:
    listing = call.svc.commitments.listing(call.ws, call.caller_id, parsed.rep_id or call.caller_id)
    return listing_message(listing)


SUBCOMMANDS: tuple[Subcommand[Any], ...] = (
    Subcommand(
        name="plan", usage="plan @alex", section=PLANS,
        help=(("`/coach plan @alex` record the action plan of a 1:1: one to three actions, each with an owner, "
              "a deadline, how you will know it is done, confidence and support"),),
        parse=_parse_plan, run=run_plan, reads_only=True, opens_modal=always,
    ),
    Subcommand(
        name="commitments", usage="commitments @alex", section=PLANS,
        help=(("`/coach commitments @alex` a rep's commitments, overdue first; move a deadline or drop an action "
              "(`/coach commitments` for your own)"),),
        parse=_parse_list, run=run_list, reads_only=True,
    ),
)

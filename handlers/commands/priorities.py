"""Prioritization: `/coach prioritize @rep` (a modal) and `/coach focus [@rep] [skills|add skill|accept]`."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel

from domain.errors import InvalidInput
from handlers.blocks.priorities import priorities_message
from handlers.commands.parsing import leading_person
from handlers.commands.registry import HelpSection, Invocation, Reply, Subcommand, always
from handlers.edge.sender import deliver
from handlers.views.open import open_prioritize

PRIORITIES = HelpSection("Priorities and the contract (week 2)", 40)


class Prioritize(BaseModel):
    """`/coach prioritize @alex`: rate impact and difficulty of each gap (manager)."""

    kind: Literal["prioritize"] = "prioritize"
    rep_id: str


class Focus(BaseModel):
    """`/coach focus [@alex]` shows; `... discovery, closing` sets; `add closing`; `accept` takes the proposal."""

    kind: Literal["focus"] = "focus"
    rep_id: str | None = None
    action: Literal["show", "set", "add", "accept"] = "show"
    skills: list[str] = []


def skills(text: str) -> list[str]:
    # Commas let names with spaces through ("objection handling, closing"); ids need none.
    parts = text.split(",") if "," in text else text.split()
    return [p.strip() for p in parts if p.strip()]


def _parse_prioritize(rest: str) -> Prioritize:
    rep_id, tail = leading_person(rest, "/coach prioritize @alex")
    if rep_id is None or tail:
        raise InvalidInput("Say whose gaps to rate: `/coach prioritize @alex`.")
    return Prioritize(rep_id=rep_id)


def _parse_focus(rest: str) -> Focus:
    rep_id, tail = leading_person(rest, "/coach focus @alex")
    words = tail.split(maxsplit=1)
    if not words:
        return Focus(rep_id=rep_id)
    if rep_id is None:
        raise InvalidInput("Name the rep first: `/coach focus @alex discovery, value articulation`.")
    verb = words[0].lower()
    if verb == "accept" and len(words) == 1:
        return Focus(rep_id=rep_id, action="accept")
    if verb == "add":
        added = skills(words[1] if len(words) > 1 else "")
        if len(added) != 1:
            raise InvalidInput("Add one skill at a time: `/coach focus @alex add closing`.")
        return Focus(rep_id=rep_id, action="add", skills=added)
    return Focus(rep_id=rep_id, action="set", skills=skills(tail))


def run_prioritize(parsed: Prioritize, call: Invocation) -> Reply:
    assert call.trigger_id, "Slack sends a trigger_id with every slash command"
    open_prioritize(call.client, call.svc, call.ws, call.caller_id, parsed.rep_id, call.trigger_id)
    return None


def run_focus(parsed: Focus, call: Invocation) -> Reply:
    svc, ws, caller_id, client = call.svc, call.ws, call.caller_id, call.client
    match parsed:
        case Focus(rep_id=rep_id, action="show"):
            return priorities_message(svc.priorities.view(ws, caller_id, rep_id or caller_id), caller_id)
        case Focus(rep_id=str(rep_id), action=action, skills=skills):
            if action == "accept":
                done = svc.priorities.accept_and_tell(ws, caller_id, rep_id)
            elif action == "add":
                done = svc.priorities.add_focus_and_tell(ws, caller_id, rep_id, skills[0])
            else:
                done = svc.priorities.set_focus_and_tell(ws, caller_id, rep_id, skills)
            deliver(client, svc, ws, done.effects)
            return priorities_message(done.result, caller_id)
    raise AssertionError(f"unhandled focus command {parsed!r}")


def _shows(parsed: Focus) -> bool:
    return parsed.action == "show"


SUBCOMMANDS: tuple[Subcommand[Any], ...] = (
    Subcommand(
        name="prioritize", aliases=("prioritise",), usage="prioritize @alex", section=PRIORITIES,
        help=("`/coach prioritize @alex` rate each gap's impact and difficulty",),
        parse=_parse_prioritize, run=run_prioritize, reads_only=True, opens_modal=always,
    ),
    Subcommand(
        name="focus", usage="focus @alex", section=PRIORITIES,
        help=("`/coach focus @alex` the matrix and proposal; `/coach focus @alex discovery, closing` set at most two",
              "`/coach focus @alex accept` take the proposal; `/coach focus @alex add closing`"),
        parse=_parse_focus, run=run_focus, reads_only=_shows,
    ),
)

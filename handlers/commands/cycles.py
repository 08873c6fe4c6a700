"""Coaching cycles: `/coach start @rep [date]` and `/coach cycle [@rep] [advance|extend N|end]`."""

from __future__ import annotations

import re
from datetime import date
from typing import Any, Literal

from pydantic import BaseModel

from domain.errors import InvalidInput
from handlers.blocks import cycles as replies
from handlers.commands.parsing import ISO_DATE, USER_MENTION, iso_date, require_people
from handlers.commands.registry import HelpSection, Invocation, Reply, Subcommand
from handlers.edge.sender import deliver

CYCLES = HelpSection("Coaching cycles", 20)
_WEEKS = re.compile(r"[0-9]{1,3}", re.ASCII)


class StartCycle(BaseModel):
    kind: Literal["start_cycle"] = "start_cycle"
    rep_id: str
    starts_on: date | None = None


class CycleCommand(BaseModel):
    """`/coach cycle` (own), `/coach cycle @alex`, `/coach cycle @alex advance|end|extend 2`."""

    kind: Literal["cycle"] = "cycle"
    rep_id: str | None = None
    action: Literal["show", "advance", "extend", "end"] = "show"
    weeks: int = 1


def _parse_start(rest: str) -> StartCycle:
    example = "/coach start @alex 2026-12-07"
    dates = ISO_DATE.findall(rest)
    people = require_people(ISO_DATE.sub(" ", rest), example)
    if len(people) != 1 or len(dates) > 1:
        raise InvalidInput(f"Start one rep's cycle at a time: `{example}` (the date is optional: next Monday).")
    return StartCycle(rep_id=people[0], starts_on=iso_date(dates[0], example) if dates else None)


def _parse_cycle(rest: str) -> CycleCommand:
    words = USER_MENTION.sub(" ", rest).split()
    people = USER_MENTION.findall(rest)
    if len(people) > 1:
        raise InvalidInput("One rep at a time: `/coach cycle @alex`.")
    rep_id = people[0] if people else None
    if not words:
        return CycleCommand(rep_id=rep_id)
    action = words[0].lower()
    if rep_id is None or len(words) > 2 or action not in ("advance", "extend", "end"):
        raise InvalidInput(
            "Cycle commands: `/coach cycle` (yours), `/coach cycle @alex`, "
            "`/coach cycle @alex advance`, `/coach cycle @alex extend 2` and `/coach cycle @alex end`."
        )
    weeks = 1
    if len(words) == 2:
        if action != "extend":
            raise InvalidInput("Only `extend` takes a number of weeks: `/coach cycle @alex extend 2`.")
        # ASCII digits, and few: str.isdigit() accepts `²`, which int() refuses, and
        # int() refuses more than 4,300 digits; the cycle checks the 1-4 range.
        if not _WEEKS.fullmatch(words[1]):
            raise InvalidInput("Extend by a whole number of weeks, 1 to 4: `/coach cycle @alex extend 2`.")
        weeks = int(words[1])
    steer: Literal["advance", "extend", "end"] = "advance" if action == "advance" else (
        "extend" if action == "extend" else "end")
    return CycleCommand(rep_id=rep_id, action=steer, weeks=weeks)


def run_start(parsed: StartCycle, call: Invocation) -> Reply:
    done = call.svc.cycles.start_and_tell(call.ws, call.caller_id, parsed.rep_id, parsed.starts_on)
    deliver(call.client, call.svc, call.ws, done.effects)
    return replies.cycle_message(done.result)


def run_cycle(parsed: CycleCommand, call: Invocation) -> Reply:
    svc, ws, caller_id, client = call.svc, call.ws, call.caller_id, call.client
    match parsed:
        case CycleCommand(action="show", rep_id=rep_id):
            return replies.cycle_message(svc.cycles.view(ws, caller_id, rep_id or caller_id), caller_id)
        case CycleCommand(action=action, rep_id=rep_id, weeks=weeks) if rep_id is not None:
            done = svc.cycles.steer_and_tell(ws, caller_id, rep_id, action, weeks)
            deliver(client, svc, ws, done.effects)
            return replies.cycle_changed_message(done.result, action)
    raise AssertionError(f"unhandled cycle command {parsed!r}")


def _shows(parsed: CycleCommand) -> bool:
    return parsed.action == "show"


SUBCOMMANDS: tuple[Subcommand[Any], ...] = (
    Subcommand(
        name="start", usage="start @alex 2026-12-07", section=CYCLES,
        help=("`/coach start @alex [2026-12-07]` start a rep's 8-week cycle on a Monday (default: the next one)",),
        parse=_parse_start, run=run_start,
    ),
    Subcommand(
        name="cycle", usage="cycle @alex", section=CYCLES,
        help=("`/coach cycle` your cycle; `/coach cycle @alex` a rep's, with past cycles",
              "`/coach cycle @alex advance`, `/coach cycle @alex extend 2`, `/coach cycle @alex end`"),
        parse=_parse_cycle, run=run_cycle, reads_only=_shows,
    ),
)

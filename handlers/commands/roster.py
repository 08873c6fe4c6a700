"""The team: `/coach team`, `team add @rep ...`, `team remove @rep ...`, `team move @rep @manager`."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, Literal

from pydantic import BaseModel, Field

from domain.errors import InvalidInput
from domain.model import Member
from domain.services.roster import Outcomes
from handlers.blocks import roster as replies
from handlers.blocks.kit import combined
from handlers.commands.parsing import require_people
from handlers.commands.registry import HelpSection, Invocation, Reply, Subcommand
from handlers.edge.sender import deliver

TEAM = HelpSection("Your team", 10)


class TeamList(BaseModel):
    kind: Literal["team_list"] = "team_list"


class TeamAdd(BaseModel):
    kind: Literal["team_add"] = "team_add"
    user_ids: list[str] = Field(min_length=1)


class TeamRemove(BaseModel):
    kind: Literal["team_remove"] = "team_remove"
    user_ids: list[str] = Field(min_length=1)


class TeamMove(BaseModel):
    kind: Literal["team_move"] = "team_move"
    rep_id: str
    manager_id: str


def _parse_move(rest: str) -> TeamMove:
    people = require_people(re.sub(r"\bto\b", " ", rest), "/coach team move @alex @new-manager")
    if len(people) != 2:
        raise InvalidInput("Name the rep and then their new manager: `/coach team move @alex @jordan`.")
    return TeamMove(rep_id=people[0], manager_id=people[1])


def run_team_list(parsed: TeamList, call: Invocation) -> Reply:
    return replies.team_message(call.svc.roster.team(call.ws, call.caller_id), call.svc.clock())


def run_team_add(parsed: TeamAdd, call: Invocation) -> Reply:
    done = call.svc.roster.add_reps_and_tell(call.ws, call.caller_id, parsed.user_ids, call.directory)
    deliver(call.client, call.svc, call.ws, done.effects)
    added = done.result
    return replies.add_reps_message(added.results, added.team_size, call.caller_id)


def run_team_remove(parsed: TeamRemove, call: Invocation) -> Reply:
    done = call.svc.roster.remove_reps_and_tell(call.ws, call.caller_id, parsed.user_ids)
    deliver(call.client, call.svc, call.ws, done.effects)
    return outcomes_message(done.result, replies.removed_message)


def run_team_move(parsed: TeamMove, call: Invocation) -> Reply:
    done = call.svc.roster.move_and_tell(call.ws, call.caller_id, parsed.rep_id, parsed.manager_id, call.directory)
    deliver(call.client, call.svc, call.ws, done.effects)
    return replies.moved_message(done.result)


def outcomes_message(outcomes: Outcomes, changed: Callable[[Member], dict[str, Any]]) -> dict[str, Any]:
    """One reply for a command naming several people: what changed for each, then each refusal."""
    members, refusals = outcomes
    return combined([changed(m) for m in members] + [replies.error_message(text) for text in refusals])


SUBCOMMANDS: tuple[Subcommand[Any], ...] = (
    Subcommand(
        name="team", aliases=("team list", "team show"), usage="team", section=TEAM,
        help=("`/coach team` list the reps you coach",),
        details=("`/coach team` lists your reps with their local time zone.",),
        parse=lambda rest: TeamList(), run=run_team_list, reads_only=True,
    ),
    Subcommand(
        name="team add", usage="team add @alex @sam", section=TEAM,
        help=("`/coach team add @alex @sam` add reps to your team",),
        details=(("`/coach team add @alex @sam` adds reps. A rep coached by another manager moves "
                 "only when that manager or an admin moves them."),),
        parse=lambda rest: TeamAdd(user_ids=require_people(rest, "/coach team add @alex @sam")),
        run=run_team_add,
    ),
    Subcommand(
        name="team remove", usage="team remove @alex", section=TEAM,
        help=("`/coach team remove @alex` take a rep off your team (their history stays)",),
        details=("`/coach team remove @alex` takes a rep off your team; their history stays.",),
        parse=lambda rest: TeamRemove(user_ids=require_people(rest, "/coach team remove @alex")),
        run=run_team_remove,
    ),
    Subcommand(
        name="team move", usage="team move @alex @jordan", section=TEAM,
        help=("`/coach team move @alex @jordan` hand a rep to another manager",),
        details=(("`/coach team move @alex @jordan` hands a rep to another manager "
                 "(their current manager or an admin)."),),
        parse=_parse_move, run=run_team_move,
    ),
)

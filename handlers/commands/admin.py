"""Admins: `/coach admin grant @person ...` and `/coach admin teams`.

The workspace calendar and notification switches (`admin settings`, `admin
workweek`, ...) are settings; they live in `handlers.commands.settings`.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field

from handlers.blocks import roster as replies
from handlers.commands.parsing import require_people
from handlers.commands.registry import HelpSection, Invocation, Reply, Subcommand
from handlers.commands.roster import outcomes_message
from handlers.edge.sender import deliver

ADMINS = HelpSection("Admins", 70)


class AdminGrant(BaseModel):
    kind: Literal["admin_grant"] = "admin_grant"
    user_ids: list[str] = Field(min_length=1)


class AdminTeams(BaseModel):
    kind: Literal["admin_teams"] = "admin_teams"


def run_admin_grant(parsed: AdminGrant, call: Invocation) -> Reply:
    done = call.svc.roster.grant_and_tell(call.ws, parsed.user_ids, call.directory, granted_by=call.caller_id)
    deliver(call.client, call.svc, call.ws, done.effects)
    return outcomes_message(done.result, replies.admin_granted_message)


def run_admin_teams(parsed: AdminTeams, call: Invocation) -> Reply:
    return replies.teams_message(call.svc.roster.teams(call.ws, call.caller_id))


SUBCOMMANDS: tuple[Subcommand[Any], ...] = (
    Subcommand(
        name="admin grant", usage="admin grant @jordan", section=ADMINS,
        help=("`/coach admin grant @jordan` make someone a Coachflow admin",),
        details=("The first person to use `/coach` in a workspace becomes its admin.",
                 "`/coach admin grant @jordan` adds an admin (admins only)."),
        parse=lambda rest: AdminGrant(user_ids=require_people(rest, "/coach admin grant @jordan")),
        run=run_admin_grant,
    ),
    Subcommand(
        name="admin teams", usage="admin teams", section=ADMINS,
        help=("`/coach admin teams` every team in this workspace",),
        details=("`/coach admin teams` lists every team in this workspace.",),
        parse=lambda rest: AdminTeams(), run=run_admin_teams, reads_only=True,
    ),
)

"""Diagnosis: `/coach score [@rep]`, `/coach assess` and `/coach profile [@rep]`.

Scoring and the self-assessment open modals; the trigger_id dies 3 seconds
after the command, so the check of who may score comes first and the modal
opens straight after it (the dispatcher looks the caller up afterwards). The
profile answers in words first (the ephemeral reply is the text version),
then its radar chart goes to the viewer's DM.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel

from handlers.blocks.profile import profile_message
from handlers.commands.parsing import at_most_one_person
from handlers.commands.registry import HelpSection, Invocation, Reply, Subcommand, always
from handlers.edge.chart_upload import send_profile_radar
from handlers.views.open import open_score_call, open_self_assessment

DIAGNOSIS = HelpSection("Diagnosis", 30)


class ScoreCall(BaseModel):
    """`/coach score @alex` (a rep's call) or `/coach score` (your own)."""

    kind: Literal["score"] = "score"
    rep_id: str | None = None


class Assess(BaseModel):
    kind: Literal["assess"] = "assess"


class Profile(BaseModel):
    kind: Literal["profile"] = "profile"
    rep_id: str | None = None


def run_profile(parsed: Profile, call: Invocation) -> Reply:
    svc, caller_id = call.svc, call.caller_id
    view = svc.diagnosis.profile(call.ws, caller_id, parsed.rep_id or caller_id)
    # Words first: the chart takes a moment to draw and may not arrive at all.
    call.respond(response_type="ephemeral", **profile_message(view))
    send_profile_radar(call.client, svc, caller_id, view)
    return None


def run_score(parsed: ScoreCall, call: Invocation) -> Reply:
    assert call.trigger_id, "Slack sends a trigger_id with every slash command"
    open_score_call(call.client, call.svc, call.ws, call.caller_id, parsed.rep_id or call.caller_id, call.trigger_id)
    return None


def run_assess(parsed: Assess, call: Invocation) -> Reply:
    assert call.trigger_id, "Slack sends a trigger_id with every slash command"
    open_self_assessment(call.client, call.svc, call.trigger_id)
    return None


SUBCOMMANDS: tuple[Subcommand[Any], ...] = (
    Subcommand(
        name="score", usage="score @alex", section=DIAGNOSIS,
        help=("`/coach score @alex` score a rep's call; `/coach score` score one of your own calls",),
        parse=lambda rest: ScoreCall(rep_id=at_most_one_person(rest, "/coach score")),
        run=run_score, reads_only=True, opens_modal=always,
    ),
    Subcommand(
        name="assess", usage="assess", section=DIAGNOSIS,
        help=("`/coach assess` take the 20-question self-assessment",),
        parse=lambda rest: Assess(), run=run_assess, reads_only=True, opens_modal=always,
    ),
    Subcommand(
        name="profile", usage="profile @alex", section=DIAGNOSIS,
        help=("`/coach profile` your skills profile; `/coach profile @alex` a rep's",),
        parse=lambda rest: Profile(rep_id=at_most_one_person(rest, "/coach profile")),
        run=run_profile, reads_only=True,
    ),
)

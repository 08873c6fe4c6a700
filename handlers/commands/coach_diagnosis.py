"""`/coach score [@rep]`, `/coach assess` and `/coach profile [@rep]`.

Scoring and the self-assessment open modals; the trigger_id dies 3 seconds
after the command, so the check of who may score comes first and the modal
opens straight after it. The profile answers in words first (the ephemeral
reply is the text version), then its radar chart goes to the viewer's DM.
"""

from __future__ import annotations

from typing import Any

from slack_bolt import Respond
from slack_sdk import WebClient

from domain.model import WorkspaceRef
from handlers.blocks.profile import profile_message
from handlers.commands.coach_parser import Assess, Profile, ScoreCall
from handlers.edge.chart_upload import send_profile_radar
from handlers.edge.services import Services
from handlers.views.open import open_score_call, open_self_assessment


def run_diagnosis(
    parsed: ScoreCall | Assess | Profile, svc: Services, ws: WorkspaceRef, caller_id: str, client: WebClient,
    trigger_id: str | None, respond: Respond,
) -> dict[str, Any] | None:
    """The ephemeral reply, or None when a modal opened or the reply has gone already."""
    match parsed:
        case Profile(rep_id=rep_id):
            view = svc.diagnosis.profile(ws, caller_id, rep_id or caller_id)
            # Words first: the chart takes a moment to draw and may not arrive at all.
            respond(response_type="ephemeral", **profile_message(view))
            send_profile_radar(client, svc, caller_id, view)
            return None
        case ScoreCall(rep_id=rep_id) if trigger_id:
            open_score_call(client, svc, ws, caller_id, rep_id or caller_id, trigger_id)
            return None
        case Assess() if trigger_id:
            open_self_assessment(client, svc, trigger_id)
            return None
    raise AssertionError(f"unhandled diagnosis command {parsed!r}")

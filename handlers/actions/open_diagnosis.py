"""Buttons in App Home and in reminders that open the score-call and self-assessment modals."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, BoltContext
from slack_sdk import WebClient

from domain.effects import Refusal, tell
from domain.errors import CoachflowError
from handlers.edge.payloads import ButtonClick
from handlers.edge.sender import deliver
from handlers.edge.services import services, workspace_of
from handlers.views.open import open_score_call, open_self_assessment


def handle_open_score_call(ack: Ack, body: dict[str, Any], client: WebClient, context: BoltContext) -> None:
    ack()
    click = ButtonClick.model_validate(body["actions"][0])
    svc, ws, user_id = services(context), workspace_of(context), body["user"]["id"]
    try:
        open_score_call(client, svc, ws, user_id, click.value or user_id, body["trigger_id"])
    except CoachflowError as error:
        # A stale button: the rep has since moved to another manager.
        deliver(client, svc, ws, tell(user_id, Refusal(str(error))))


def handle_open_self_assessment(ack: Ack, body: dict[str, Any], client: WebClient, context: BoltContext) -> None:
    ack()
    open_self_assessment(client, services(context), body["trigger_id"])

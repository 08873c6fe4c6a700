"""The Accept proposal button: the proposed focus skills become the rep's focus."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, BoltContext, Respond
from slack_sdk import WebClient

from domain.effects import tell
from domain.errors import CoachflowError
from domain.receipts import Replayed
from domain.services.prioritization import RepPriorities
from handlers.blocks.priorities import priorities_message
from handlers.edge.clicks import click_of, tell_refusal
from handlers.edge.receipts import receipt_of
from handlers.edge.sender import deliver
from handlers.edge.services import services, workspace_of


def handle_accept_focus(ack: Ack, body: dict[str, Any], client: WebClient, respond: Respond,
                        context: BoltContext) -> None:
    ack()
    svc, ws, user_id = services(context), workspace_of(context), body["user"]["id"]
    rep_id = click_of(body).value or ""
    try:
        done = svc.priorities.accept_and_tell(ws, user_id, rep_id, receipt_of(body, context))
    except Replayed:
        return  # the first click set the focus and answered
    except CoachflowError as error:
        tell_refusal(client, svc, ws, respond, user_id, error)
        return
    if respond.response_url:
        respond(replace_original=True, **priorities_message(done.result, user_id))
        deliver(client, svc, ws, done.effects)
    else:
        deliver(client, svc, ws, tell(user_id, RepPriorities(done.result, user_id)) + done.effects)

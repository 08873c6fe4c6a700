"""The Accept proposal button: the proposed focus skills become the rep's focus."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, BoltContext, Respond
from slack_sdk import WebClient

from domain.errors import CoachflowError
from domain.receipts import Replayed
from handlers.blocks.priorities import priorities_message
from handlers.edge.clicks import click_of, tell_refusal
from handlers.edge.outbox import publish_homes, send_dm
from handlers.edge.receipts import receipt_of
from handlers.edge.services import services, workspace_of


def handle_accept_focus(ack: Ack, body: dict[str, Any], client: WebClient, respond: Respond,
                        context: BoltContext) -> None:
    ack()
    svc, ws, user_id = services(context), workspace_of(context), body["user"]["id"]
    rep_id = click_of(body).value or ""
    try:
        view = svc.priorities.accept_proposal(ws, user_id, rep_id, receipt_of(body, context))
    except Replayed:
        return  # the first click set the focus and answered
    except CoachflowError as error:
        tell_refusal(client, svc, ws, respond, user_id, error)
        return
    reply = priorities_message(view, user_id)
    if respond.response_url:
        respond(replace_original=True, **reply)
    else:
        send_dm(client, svc, ws, user_id, reply)
    publish_homes(client, svc, ws, [user_id, rep_id])

"""The session card's "Record action plan" button (the session's manager or an admin); value: the session id.

It opens the action-plan modal with the session id in its metadata, so the
plan is stored as that 1:1's. Who may record it is checked by the use case,
when the modal opens and again when it is saved, so a crafted session id
naming another pair's 1:1 opens and stores nothing.
"""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, BoltContext, Respond
from slack_sdk import WebClient

from domain.errors import CoachflowError, InvalidInput
from handlers.actions.prework import session_id_of
from handlers.edge.clicks import click_of, tell_refusal
from handlers.edge.receipts import receipt_of
from handlers.edge.services import services, workspace_of
from handlers.views.open_commitments import open_session_plan

UNREADABLE = "That button could not be read; nothing was opened. `/coach session card @rep` shows the card again."


def handle_record_plan(ack: Ack, body: dict[str, Any], client: WebClient, respond: Respond,
                       context: BoltContext) -> None:
    ack()
    svc, ws, user_id = services(context), workspace_of(context), body["user"]["id"]
    session_id = session_id_of(click_of(body).value)
    try:
        if session_id is None:
            raise InvalidInput(UNREADABLE)
        open_session_plan(client, svc, ws, user_id, session_id, body["trigger_id"], receipt_of(body, context))
    except CoachflowError as error:
        tell_refusal(client, svc, ws, respond, user_id, error)

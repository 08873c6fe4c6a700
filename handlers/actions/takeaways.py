"""The "Record takeaways" button (`open_session_takeaways`, value: the session id) opens the takeaways modal.

The button is public: the session card and `/coach sessions` carry it. Who
may open the modal is checked by the use case, so a crafted session id opens
nothing of anyone else's; a session not yet started or cancelled is refused kindly.
"""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, BoltContext, Respond
from slack_sdk import WebClient

from domain.errors import CoachflowError, InvalidInput
from handlers.actions.prework import UNREADABLE, session_id_of
from handlers.blocks.takeaways import takeaways_modal
from handlers.edge.clicks import click_of, tell_refusal
from handlers.edge.receipts import receipt_of
from handlers.edge.services import services, workspace_of


def handle_open_takeaways(ack: Ack, body: dict[str, Any], client: WebClient, respond: Respond,
                          context: BoltContext) -> None:
    ack()
    svc, ws, user_id = services(context), workspace_of(context), body["user"]["id"]
    session_id = session_id_of(click_of(body).value)
    try:
        if session_id is None:
            raise InvalidInput(UNREADABLE)
        form = svc.takeaways.form(ws, user_id, session_id, receipt_of(body, context))
        client.views_open(trigger_id=body["trigger_id"], view=takeaways_modal(form))
    except CoachflowError as error:
        tell_refusal(client, svc, ws, respond, user_id, error)

"""Pre-work buttons: "Prepare for our 1:1" (the rep) and "Add a question" (the manager); values: the session id.

Who may open each modal is checked by the use case, so a crafted session id
opens nothing of anyone else's; a session that has started is refused kindly.
"""

from __future__ import annotations

import re
from typing import Any

from slack_bolt import Ack, BoltContext, Respond
from slack_sdk import WebClient

from domain.errors import CoachflowError, InvalidInput
from handlers.blocks.prework import prework_modal, prework_question_modal
from handlers.edge.clicks import click_of, tell_refusal
from handlers.edge.receipts import receipt_of
from handlers.edge.services import services, workspace_of

_ID = re.compile(r"[0-9]{1,9}", re.ASCII)
UNREADABLE = "That button could not be read; nothing was opened. Use `/coach sessions` to see your 1:1s."


def session_id_of(value: str | None) -> int | None:
    return int(value) if value is not None and _ID.fullmatch(value) else None


def handle_open_prework(ack: Ack, body: dict[str, Any], client: WebClient, respond: Respond,
                        context: BoltContext) -> None:
    ack()
    svc, ws, user_id = services(context), workspace_of(context), body["user"]["id"]
    session_id = session_id_of(click_of(body).value)
    try:
        if session_id is None:
            raise InvalidInput(UNREADABLE)
        form = svc.prework.form(ws, user_id, session_id, receipt_of(body, context))
        client.views_open(trigger_id=body["trigger_id"], view=prework_modal(form))
    except CoachflowError as error:
        tell_refusal(client, svc, ws, respond, user_id, error)


def handle_add_prework_question(ack: Ack, body: dict[str, Any], client: WebClient, respond: Respond,
                                context: BoltContext) -> None:
    ack()
    svc, ws, user_id = services(context), workspace_of(context), body["user"]["id"]
    session_id = session_id_of(click_of(body).value)
    try:
        if session_id is None:
            raise InvalidInput(UNREADABLE)
        form = svc.prework.question_form(ws, user_id, session_id)
        client.views_open(trigger_id=body["trigger_id"], view=prework_question_modal(form))
    except CoachflowError as error:
        tell_refusal(client, svc, ws, respond, user_id, error)

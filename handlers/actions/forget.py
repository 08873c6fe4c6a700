"""The "Forget them" button under `/coach admin forget @person` (after Slack's confirm dialog), issue 14."""

from __future__ import annotations

import re
from typing import Any

from slack_bolt import Ack, BoltContext, Respond
from slack_sdk import WebClient

from domain.errors import CoachflowError, InvalidInput
from domain.receipts import Replayed
from handlers.blocks.data_rights import forgotten_message
from handlers.edge.clicks import click_of, tell_refusal
from handlers.edge.receipts import receipt_of
from handlers.edge.services import services, workspace_of

_USER_ID = re.compile(r"[UW][A-Z0-9]{1,31}")


def handle_forget(ack: Ack, body: dict[str, Any], client: WebClient, respond: Respond, context: BoltContext) -> None:
    ack()
    svc, ws, admin_id = services(context), workspace_of(context), body["user"]["id"]
    user_id = click_of(body).value
    if user_id is None or not _USER_ID.fullmatch(user_id):
        tell_refusal(client, svc, ws, respond, admin_id, InvalidInput(
            "That button could not be read. Type `/coach admin forget @person` again."))
        return
    try:
        # The service checks again that the clicker is an admin: the button could be anyone's.
        done = svc.data_rights.forget(ws, admin_id, user_id, receipt_of(body, context))
    except Replayed:
        return  # the first click forgot them and said so; a retry must not answer "holds no data"
    except CoachflowError as error:
        tell_refusal(client, svc, ws, respond, admin_id, error)
        return
    respond(replace_original=True, **forgotten_message(user_id, done))

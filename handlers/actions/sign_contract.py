"""The Sign button of a coaching contract version."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, BoltContext, Respond
from slack_sdk import WebClient

from domain.errors import CoachflowError, InvalidInput
from domain.receipts import Replayed
from domain.services.contracts import Outcome
from handlers.blocks.contract import contract_message, read_sign_value
from handlers.edge.clicks import click_of, tell_refusal
from handlers.edge.coaching_outbox import tell_other_party
from handlers.edge.outbox import send_dm
from handlers.edge.receipts import receipt_of
from handlers.edge.services import services, workspace_of


def handle_sign_contract(ack: Ack, body: dict[str, Any], client: WebClient, respond: Respond,
                         context: BoltContext) -> None:
    ack()
    svc, ws, user_id = services(context), workspace_of(context), body["user"]["id"]
    signing = read_sign_value(click_of(body).value)
    if signing is None:  # not a button we wrote
        tell_refusal(client, svc, ws, respond, user_id, InvalidInput(
            "That Sign button could not be read. Open the contract with `/coach contract` and sign it there."))
        return
    rep_id, version = signing
    try:
        change = svc.contracts.sign(ws, user_id, rep_id, version, receipt_of(body, context))
    except Replayed:
        return  # the first click signed and told the other party
    except CoachflowError as error:
        tell_refusal(client, svc, ws, respond, user_id, error)
        return
    signed = contract_message(change.contract, svc.catalog, user_id)
    if respond.response_url:
        respond(replace_original=True, **signed)  # the button goes; the signature shows
    else:
        send_dm(client, svc, ws, user_id, signed)
    if change.outcome is Outcome.SIGNED:
        tell_other_party(client, svc, ws, change)

"""The Sign button of a coaching contract version."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, BoltContext, Respond
from slack_sdk import WebClient

from domain.effects import tell
from domain.errors import CoachflowError, InvalidInput
from domain.receipts import Replayed
from domain.services.contracts import ContractShown
from handlers.blocks.contract import contract_message, read_sign_value
from handlers.edge.clicks import click_of, tell_refusal
from handlers.edge.receipts import receipt_of
from handlers.edge.sender import deliver
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
        done = svc.contracts.sign_and_tell(ws, user_id, rep_id, version, receipt_of(body, context))
    except Replayed:
        return  # the first click signed and told the other party
    except CoachflowError as error:
        tell_refusal(client, svc, ws, respond, user_id, error)
        return
    if respond.response_url:
        # The button goes; the signature shows.
        respond(replace_original=True, **contract_message(done.result.contract, svc.catalog, user_id))
        deliver(client, svc, ws, done.effects)
    else:
        deliver(client, svc, ws, tell(user_id, ContractShown(done.result.contract)) + done.effects)

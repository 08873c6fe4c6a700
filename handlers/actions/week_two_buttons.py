"""Week-2 buttons: open the rating or contract modal, accept the proposed focus, sign the contract."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from slack_bolt import Ack, BoltContext, Respond
from slack_sdk import WebClient

from domain.errors import CoachflowError, InvalidInput
from domain.model import WorkspaceRef
from domain.receipts import Replayed
from domain.services.contracts import Outcome
from handlers.blocks.contract import contract_message, read_sign_value
from handlers.blocks.priorities import priorities_message
from handlers.blocks.roster import error_message
from handlers.coaching_outbox import tell_other_party
from handlers.commands.coach_week_two import open_contract, open_prioritize
from handlers.outbox import publish_homes, send_dm
from handlers.payloads import ButtonClick
from handlers.receipts import receipt_of
from handlers.services import Services, services, workspace_of


def _click(body: dict[str, Any]) -> ButtonClick:
    return ButtonClick.model_validate(body["actions"][0])


def _tell(
    client: WebClient, svc: Services, ws: WorkspaceRef, respond: Respond | None, user_id: str, error: CoachflowError
) -> None:
    # Clicks in messages carry a response_url; clicks in App Home do not, so those get a DM.
    if respond is not None and respond.response_url:
        respond(response_type="ephemeral", replace_original=False, **error_message(str(error)))
    else:
        send_dm(client, svc, ws, user_id, error_message(str(error)))


def _open_modal(opener: Callable[[WebClient, Services, WorkspaceRef, str, str, str], None]) -> Callable[..., None]:
    """A listener for a button whose value names the rep and that opens a modal about them."""

    def listener(ack: Ack, body: dict[str, Any], client: WebClient, respond: Respond, context: BoltContext) -> None:
        ack()
        svc, ws, user_id = services(context), workspace_of(context), body["user"]["id"]
        try:
            opener(client, svc, ws, user_id, _click(body).value or "", body["trigger_id"])
        except CoachflowError as error:
            _tell(client, svc, ws, respond, user_id, error)

    return listener


handle_open_prioritize = _open_modal(open_prioritize)
handle_open_contract = _open_modal(open_contract)


def handle_accept_focus(ack: Ack, body: dict[str, Any], client: WebClient, respond: Respond,
                        context: BoltContext) -> None:
    ack()
    svc, ws, user_id = services(context), workspace_of(context), body["user"]["id"]
    rep_id = _click(body).value or ""
    try:
        view = svc.priorities.accept_proposal(ws, user_id, rep_id, receipt_of(body, context))
    except Replayed:
        return  # the first click set the focus and answered
    except CoachflowError as error:
        _tell(client, svc, ws, respond, user_id, error)
        return
    reply = priorities_message(view, user_id)
    if respond.response_url:
        respond(replace_original=True, **reply)
    else:
        send_dm(client, svc, ws, user_id, reply)
    publish_homes(client, svc, ws, [user_id, rep_id])


def handle_sign_contract(ack: Ack, body: dict[str, Any], client: WebClient, respond: Respond,
                         context: BoltContext) -> None:
    ack()
    svc, ws, user_id = services(context), workspace_of(context), body["user"]["id"]
    signing = read_sign_value(_click(body).value)
    if signing is None:  # not a button we wrote
        _tell(client, svc, ws, respond, user_id, InvalidInput(
            "That Sign button could not be read. Open the contract with `/coach contract` and sign it there."))
        return
    rep_id, version = signing
    try:
        change = svc.contracts.sign(ws, user_id, rep_id, version, receipt_of(body, context))
    except Replayed:
        return  # the first click signed and told the other party
    except CoachflowError as error:
        _tell(client, svc, ws, respond, user_id, error)
        return
    signed = contract_message(change.contract, svc.catalog, user_id)
    if respond.response_url:
        respond(replace_original=True, **signed)  # the button goes; the signature shows
    else:
        send_dm(client, svc, ws, user_id, signed)
    if change.outcome is Outcome.SIGNED:
        tell_other_party(client, svc, ws, change)

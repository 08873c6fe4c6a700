"""Commitment buttons: Done / Partly / Not done on the deadline check-in (the owner), and the overflow menu of
`/coach commitments` (the rep's manager or an admin): Move deadline (a modal) or Drop.

The value of each is the action's id; who may answer or change it is checked
by the use case, so a crafted id answers or changes nothing of anyone else's.
"""

from __future__ import annotations

import re
from typing import Any

from slack_bolt import Ack, BoltContext, Respond
from slack_sdk import WebClient

from domain.coaching.commitments import CommitmentStatus
from domain.effects import tell
from domain.errors import CoachflowError, InvalidInput
from domain.receipts import Replayed
from domain.services.commitment_notices import CommitmentChanged
from handlers.blocks.commitments import answer_saved_message, commitment_changed_message
from handlers.blocks.inputs import record_id
from handlers.edge import ids
from handlers.edge.clicks import click_of, tell_refusal
from handlers.edge.receipts import receipt_of
from handlers.edge.sender import deliver
from handlers.edge.services import services, workspace_of
from handlers.views.open_commitments import open_move, open_obstacles

_MENU = re.compile(r"(move|drop):([0-9]{1,9})", re.ASCII)
UNREADABLE = "That button could not be read; nothing was recorded. Use `/coach commitments` to see your actions."
_SHORT = {ids.COMMITMENT_PARTLY: CommitmentStatus.PARTLY, ids.COMMITMENT_NOT_DONE: CommitmentStatus.NOT_DONE}


commitment_id_of = record_id  # the commitment id a check-in button carries


def handle_commitment_done(ack: Ack, body: dict[str, Any], client: WebClient, respond: Respond,
                           context: BoltContext) -> None:
    ack()
    svc, ws, user_id = services(context), workspace_of(context), body["user"]["id"]
    commitment_id = commitment_id_of(click_of(body).value)
    try:
        if commitment_id is None:
            raise InvalidInput(UNREADABLE)
        done = svc.commitments.answer_and_tell(ws, user_id, commitment_id, CommitmentStatus.DONE,
                                               receipt=receipt_of(body, context))
    except Replayed:
        return  # the first click recorded it and answered
    except CoachflowError as error:
        tell_refusal(client, svc, ws, respond, user_id, error)
        return
    if respond.response_url:
        respond(replace_original=True, **answer_saved_message(done.result))
    deliver(client, svc, ws, done.effects)


def handle_commitment_short(ack: Ack, body: dict[str, Any], client: WebClient, respond: Respond,
                            context: BoltContext) -> None:
    """Partly / Not done: the obstacles modal (required for anything short of done)."""
    ack()
    svc, ws, user_id = services(context), workspace_of(context), body["user"]["id"]
    click = click_of(body)
    commitment_id, status = commitment_id_of(click.value), _SHORT.get(click.action_id)
    try:
        if commitment_id is None or status is None:
            raise InvalidInput(UNREADABLE)
        open_obstacles(client, svc, ws, user_id, commitment_id, status, body["trigger_id"])
    except CoachflowError as error:
        tell_refusal(client, svc, ws, respond, user_id, error)


def _menu_choice(body: dict[str, Any]) -> tuple[str, int] | None:
    action = (body.get("actions") or [{}])[0]
    chosen = action.get("selected_option") if isinstance(action, dict) else None
    value = chosen.get("value") if isinstance(chosen, dict) else None
    found = _MENU.fullmatch(value) if isinstance(value, str) else None
    return (found.group(1), int(found.group(2))) if found else None


def handle_commitment_menu(ack: Ack, body: dict[str, Any], client: WebClient, respond: Respond,
                           context: BoltContext) -> None:
    ack()
    svc, ws, user_id = services(context), workspace_of(context), body["user"]["id"]
    choice = _menu_choice(body)
    try:
        if choice is None:
            raise InvalidInput(UNREADABLE)
        verb, commitment_id = choice
        if verb == "move":
            open_move(client, svc, ws, user_id, commitment_id, body["trigger_id"])
            return
        done = svc.commitments.change_and_tell(ws, user_id, commitment_id, None, drop=True,
                                               receipt=receipt_of(body, context))
    except Replayed:
        return
    except CoachflowError as error:
        tell_refusal(client, svc, ws, respond, user_id, error)
        return
    if respond.response_url:
        respond(response_type="ephemeral", replace_original=False,
                **commitment_changed_message(done.result, user_id))
        deliver(client, svc, ws, done.effects)
    else:
        deliver(client, svc, ws, tell(user_id, CommitmentChanged(done.result, user_id)) + done.effects)

"""The monthly check-in's buttons: the rep's "Open check-in" (value: the cycle id) opens the modal; the
manager's "Start a new cycle on <skill>" (value: "<check-in id>:<skill id>") starts one, stored once.

Who may do either is the use case's check, so a crafted value opens or
starts nothing of anyone else's; a refusal is said where they clicked.
"""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, BoltContext, Respond
from slack_sdk import WebClient

from domain.errors import CoachflowError, InvalidInput
from domain.model import WorkspaceRef
from domain.receipts import Receipt, Replayed
from handlers.blocks.inputs import record_id
from handlers.blocks.maintenance import checkin_modal, read_restart_value
from handlers.edge.clicks import click_of, opens_a_form_on_time, tell_refusal
from handlers.edge.receipts import receipt_of
from handlers.edge.sender import deliver
from handlers.edge.services import Services, services, workspace_of

UNREADABLE = "That button could not be read; nothing was opened. Your next monthly check-in DM has a fresh one."
RESTART_UNREADABLE = "That button could not be read, so no cycle was started. Use `/coach start @rep` instead."


def _checkin_form(client: WebClient, svc: Services, ws: WorkspaceRef, user_id: str, cycle_id: int,
                  trigger_id: str, receipt: Receipt) -> None:
    form = svc.maintenance.form(ws, user_id, cycle_id, receipt)
    client.views_open(trigger_id=trigger_id, view=checkin_modal(form, svc.catalog))


handle_open_checkin = opens_a_form_on_time(record_id, _checkin_form, UNREADABLE)


def handle_restart_from_checkin(ack: Ack, body: dict[str, Any], client: WebClient, respond: Respond,
                                context: BoltContext) -> None:
    ack()
    svc, ws, user_id = services(context), workspace_of(context), body["user"]["id"]
    chosen = read_restart_value(click_of(body).value)
    try:
        if chosen is None:
            raise InvalidInput(RESTART_UNREADABLE)
        done = svc.maintenance.restart_and_tell(ws, user_id, chosen[0], chosen[1], receipt_of(body, context))
    except Replayed:
        return  # the first click started the cycle and told everyone
    except CoachflowError as error:
        tell_refusal(client, svc, ws, respond, user_id, error)
        return
    deliver(client, svc, ws, done.effects)

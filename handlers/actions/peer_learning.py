"""The Friday peer-learning ask's buttons: "Share my approach", "Not this time", "Don't ask me again".

Only the rep the ask was sent to can answer it (the value names them; the
service checks it is the clicker). A click after their decision is
answered kindly, in an ephemeral reply, and changes nothing.
"""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, BoltContext, Respond
from slack_sdk import WebClient

from domain.errors import CoachflowError, InvalidInput
from domain.receipts import Replayed
from handlers.blocks.peer_learning import (
    already_decided_message,
    declined_message,
    read_share_value,
    share_modal,
)
from handlers.edge import ids
from handlers.edge.clicks import click_of, tell_refusal
from handlers.edge.receipts import receipt_of
from handlers.edge.services import services, workspace_of

UNREADABLE = InvalidInput("That button could not be read; nothing was recorded.")


def _where(body: dict[str, Any]) -> tuple[str | None, str | None]:
    """The ask's DM and ts, so the form's submission can update it in place."""
    container = body.get("container") or {}
    channel = container.get("channel_id") or (body.get("channel") or {}).get("id")
    ts = container.get("message_ts") or (body.get("message") or {}).get("ts")
    return (channel if isinstance(channel, str) else None), (ts if isinstance(ts, str) else None)


def handle_share_approach(ack: Ack, body: dict[str, Any], client: WebClient, respond: Respond,
                          context: BoltContext) -> None:
    """Opens the share form, prefilled with the rep's own words (the trigger lives 3 seconds: open first)."""
    ack()
    svc, ws, user_id = services(context), workspace_of(context), body["user"]["id"]
    key = read_share_value(click_of(body).value)
    try:
        if key is None:
            raise UNREADABLE
        view = svc.peer_learning.ask(ws, user_id, *key)
    except CoachflowError as error:
        tell_refusal(client, svc, ws, respond, user_id, error)
        return
    if view.share.status.decided:
        respond(response_type="ephemeral", replace_original=False, **already_decided_message(view))
        return
    dm, ts = _where(body)
    channel = svc.peer_learning.channel(ws)
    client.views_open(trigger_id=body["trigger_id"], view=share_modal(view, channel, dm, ts))


def handle_decline(ack: Ack, body: dict[str, Any], client: WebClient, respond: Respond,
                   context: BoltContext) -> None:
    """"Not this time" and "Don't ask me again": nothing is posted; the second also mutes the asks."""
    ack()
    svc, ws, user_id = services(context), workspace_of(context), body["user"]["id"]
    click = click_of(body)
    key = read_share_value(click.value)
    if key is None:
        tell_refusal(client, svc, ws, respond, user_id, UNREADABLE)
        return
    try:
        declined = svc.peer_learning.decline(ws, user_id, *key, receipt=receipt_of(body, context),
                                             stop_asking=click.action_id == ids.PEER_STOP)
    except Replayed:
        return  # the first click recorded it and answered
    except CoachflowError as error:
        tell_refusal(client, svc, ws, respond, user_id, error)
        return
    if declined.already:  # the ask keeps saying what they decided; the answer is theirs alone
        respond(response_type="ephemeral", replace_original=False, **already_decided_message(
            declined.view, stopped=declined.stopped))
    elif respond.response_url:
        respond(replace_original=True, **declined_message(declined))

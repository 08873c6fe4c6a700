"""The footer buttons of every scheduled message: "Pause a week", "Stop these", and their Undo.

Each click calls the preferences service (the same rules as `/coach pause 1w`,
`/coach resume` and `/coach notify off|on <kind>`), stored once with the
click's receipt, and refused for anyone but the message's recipient. The
answer replaces the message's footer: what changed, and Undo.
"""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, BoltContext, Respond
from slack_sdk import WebClient

from domain.errors import CoachflowError, InvalidInput
from domain.notifications.registry import KINDS
from domain.receipts import Replayed
from handlers.blocks.nudge_footer import (
    paused_footer,
    read_footer_value,
    replaced_footer,
    stopped_footer,
    undone_footer,
)
from handlers.edge import ids
from handlers.edge.clicks import click_of, tell_refusal
from handlers.edge.message_updates import update_message
from handlers.edge.receipts import receipt_of
from handlers.edge.services import services, workspace_of

UNREADABLE = "That button could not be read; nothing changed. `/coach notify` and `/coach pause` do the same."


def handle_nudge_button(ack: Ack, body: dict[str, Any], client: WebClient, respond: Respond,
                        context: BoltContext) -> None:
    ack()
    svc, ws, user_id = services(context), workspace_of(context), body["user"]["id"]
    click = click_of(body)
    value = read_footer_value(click.value)
    kind = KINDS.get(value.kind) if value is not None else None
    if value is None or kind is None:
        tell_refusal(client, svc, ws, respond, user_id, InvalidInput(UNREADABLE))
        return
    prefs, receipt = svc.preferences, receipt_of(body, context).without_deadline()
    try:
        match click.action_id:
            case ids.NUDGE_PAUSE_WEEK:
                paused = prefs.pause_a_week(ws, user_id, value.recipient_id, receipt)
                footer = paused_footer(kind, value, paused.member, paused.before)
            case ids.NUDGE_UNDO_PAUSE:
                member = prefs.undo_pause(ws, user_id, value.recipient_id, value.before, receipt)
                back = (f"paused until {member.paused_until:%A %-d %B} as before" if member.paused_until
                        else "scheduled messages come again")
                footer = undone_footer(kind, value, back)
            case ids.NUDGE_STOP:
                prefs.stop_kind(ws, user_id, value.recipient_id, kind.name, True, receipt)
                footer = stopped_footer(kind, value)
            case ids.NUDGE_UNDO_STOP:
                prefs.stop_kind(ws, user_id, value.recipient_id, kind.name, False, receipt)
                footer = undone_footer(kind, value, f"{kind.title} come again")
            case _:
                raise InvalidInput(UNREADABLE)
    except Replayed:
        return  # the first click changed it and updated the message
    except CoachflowError as error:
        tell_refusal(client, svc, ws, respond, user_id, error)
        return
    updated = replaced_footer(body.get("message") or {}, footer)
    if respond.response_url:
        respond(replace_original=True, **updated)
        return
    container = body.get("container") or {}
    channel, ts = container.get("channel_id"), container.get("message_ts")
    if channel and ts:
        update_message(client, svc, str(channel), str(ts), updated)

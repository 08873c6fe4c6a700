"""The receipt of a Slack request: what identifies one submission, click or event.

Every listener that stores something passes `receipt_of(body, svc)` to its
use case, which records it in the same transaction as the record
(domain/receipts.py); a replay then raises `Replayed` and the listener acks
quietly, since the first delivery already told the person.

- A view submission is its view's id and hash: Slack sends the same pair
  again only for the same modal state (a re-submit after an error, a
  replay). It also carries the save deadline, counted from when the
  request arrived (Bolt may queue a listener behind others): Slack allows 3
  seconds to answer a form, so its checks and save give up in time to say
  so inline.
- A button click is the button (action_id and value) in its container (the
  message's channel and ts, or the view's id and hash) by one person: a
  replayed request and a second click of the same button are one decision.
  To ask again, send a new message or publish the view again.
- An event is its event_id, which Slack keeps on its retries.
"""

from __future__ import annotations

import hashlib
import time
from typing import Any

from slack_bolt import BoltContext

from domain.receipts import Receipt
from handlers.edge.services import services

# Context key: time.monotonic() when the request arrived, set by the app's first middleware.
RECEIVED_AT = "coachflow_received_at"


def _digest(*parts: object) -> str:
    return hashlib.sha256("\x1f".join(str(p) for p in parts).encode()).hexdigest()


def _container(body: dict[str, Any], action: dict[str, Any]) -> tuple[object, ...]:
    container = body.get("container") or {}
    message_ts = container.get("message_ts") or (body.get("message") or {}).get("ts")
    if message_ts:
        channel = container.get("channel_id") or (body.get("channel") or {}).get("id")
        return ("message", channel, message_ts)
    view = body.get("view") or {}
    if view.get("id"):
        return ("view", view["id"], view.get("hash"))
    return ("click", action.get("action_ts"))  # no container Slack documents: this click alone


def receipt_of(body: dict[str, Any], context: BoltContext) -> Receipt:
    """The receipt of a view submission, block action or event (Bolt's `body`)."""
    kind = body.get("type")
    if kind == "view_submission":
        view = body.get("view") or {}
        received_at = context.get(RECEIVED_AT)
        start = received_at if isinstance(received_at, float) else time.monotonic()
        return Receipt(str(view.get("callback_id") or "view"), _digest("view", view.get("id"), view.get("hash")),
                       answer_by=start + services(context).save_deadline_seconds)
    if kind == "block_actions":
        action = (body.get("actions") or [{}])[0]
        user = (body.get("user") or {}).get("id")
        return Receipt(str(action.get("action_id") or "action"),
                       _digest("action", action.get("action_id"), action.get("value"), *_container(body, action), user))
    if kind == "event_callback":
        return Receipt(str((body.get("event") or {}).get("type") or "event"), _digest("event", body.get("event_id")))
    raise ValueError(f"no receipt for a {kind!r} request: receipts key view submissions, clicks and events")

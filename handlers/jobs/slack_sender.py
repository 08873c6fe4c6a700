"""`MessageSender` over Slack's Web API: DMs with the ledger key in the metadata.

The one place that turns Slack's answers into `SendOutcome`s: the scheduled
drain, listeners' replies (`handlers.edge.dm.send_dm`), App Home publishes
and response_url posts all read 429, 5xx and errors the same way.
"""

from __future__ import annotations

import logging
import math
import urllib.error
from collections.abc import Callable
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackRequestError
from slack_sdk.webhook import WebhookResponse

from domain.delivery import (
    PERMANENT_ERRORS,
    Delivery,
    DeliveryKey,
    PermanentFailure,
    RateLimited,
    SendOutcome,
    Sent,
    TransientFailure,
)

log = logging.getLogger(__name__)

METADATA_EVENT = "coachflow_delivery"
HISTORY_PAGE = 100
MAX_RETRY_AFTER = 3600.0

# A ledger row's kind and content to a message (handlers.blocks.notifications.renderer).
Renderer = Callable[[str, object], dict[str, Any]]
# A scheduled row's key and its rendered message to the message sent (handlers.blocks.notifications.footer).
Footer = Callable[[DeliveryKey, dict[str, Any]], dict[str, Any]]
# What a failed connection raises through slack_sdk (urllib underneath).
CONNECTION_ERRORS = (urllib.error.URLError, TimeoutError, ConnectionError, OSError)


def as_rendered(_kind: str, content: object) -> dict[str, Any]:
    """The renderer of replies: a listener hands over the message the block builders made."""
    if not isinstance(content, dict):
        raise TypeError(f"a reply is a rendered message, not {type(content).__name__}")
    return content


class SlackMessageSender:
    def __init__(self, client: WebClient, render: Renderer,
                 after_sent: Callable[[Delivery, object], None] | None = None,
                 footer: Footer | None = None) -> None:
        self._client = client
        self._render = render
        self._after_sent = after_sent  # what follows a message Slack accepted (a scorecard's chart)
        self._footer = footer  # the scheduled drain's: the nudge footer under every kind's message

    def send(self, delivery: Delivery, content: object) -> SendOutcome:
        message = self._render(delivery.key.kind, content)
        if self._footer is not None:
            message = self._footer(delivery.key, message)
        metadata = {"event_type": METADATA_EVENT, "event_payload": {"key": str(delivery.key)}}
        outcome = call_slack(
            "chat.postMessage",
            lambda: self._client.chat_postMessage(
                channel=delivery.channel or delivery.key.recipient_id, metadata=metadata, **message
            ),
        )
        if isinstance(outcome, Sent) and self._after_sent is not None:
            self._after_sent(delivery, content)
        return outcome

    def find_sent(self, delivery: Delivery) -> Sent | RateLimited | None:
        # The newest messages of the DM, not those after a time: our clock and
        # Slack's need not agree, and a DM with the app is quiet enough that
        # a message from minutes ago is among its last hundred.
        try:
            channel = delivery.channel or self._dm_channel(delivery.key.recipient_id)
            history = self._client.conversations_history(channel=channel, include_all_metadata=True, limit=HISTORY_PAGE)
        except SlackApiError as error:
            outcome = _classify(error, "conversations.history")
            if isinstance(outcome, RateLimited):
                return outcome
            # Cannot look: sending again risks a double, not sending risks a
            # loss; the ledger's attempts limit bounds the damage either way.
            log.warning("could not check %s for %s: %s", delivery.key.recipient_id, delivery.key, outcome)
            return None
        wanted = str(delivery.key)
        messages: list[dict[str, Any]] = history.get("messages", [])
        for message in messages:
            payload = (message.get("metadata") or {}).get("event_payload") or {}
            if payload.get("key") == wanted:
                return Sent(channel=channel, ts=message["ts"])
        return None

    def _dm_channel(self, user_id: str) -> str:
        return str(self._client.conversations_open(users=user_id)["channel"]["id"])


def call_slack(method: str, call: Callable[[], Any]) -> SendOutcome:
    """Make one Web API call; `Sent` (with `channel` and `ts` when the answer has them) if Slack accepted it."""
    try:
        response = call()
    except SlackApiError as error:
        return _classify(error, method)
    except CONNECTION_ERRORS as error:
        return TransientFailure(f"connection: {error.__class__.__name__}")
    return Sent(channel=str(response.get("channel") or ""), ts=str(response.get("ts") or ""))


def webhook_outcome(call: Callable[[], WebhookResponse]) -> SendOutcome:
    """Post to a response_url once; its answer is a plain status (200 "ok"), not the Web API's JSON."""
    try:
        response = call()
    except SlackRequestError as error:  # a malformed URL: trying again cannot help
        return PermanentFailure(f"request: {error.__class__.__name__}")
    except CONNECTION_ERRORS as error:
        return TransientFailure(f"connection: {error.__class__.__name__}")
    status = response.status_code
    if status == 200:
        return Sent(channel="", ts="")
    if status == 429:
        return RateLimited(method="response_url", retry_after=_retry_after(response.headers))
    # A response_url's error body may echo what was posted: only the status is kept.
    if status >= 500:
        return TransientFailure(f"http_{status}")
    return PermanentFailure(f"http_{status}")


def _retry_after(headers: Any) -> float:
    value = headers.get("Retry-After") or headers.get("retry-after") or "1"
    try:
        seconds = float(value)
    except ValueError:  # an HTTP date or garbage: wait the shortest sensible time
        return 1.0
    # "inf" or "nan" would break the arithmetic of retry times; an hour is past any budget.
    return min(max(0.0, seconds), MAX_RETRY_AFTER) if math.isfinite(seconds) else 1.0


def _classify(error: SlackApiError, method: str) -> SendOutcome:
    response = error.response
    if response.status_code == 429:
        return RateLimited(method=method, retry_after=_retry_after(response.headers))
    code = str(response.get("error") or f"http_{response.status_code}")
    if code in PERMANENT_ERRORS:
        return PermanentFailure(code)
    return TransientFailure(code)

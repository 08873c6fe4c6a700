"""`MessageSender` over Slack's Web API: DMs with the ledger key in the metadata."""

from __future__ import annotations

import logging
import urllib.error
from collections.abc import Callable
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from domain.delivery import (
    PERMANENT_ERRORS,
    Delivery,
    PermanentFailure,
    RateLimited,
    SendOutcome,
    Sent,
    TransientFailure,
)

log = logging.getLogger(__name__)

METADATA_EVENT = "coachflow_delivery"
HISTORY_PAGE = 100

Renderer = Callable[[object], dict[str, Any]]


class SlackMessageSender:
    def __init__(self, client: WebClient, render: Renderer) -> None:
        self._client = client
        self._render = render

    def send(self, delivery: Delivery, content: object) -> SendOutcome:
        message = self._render(content)
        metadata = {"event_type": METADATA_EVENT, "event_payload": {"key": str(delivery.key)}}
        try:
            response = self._client.chat_postMessage(
                channel=delivery.channel or delivery.key.recipient_id, metadata=metadata, **message
            )
        except SlackApiError as error:
            return _classify(error, "chat.postMessage")
        except (urllib.error.URLError, TimeoutError, ConnectionError, OSError) as error:
            return TransientFailure(f"connection: {error.__class__.__name__}")
        return Sent(channel=response["channel"], ts=response["ts"])

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
        for message in history.get("messages", []):
            payload = (message.get("metadata") or {}).get("event_payload") or {}
            if payload.get("key") == wanted:
                return Sent(channel=channel, ts=message["ts"])
        return None

    def _dm_channel(self, user_id: str) -> str:
        return str(self._client.conversations_open(users=user_id)["channel"]["id"])


def _classify(error: SlackApiError, method: str) -> SendOutcome:
    response = error.response
    if response.status_code == 429:
        retry_after = response.headers.get("Retry-After") or response.headers.get("retry-after") or "1"
        return RateLimited(method=method, retry_after=float(retry_after))
    code = str(response.get("error") or f"http_{response.status_code}")
    if code in PERMANENT_ERRORS:
        return PermanentFailure(code)
    return TransientFailure(code)

"""Updating a message the app sent before (a debrief's DM copy after an edit): `chat.update`, retried.

Idempotent like an App Home publish, so it has no ledger row of its own: the
message's row already says where it is. Retried through the delivery path
(429 waits Retry-After, 5xx and lost connections back off); whether it
worked comes back, so the caller can send a new message instead.
"""

from __future__ import annotations

import logging
from typing import Any

from slack_sdk import WebClient

from domain.delivery import DeliveryStatus, SendOutcome, Sent
from handlers.edge.services import Services
from handlers.jobs.slack_sender import call_slack

log = logging.getLogger(__name__)


def update_message(client: WebClient, svc: Services, channel: str, ts: str, rendered: dict[str, Any]) -> bool:
    """Replace the message at (channel, ts) with `rendered`; True when Slack took it."""

    def update() -> SendOutcome:
        outcome = call_slack("chat.update", lambda: client.chat_update(channel=channel, ts=ts, **rendered))
        if not isinstance(outcome, Sent):
            log.info("chat.update of %s failed: %s", ts, outcome)
        return outcome

    done = svc.deliveries.retry(update, svc.clock, what=channel)
    if done.status is not DeliveryStatus.SENT:
        log.warning("could not update message %s: %s (%s)", ts, done.error, done.reason)
        return False
    return True

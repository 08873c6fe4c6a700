"""The one sender at the Slack edge: what a use case returned (`domain.effects.Effects`), delivered after its commit.

In order: the DMs (each notice rendered by handlers/edge/notices.py), the
charts beside them, then the App Homes. Everything goes through the
delivery path of scheduled messages: a 429 waits Retry-After, 5xx and lost
connections are retried with backoff, permanent errors fail at once
(`DeliveryService.keep_trying`, `REPLY_RETRY`). Each DM has its ledger row
(kind "reply"), written with the change by the use case itself, or here
for a listener's own notice; how each went is recorded in one unit of work
at the end, so what failed is on record (`coachflow deliveries --failed`).
A DM that still fails (a deactivated rep, a revoked DM) is logged and does
not undo the change that caused it.
"""

from __future__ import annotations

import logging
from typing import Any

from slack_sdk import WebClient

from domain.delivery import (
    DeliveryStatus,
    PermanentFailure,
    RateLimited,
    SendOutcome,
    Sent,
    TransientFailure,
)
from domain.effects import Effects
from domain.model import WorkspaceRef
from handlers.blocks.home import home_view
from handlers.edge.notices import draw, render
from handlers.edge.services import Services
from handlers.jobs.slack_sender import SlackMessageSender, as_rendered, call_slack

log = logging.getLogger(__name__)


def deliver(client: WebClient, svc: Services, ws: WorkspaceRef, effects: Effects) -> None:
    """Send and publish what `effects` asks for; call it after the use case's commit."""
    if effects.messages:
        replies = [(m.to, render(m.notice, m.to, svc.catalog), m.delivery) for m in effects.messages]
        sender = SlackMessageSender(client, as_rendered)
        for sent in svc.deliveries.send_replies(ws, replies, sender, svc.clock):
            if sent.status is not DeliveryStatus.SENT:
                log.warning("could not DM %s: %s (%s)", sent.key.recipient_id, sent.error, sent.reason)
    for picture in effects.pictures:
        draw(picture.notice, client, svc, picture.to)
    now = svc.clock()
    homes = effects.homes
    if effects.homes_after_commit:  # built now, after the commit and the ack, in a read-only unit
        homes += svc.home.refresh(ws, list(effects.homes_after_commit)).homes
    for home in homes:
        publish_home(client, svc, home.viewer_id, home_view(home, now, svc.catalog))


def publish_home(client: WebClient, svc: Services, user_id: str, view: dict[str, Any]) -> None:
    """Publish one App Home (idempotent: retried, not recorded)."""

    def publish() -> SendOutcome:
        outcome = call_slack("views.publish", lambda: client.views_publish(user_id=user_id, view=view))
        if not isinstance(outcome, Sent):
            log.info("App Home publish for %s failed: %s", user_id, describe(outcome))
        return outcome

    published = svc.deliveries.retry(publish, svc.clock, what=user_id)
    if published.status is not DeliveryStatus.SENT:
        log.warning("could not publish App Home for %s: %s (%s)", user_id, published.error, published.reason)


def describe(outcome: SendOutcome) -> str:
    """An outcome for a log line: the status or error only, never what was sent."""
    if isinstance(outcome, RateLimited):
        return f"http_429, retry after {outcome.retry_after:g} s"
    return outcome.error if isinstance(outcome, TransientFailure | PermanentFailure) else "accepted"

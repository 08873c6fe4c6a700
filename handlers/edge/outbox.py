"""Replies outside a use case's effects: Bolt's `respond()` with retries.

A use case returns its DMs and App Homes as data and `handlers.edge.sender.deliver`
sends them after the commit. Here: Bolt's `respond()` made to retry like
every other send (`ReliableRespond`), for the ephemeral replies to the person who acted.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from slack_bolt import BoltContext
from slack_bolt.context.respond import Respond
from slack_sdk.webhook import WebhookResponse

from domain.delivery import DeliveryStatus, SendOutcome, Sent
from handlers.edge.sender import describe
from handlers.edge.services import Services, services
from handlers.jobs.slack_sender import webhook_outcome

__all__ = ["ReliableRespond", "reliable_respond"]

log = logging.getLogger(__name__)


class ReliableRespond(Respond):
    """Bolt's `respond()` with the delivery path's retries and a log line for each failure.

    Bolt's own posts once and hands back whatever the response_url answered,
    so a 429 or a 503 used to vanish without a word. The log line names the
    status only: a response_url's body may echo what was posted and its path
    is a credential, so neither is logged.
    """

    def __init__(self, *, response_url: str | None, svc: Services, **kwargs: Any) -> None:
        super().__init__(response_url=response_url, **kwargs)
        self._svc = svc

    def __call__(self, *args: Any, **kwargs: Any) -> WebhookResponse:
        answers: list[WebhookResponse] = []
        attempts = 0

        def post_once() -> WebhookResponse:
            answers.append(Respond.__call__(self, *args, **kwargs))
            return answers[-1]

        def post() -> SendOutcome:
            nonlocal attempts
            attempts += 1
            outcome = webhook_outcome(post_once)
            if not isinstance(outcome, Sent):
                log.warning("response_url post failed: %s (attempt %d)", describe(outcome), attempts)
            return outcome

        result = self._svc.deliveries.retry(post, self._svc.clock, what="response_url")
        if result.status is not DeliveryStatus.SENT:
            log.warning("gave up on a response_url post: %s (%s)", result.error, result.reason)
        if not answers:
            # Every attempt failed to connect: the caller gets what Bolt would have raised, as a status.
            return WebhookResponse(url="", status_code=0, body="", headers={})
        return answers[-1]


def reliable_respond(context: BoltContext, next: Callable[[], Any]) -> Any:  # noqa: A002 - Bolt's name
    """Middleware: every listener and the error handler get `ReliableRespond` as `respond`."""
    respond = context.respond
    context["respond"] = ReliableRespond(
        response_url=context.response_url,
        svc=services(context),
        proxy=respond.proxy if respond is not None else None,
        ssl=respond.ssl if respond is not None else None,
    )
    return next()

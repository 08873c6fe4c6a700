"""Replies outside a use case's effects: `respond()` with retries, and the paths commands still use.

A use case returns its DMs and App Homes as data and `handlers.edge.sender.deliver`
sends them after the commit. Here: Bolt's `respond()` made to retry like
every other send (`ReliableRespond`), and `send_dm`, `publish_homes` and
`notify_joined` for the `/coach` runners that do not return effects yet
(they build the same effects and hand them to the same sender).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from typing import Any

from slack_bolt import BoltContext
from slack_bolt.context.respond import Respond
from slack_sdk import WebClient
from slack_sdk.webhook import WebhookResponse

from domain.delivery import DeliveryStatus, SendOutcome, Sent
from domain.model import WorkspaceRef
from domain.services.roster_rules import RepResult, joined_effects
from handlers.edge.dm import send_dm
from handlers.edge.sender import deliver, describe
from handlers.edge.services import Services, services
from handlers.jobs.slack_sender import webhook_outcome

__all__ = ["ReliableRespond", "notify_joined", "publish_homes", "reliable_respond", "send_dm"]

log = logging.getLogger(__name__)


def publish_homes(client: WebClient, svc: Services, ws: WorkspaceRef, user_ids: Iterable[str]) -> None:
    """Refresh App Home for people whose view just changed: built in one read-only unit, then published."""
    deliver(client, svc, ws, svc.home.refresh(ws, list(user_ids)))


def notify_joined(
    client: WebClient, svc: Services, ws: WorkspaceRef, manager_id: str, results: list[RepResult]
) -> None:
    """Tell each new rep who coaches them, and a previous manager who lost a rep; their Homes follow."""
    effects = joined_effects(manager_id, results)
    if effects.refresh:
        effects += svc.home.refresh(ws, list(effects.refresh))
    deliver(client, svc, ws, effects)


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

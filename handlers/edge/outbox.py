"""Messages and views a listener sends after it has acknowledged Slack.

Every one goes through the delivery path of scheduled messages: a 429 waits
Retry-After, 5xx and lost connections are retried with backoff, permanent
errors fail at once (`DeliveryService.keep_trying`, `REPLY_RETRY`). DMs get a
ledger row (kind "reply"), so what failed is on record (`coachflow
deliveries --failed`) and a replayed request with the same `key` sends
nothing twice. A notice that still fails (a deactivated rep, a revoked DM)
is logged and does not undo the change that caused it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from typing import Any

from slack_bolt import BoltContext
from slack_bolt.context.respond import Respond
from slack_sdk import WebClient
from slack_sdk.webhook import WebhookResponse

from domain.delivery import (
    DeliveryStatus,
    PermanentFailure,
    RateLimited,
    SendOutcome,
    Sent,
    TransientFailure,
    reply_period,
)
from domain.model import WorkspaceRef
from domain.services.roster import RepResult
from handlers.blocks import roster as replies
from handlers.blocks.home import home_view
from handlers.edge.services import Services, services
from handlers.jobs.slack_sender import (
    SlackMessageSender,
    as_rendered,
    call_slack,
    webhook_outcome,
)

log = logging.getLogger(__name__)


def send_dm(
    client: WebClient, svc: Services, ws: WorkspaceRef, user_id: str, message: dict[str, Any], *, key: str | None = None
) -> str | None:
    """Post to the person's DM with the app now, retrying as the drain does; the message ts, or None.

    `key` is the caller's idempotency key for this one message (the request's
    receipt key plus what the message is, e.g. "V123:h9:saved"): the same key
    never DMs twice. Without one every call sends.
    """
    sender = SlackMessageSender(client, as_rendered)
    delivery = svc.deliveries.send_reply(ws, user_id, reply_period(key), message, sender, svc.clock)
    if delivery.status is DeliveryStatus.SENT:
        return delivery.ts
    log.warning("could not DM %s: %s (%s)", user_id, delivery.error, delivery.reason)
    return None


def publish_homes(client: WebClient, svc: Services, ws: WorkspaceRef, user_ids: Iterable[str]) -> None:
    """Refresh App Home for people whose view just changed (idempotent: retried, not recorded)."""
    now = svc.clock()
    for user_id in dict.fromkeys(user_ids):
        view = home_view(svc.home.home_for(ws, user_id), now, svc.catalog)

        def publish(user_id: str = user_id, view: dict[str, Any] = view) -> SendOutcome:
            outcome = call_slack("views.publish", lambda: client.views_publish(user_id=user_id, view=view))
            if not isinstance(outcome, Sent):
                log.info("App Home publish for %s failed: %s", user_id, _describe(outcome))
            return outcome

        published = svc.deliveries.retry(publish, svc.clock, what=user_id)
        if published.status is not DeliveryStatus.SENT:
            log.warning("could not publish App Home for %s: %s (%s)", user_id, published.error, published.reason)


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
                log.warning("response_url post failed: %s (attempt %d)", _describe(outcome), attempts)
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


def _describe(outcome: SendOutcome) -> str:
    if isinstance(outcome, RateLimited):
        return f"http_429, retry after {outcome.retry_after:g} s"
    return outcome.error if isinstance(outcome, TransientFailure | PermanentFailure) else "accepted"


def notify_joined(
    client: WebClient, svc: Services, ws: WorkspaceRef, manager_id: str, results: list[RepResult]
) -> None:
    """Tell each new rep who coaches them, and a previous manager who lost a rep."""
    joined = [r for r in results if r.joined]
    for result in joined:
        send_dm(client, svc, ws, result.user_id, replies.rep_joined_notice(result, manager_id))
        if result.previous_manager_id:
            send_dm(client, svc, ws, result.previous_manager_id, replies.rep_left_notice(result.user_id, manager_id))
    previous = [r.previous_manager_id for r in joined if r.previous_manager_id]
    if joined:
        publish_homes(client, svc, ws, [manager_id, *(r.user_id for r in joined), *previous])

"""The app's own DM with a person: is a conversation it (asked of Slack, not guessed), and one DM sent now.

Events such as file_shared carry a channel id and no channel type. DM ids
start with "D", which rules out channels cheaply; Slack then names the app's
DM with that person through conversations.open (scope im:write, which the
app holds to send DMs anyway; conversations.info would need im:read too).
A use case's DMs go through `handlers.edge.sender.deliver`; `send_dm` is the
one-off (a chart's text version, a command not yet returning effects).
"""

from __future__ import annotations

import logging
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from domain.delivery import DeliveryStatus, reply_period
from domain.model import WorkspaceRef
from handlers.edge.services import Services
from handlers.jobs.slack_sender import SlackMessageSender, as_rendered

log = logging.getLogger(__name__)

# conversations.open's answers that mean "no DM with this person", not an outage.
_NO_SUCH_DM = frozenset({"user_not_found", "user_not_visible", "user_disabled", "channel_not_found"})


def is_app_dm(client: WebClient, channel_id: str, user_id: str) -> bool:
    if not channel_id.startswith("D"):
        return False
    try:
        # prevent_creation: only look; the DM exists if something was just shared in it.
        response = client.conversations_open(users=user_id, prevent_creation=True)
    except SlackApiError as error:
        if error.response.get("error") in _NO_SUCH_DM:
            log.info("no DM between the app and %s: %s", user_id, error.response.get("error"))
            return False
        raise
    channel = response.get("channel") or {}
    return bool(channel.get("id") == channel_id)


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

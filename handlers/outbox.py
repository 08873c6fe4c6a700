"""Messages and views a listener sends after it has acknowledged Slack.

A failed notice (a deactivated rep, a revoked DM) is logged and does not undo
the roster change that caused it.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from domain.model import WorkspaceRef
from domain.services.roster import RepResult
from handlers.blocks import roster as replies
from handlers.blocks.home import home_view
from handlers.services import Services

log = logging.getLogger(__name__)


def send_dm(client: WebClient, user_id: str, message: dict[str, Any]) -> str | None:
    """Post to the person's DM with the app; returns the message ts, or None."""
    try:
        response = client.chat_postMessage(channel=user_id, **message)
    except SlackApiError as error:
        log.warning("could not DM %s: %s", user_id, error.response.get("error"))
        return None
    return response.get("ts")


def publish_homes(client: WebClient, svc: Services, ws: WorkspaceRef, user_ids: Iterable[str]) -> None:
    """Refresh App Home for people whose view just changed."""
    now = svc.clock()
    for user_id in dict.fromkeys(user_ids):
        view = home_view(svc.home.home_for(ws, user_id), now, svc.catalog)
        try:
            client.views_publish(user_id=user_id, view=view)
        except SlackApiError as error:
            log.warning("could not publish App Home for %s: %s", user_id, error.response.get("error"))


def notify_joined(
    client: WebClient, svc: Services, ws: WorkspaceRef, manager_id: str, results: list[RepResult]
) -> None:
    """Tell each new rep who coaches them, and a previous manager who lost a rep."""
    joined = [r for r in results if r.joined]
    for result in joined:
        send_dm(client, result.user_id, replies.rep_joined_notice(result, manager_id))
        if result.previous_manager_id:
            send_dm(client, result.previous_manager_id, replies.rep_left_notice(result.user_id, manager_id))
    previous = [r.previous_manager_id for r in joined if r.previous_manager_id]
    if joined:
        publish_homes(client, svc, ws, [manager_id, *(r.user_id for r in joined), *previous])

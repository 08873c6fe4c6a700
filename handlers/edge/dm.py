"""Is a conversation the app's own DM with a person? Asked of Slack, not guessed.

Events such as file_shared carry a channel id and no channel type. DM ids
start with "D", which rules out channels cheaply; Slack then names the app's
DM with that person through conversations.open (scope im:write, which the
app holds to send DMs anyway; conversations.info would need im:read too).
"""

from __future__ import annotations

import logging

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

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

"""A CSV file to a person's DM with the app (`/scorecard ... export`).

As for charts (`chart_upload.py`): `files_upload_v2` needs a conversation id,
so the DM is opened first with conversations.open (im:write); the upload
needs files:write. A refused or failed upload is logged and reported as
False, so the command can tell the person instead of claiming it arrived.
"""

from __future__ import annotations

import logging

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackRequestError

from handlers.blocks.kit import mrkdwn_text
from handlers.blocks.limits import MESSAGE_TEXT

log = logging.getLogger(__name__)


def upload_csv(client: WebClient, user_id: str, text: str, filename: str, title: str, comment: str) -> bool:
    """Upload `text` (UTF-8) as `filename` to the person's DM with the app; False (and a log line) when it failed."""
    try:
        channel_id = str(client.conversations_open(users=user_id)["channel"]["id"])
        client.files_upload_v2(channel=channel_id, content=text.encode("utf-8"), filename=filename, title=title,
                               initial_comment=mrkdwn_text(comment, MESSAGE_TEXT))
    except SlackApiError as error:
        log.warning("could not upload %s to %s: %s", filename, user_id, error.response.get("error"))
        return False
    except (SlackRequestError, OSError) as error:  # the bytes go to the upload URL as plain HTTP
        log.warning("could not upload %s to %s: %s", filename, user_id, error)
        return False
    return True

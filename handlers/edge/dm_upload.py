"""A file to a person's DM with the app: the one place that opens the DM, uploads and says why it failed.

`files_upload_v2` needs a conversation id (Slack refuses a user id as
`channel_id`), so the DM is opened first with conversations.open (im:write);
the upload needs files:write. A refused or failed upload is logged (the file's
name and Slack's error, never its content) and reported as False, so the
caller can tell the person instead of claiming it arrived. Charts, CSV
exports and data-rights exports all go through here.
"""

from __future__ import annotations

import logging
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackRequestError

log = logging.getLogger(__name__)


def upload_to_dm(client: WebClient, user_id: str, filename: str, **upload: Any) -> bool:
    """Upload `filename` (with `files_upload_v2`'s `upload` arguments) to the person's DM; False when it failed."""
    try:
        channel_id = str(client.conversations_open(users=user_id)["channel"]["id"])
        client.files_upload_v2(channel=channel_id, filename=filename, **upload)
    except SlackApiError as error:
        log.warning("could not upload %s to %s: %s", filename, user_id, error.response.get("error"))
        return False
    except (SlackRequestError, OSError) as error:
        # The bytes go to the upload URL as plain HTTP, outside the Web API's
        # ok/error answer: slack_sdk raises SlackRequestError for an odd status,
        # urllib an HTTPError/URLError (both OSError) for a failure or no network.
        log.warning("could not upload %s to %s: %s", filename, user_id, error)
        return False
    return True

"""A CSV file to a person's DM with the app (`/scorecard ... export`).

As for charts (`chart_upload.py`): `files_upload_v2` needs a conversation id,
so the DM is opened first with conversations.open (im:write); the upload
needs files:write. A refused or failed upload is logged and reported as
False, so the command can tell the person instead of claiming it arrived.
"""

from __future__ import annotations

from slack_sdk import WebClient

from handlers.blocks.kit import mrkdwn_text
from handlers.blocks.limits import MESSAGE_TEXT
from handlers.edge.dm_upload import upload_to_dm


def upload_csv(client: WebClient, user_id: str, text: str, filename: str, title: str, comment: str) -> bool:
    """Upload `text` (UTF-8) as `filename` to the person's DM with the app; False (and a log line) when it failed."""
    return upload_to_dm(client, user_id, filename, content=text.encode("utf-8"), title=title,
                        initial_comment=mrkdwn_text(comment, MESSAGE_TEXT))

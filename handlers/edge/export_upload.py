"""An export to the person's DM with the app, as a file (`/coach export`, issue 14).

Like the charts (handlers/edge/chart_upload.py): conversations.open (im:write)
for the DM's id, then files_upload_v2 (files:write). The file goes only to
the person who asked, never to a channel.
"""

from __future__ import annotations

import logging

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackRequestError

from domain.data_rights import as_csv, as_json
from domain.services.data_rights import Export
from handlers.blocks.limits import MESSAGE_TEXT
from handlers.blocks.mrkdwn import clip_mrkdwn, domain_text

log = logging.getLogger(__name__)
FORMATS = ("csv", "json")


def export_bytes(export: Export, fmt: str) -> bytes:
    if fmt == "json":
        return as_json(export.data, {"about": export.about, "exported_at": export.exported_at.isoformat()})
    return as_csv(export.data)


def upload_export(client: WebClient, user_id: str, export: Export, fmt: str) -> bool:
    """The export as `<stem>.<fmt>` in the person's DM; False (and a log line, no content) when Slack says no."""
    filename = f"{export.stem}.{fmt}"
    try:
        channel_id = str(client.conversations_open(users=user_id)["channel"]["id"])
        client.files_upload_v2(
            channel=channel_id, content=export_bytes(export, fmt), filename=filename,
            title=f"Coachflow export of {export.about}"[:250],
            initial_comment=clip_mrkdwn(domain_text(f"Your Coachflow export: {export.about}, "
                                                    f"{export.data.total} rows as {fmt.upper()}. "
                                                    "It holds people's coaching data: keep it private."),
                                        MESSAGE_TEXT),
        )
    except SlackApiError as error:
        log.warning("could not upload %s to %s: %s", filename, user_id, error.response.get("error"))
        return False
    except (SlackRequestError, OSError) as error:
        log.warning("could not upload %s to %s: %s", filename, user_id, error)
        return False
    return True

"""An export to the person's DM with the app, as a file (`/coach export`, issue 14).

Like the charts (handlers/edge/chart_upload.py): conversations.open (im:write)
for the DM's id, then files_upload_v2 (files:write). The file goes only to
the person who asked, never to a channel.
"""

from __future__ import annotations

from slack_sdk import WebClient

from domain.data_rights import as_csv, as_json
from domain.services.data_rights import Export
from handlers.blocks.limits import MESSAGE_TEXT
from handlers.blocks.mrkdwn import clip_mrkdwn, domain_text
from handlers.edge.dm_upload import upload_to_dm

FORMATS = ("csv", "json")


def export_bytes(export: Export, fmt: str) -> bytes:
    if fmt == "json":
        return as_json(export.data, {"about": export.about, "exported_at": export.exported_at.isoformat()})
    return as_csv(export.data)


def upload_export(client: WebClient, user_id: str, export: Export, fmt: str) -> bool:
    """The export as `<stem>.<fmt>` in the person's DM; False (and a log line, no content) when Slack says no."""
    filename = f"{export.stem}.{fmt}"
    comment = domain_text(f"Your Coachflow export: {export.about}, {export.data.total} rows as {fmt.upper()}. "
                          "It holds people's coaching data: keep it private.")
    return upload_to_dm(client, user_id, filename, content=export_bytes(export, fmt),
                        title=f"Coachflow export of {export.about}"[:250],
                        initial_comment=clip_mrkdwn(comment, MESSAGE_TEXT))

"""Import a CRM export someone shares in Coachflow's DM, and DM them the report.

Only the app's own DM counts: files shared in channels (or anywhere else
the app can see) are ignored without a word, and so are the app's own
uploads (charts it posts in DMs). Bolt has acknowledged the event before
this runs; everything slow (files.info, the download, the import) happens
here, on Bolt's worker thread. Every outcome but "already imported or being
imported" is answered in the DM, failures included (Slack would not hand the
file over, a malformed export, the database failing mid-import), each with
what to do next. Slack retries an event it thinks was lost: a retry of an
event whose file was imported, or is being imported, gets no second answer;
one whose import failed runs again, as sharing the file again does.
"""

from __future__ import annotations

from typing import Any

from slack_bolt import BoltContext
from slack_sdk import WebClient

from domain.effects import tell
from domain.services.pipeline_upload import UploadAnswered
from handlers.edge.dm import is_app_dm
from handlers.edge.files import SlackSharedFiles
from handlers.edge.payloads import FileShared, read_event
from handlers.edge.sender import deliver
from handlers.edge.services import services, workspace_of


def handle_file_shared(event: dict[str, Any], client: WebClient, context: BoltContext) -> None:
    shared = read_event(FileShared, event)
    if shared is None:
        return
    # Bolt's self-event filter drops the app's own uploads first; this keeps it so without it.
    if shared.user_id == context.bot_user_id:
        return
    if not is_app_dm(client, shared.channel_id, shared.user_id):
        return
    svc, ws = services(context), workspace_of(context)
    outcome = svc.uploads.handle(ws, shared.user_id, shared.file_id, SlackSharedFiles(client))
    if outcome is not None:
        deliver(client, svc, ws, tell(shared.user_id, UploadAnswered(outcome)))

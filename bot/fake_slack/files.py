"""files.getUploadURLExternal, the upload URL and files.completeUploadExternal, as the fake Slack implements them.

Slack's upload is three steps (what `WebClient.files_upload_v2` does):
1. files.getUploadURLExternal(filename, length[, alt_txt]) -> upload_url, file_id;
2. a plain POST of the bytes to upload_url: HTTP 200 or a failure status, no
   `ok` envelope;
3. files.completeUploadExternal(files=[{id, title}], channel_id, initial_comment)
   shares the file; without it the upload is discarded, and it works once.

What is refused here is what Slack's method pages document: `length` 0 is
`missing_argument`, alt text over 1000 characters is `alt_txt_too_large`, a
`channel_id` that is not a conversation id (a user id) is `invalid_arguments`,
an unknown conversation `channel_not_found`, an unknown or unfinished upload
`file_not_found`. Slack's pattern for channel_id also wants 8+ characters
after the letter; the fake keeps the letter check only, because its own
conversation ids (`DU1` for U1's DM) are short.
"""

from __future__ import annotations

import copy
import json
import re
import secrets
from dataclasses import dataclass
from typing import Any

from bot.fake_slack.images import png_size
from bot.fake_slack.state import Upload, WorkspaceState
from bot.fake_slack.wire import ApiError, integer, required, text
from handlers.blocks import limits

UPLOAD_PATH = "/upload/v1/"
CHANNEL_ID_PATTERN = "^[CGDZ][A-Z0-9]{8,}$"  # as Slack words it in its error
_CONVERSATION_ID = re.compile(r"^[CGDZ][A-Z0-9]+$")


@dataclass(frozen=True)
class SharedFile:
    """An upload as a test sees it: the bytes that arrived and where they went."""

    id: str
    filename: str
    title: str
    alt_txt: str | None
    content: bytes
    channel: str | None  # None: completed without a channel, so private
    initial_comment: str | None
    thread_ts: str | None

    @property
    def image_size(self) -> tuple[int, int] | None:
        """(width, height) when the bytes are a complete PNG, else None."""
        return png_size(self.content)


def files_get_upload_url_external(state: WorkspaceState, params: dict[str, Any]) -> dict[str, Any]:
    filename = required(params, "filename")
    length = integer(params, "length", 0)
    if length < 1:
        raise ApiError("missing_argument")  # "Typically only occurs when the length provided is 0"
    alt_txt = text(params, "alt_txt")
    if alt_txt is not None and len(alt_txt) > limits.FILE_ALT_TEXT:
        raise ApiError("alt_txt_too_large")
    if text(params, "snippet_type"):
        raise ApiError("fake_slack_unsupported", {"detail": "snippets are not implemented"})
    upload = Upload(state.next_file_id(), secrets.token_urlsafe(12), filename, length, alt_txt)
    state.uploads[upload.id] = upload
    return {"upload_url": f"{state.upload_url_base}{upload.ticket}", "file_id": upload.id}


def receive_upload(state: WorkspaceState, ticket: str, content: bytes, content_type: str) -> tuple[int, bytes]:
    """The POST to an upload URL: (HTTP status, plain-text body)."""
    upload = next((u for u in state.uploads.values() if u.ticket == ticket and not u.completed), None)
    if upload is None:
        return 404, b"upload ticket not found"
    if content_type.split(";", 1)[0].strip().lower() == "multipart/form-data":
        # Slack also takes multipart; slack_sdk sends raw bytes, so that is all the fake reads.
        return 501, b"fake Slack reads raw-byte uploads only"
    upload.content = bytes(content)
    return 200, f"OK - {len(content)}".encode()


def _file_entries(params: dict[str, Any]) -> list[dict[str, Any]]:
    raw = params.get("files")
    try:
        entries = json.loads(raw) if isinstance(raw, str) else raw
    except json.JSONDecodeError:
        raise ApiError.invalid_arguments("[ERROR] files must be a JSON array") from None
    if not isinstance(entries, list) or not entries:
        raise ApiError.invalid_arguments("[ERROR] missing required field: files")
    if not all(isinstance(e, dict) and isinstance(e.get("id"), str) for e in entries):
        raise ApiError.invalid_arguments("[ERROR] each file needs an id [json-pointer:/files]")
    return entries


def _file_object(state: WorkspaceState, upload: Upload) -> dict[str, Any]:
    """The file as Slack describes it in a message's `files` (the fields tests read)."""
    content = upload.content or b""
    described: dict[str, Any] = {
        "id": upload.id,
        "name": upload.filename,
        "title": upload.title,
        "user": state.bot_user_id,
        "size": len(content),
        "alt_txt": upload.alt_txt,
        "channels": [upload.channel] if upload.channel else [],
    }
    size = png_size(content)
    if size is not None:
        described.update(mimetype="image/png", filetype="png", original_w=size[0], original_h=size[1])
    return described


def files_complete_upload_external(state: WorkspaceState, params: dict[str, Any]) -> dict[str, Any]:
    entries = _file_entries(params)
    if text(params, "channels") or text(params, "blocks"):
        raise ApiError("fake_slack_unsupported", {"detail": "only channel_id and initial_comment are implemented"})
    channel_id = text(params, "channel_id")
    channel = None
    if channel_id:
        if not _CONVERSATION_ID.match(channel_id):
            # A user id is not a conversation: open the DM first (conversations.open).
            raise ApiError.invalid_arguments(f"input must match regex pattern: {CHANNEL_ID_PATTERN} "
                                             "[json-pointer:/channel_id]")
        channel = state.channel_for_post(channel_id)
    thread_ts = text(params, "thread_ts")
    if thread_ts and channel is not None:
        state.find_message(channel, thread_ts)
    uploads = []
    for entry in entries:
        upload = state.uploads.get(entry["id"])
        # Never uploaded, never sent its bytes, or already completed (it works once).
        if upload is None or upload.content is None or upload.completed:
            raise ApiError("file_not_found")
        uploads.append((upload, entry))
    for upload, entry in uploads:
        upload.title = str(entry.get("title") or upload.filename)
        upload.channel = channel.id if channel else None
        upload.initial_comment = text(params, "initial_comment")
        upload.thread_ts = thread_ts
        upload.completed = True
    if channel is not None:
        message: dict[str, Any] = {
            "type": "message", "user": state.bot_user_id, "bot_id": state.bot_id, "app_id": state.app_id,
            "team": state.team_id, "text": text(params, "initial_comment") or "", "ts": state.next_ts(),
            "upload": True, "files": [_file_object(state, u) for u, _ in uploads],
        }
        if thread_ts:
            message["thread_ts"] = thread_ts
        channel.messages.append(message)
    return {"files": [{"id": u.id, "title": u.title} for u, _ in uploads]}


def shared_file(upload: Upload) -> SharedFile:
    return SharedFile(
        id=upload.id,
        filename=upload.filename,
        title=upload.title or upload.filename,
        alt_txt=upload.alt_txt,
        content=copy.copy(upload.content or b""),
        channel=upload.channel,
        initial_comment=upload.initial_comment,
        thread_ts=upload.thread_ts,
    )

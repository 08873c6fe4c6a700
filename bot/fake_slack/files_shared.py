"""Files people share in Slack, as the fake holds them: files.info and the private download URLs.

Shaped on Slack's file object (https://api.slack.com/types/file) and the
file_shared event: a test shares a file with `FakeSlack.share_file`, the app
reads it with `files.info` (scope files:read) and fetches `url_private` or
`url_private_download` with `Authorization: Bearer <bot token>`. Without a
valid token Slack does not answer 401: it redirects (302) to the workspace's
sign-in page, which answers 200 with HTML, so a client that follows
redirects gets a web page instead of the file. The fake does the same.

(Files the app itself uploads are another module's business.)
"""

from __future__ import annotations

import copy
import html
import mimetypes
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, unquote

from bot.fake_slack.wire import ApiError, required

if TYPE_CHECKING:  # state.py holds a SharedFileStore: import its types for annotations only
    from bot.fake_slack.state import Channel, WorkspaceState

FILES_PREFIX = "/files-pri/"
LOGIN_PATH = "/signin"
# Until a FakeSlackServer serves the files, their URLs point nowhere (RFC 2606 .invalid).
OFFLINE_FILES_ROOT = "https://files.slack.invalid"

# Slack's `filetype` and `pretty_type` for the extensions tests share.
_FILETYPES = {"csv": ("csv", "CSV"), "png": ("png", "PNG"), "pdf": ("pdf", "PDF"),
              "xlsx": ("xlsx", "Excel Spreadsheet"), "txt": ("text", "Plain Text")}


@dataclass(frozen=True)
class FileAnswer:
    """An HTTP answer to a GET of a file URL (or of the sign-in page)."""

    status: int
    headers: dict[str, str]
    body: bytes


@dataclass
class SharedFileStore:
    """The workspace's shared files: file objects (as files.info returns them) and their bytes."""

    root_url: str = OFFLINE_FILES_ROOT
    files: dict[str, dict[str, Any]] = field(default_factory=dict)
    contents: dict[str, bytes] = field(default_factory=dict)
    numbers: int = 0

    def next_id(self) -> str:
        self.numbers += 1
        return f"F{self.numbers:010d}"


def share(
    state: WorkspaceState,
    store: SharedFileStore,
    *,
    user_id: str,
    channel: Channel,
    name: str,
    content: bytes,
    filetype: str | None,
    mimetype: str | None,
) -> dict[str, Any]:
    """Put a file in `channel` as `user_id` did: the file object, its bytes, the message that shows it."""
    state.user(user_id)
    file_id = store.next_id()
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    default_type, pretty = _FILETYPES.get(extension, ("binary", "Binary"))
    ts = state.next_ts()
    seconds = int(float(ts))
    is_im = channel.dm_user is not None
    share_info = {"ts": ts, "channel_name": channel.name, "team_id": state.team_id, "share_user_id": user_id}
    file: dict[str, Any] = {
        "id": file_id,
        "created": seconds,
        "timestamp": seconds,
        "name": name,
        "title": name,
        "mimetype": mimetype or mimetypes.guess_type(name)[0] or "application/octet-stream",
        "filetype": filetype or default_type,
        "pretty_type": pretty,
        "user": user_id,
        "user_team": state.team_id,
        "editable": False,
        "size": len(content),
        "mode": "hosted",
        "is_external": False,
        "external_type": "",
        "is_public": not is_im and not channel.id.startswith("G"),
        "public_url_shared": False,
        "display_as_bot": False,
        "username": "",
        "permalink": f"https://{state.domain}.slack.com/files/{user_id}/{file_id}/{quote(name)}",
        "permalink_public": f"https://slack-files.com/{state.team_id}-{file_id}-0000000000",
        "channels": [] if is_im else [channel.id],
        "groups": [],
        "ims": [channel.id] if is_im else [],
        "shares": {("private" if is_im else "public"): {channel.id: [share_info]}},
        "has_rich_preview": False,
        "file_access": "visible",
    }
    store.files[file_id] = file
    store.contents[file_id] = bytes(content)
    # The message the upload posts, as the sharer's own (no bot_id).
    channel.messages.append(
        {"type": "message", "subtype": "file_share", "user": user_id, "text": "", "upload": True,
         "files": [with_urls(store, state.team_id, file)], "display_as_bot": False, "ts": ts,
         "team": state.team_id}
    )
    return with_urls(store, state.team_id, file)


def with_urls(store: SharedFileStore, team_id: str, file: dict[str, Any]) -> dict[str, Any]:
    """A copy of `file` with its private URLs, on whatever serves the files now."""
    base = f"{store.root_url}{FILES_PREFIX}{team_id}-{file['id']}"
    name = quote(file["name"])
    return {**copy.deepcopy(file), "url_private": f"{base}/{name}", "url_private_download": f"{base}/download/{name}"}


def files_info(state: WorkspaceState, params: dict[str, Any]) -> dict[str, Any]:
    store = state.shared_files
    file_id = required(params, "file", "file_not_found")
    file = store.files.get(file_id)
    if file is None:
        raise ApiError("file_not_found")
    if file.get("mode") == "tombstone":
        raise ApiError("file_deleted")
    return {"file": with_urls(store, state.team_id, file), "comments": [], "response_metadata": {"next_cursor": ""}}


def delete(store: SharedFileStore, file_id: str) -> None:
    """The file is gone (its sharer deleted it): files.info says so, its URLs answer 404."""
    store.files[file_id]["mode"] = "tombstone"
    store.contents.pop(file_id, None)


def answer_get(store: SharedFileStore, *, team_id: str, path: str, query: str, token: str | None,
               bot_token: str) -> FileAnswer:
    """A GET of a private file URL or of the sign-in page it redirects to."""
    if path == LOGIN_PATH:
        return _sign_in_page(query)
    file_id = _file_id(path, team_id)
    if file_id is None or file_id not in store.contents:
        return FileAnswer(404, {"Content-Type": "text/plain"}, b"file not found")
    if token != bot_token:
        # Slack's answer to a missing or wrong token: off to the sign-in page.
        redirect = f"{store.root_url}{LOGIN_PATH}?redir={quote(path, safe='')}"
        return FileAnswer(302, {"Location": redirect, "Content-Type": "text/html"},
                          f'<a href="{html.escape(redirect)}">Found</a>.'.encode())
    file = store.files[file_id]
    return FileAnswer(200, {"Content-Type": file["mimetype"]}, store.contents[file_id])


def _file_id(path: str, team_id: str) -> str | None:
    """`/files-pri/T1-F0001/name.csv` or `.../download/name.csv` -> `F0001`."""
    if not path.startswith(FILES_PREFIX):
        return None
    owner, _, _rest = unquote(path[len(FILES_PREFIX):]).partition("/")
    team, _, file_id = owner.partition("-")
    return file_id if team == team_id and file_id else None


def _sign_in_page(query: str) -> FileAnswer:
    body = ("<!DOCTYPE html><html lang=\"en-US\"><head><title>Sign in | Slack</title></head>"
            f"<body><form action=\"/signin\"><!-- {html.escape(query)} --></form></body></html>")
    return FileAnswer(200, {"Content-Type": "text/html; charset=utf-8"}, body.encode("utf-8"))

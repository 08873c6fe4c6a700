"""A fake Slack for tests and the offline demo: never talks to the real Slack.

- `FakeSlack`: an in-memory workspace answering Web API calls, recording them,
  and failing on request (errors, 429 + Retry-After, 5xx). File uploads
  (`files_upload_v2`) arrive as `SharedFile`s with their bytes.
- `FakeSlackServer`: that workspace over HTTP on 127.0.0.1, for the real
  `WebClient(base_url=server.base_url)`, response_url posts, upload URLs and
  the private URLs of files people share (`FakeSlack.share_file`, files.info).
- `ListenerPool` / `counted_listeners`: Bolt's listener threads, so a test or
  the demo can wait until the app's work after each ack is done.
- `RecordingSlackClient`: a `WebClient` answered in-process by a `FakeSlack`.
- `SlackRequests`: signed slash commands, interactions and events for a Bolt app.
- `check_message` / `check_view`: Block Kit limits as Slack enforces them.
- `render_blocks` / `render_view` / `render_message`: Block Kit as plain text.
"""

from __future__ import annotations

from bot.fake_slack.block_kit import check_message, check_view
from bot.fake_slack.files import SharedFile
from bot.fake_slack.images import png_size, read_png
from bot.fake_slack.listeners import WAIT_SECONDS, ListenerPool, counted_listeners
from bot.fake_slack.recording_client import RecordingSlackClient
from bot.fake_slack.render import (
    button_value,
    mrkdwn_to_text,
    render_blocks,
    render_message,
    render_shared_file,
    render_view,
)
from bot.fake_slack.requests import SlackRequests
from bot.fake_slack.server import FakeSlackServer
from bot.fake_slack.signed import HttpReply, SignedRequest
from bot.fake_slack.state_values import (
    datepicker,
    file_input,
    multi_users,
    plain_text,
    static_select,
    uploaded_file,
    users_select,
)
from bot.fake_slack.wire import FakeResponse, RecordedCall
from bot.fake_slack.workspace import RESPONSE_URL, UPLOAD_URL, FakeSlack

__all__ = [
    "RESPONSE_URL",
    "UPLOAD_URL",
    "WAIT_SECONDS",
    "FakeResponse",
    "FakeSlack",
    "FakeSlackServer",
    "HttpReply",
    "ListenerPool",
    "RecordedCall",
    "RecordingSlackClient",
    "SharedFile",
    "SignedRequest",
    "SlackRequests",
    "button_value",
    "check_message",
    "check_view",
    "counted_listeners",
    "datepicker",
    "file_input",
    "mrkdwn_to_text",
    "multi_users",
    "plain_text",
    "png_size",
    "read_png",
    "render_blocks",
    "render_message",
    "render_shared_file",
    "render_view",
    "static_select",
    "uploaded_file",
    "users_select",
]

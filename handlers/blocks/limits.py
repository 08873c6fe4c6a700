"""Slack's Block Kit limits, in one place.

Builders trim to these so Slack never rejects a view; the fake Slack used by
tests and the demo rejects anything that breaks them.
"""

from __future__ import annotations

from typing import TypeVar

from handlers.blocks.mrkdwn import Mrkdwn, clip_mrkdwn

Text = TypeVar("Text", bound=str)

MESSAGE_BLOCKS = 50
VIEW_BLOCKS = 100  # modal and App Home
VIEW_TITLE = 24  # modal title, submit and close texts
SECTION_TEXT = 3000
SECTION_FIELDS = 10
SECTION_FIELD_TEXT = 2000
HEADER_TEXT = 150
CONTEXT_ELEMENTS = 10
BUTTON_TEXT = 75
BUTTON_VALUE = 2000
ACTIONS_ELEMENTS = 25
OPTION_TEXT = 75
OPTION_VALUE = 150
OPTIONS = 100
PRIVATE_METADATA = 3000
INPUT_MAX_LENGTH = 3000
BLOCK_ID = 255
FILE_INPUT_MIN_FILES = 1  # file_input.max_files
FILE_INPUT_MAX_FILES = 10
ACTION_ID = 255
MESSAGE_TEXT = 40000
FILE_ALT_TEXT = 1000  # files.getUploadURLExternal answers alt_txt_too_large past it


def clip(text: Text, limit: int) -> Text:
    """Shorten `text` to `limit` characters, marking the cut with an ellipsis.

    Escaped mrkdwn is cut on a safe boundary, never through `&lt;` or a mention.
    """
    if len(text) <= limit:
        return text
    if isinstance(text, Mrkdwn):
        return clip_mrkdwn(text, limit)  # type: ignore[return-value]
    return text[: limit - 1] + "…"  # type: ignore[return-value]

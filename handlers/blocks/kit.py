"""Small Block Kit constructors that stay inside Slack's limits by construction.

Every mrkdwn field escapes a plain `str` as someone's text; our own markup is
`Mrkdwn` from `md()`, `mention()`, `local_time()` (see `handlers.blocks.mrkdwn`).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from handlers.blocks import limits
from handlers.blocks.mrkdwn import (
    Mrkdwn,
    clip_mrkdwn,
    domain_text,
    escape,
    joined,
    md,
    unescape,
)

__all__ = ["Block", "Mrkdwn", "domain_text", "escape", "joined", "md"]

Block = dict[str, Any]


def plain(text: str, limit: int = limits.SECTION_TEXT) -> dict[str, Any]:
    # Slack shows plain text as it is: escaped mrkdwn passed here shows as typed, not as `&lt;`.
    shown = unescape(text) if isinstance(text, Mrkdwn) else text
    return {"type": "plain_text", "text": limits.clip(shown, limit), "emoji": True}


def mrkdwn_text(text: str, limit: int) -> Mrkdwn:
    """`text` ready for any mrkdwn field: a person's `str` escaped, then clipped on a safe boundary."""
    return clip_mrkdwn(escape(text), limit)


def mrkdwn(text: str, limit: int = limits.SECTION_TEXT) -> dict[str, Any]:
    return {"type": "mrkdwn", "text": mrkdwn_text(text, limit)}


def header(text: str) -> Block:
    return {"type": "header", "text": plain(text, limits.HEADER_TEXT)}


def section(text: str, accessory: dict[str, Any] | None = None, block_id: str | None = None) -> Block:
    block: Block = {"type": "section", "text": mrkdwn(text)}
    if accessory is not None:
        block["accessory"] = accessory
    if block_id is not None:
        block["block_id"] = limits.clip(block_id, limits.BLOCK_ID)
    return block


def fields(*texts: str) -> Block:
    return {
        "type": "section",
        "fields": [mrkdwn(t, limits.SECTION_FIELD_TEXT) for t in texts[: limits.SECTION_FIELDS]],
    }


def context(*texts: str) -> Block:
    return {
        "type": "context",
        "elements": [mrkdwn(t) for t in texts[: limits.CONTEXT_ELEMENTS]],
    }


def divider() -> Block:
    return {"type": "divider"}


def button(
    text: str,
    action_id: str,
    value: str | None = None,
    style: str | None = None,
    confirm: dict[str, Any] | None = None,
) -> dict[str, Any]:
    element: dict[str, Any] = {
        "type": "button",
        "text": plain(text, limits.BUTTON_TEXT),
        "action_id": action_id,
    }
    if value is not None:
        element["value"] = limits.clip(value, limits.BUTTON_VALUE)
    if style is not None:
        element["style"] = style
    if confirm is not None:
        element["confirm"] = confirm
    return element


def confirm_dialog(title: str, text: str, confirm: str, deny: str = "Cancel") -> dict[str, Any]:
    return {
        "title": plain(title, 100),
        "text": mrkdwn(text, 300),
        "confirm": plain(confirm, 30),
        "deny": plain(deny, 30),
        "style": "danger",
    }


def actions(*elements: dict[str, Any]) -> Block:
    return {"type": "actions", "elements": list(elements[: limits.ACTIONS_ELEMENTS])}


def message(text: str, blocks: list[Block]) -> dict[str, Any]:
    """A message payload: `text` is the notification and screen-reader fallback, mrkdwn like a section."""
    return {"text": mrkdwn_text(text, limits.MESSAGE_TEXT), "blocks": fit(blocks, limits.MESSAGE_BLOCKS)}


def _text_of(built: dict[str, Any]) -> Mrkdwn:
    # A payload's `text` was escaped by `message()` when it was built.
    return Mrkdwn(built["text"])


def with_intro(intro: str, body: dict[str, Any]) -> dict[str, Any]:
    """`body` (a built message) with `intro` as its first section and the start of its notification."""
    return message(md("{intro} {text}", intro=intro, text=_text_of(body)), [section(intro), *body["blocks"]])


def combined(messages: list[dict[str, Any]]) -> dict[str, Any]:
    """Built messages as one reply: their texts in a row, their blocks in order."""
    return message(joined(" ", [_text_of(m) for m in messages]), [b for m in messages for b in m["blocks"]])


def fit(blocks: list[Block], limit: int, more: str = "…and more. Narrow the list to see the rest.") -> list[Block]:
    """Keep at most `limit` blocks, replacing the overflow with a note."""
    if len(blocks) <= limit:
        return blocks
    return [*blocks[: limit - 1], context(more)]


def local_time(at: datetime) -> Mrkdwn:
    """A moment Slack shows in each reader's own time zone; the fallback is UTC."""
    return md("<!date^{stamp}^{{date_short_pretty}} at {{time}}|{at:%a %-d %b %H:%M} UTC>",
              stamp=int(at.timestamp()), at=at.astimezone(UTC))


def counted(count: float, noun: str, plural: str | None = None) -> str:
    """`1 call`, `2 calls`: a number with its noun agreeing (`plural` when it is not noun + s)."""
    return f"{count:g} {noun if count == 1 else plural or noun + 's'}"


def mention(user_id: str) -> Mrkdwn:
    """A live `@person`; the id is escaped, so a forged id cannot close the mention early."""
    return md("<@{user_id}>", user_id=user_id)


def time_zone_label(tz_name: str, now: datetime) -> str:
    """`Europe/Berlin (UTC+01:00, 14:05)`: where someone is and what time it is there."""
    try:
        local = now.astimezone(ZoneInfo(tz_name))
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return tz_name
    offset = local.strftime("%z")
    return f"{tz_name} (UTC{offset[:3]}:{offset[3:]}, {local:%H:%M})"

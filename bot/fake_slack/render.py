"""Block Kit as readable plain text, for the demo transcript and for test failure messages.

Not a faithful renderer: it shows what a person would read and click
(`[ Button ]`, `Label: ________`), resolves `<@U123>` to `@Name` when given a
`names` mapping, turns `<url|text>` into `text (url)` and wraps to ~78 columns
(a URL is never broken, so such a line may run longer).
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Mapping
from typing import Any

from bot.fake_slack.files import SharedFile
from handlers.blocks.mrkdwn import unescape

WIDTH = 78
_ANGLE = re.compile(r"<([^<>]+)>")


def mrkdwn_to_text(text: str, names: Mapping[str, str] | None = None) -> str:
    """Slack's `<...>` markup to plain text, then `&amp;`, `&lt;`, `&gt;` shown as the characters they stand for.

    In that order, as Slack does: an escaped `&lt;!channel&gt;` reads `<!channel>`, not `@channel`.
    mrkdwn emphasis (`*bold*`) is left as typed.
    """
    names = names or {}

    def replace(match: re.Match[str]) -> str:
        inner = match.group(1)
        target, _, label = inner.partition("|")
        if target.startswith("@"):
            user_id = target[1:]
            return "@" + names.get(user_id, label or user_id)
        if target.startswith("#"):  # a channel's name, as the reader's Slack shows it
            return "#" + names.get(target[1:], label or target[1:])
        if target.startswith("!"):
            command = target[1:].split("^")[0]
            if command in ("here", "channel", "everyone"):
                return "@" + command
            return label or command
        return f"{label} ({target})" if label and label != target else target

    return unescape(_ANGLE.sub(replace, text))


def _wrap(text: str, width: int, indent: str = "", hanging: str | None = None) -> list[str]:
    """Wrap each line of `text` on its own, keeping the author's line breaks."""
    lines: list[str] = []
    for raw in text.split("\n"):
        if not raw.strip():
            lines.append(indent.rstrip())
            continue
        bullet = re.match(r"^(\s*(?:[-•*]|\d+\.)\s+)", raw)
        follow = hanging if hanging is not None else indent + (" " * len(bullet.group(1)) if bullet else "")
        lines.extend(
            textwrap.wrap(
                raw,
                width=width,
                initial_indent=indent,
                subsequent_indent=follow,
                break_long_words=False,
                break_on_hyphens=False,
            )
        )
    return lines


def _text(obj: Any, names: Mapping[str, str] | None) -> str:
    if isinstance(obj, dict):
        value = str(obj.get("text", ""))
        return mrkdwn_to_text(value, names) if obj.get("type") == "mrkdwn" else value
    return "" if obj is None else str(obj)


def _element(element: dict[str, Any], names: Mapping[str, str] | None) -> str:
    kind = str(element.get("type", ""))
    if kind in ("plain_text", "mrkdwn"):
        return _text(element, names)
    if kind == "button":
        return f"[ {_text(element.get('text'), names)} ]"
    if kind == "image":
        return f"[image: {element.get('alt_text', '')}]"
    if kind == "overflow":
        return "[ ... ]"
    if kind == "plain_text_input":
        return str(element.get("initial_value") or "________")
    if kind in ("checkboxes", "radio_buttons"):
        chosen = {o.get("value") for o in element.get("initial_options") or []}
        if element.get("initial_option"):
            chosen.add(element["initial_option"].get("value"))
        mark = ("[x]", "[ ]") if kind == "checkboxes" else ("(o)", "( )")
        return "  ".join(
            f"{mark[0] if o.get('value') in chosen else mark[1]} {_text(o.get('text'), names)}"
            for o in element.get("options") or []
        )
    if kind in ("datepicker", "timepicker", "datetimepicker"):
        shown = element.get("initial_date") or element.get("initial_time") or _text(element.get("placeholder"), names)
        return f"[ {shown or kind} ]"
    if kind.endswith("select"):  # static_select, multi_users_select, conversations_select, ...
        return f"[ {_selection(element, names)} v ]"
    if kind == "file_input":
        return "[ Drag a file here or upload one ]"
    return f"[{kind}]"


def _selection(element: dict[str, Any], names: Mapping[str, str] | None) -> str:
    users = element.get("initial_users") or ([element["initial_user"]] if element.get("initial_user") else [])
    if users:
        return ", ".join("@" + (names or {}).get(u, u) for u in users)
    options = element.get("initial_options") or (
        [element["initial_option"]] if element.get("initial_option") else []
    )
    if options:
        return ", ".join(_text(o.get("text"), names) for o in options)
    return _text(element.get("placeholder"), names) or "Choose"


def _beside(lines: list[str], extra: str, width: int) -> list[str]:
    """Put an accessory at the right end of the last line, or on its own line if it will not fit."""
    if lines and len(lines[-1]) + 2 + len(extra) <= width:
        return [*lines[:-1], lines[-1] + " " * (width - len(lines[-1]) - len(extra)) + extra]
    return [*lines, extra.rjust(width)]


def _section(block: dict[str, Any], names: Mapping[str, str] | None, width: int) -> list[str]:
    lines = _wrap(_text(block.get("text"), names), width) if block.get("text") else []
    fields = [_text(f, names) for f in block.get("fields") or []]
    if fields:
        column = (width - 3) // 2
        if all(len(line) <= column for f in fields for line in f.split("\n")):
            for left, right in zip(fields[::2], fields[1::2] + [""] * (len(fields) % 2), strict=True):
                left_lines, right_lines = left.split("\n"), right.split("\n")
                for i in range(max(len(left_lines), len(right_lines))):
                    a = left_lines[i] if i < len(left_lines) else ""
                    b = right_lines[i] if i < len(right_lines) else ""
                    lines.append(f"{a:<{column}}   {b}".rstrip())
        else:
            for field in fields:
                lines.extend(_wrap("• " + field, width))
    accessory = block.get("accessory")
    if isinstance(accessory, dict):
        lines = _beside(lines, _element(accessory, names), width)
    return lines


def _input(block: dict[str, Any], names: Mapping[str, str] | None, width: int) -> list[str]:
    label = _text(block.get("label"), names) + (" (optional)" if block.get("optional") else "")
    element = block.get("element") or {}
    lines = _wrap(f"{label}: {_element(element, names)}", width, hanging="    ")
    if block.get("hint"):
        lines.extend(_wrap(f"({_text(block['hint'], names)})", width, indent="    "))
    return lines


def _rich_text(elements: list[Any], names: Mapping[str, str] | None) -> str:
    parts: list[str] = []
    for element in elements:
        if not isinstance(element, dict):
            continue
        kind = element.get("type")
        if kind == "text":
            parts.append(str(element.get("text", "")))
        elif kind == "link":
            url, label = element.get("url", ""), element.get("text")
            parts.append(f"{label} ({url})" if label else str(url))
        elif kind == "user":
            user_id = str(element.get("user_id", ""))
            parts.append("@" + (names or {}).get(user_id, user_id))
        elif kind == "channel":
            parts.append("#" + str(element.get("channel_id", "")))
        elif kind == "emoji":
            parts.append(f":{element.get('name', '')}:")
        elif kind == "rich_text_list":
            items = [_rich_text(item.get("elements", []), names) for item in element.get("elements", [])]
            parts.append("\n".join(f"• {item}" for item in items) + "\n")
        elif kind == "rich_text_quote":
            parts.append("> " + _rich_text(element.get("elements", []), names) + "\n")
        elif kind in ("rich_text_section", "rich_text_preformatted"):
            parts.append(_rich_text(element.get("elements", []), names) + "\n")
    return "".join(parts)


def _block(block: dict[str, Any], names: Mapping[str, str] | None, width: int) -> list[str]:
    kind = block.get("type")
    if kind == "header":
        title = _text(block.get("text"), names)
        return [*_wrap(title, width), "=" * min(len(title), width)]
    if kind == "section":
        return _section(block, names, width)
    if kind == "divider":
        return ["-" * width]
    if kind == "context":
        texts = [_element(e, names) for e in block.get("elements") or [] if isinstance(e, dict)]
        return _wrap("  ·  ".join(texts), width, indent="  · ", hanging="    ")
    if kind == "actions":
        buttons = [_element(e, names) for e in block.get("elements") or [] if isinstance(e, dict)]
        return _wrap("  ".join(buttons), width)
    if kind == "input":
        return _input(block, names, width)
    if kind == "image":
        return [f"[image: {block.get('alt_text', '')}]"]
    if kind == "rich_text":
        return _wrap(_rich_text(block.get("elements") or [], names).rstrip("\n"), width)
    if kind == "file":
        return ["[file]"]
    return [f"[{kind} block]"]


def render_blocks(blocks: list[dict[str, Any]], names: Mapping[str, str] | None = None, width: int = WIDTH) -> str:
    lines: list[str] = []
    for block in blocks:
        if not isinstance(block, dict):
            continue
        if block.get("type") == "header" and lines:
            lines.append("")  # a header starts a new part of the view
        lines.extend(_block(block, names, width))
    return "\n".join(lines)


def render_view(view: dict[str, Any], names: Mapping[str, str] | None = None, width: int = WIDTH) -> str:
    """A modal in a frame with its title and buttons, or App Home under a title bar."""
    is_modal = view.get("type") == "modal"
    title = _text(view.get("title"), names) if is_modal else "App Home"
    top = f"+-- {title} {'(modal) ' if is_modal else ''}"
    lines = [top + "-" * max(0, width - len(top) - 1) + "+"]
    lines.append(render_blocks(view.get("blocks") or [], names, width))
    if is_modal:
        buttons = [f"[ {_text(view[k], names)} ]" for k in ("close", "submit") if view.get(k)]
        if view.get("submit") and not view.get("close"):
            buttons.insert(0, "[ Cancel ]")  # Slack adds a Cancel button when none is named
        if buttons:
            lines.append("  ".join(buttons).rjust(width))
    lines.append("+" + "-" * (width - 2) + "+")
    return "\n".join(lines)


def render_message(message: dict[str, Any], names: Mapping[str, str] | None = None, width: int = WIDTH) -> str:
    """A posted message: its blocks when it has any, else its text."""
    blocks = message.get("blocks")
    if isinstance(blocks, list) and blocks:
        return render_blocks(blocks, names, width)
    return "\n".join(_wrap(mrkdwn_to_text(str(message.get("text", "")), names), width))


def render_shared_file(shared: SharedFile) -> tuple[str, tuple[str, str]]:
    """What a person sees of an uploaded file: ("Picture", (size, alt text)) or ("File", (size, its columns))."""
    size = shared.image_size
    if size is not None:
        return "Picture", (f"({size[0]}x{size[1]} PNG)", textwrap.fill(f"alt text: {shared.alt_txt}", width=78))
    lines = shared.content.decode("utf-8", "replace").splitlines()
    header = textwrap.fill(f"columns: {lines[0].replace(',', ', ')}" if lines else "empty", width=78)
    return "File", (f"({len(shared.content):,} bytes, {max(len(lines) - 1, 0)} rows)", header)


def button_value(message: dict[str, Any], action_id: str) -> str | None:
    """The value of `message`'s element `action_id` ("" for an overflow or select); None without one."""
    for block in message.get("blocks") or []:
        for element in [*block.get("elements", []), block.get("accessory") or {}]:
            if isinstance(element, dict) and element.get("action_id") == action_id:
                return str(element.get("value", ""))
    return None

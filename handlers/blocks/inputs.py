"""Modal input blocks and reading them back from a submitted view.

Block ids double as the keys of inline errors, so a problem found on submit
is shown under the field it concerns while everything typed stays put. Every
input's element has the same action id, `VALUE`.
"""

from __future__ import annotations

import json
from typing import Any

from handlers.blocks import limits
from handlers.blocks.kit import Block, plain

VALUE = "value"


def option(value: str | int, text: str) -> dict[str, Any]:
    return {"text": plain(limits.clip(text, limits.OPTION_TEXT), limits.OPTION_TEXT),
            "value": limits.clip(str(value), limits.OPTION_VALUE)}


def input_block(block_id: str, label: str, element: dict[str, Any], *, optional: bool = False,
                hint: str | None = None) -> Block:
    block: Block = {"type": "input", "block_id": block_id, "label": plain(label, 2000),
                    "element": {**element, "action_id": VALUE}, "optional": optional}
    if hint:
        block["hint"] = plain(hint, 2000)
    return block


def select(options: list[dict[str, Any]], initial: str | None = None, placeholder: str = "Pick one") -> dict[str, Any]:
    element: dict[str, Any] = {"type": "static_select", "options": options[: limits.OPTIONS],
                               "placeholder": plain(placeholder, 150)}
    chosen = next((o for o in options if o["value"] == initial), None)
    if chosen is not None:
        element["initial_option"] = chosen
    return element


def text_input(initial: str | None = None, *, multiline: bool = False, max_length: int = limits.INPUT_MAX_LENGTH,
               placeholder: str | None = None) -> dict[str, Any]:
    element: dict[str, Any] = {"type": "plain_text_input", "multiline": multiline, "max_length": max_length}
    if initial:
        element["initial_value"] = initial[:max_length]
    if placeholder:
        element["placeholder"] = plain(placeholder, 150)
    return element


def selected(values: dict[str, Any], block_id: str) -> Any:
    """What one input of a submitted view holds (text, number, date or the chosen option's value)."""
    field = values.get(block_id, {}).get(VALUE, {})
    if "selected_option" in field:
        option_ = field["selected_option"]
        return option_.get("value") if option_ else None
    if "selected_date" in field:
        return field["selected_date"]
    return field.get("value")


def metadata(view: dict[str, Any]) -> dict[str, Any]:
    """A submitted modal's `private_metadata`, as the builder wrote it; {} if someone tampered with it."""
    try:
        found = json.loads(view.get("private_metadata") or "{}")
    except json.JSONDecodeError:
        return {}
    return found if isinstance(found, dict) else {}


def as_int(raw: Any) -> object:
    # Option values are digits; anything else is passed on as typed so the
    # domain's validation names it instead of it silently becoming a number.
    return int(raw) if isinstance(raw, str) and raw.isdigit() else raw


def as_number(raw: Any) -> object:
    """A number_input's text as a float; anything else as typed, for the domain to name."""
    try:
        return float(raw) if isinstance(raw, str) and raw.strip() else raw
    except ValueError:
        return raw

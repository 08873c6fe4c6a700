"""Modal input blocks and reading them back from a submitted view.

Block ids double as the keys of inline errors, so a problem found on submit
is shown under the field it concerns while everything typed stays put. Every
input's element has the same action id, `VALUE`.
"""

from __future__ import annotations

import json
import re
from typing import Any

from handlers.blocks import limits
from handlers.blocks.kit import Block, plain

VALUE = "value"
# The inline error for a submission whose private_metadata is not what the builder wrote.
FORM_UNREADABLE = "This form could not be read; close it and open it again from Coachflow."


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


def text_input(initial: str | None = None, *, max_length: int, multiline: bool = False,
               placeholder: str | None = None) -> dict[str, Any]:
    """A plain_text_input; `max_length` is the field's `domain.field_lengths` constant, so it fits its column."""
    element: dict[str, Any] = {"type": "plain_text_input", "multiline": multiline, "max_length": max_length}
    if initial:
        element["initial_value"] = initial[:max_length]
    if placeholder:
        element["placeholder"] = plain(placeholder, 150)
    return element


def selected(values: dict[str, Any], block_id: str, action_id: str = VALUE) -> str | None:
    """What one input of a submitted view holds (text, date or the chosen option's value), or None.

    Only text comes back: a crafted submission with a number or a list where
    Slack sends a string reads as an empty field, which the service names.
    `action_id`: for an element that is not `VALUE` (one that dispatches its own block action).
    """
    block = values.get(block_id) if isinstance(values, dict) else None
    field = block.get(action_id) if isinstance(block, dict) else None
    if not isinstance(field, dict):
        return None
    if "selected_option" in field:
        chosen = field["selected_option"]
        found = chosen.get("value") if isinstance(chosen, dict) else None
    elif "selected_date" in field:
        found = field["selected_date"]
    else:
        found = field.get("value")
    return found if isinstance(found, str) else None


def state_values(view: dict[str, Any]) -> dict[str, Any]:
    """A submitted view's `state.values`; {} when a crafted payload has something else there."""
    state = view.get("state")
    found = state.get("values") if isinstance(state, dict) else None
    return found if isinstance(found, dict) else {}


def metadata(view: dict[str, Any]) -> dict[str, Any]:
    """A submitted modal's `private_metadata`, as the builder wrote it; {} if someone tampered with it."""
    raw = view.get("private_metadata")
    if not isinstance(raw, str) or len(raw) > limits.PRIVATE_METADATA:
        return {}
    try:
        found = json.loads(raw or "{}")
    except (ValueError, RecursionError):  # not JSON, a number too long to read, or nested too deep
        return {}
    return found if isinstance(found, dict) else {}


# Slack user ids: U or W and capitals/digits, as `handlers.commands.parsing` reads mentions.
_USER_ID = re.compile(r"[UW][A-Z0-9]{1,31}", re.ASCII)
# Our option values and ids are short ASCII numbers; six digits is far beyond any of them.
_SMALL_NUMBER = re.compile(r"[0-9]{1,6}", re.ASCII)
_RECORD_ID = re.compile(r"[0-9]{1,9}", re.ASCII)
_DECIMAL = re.compile(r"-?(?:[0-9]{1,6}(?:\.[0-9]{0,6})?|\.[0-9]{1,6})", re.ASCII)


def metadata_user(opened: dict[str, Any], key: str) -> str | None:
    """A Slack user id the builder put in the metadata, or None when it is missing or not a user id."""
    found = opened.get(key)
    return found if isinstance(found, str) and _USER_ID.fullmatch(found) else None


def metadata_int(opened: dict[str, Any], key: str) -> int | None:
    """A whole number (a cycle id, a version) the builder put in the metadata, or None."""
    found = opened.get(key)
    return found if isinstance(found, int) and not isinstance(found, bool) and 0 <= found < 2**31 else None


def as_int(raw: Any) -> object:
    # Option values are ASCII digits; anything else (`²`, a 5,000-digit number,
    # `-1`) is passed on as typed so the domain's validation names it instead
    # of it silently becoming a number, or int() raising.
    return int(raw) if isinstance(raw, str) and _SMALL_NUMBER.fullmatch(raw) else raw


def as_number(raw: Any) -> object:
    """A number_input's text as a float; anything else as typed, for the domain to name.

    ASCII digits only: float() would also read `١٢`, `1e400` (infinity) or `nan`.
    """
    if isinstance(raw, str) and _DECIMAL.fullmatch(raw.strip()):
        return float(raw)
    return raw


def record_id(value: str | None) -> int | None:
    """The record id a button carries (a commitment's, a session's, a cycle's: `str(id)`); None for a value we
    never wrote: ASCII digits only, nine at most, so a crafted value never reaches the database as an id."""
    return int(value) if isinstance(value, str) and _RECORD_ID.fullmatch(value) else None


def ticked_positions(values: dict[str, Any], block_id: str) -> list[int]:
    """The positions (the option values `option(n, ...)` wrote) ticked in a checkboxes block; a crafted value
    that is not a small number is ignored."""
    block = values.get(block_id) if isinstance(values, dict) else None
    field = block.get(VALUE) if isinstance(block, dict) else None
    chosen = field.get("selected_options") if isinstance(field, dict) else None
    found = [o.get("value") for o in chosen if isinstance(o, dict)] if isinstance(chosen, list) else []
    return [int(v) for v in found if isinstance(v, str) and v.isascii() and v.isdigit() and len(v) < 3]


def errors_under_blocks(problems: dict[str, str], view: dict[str, Any], fallback: str) -> dict[str, str]:
    """Each problem under its block; one about a block the view does not have goes under `fallback`."""
    present = {b.get("block_id") for b in view.get("blocks") or [] if isinstance(b, dict)}
    shown: dict[str, str] = {}
    for key, text in problems.items():
        where = key if key in present else fallback
        shown[where] = f"{shown[where]} {text}" if where in shown else text
    return shown

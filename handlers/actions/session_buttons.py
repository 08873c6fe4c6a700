"""Buttons whose value is a 1:1 session's id: reading the id, and what a click on an unreadable one says."""

from __future__ import annotations

import re

_ID = re.compile(r"[0-9]{1,9}", re.ASCII)
UNREADABLE = "That button could not be read; nothing was opened. Use `/coach sessions` to see your 1:1s."


def session_id_of(value: str | None) -> int | None:
    return int(value) if value is not None and _ID.fullmatch(value) else None

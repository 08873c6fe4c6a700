"""Buttons whose value is a 1:1 session's id: reading the id, and what a click on an unreadable one says."""

from __future__ import annotations

from handlers.blocks.inputs import record_id

UNREADABLE = "That button could not be read; nothing was opened. Use `/coach sessions` to see your 1:1s."


session_id_of = record_id  # the session id a button carries

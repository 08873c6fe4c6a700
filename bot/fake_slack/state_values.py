"""Entries of a submitted modal's `view.state.values`, shaped as Slack sends them.

Use as `values={"reps": {"pick": multi_users(["U1", "U2"])}}` in
`SlackRequests.view_submission`.
"""

from __future__ import annotations

from datetime import date
from typing import Any


def plain_text(value: str | None) -> dict[str, Any]:
    """A plain_text_input; Slack sends `None` for a field left empty."""
    return {"type": "plain_text_input", "value": value}


def multi_users(user_ids: list[str]) -> dict[str, Any]:
    return {"type": "multi_users_select", "selected_users": list(user_ids)}


def users_select(user_id: str | None) -> dict[str, Any]:
    return {"type": "users_select", "selected_user": user_id}


def static_select(value: str | None, text: str | None = None) -> dict[str, Any]:
    """A static_select; `value=None` is "nothing chosen" (`selected_option: null`)."""
    if value is None:
        return {"type": "static_select", "selected_option": None}
    option = {"text": {"type": "plain_text", "text": text or value, "emoji": True}, "value": value}
    return {"type": "static_select", "selected_option": option}


def datepicker(day: date | str | None) -> dict[str, Any]:
    """A datepicker; Slack sends `YYYY-MM-DD` or `None`."""
    selected = day.isoformat() if isinstance(day, date) else day
    return {"type": "datepicker", "selected_date": selected}

"""Entries of a submitted modal's `view.state.values`, shaped as Slack sends them.

Use as `values={"reps": {"pick": multi_users(["U1", "U2"])}}` in
`SlackRequests.view_submission`.
"""

from __future__ import annotations

import re
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


def uploaded_file(file_id: str, name: str, *, user_id: str = "U0", team_domain: str = "demo-co") -> dict[str, Any]:
    """A file someone uploaded through a `file_input`, as Slack describes it in the view's state (trimmed)."""
    extension = name.rpartition(".")[2].lower() if "." in name else ""
    slug = re.sub(r"[^a-z0-9.]+", "_", name.lower())  # Slack's URLs carry the name made URL-safe
    return {
        "id": file_id,
        "created": 1764547200,
        "timestamp": 1764547200,
        "name": name,
        "title": name,
        "mimetype": "application/octet-stream",
        "filetype": extension,
        "user": user_id,
        "size": 2048,
        "mode": "hosted",
        "is_external": False,
        "url_private": f"https://files.slack.com/files-pri/T0-{file_id}/{slug}",
        "url_private_download": f"https://files.slack.com/files-pri/T0-{file_id}/download/{slug}",
        "permalink": f"https://{team_domain}.slack.com/files/{user_id}/{file_id}/{slug}",
    }


def file_input(*files: dict[str, Any]) -> dict[str, Any]:
    """A file_input; Slack sends the uploaded files' objects under `files` (an empty list for none)."""
    return {"type": "file_input", "files": list(files)}

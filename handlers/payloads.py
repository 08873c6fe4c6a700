"""Typed views of the Slack payloads listeners read (parsed with pydantic)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict


class SlashCommand(BaseModel):
    model_config = ConfigDict(extra="ignore")

    team_id: str
    user_id: str
    command: str
    text: str = ""
    channel_id: str | None = None
    enterprise_id: str | None = None
    trigger_id: str | None = None


class AppHomeOpened(BaseModel):
    model_config = ConfigDict(extra="ignore")

    type: str
    user: str
    tab: str = "home"


class FileShared(BaseModel):
    """The file_shared event: ids only; files.info tells the rest.

    No `channel_type` (message events have one, this does not), so whether
    the channel is the app's DM is asked of Slack (`handlers.slack_dm`).
    """

    model_config = ConfigDict(extra="ignore")

    type: str
    file_id: str
    user_id: str
    channel_id: str
    event_ts: str = ""


class ButtonClick(BaseModel):
    model_config = ConfigDict(extra="ignore")

    action_id: str
    value: str | None = None


class AddRepsSubmission(BaseModel):
    """The add-reps modal's state, read from `view.state.values`."""

    rep_ids: list[str]

    @classmethod
    def from_view(cls, view: dict[str, Any], block_id: str, action_id: str) -> AddRepsSubmission:
        field = view.get("state", {}).get("values", {}).get(block_id, {}).get(action_id, {})
        return cls(rep_ids=list(field.get("selected_users") or []))

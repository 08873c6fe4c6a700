"""Typed views of the Slack payloads listeners read (parsed with pydantic)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, field_validator

from handlers.blocks import limits


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
    the channel is the app's DM is asked of Slack (`handlers.edge.dm`).
    """

    model_config = ConfigDict(extra="ignore")

    type: str
    file_id: str
    user_id: str
    channel_id: str
    event_ts: str = ""


class ButtonClick(BaseModel):
    """A click; `value` is what the builder put on the button (a rep's id, "rep:version").

    A value that is not text, or longer than Slack allows a button's value,
    was not written by us: it reads as no value, which every listener refuses
    quietly.
    """

    model_config = ConfigDict(extra="ignore")

    action_id: str
    value: str | None = None

    @field_validator("value", mode="before")
    @classmethod
    def _ours_or_none(cls, value: object) -> str | None:
        return value if isinstance(value, str) and len(value) <= limits.BUTTON_VALUE else None


class AddRepsSubmission(BaseModel):
    """The add-reps modal's state, read from `view.state.values`."""

    rep_ids: list[str]

    @classmethod
    def from_view(cls, view: dict[str, Any], block_id: str, action_id: str) -> AddRepsSubmission:
        field: Any = view
        for key in ("state", "values", block_id, action_id):
            field = field.get(key) if isinstance(field, dict) else None
        picked = field.get("selected_users") if isinstance(field, dict) else None
        # Only what Slack sends (a list of user ids); anything else is no pick, which the roster names.
        return cls(rep_ids=[p for p in picked if isinstance(p, str)] if isinstance(picked, list) else [])


class TokensRevoked(BaseModel):
    """The tokens_revoked event: the user ids whose tokens went, by kind (`oauth`: user tokens, `bot`)."""

    model_config = ConfigDict(extra="ignore")

    class Tokens(BaseModel):
        model_config = ConfigDict(extra="ignore")

        oauth: list[str] = []
        bot: list[str] = []

    type: str
    tokens: Tokens = Tokens()


class ChangedUser(BaseModel):
    """The `user` of a user_change event (a full user object); only what Coachflow reads."""

    model_config = ConfigDict(extra="ignore")

    id: str
    deleted: bool = False
    team_id: str | None = None  # the person's workspace (an org-wide install's event names no team)


class UserChange(BaseModel):
    model_config = ConfigDict(extra="ignore")

    type: str
    user: ChangedUser

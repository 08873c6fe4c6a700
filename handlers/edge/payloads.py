"""Typed views of the Slack payloads listeners read (parsed with pydantic)."""

from __future__ import annotations

import logging
import re
from typing import Any, TypeVar

from pydantic import BaseModel, ConfigDict, ValidationError, field_validator

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

    A value that is not text, longer than Slack allows a button's value, or
    holding a NUL byte was not written by us: it reads as no value, which every listener refuses
    quietly.
    """

    model_config = ConfigDict(extra="ignore")

    action_id: str
    value: str | None = None

    @field_validator("value", mode="before")
    @classmethod
    def _ours_or_none(cls, value: object) -> str | None:
        # Our builders never put a NUL in a value; PostgreSQL refuses a query holding one (a DataError).
        return value if isinstance(value, str) and len(value) <= limits.BUTTON_VALUE and "\x00" not in value else None


# Slack user ids, as handlers.blocks.inputs reads them from metadata.
_PICKED_USER = re.compile(r"[UW][A-Z0-9]{1,31}", re.ASCII)


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
        # A string that is not a user id (a NUL byte in it: PostgreSQL refuses the query) is no one.
        return cls(rep_ids=[p for p in picked if isinstance(p, str) and _PICKED_USER.fullmatch(p)]
                   if isinstance(picked, list) else [])


_EventModel = TypeVar("_EventModel", bound=BaseModel)
_edge_log = logging.getLogger("coachflow.edge")


def read_event(model: type[_EventModel], event: object) -> _EventModel | None:
    """The event as `model`, or None when it lacks what the listener needs (a field missing or of another type).

    Bolt has acknowledged the event already and nobody waits for an answer, so
    such an event is dropped with one warning naming its type, never its
    content; without this it reached the error handler as a traceback.
    """
    try:
        return model.model_validate(event)
    except ValidationError:
        kind = event.get("type") if isinstance(event, dict) else None
        _edge_log.warning("ignored a %s event without the fields it needs",
                          kind[:40] if isinstance(kind, str) else "malformed")
        return None


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

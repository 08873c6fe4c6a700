"""The scorecard buttons: "Full scorecard" in the manager's digest, and "Post in this channel" on a rep's own card.

"Full scorecard" (a button, or an overflow menu's entry past 40 reps) names
a rep and a week; the server checks again that the clicker is that rep's
manager or an admin in this workspace, so a crafted value opens nothing and
is answered with the reason. "Post in this channel" carries only the week:
the card posted is always the clicker's own, once per click whatever the
retries (its receipt), through the click's response_url so Coachflow need
not be a member of the channel.
"""

from __future__ import annotations

import re
from typing import Any

from pydantic import BaseModel, ConfigDict, field_validator
from slack_bolt import Ack, BoltContext, Respond
from slack_sdk import WebClient

from domain.errors import CoachflowError, InvalidInput
from domain.receipts import Replayed
from domain.services.scorecard_views import read_week_label
from handlers.blocks import limits
from handlers.blocks.scorecard_answers import full_scorecard_modal, posted_note, posted_scorecard
from handlers.blocks.scorecard_team import read_rep_scorecard_value
from handlers.edge.clicks import click_of, tell_refusal
from handlers.edge.receipts import receipt_of
from handlers.edge.services import services, workspace_of

_USER_ID = re.compile(r"[UW][A-Z0-9]{1,31}", re.ASCII)
UNREADABLE_FULL = "That button could not be read. `/scorecard team` shows your team's scorecards as they are now."
UNREADABLE_POST = "That button could not be read. `/scorecard post` shares your scorecard in a channel."
NO_CHANNEL = "Slack did not say where to post. Run `/scorecard post` in the channel you want to share it in."


class ScorecardPick(BaseModel):
    """A "Full scorecard" click: the button's `value`, or the overflow's `selected_option.value`."""

    model_config = ConfigDict(extra="ignore")

    value: str | None = None
    selected_option: dict[str, Any] | None = None

    @field_validator("value", mode="before")
    @classmethod
    def _text_or_none(cls, value: object) -> str | None:
        return value if isinstance(value, str) and len(value) <= limits.BUTTON_VALUE else None

    @field_validator("selected_option", mode="before")
    @classmethod
    def _object_or_none(cls, option: object) -> dict[str, Any] | None:
        # Slack sends an object; anything else (a list, a string) is no pick, refused as unreadable.
        return option if isinstance(option, dict) else None

    @property
    def picked(self) -> str | None:
        if self.value is not None:
            return self.value
        option = (self.selected_option or {}).get("value")
        return option if isinstance(option, str) and len(option) <= limits.BUTTON_VALUE else None


def handle_open_rep_scorecard(ack: Ack, body: dict[str, Any], client: WebClient, respond: Respond,
                              context: BoltContext) -> None:
    ack()
    svc, ws, user_id = services(context), workspace_of(context), body["user"]["id"]
    picked = read_rep_scorecard_value(ScorecardPick.model_validate(body["actions"][0]).picked)
    week = read_week_label(picked[1]) if picked is not None else None
    try:
        if picked is None or week is None or not _USER_ID.fullmatch(picked[0]):  # not a value we wrote
            raise InvalidInput(UNREADABLE_FULL)
        shown = svc.scorecards.rep_card(ws, user_id, picked[0], week)
        client.views_open(trigger_id=body["trigger_id"], view=full_scorecard_modal(shown))
    except CoachflowError as error:
        # Another manager's rep, another workspace's, a rep not in a cycle: said where they clicked.
        tell_refusal(client, svc, ws, respond, user_id, error)


def handle_post_scorecard(ack: Ack, body: dict[str, Any], client: WebClient, respond: Respond,
                          context: BoltContext) -> None:
    ack()
    svc, ws, user_id = services(context), workspace_of(context), body["user"]["id"]
    week = read_week_label(click_of(body).value or "")
    try:
        if week is None:
            raise InvalidInput(UNREADABLE_POST)
        if not respond.response_url:  # only a click in a message can answer in its channel
            raise InvalidInput(NO_CHANNEL)
        card = svc.scorecards.post_own(ws, user_id, week, receipt_of(body, context).without_deadline()).result
    except Replayed:
        return  # the first click posted it
    except CoachflowError as error:
        tell_refusal(client, svc, ws, respond, user_id, error)
        return
    respond(response_type="in_channel", replace_original=False, **posted_scorecard(card))
    respond(response_type="ephemeral", replace_original=True, **posted_note(card))

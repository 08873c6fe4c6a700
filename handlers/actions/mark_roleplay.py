"""The "Mark practised" button of a role-play card: opens the form for that deal (it stores nothing itself)."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, BoltContext, Respond
from slack_sdk import WebClient

from domain.errors import CoachflowError, InvalidInput
from handlers.blocks.roleplay import read_mark_value
from handlers.edge.clicks import click_of, in_modal, tell_refusal
from handlers.edge.services import services, workspace_of
from handlers.views.open import open_roleplay_practice


def handle_mark_roleplay(ack: Ack, body: dict[str, Any], client: WebClient, respond: Respond,
                         context: BoltContext) -> None:
    ack()
    svc, ws, user_id = services(context), workspace_of(context), body["user"]["id"]
    marked = read_mark_value(click_of(body).value)
    try:
        if marked is None:  # not a button we wrote
            raise InvalidInput("That button could not be read. Run `/coach roleplay` for the cards as they are now.")
        rep_id, external_id = marked
        open_roleplay_practice(client, svc, ws, user_id, rep_id, external_id, body["trigger_id"],
                               over_modal=in_modal(body))
    except CoachflowError as error:
        # Someone else's rep or deal (a crafted click), or a deal since re-assigned.
        tell_refusal(client, svc, ws, respond, user_id, error)

"""The "This week" button on a rep's row of the manager's App Home: that rep's week in a modal (it stores nothing)."""

from __future__ import annotations

import re
from typing import Any

from slack_bolt import Ack, BoltContext, Respond
from slack_sdk import WebClient

from domain.errors import CoachflowError, InvalidInput
from handlers.edge.clicks import click_of, tell_refusal
from handlers.edge.services import services, workspace_of
from handlers.views.open import open_rep_week

_USER_ID = re.compile(r"[UW][A-Z0-9]{1,31}", re.ASCII)


def handle_open_rep_week(ack: Ack, body: dict[str, Any], client: WebClient, respond: Respond,
                         context: BoltContext) -> None:
    ack()
    svc, ws, user_id = services(context), workspace_of(context), body["user"]["id"]
    rep_id = click_of(body).value or ""
    try:
        if not _USER_ID.fullmatch(rep_id):  # not a button we wrote
            raise InvalidInput("That button could not be read. Open your App Home again for your team as it is now.")
        open_rep_week(client, svc, ws, user_id, rep_id, body["trigger_id"])
    except CoachflowError as error:
        # Someone else's rep (a crafted click), or a rep who has since left the team.
        tell_refusal(client, svc, ws, respond, user_id, error)

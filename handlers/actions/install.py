"""The installer's answer to "Shall I welcome your team?" (handlers/edge/install.py)."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, Respond
from slack_sdk import WebClient

from handlers.blocks.install import install_choosing, install_not_now
from handlers.views.open import open_add_reps


def handle_welcome_team(ack: Ack, body: dict[str, Any], client: WebClient, respond: Respond) -> None:
    ack()
    # trigger_id expires 3 seconds after the click, so the modal opens first.
    open_add_reps(client, body["trigger_id"])
    if respond.response_url:  # the DM's own message; a click from anywhere else has nothing to replace
        respond(replace_original=True, **install_choosing())


def handle_not_now(ack: Ack, respond: Respond) -> None:
    ack()
    if respond.response_url:
        respond(replace_original=True, **install_not_now())

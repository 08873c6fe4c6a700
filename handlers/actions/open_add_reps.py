"""App Home's "Add reps" button opens the add-reps modal."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack
from slack_sdk import WebClient

from handlers.blocks.add_reps_modal import add_reps_modal


def handle_open_add_reps(ack: Ack, body: dict[str, Any], client: WebClient) -> None:
    ack()
    # trigger_id expires 3 seconds after the click, so the modal opens first.
    client.views_open(trigger_id=body["trigger_id"], view=add_reps_modal())

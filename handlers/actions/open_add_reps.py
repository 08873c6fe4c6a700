"""App Home's "Add reps" button opens the add-reps modal."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack
from slack_sdk import WebClient

from handlers.views.open import open_add_reps


def handle_open_add_reps(ack: Ack, body: dict[str, Any], client: WebClient) -> None:
    ack()
    # trigger_id expires 3 seconds after the click, so the modal opens first.
    open_add_reps(client, body["trigger_id"])

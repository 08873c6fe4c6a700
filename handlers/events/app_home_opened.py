"""Publish the role-aware App Home whenever someone opens the Home tab."""

from __future__ import annotations

from typing import Any

from slack_bolt import BoltContext
from slack_sdk import WebClient

from handlers.outbox import publish_homes
from handlers.payloads import AppHomeOpened
from handlers.services import services, workspace_of


def handle_app_home_opened(event: dict[str, Any], client: WebClient, context: BoltContext) -> None:
    opened = AppHomeOpened.model_validate(event)
    if opened.tab != "home":  # the Messages tab opens this event too
        return
    publish_homes(client, services(context), workspace_of(context), [opened.user])

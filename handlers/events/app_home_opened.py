"""Publish the role-aware App Home whenever someone opens the Home tab.

Opening Home is also when we ask Slack for the person's current time zone:
someone who travelled gets their prompts at the new local time from then on.
"""

from __future__ import annotations

from typing import Any

from slack_bolt import BoltContext
from slack_sdk import WebClient

from handlers.edge.directory import SlackUserDirectory
from handlers.edge.outbox import publish_homes
from handlers.edge.payloads import AppHomeOpened
from handlers.edge.services import services, workspace_of


def handle_app_home_opened(event: dict[str, Any], client: WebClient, context: BoltContext) -> None:
    opened = AppHomeOpened.model_validate(event)
    if opened.tab != "home":  # the Messages tab opens this event too
        return
    svc, ws = services(context), workspace_of(context)
    if svc.roster.member(ws, opened.user) is not None:
        profile = SlackUserDirectory(client).lookup(opened.user)
        if profile is not None:
            svc.roster.update_profiles(ws, [profile])
    publish_homes(client, svc, ws, [opened.user])

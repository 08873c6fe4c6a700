"""Publish the role-aware App Home whenever someone opens the Home tab.

Opening Home is also when we ask Slack for the person's current time zone:
someone who travelled gets their prompts at the new local time from then on
(`HomeService.open_home`: read-only, and a write only when Slack's profile changed).
"""

from __future__ import annotations

from typing import Any

from slack_bolt import BoltContext
from slack_sdk import WebClient

from handlers.edge.directory import SlackUserDirectory
from handlers.edge.payloads import AppHomeOpened, read_event
from handlers.edge.sender import deliver
from handlers.edge.services import services, workspace_of


def handle_app_home_opened(event: dict[str, Any], client: WebClient, context: BoltContext) -> None:
    opened = read_event(AppHomeOpened, event)
    if opened is None or opened.tab != "home":  # the Messages tab opens this event too
        return
    svc, ws = services(context), workspace_of(context)
    deliver(client, svc, ws, svc.home.open_home(ws, opened.user, SlackUserDirectory(client)))

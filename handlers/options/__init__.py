"""Options listeners: what an `external_select` lists as the person types (Slack's `block_suggestion`)."""

from __future__ import annotations

from slack_bolt import App

from handlers.edge import ids
from handlers.options.deals import handle_deal_options


def register(app: App) -> None:
    app.options(ids.DEBRIEF_DEAL_SELECT)(handle_deal_options)

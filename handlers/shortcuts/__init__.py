"""Shortcut listeners: message shortcuts ("Debrief this call") and global ones."""

from __future__ import annotations

from slack_bolt import App

from handlers.edge import ids
from handlers.shortcuts.debrief_this_call import handle_debrief_this_call


def register(app: App) -> None:
    app.shortcut(ids.DEBRIEF_SHORTCUT)(handle_debrief_this_call)

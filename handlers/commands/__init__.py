"""Slash command listeners."""

from __future__ import annotations

from slack_bolt import App

from handlers import ids
from handlers.commands.coach import handle_coach


def register(app: App) -> None:
    app.command(ids.COACH_COMMAND)(handle_coach)

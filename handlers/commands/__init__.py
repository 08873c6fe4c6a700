"""Slash command listeners."""

from __future__ import annotations

from slack_bolt import App

from handlers.commands.coach import handle_coach
from handlers.edge import ids


def register(app: App) -> None:
    app.command(ids.COACH_COMMAND)(handle_coach)

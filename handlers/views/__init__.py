"""Modal submission listeners."""

from __future__ import annotations

from slack_bolt import App

from handlers import ids
from handlers.views.add_reps import handle_add_reps


def register(app: App) -> None:
    app.view(ids.ADD_REPS_VIEW)(handle_add_reps)

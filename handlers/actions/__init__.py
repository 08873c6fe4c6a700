"""Block action listeners (buttons)."""

from __future__ import annotations

from slack_bolt import App

from handlers import ids
from handlers.actions.open_add_reps import handle_open_add_reps
from handlers.actions.remove_rep import handle_remove_rep


def register(app: App) -> None:
    app.action(ids.OPEN_ADD_REPS)(handle_open_add_reps)
    app.action(ids.REMOVE_REP)(handle_remove_rep)

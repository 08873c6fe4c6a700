"""Every listener the app registers, read from the handlers' own `register` functions and command tables.

`Registrations` stands in for the Bolt app: each feature registers on it as it
would on Bolt, so a listener added to any feature is listed here without
anyone editing this file.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast

from slack_bolt import App

from handlers import actions, events, options, shortcuts, views
from handlers.commands import slash_commands

ACTION, VIEW, OPTIONS, SHORTCUT, EVENT = "action", "view", "options", "shortcut", "event"
Listener = tuple[str, str]  # (kind, action id / callback id / event type)
Decorator = Callable[[Callable[..., Any]], Callable[..., Any]]


class Registrations:
    """What `register(app)` registered, by kind and id."""

    def __init__(self) -> None:
        self.ids: set[Listener] = set()

    def _listening(self, kind: str) -> Callable[[str], Decorator]:
        def listen(listener_id: str) -> Decorator:
            self.ids.add((kind, listener_id))
            return lambda listener: listener

        return listen

    def __getattr__(self, kind: str) -> Callable[[str], Decorator]:
        if kind in (ACTION, VIEW, OPTIONS, SHORTCUT, EVENT):
            return self._listening(kind)
        raise AttributeError(f"Registrations does not stand in for App.{kind}: list it in tests/security")


def registered_listeners() -> set[Listener]:
    recorder = Registrations()
    for module in (actions, views, options, shortcuts, events):
        module.register(cast(App, recorder))
    return recorder.ids


def registered_commands() -> list[tuple[str, str]]:
    """(slash command, subcommand name) for every subcommand of every slash command ("" is the bare command)."""
    return [(table.command, sub.name) for table in slash_commands() for sub in table]

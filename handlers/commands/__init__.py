"""Slash command listeners: each top-level command is a table of subcommands (`registry.py`).

A feature module declares its subcommands; a top-level command registers its
table here, one line each, and `ids.COMMANDS` and manifest.yml list it.
"""

from __future__ import annotations

from slack_bolt import App

from handlers.commands import challenge, coach, commit, debrief, scorecard
from handlers.commands.dispatch import attach
from handlers.commands.registry import SlashCommands


def slash_commands() -> SlashCommands:
    commands = SlashCommands()
    coach.register(commands)
    debrief.register(commands)
    scorecard.register(commands)
    commit.register(commands)
    challenge.register(commands)  # issue 13
    return commands


def register(app: App) -> None:
    attach(slash_commands(), app)

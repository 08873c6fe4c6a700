"""`/coach`: every feature's subcommands in one table (`handlers.commands.registry`).

A feature module declares its `SUBCOMMANDS`; adding one to `/coach` is one
line below. `/coach help`, the answer to an unknown subcommand and the
dispatcher all read this table.
"""

from __future__ import annotations

from pydantic import BaseModel

from handlers.commands import (
    admin,
    calls,
    challenge,
    commitments,
    contract,
    cycles,
    data_rights,  # issue 14
    diagnosis,
    homework,
    peer_learning,
    pipeline,
    preread,
    priorities,
    results,
    roleplay,
    roster,
    sessions,
    settings,
    shadow,
)
from handlers.commands import wins as wins_commands  # issue 13
from handlers.commands.registry import CommandTable, SlashCommands
from handlers.edge import ids

SUBCOMMANDS = (
    *roster.SUBCOMMANDS,
    *admin.SUBCOMMANDS,
    *cycles.SUBCOMMANDS,
    *diagnosis.SUBCOMMANDS,
    *priorities.SUBCOMMANDS,
    *contract.SUBCOMMANDS,
    *pipeline.SUBCOMMANDS,
    *settings.SUBCOMMANDS,
    *calls.SUBCOMMANDS,
    *roleplay.SUBCOMMANDS,
    *homework.SUBCOMMANDS,
    *shadow.SUBCOMMANDS,
    *peer_learning.SUBCOMMANDS,
    *commitments.SUBCOMMANDS,
    *sessions.SUBCOMMANDS,
    *preread.SUBCOMMANDS,
    *wins_commands.SUBCOMMANDS,  # issue 13
    *results.SUBCOMMANDS,
    *challenge.ADMIN_SUBCOMMANDS,  # issue 13
    *data_rights.SUBCOMMANDS,  # issue 14
)


def register(commands: SlashCommands) -> CommandTable:
    return commands.add(ids.COACH_COMMAND, SUBCOMMANDS)


def parse_coach_command(text: str) -> BaseModel:
    """The typed model of `/coach text` (for tests and tools; the dispatcher parses through its table)."""
    return CommandTable(ids.COACH_COMMAND, SUBCOMMANDS).parse(text).model

"""Every slash command and subcommand, typed by someone else, naming Alex (or Maya) wherever it names a person.

The subcommands come from the command registry (handlers.commands.slash_commands),
the crafted text from each one's own `usage`: its first `@someone` becomes Alex,
the second Bea (Maya's other rep; for `team move`, Maya), a channel ours. Bea (Maya's other rep), Omar
(another manager) and someone in another workspace (the workspace guard admitting
them) each type each one. Nothing may change that is not their own, nobody may
see what Alex or Maya wrote, Alex and Maya get no message, and no modal about
Alex opens (attempts.py). A subcommand whose usage names nobody acts on its
caller only: it must be listed in NAMES_NOBODY, so a new subcommand is either
crafted automatically or classified here.
"""

from __future__ import annotations

import re

import pytest
from sqlalchemy import Engine

from bot.fake_slack import FakeSlackServer
from domain.ports import UnitOfWorkFactory
from tests.handlers.conftest import Slack
from tests.security.attempts import Attacker
from tests.security.listeners import registered_commands
from tests.security.world import INTRUDERS, seeded

ALEX, MAYA, BEA, CHANNEL = "<@UA|alex>", "<@UMGR|maya>", "<@UB|bea>", "<#C0COACH|sales-coaching>"
# The second person of a command: the manager a rep would move to, or another of Maya's reps.
SECOND_PERSON = {("/coach", "team move"): MAYA}
# Subcommands that name no person: they read or change the caller's own things (or the workspace's, for admins).
NAMES_NOBODY = {
    ("/coach", "help"), ("/coach", "team"), ("/coach", "admin teams"), ("/coach", "assess"), ("/coach", "pause"),
    ("/coach", "resume"), ("/coach", "notify"), ("/coach", "admin settings"), ("/coach", "admin workweek"),
    ("/coach", "admin holiday"), ("/coach", "admin quiet"), ("/coach", "admin notify"), ("/coach", "admin scorecard"),
    ("/coach", "admin checkin"), ("/coach", "admin preread"), ("/coach", "win"), ("/coach", "wins"),
    ("/coach", "admin challenge"), ("/debrief", "help"), ("/debrief", ""), ("/scorecard", "help"),
    ("/scorecard", "post"), ("/commit", "help"), ("/commit", ""), ("/challenge", "help"), ("/challenge", ""),
    ("/challenge", "status"), ("/challenge", "done"), ("/challenge", "missed"), ("/challenge", "no-calls"),
    ("/challenge", "repair"), ("/challenge", "summary"), ("/challenge", "time"), ("/coach", "admin channel"),
}


def crafted_texts(name: str, usage: str, second: str = BEA) -> list[str]:
    """The usage with its people made Alex then `second`, its channel ours, its optional parts dropped;
    and the bare name followed by Alex."""
    people = iter([ALEX, second, second])
    text = re.sub(r"\[(@\w+)\]", r"\1", usage)  # an optional person is given
    text = re.sub(r"\[[^]]*\]", "", text)
    text = re.sub(r"@\w+", lambda _: next(people), text)
    text = re.sub(r"#[\w-]+", CHANNEL, text)
    return list(dict.fromkeys([" ".join(text.split()), f"{name} {ALEX}".strip()]))


def _usages() -> dict[tuple[str, str], str]:
    from handlers.commands import slash_commands

    return {(table.command, sub.name): sub.usage for table in slash_commands() for sub in table}


def test_every_subcommand_naming_alex_typed_by_someone_else(
        slack: Slack, uow_factory: UnitOfWorkFactory, engine: Engine, fake_server: FakeSlackServer) -> None:
    seeded(slack, uow_factory)
    attacker = Attacker(slack, engine, fake_server)
    for (command, name), usage in sorted(_usages().items()):
        for text in crafted_texts(name, usage, SECOND_PERSON.get((command, name), BEA)):
            for person in INTRUDERS:
                request = attacker.requests(person).slash_command(person, command, text)
                attacker.send(person, request, f"{command} {text}")
    assert attacker.sent > 100
    assert not attacker.problems, "\n".join(attacker.problems)


def test_the_walk_knows_every_subcommand() -> None:
    usages = _usages()
    assert set(usages) == set(registered_commands())
    naming_nobody = {key for key, usage in usages.items() if "@" not in usage}
    unclassified = sorted(naming_nobody - NAMES_NOBODY)
    assert not unclassified, f"classify in NAMES_NOBODY or name a person in the usage: {unclassified}"
    assert not NAMES_NOBODY - set(usages), "stale entries"


@pytest.mark.parametrize(("usage", "expected"), [
    ("team move @alex @jordan", "team move <@UA|alex> <@UB|bea>"),
    ("[@rep] [last | 2026-W48 | W48] [export]", "<@UA|alex>"),
    ("admin channel #sales-coaching", "admin channel <#C0COACH|sales-coaching>"),
])
def test_crafted_texts(usage: str, expected: str) -> None:
    assert crafted_texts("x", usage)[0] == expected

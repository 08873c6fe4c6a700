"""The command registry: help and the unknown-command answer come from what features registered."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any, Literal

import pytest
from pydantic import BaseModel

from domain.errors import InvalidInput
from handlers.commands import slash_commands
from handlers.commands.coach import SUBCOMMANDS
from handlers.commands.dispatch import attach
from handlers.commands.registry import CommandTable, HelpSection, Invocation, Reply, SlashCommands, Subcommand
from handlers.edge import ids

COACH = CommandTable(ids.COACH_COMMAND, SUBCOMMANDS)
SCORECARDS = HelpSection("Scorecards", 5)


def _help_text(topic: str = "") -> str:
    parsed = COACH.parse(f"help {topic}")
    reply = parsed.subcommand.run(parsed.model, None)  # type: ignore[arg-type]  # help needs nobody
    assert reply is not None
    return json.dumps(reply["blocks"])


def _names(table: CommandTable) -> list[str]:
    return [sub.name for sub in table]


class Show(BaseModel):
    kind: Literal["show"] = "show"
    text: str = ""


def _subcommand(name: str, aliases: tuple[str, ...] = ()) -> Subcommand[Show]:
    def run(parsed: Show, call: Invocation) -> Reply:
        return {"text": parsed.text, "blocks": []}

    return Subcommand(name=name, aliases=aliases, usage=f"{name} @alex".strip(), section=SCORECARDS,
                      help=(f"`/scorecard {name}` the week's scorecard".replace("  ", " "),),
                      parse=lambda rest: Show(text=rest), run=run, reads_only=True)


def test_every_registered_subcommand_appears_in_help_with_its_lines() -> None:
    shown = _help_text()
    for sub in COACH:
        assert f"{COACH.command} {sub.name}" in "\n".join(sub.help), f"{sub.name}'s help lines do not show it"
        for line in sub.help:
            assert json.dumps(line)[1:-1] in shown, line


def test_an_unknown_subcommand_lists_the_real_ones() -> None:
    with pytest.raises(InvalidInput) as error:
        COACH.parse("dance")
    said = str(error.value)
    assert "`/coach dance` is not a command I know" in said and "/coach help" in said
    for topic in {sub.name.split()[0] for sub in COACH}:
        assert f"`{topic}`" in said


def test_a_group_word_alone_or_with_a_typo_lists_that_group_only() -> None:
    with pytest.raises(InvalidInput) as alone:
        COACH.parse("admin")
    with pytest.raises(InvalidInput) as typo:
        COACH.parse("team fire <@U1>")
    admin_usages = [f"`/coach {sub.usage}`" for sub in COACH if sub.name.startswith("admin ")]
    assert "needs one more word" in str(alone.value) and all(u in str(alone.value) for u in admin_usages)
    assert "not a team command" in str(typo.value) and "/coach admin" not in str(typo.value)


def test_help_on_a_topic_shows_that_topic_from_every_feature_and_an_unknown_topic_shows_everything() -> None:
    admin = _help_text("admin")
    assert "becomes its admin" in admin and "/coach admin grant" in admin  # the admin feature
    assert "/coach admin quiet" in admin  # the settings feature, under the same topic
    assert "/coach team add" not in admin
    assert "lists your reps with their local time zone" in _help_text("TEAM")
    assert "/coach prioritize" in _help_text("prioritise")  # an alias names its topic
    assert _help_text("juggling") == _help_text()


def test_a_name_or_alias_registered_twice_is_refused() -> None:
    with pytest.raises(ValueError, match="registered twice"):
        CommandTable("/scorecard", [_subcommand("show"), _subcommand("week", aliases=("SHOW",))])
    with pytest.raises(ValueError, match="registered twice"):
        CommandTable("/scorecard", [_subcommand("help")])
    commands = SlashCommands()
    commands.add("/scorecard", [_subcommand("show")])
    with pytest.raises(ValueError, match="registered twice"):
        commands.add("/scorecard", [])


def test_a_command_may_declare_its_own_help_instead_of_the_generated_one() -> None:
    own = _subcommand("help")
    table = CommandTable("/scorecard", [own, _subcommand("show")], own_help=True)

    assert table.parse("help").subcommand is own and [sub.name for sub in table] == ["help", "show"]
    with pytest.raises(ValueError, match="has no `help` subcommand"):
        CommandTable("/scorecard", [_subcommand("show")], own_help=True)


class _Recorder:
    """Stands in for Bolt's App: which commands got a listener."""

    def __init__(self) -> None:
        self.commands: dict[str, Callable[..., Any]] = {}

    def command(self, name: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
        def register(listener: Callable[..., Any]) -> Callable[..., Any]:
            self.commands[name] = listener
            return listener

        return register


def test_a_new_top_level_command_registers_like_coach_with_a_default_subcommand() -> None:
    commands = SlashCommands()
    table = commands.add("/scorecard", [_subcommand(""), _subcommand("team")])
    recorder = _Recorder()
    attach(commands, recorder)  # type: ignore[arg-type]

    assert list(recorder.commands) == ["/scorecard"]
    assert table.parse("<@U1|alex>").model == Show(text="<@U1|alex>")  # no subcommand named: the default
    assert table.parse("").model == Show()
    assert table.parse("team <@U1>").model == Show(text="<@U1>")
    assert table.parse("help").subcommand.name == "help"  # every table answers help


def test_the_app_registers_exactly_the_commands_it_declares() -> None:
    recorder = _Recorder()
    attach(slash_commands(), recorder)  # type: ignore[arg-type]
    assert set(recorder.commands) == set(ids.COMMANDS)


@pytest.mark.parametrize("sub", list(COACH), ids=lambda sub: sub.name)
def test_each_subcommand_parses_its_usage_to_its_own_model(sub: Subcommand[Any]) -> None:
    usage = sub.usage.replace("@alex", "<@U1|alex>").replace("@jordan", "<@U2|jo>").replace("@sam", "<@U3|sam>")
    usage = usage.replace("#sales-coaching", "<#C1|sales-coaching>")  # Slack escapes a picked channel too
    parsed = COACH.parse(usage.replace("[topic]", ""))
    assert parsed.subcommand is sub and isinstance(parsed.model, BaseModel)

"""Slash commands as a registry: each feature declares its own subcommands.

A `Subcommand` is everything `/coach` needs to know about one command: its
name (and aliases), how to type it, its lines in `/coach help`, the parser
from the text to a typed pydantic model, whether it only reads, whether it
opens a modal, and the runner. A `CommandTable` holds the subcommands of one
top-level slash command; parsing, `help` and the answer to an unknown command
are generated from it, so they cannot fall out of step. `SlashCommands` holds
the tables; `handlers.commands.register` attaches them to Bolt
(`handlers.commands.dispatch` answers each request).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any, Generic, Literal, TypeVar

from pydantic import BaseModel
from slack_bolt import Respond
from slack_sdk import WebClient

from domain.errors import InvalidInput
from domain.model import WorkspaceRef
from handlers.blocks.help_text import HelpPart, help_message
from handlers.edge.directory import SlackUserDirectory
from handlers.edge.services import Services

M = TypeVar("M", bound=BaseModel)
Reply = dict[str, Any] | None  # the ephemeral answer; None when a modal opened or the runner answered already
_WORD = re.compile(r"\s*(\S+)")


@dataclass(frozen=True)
class Invocation:
    """One run of a subcommand: who asked, in which workspace, and the ways to answer."""

    svc: Services
    ws: WorkspaceRef
    caller_id: str
    client: WebClient
    trigger_id: str | None
    respond: Respond

    @property
    def directory(self) -> SlackUserDirectory:
        return SlackUserDirectory(self.client)


@dataclass(frozen=True)
class HelpSection:
    """A heading of `/coach help`; sections are listed by `rank`, lines in registration order."""

    title: str
    rank: int


def _never(_: BaseModel) -> bool:
    return False


def always(_: BaseModel) -> bool:
    """For `opens_modal` or `reads_only` when every form of the subcommand does."""
    return True


@dataclass(frozen=True)
class Subcommand(Generic[M]):
    """One subcommand, declared by the feature module that runs it.

    `name` is what follows the slash command ("team add"); a name with longer
    names under it ("team" under "team add") takes no text of its own. `usage`
    is how to type it, without the slash command ("team add @alex @sam").
    `help` are its lines in `/coach help` (our mrkdwn, written out in full);
    `details` its lines in `/coach help <first word>` (default: `help`).
    `parse` turns the text after the name into the model, or raises
    `InvalidInput` saying what to type. `reads_only` (for some or every model)
    means the runner writes nothing, so a caller Coachflow knows is only looked
    up, never enrolled. `opens_modal` (for some models) means the runner opens a
    modal: it runs before any other database or Slack lookup, inside the
    trigger's 3 seconds.
    """

    name: str
    usage: str
    help: tuple[str, ...]
    section: HelpSection
    parse: Callable[[str], M]
    run: Callable[[M, Invocation], Reply]
    aliases: tuple[str, ...] = ()
    details: tuple[str, ...] = ()
    reads_only: bool | Callable[[M], bool] = False
    opens_modal: Callable[[M], bool] = _never
    # Only `help`: it enrols nobody but a workspace's very first person, who becomes its admin.
    first_admin_only: bool = False

    def only_reads(self, parsed: M) -> bool:
        return self.reads_only if isinstance(self.reads_only, bool) else self.reads_only(parsed)

    @property
    def topic(self) -> str:
        return self.name.split()[0] if self.name else ""


@dataclass(frozen=True)
class Parsed:
    subcommand: Subcommand[Any]
    model: BaseModel


class Help(BaseModel):
    kind: Literal["help"] = "help"
    topic: str | None = None


EVERYONE = HelpSection("Everyone", 1000)


class CommandTable:
    """The subcommands of one top-level slash command, `help` first."""

    def __init__(self, command: str, subcommands: Iterable[Subcommand[Any]], *, own_help: bool = False) -> None:
        """`own_help`: the subcommands declare their own `help` instead of the generated one
        (`/scorecard help` lists the forms for the caller's role)."""
        self.command = command
        self._subcommands: list[Subcommand[Any]] = [*([] if own_help else [self._help_subcommand()]), *subcommands]
        if own_help and not any(sub.name == "help" for sub in self._subcommands):
            raise ValueError(f"{command} declares its own help but has no `help` subcommand")
        self._by_name: dict[str, Subcommand[Any]] = {}
        for sub in self._subcommands:
            for name in (sub.name, *sub.aliases):
                key = _key(name)
                if key in self._by_name:
                    raise ValueError(f"`{command} {name}` is registered twice")
                self._by_name[key] = sub
        self._longest = max(len(key.split()) for key in self._by_name)

    def __iter__(self) -> Iterator[Subcommand[Any]]:
        return iter(self._subcommands)

    def parse(self, text: str) -> Parsed:
        """The subcommand `text` names and its typed model; `InvalidInput` says what to type instead."""
        words = text.split()
        default = self._by_name.get("")
        if not words:
            empty = default if default is not None else self._by_name["help"]
            return Parsed(empty, empty.parse(""))
        for size in range(min(len(words), self._longest), 0, -1):
            name = _key(" ".join(words[:size]))
            sub = self._by_name.get(name)
            if sub is not None:
                rest = _after(text, size)
                if rest and self._in_group(name):
                    raise self._not_in_group(" ".join(words[: size + 1]), name)
                return Parsed(sub, sub.parse(rest))
        if default is not None:
            return Parsed(default, default.parse(text.strip()))
        if self._in_group(words[0]):
            raise self._not_in_group(" ".join(words[:2]), words[0])
        raise InvalidInput(
            f"`{self.command} {words[0].lower()}` is not a command I know. "
            f"The commands are {', '.join(f'`{t}`' for t in self.topics())}; "
            f"try `{self.command} help` for what each does."
        )

    def topics(self) -> list[str]:
        """The first words of every subcommand, in registration order (`help`, `team`, `admin`, ...)."""
        return list(dict.fromkeys(sub.topic for sub in self._subcommands if sub.topic))

    def help_parts(self, topic: str | None = None) -> list[HelpPart]:
        """`help` (every section) or `help <topic>` (that topic's details; an unknown topic shows all)."""
        wanted = self._topic_named(topic) if topic else None
        if wanted is not None:
            lines = [line for sub in self._subcommands if sub.topic == wanted for line in sub.details or sub.help]
            return [HelpPart("", tuple(lines))]
        sections: dict[HelpSection, list[str]] = {}
        for sub in self._subcommands:
            sections.setdefault(sub.section, []).extend(sub.help)
        ordered = sorted(sections.items(), key=lambda item: item[0].rank)
        return [HelpPart(section.title, tuple(lines)) for section, lines in ordered]

    def _topic_named(self, word: str) -> str | None:
        """The topic `word` names: a subcommand's first word or an alias's ("prioritise")."""
        key = _key(word)
        return next((sub.topic for name, sub in self._by_name.items() if name.split()[:1] == [key]), None)

    def _in_group(self, prefix: str) -> bool:
        start = _key(prefix) + " "
        return any(key.startswith(start) for key in self._by_name)

    def _not_in_group(self, typed: str, group: str) -> InvalidInput:
        members = [sub for sub in self._subcommands if sub.name == group or sub.name.startswith(group + " ")]
        usages = ", ".join(f"`{self.command} {sub.usage}`" for sub in members)
        typed = f"`{self.command} {typed.lower()}`"
        problem = f"{typed} needs one more word" if typed == f"`{self.command} {group}`" else (
            f"{typed} is not {_a(group)} {group} command")
        return InvalidInput(f"{problem}. {group.capitalize()} commands: {usages}.")

    def _help_subcommand(self) -> Subcommand[Help]:
        command = self.command

        def run(parsed: Help, call: Invocation) -> Reply:
            return help_message(f"Coachflow: {command} commands", self.help_parts(parsed.topic))

        return Subcommand(
            name="help",
            aliases=("?",),
            usage="help [topic]",
            help=(f"`{command} help` this list; `{command} help team` more about one topic",
                  "Open the *Home* tab of Coachflow to see your coaching at a glance."),
            section=EVERYONE,
            parse=lambda rest: Help(topic=rest.split()[0].lower() if rest.split() else None),
            run=run,
            reads_only=True,
            first_admin_only=True,
        )


class SlashCommands:
    """The top-level slash commands the app answers, each with its table."""

    def __init__(self) -> None:
        self._tables: dict[str, CommandTable] = {}

    def add(self, command: str, subcommands: Iterable[Subcommand[Any]], *, own_help: bool = False) -> CommandTable:
        """Register a top-level slash command; ids.COMMANDS and manifest.yml must list it too."""
        if command in self._tables:
            raise ValueError(f"{command} is registered twice")
        table = self._tables[command] = CommandTable(command, subcommands, own_help=own_help)
        return table

    def __iter__(self) -> Iterator[CommandTable]:
        return iter(self._tables.values())


def _key(name: str) -> str:
    return " ".join(name.lower().split())


def _after(text: str, words: int) -> str:
    """`text` after its first `words` words, as typed (mentions and inner spacing intact)."""
    end = 0
    for _ in range(words):
        found = _WORD.match(text, end)
        assert found is not None  # `words` never exceeds what split() found
        end = found.end()
    return text[end:].strip()


def _a(word: str) -> str:
    return "an" if word[:1].lower() in "aeiou" else "a"

"""Every listener the app registers, read from the registration code itself (not a list kept by hand).

`registered()` runs `handlers.register_all` against a recorder standing in
for the Bolt app, so a listener added tomorrow is fuzzed tomorrow without a
line here. The slash subcommands come from the command tables
(`handlers.commands.slash_commands`), the shortcut types from manifest.yml.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

import handlers
from handlers.commands import slash_commands

MANIFEST = Path(__file__).resolve().parents[2] / "manifest.yml"
KINDS = ("command", "event", "action", "view", "options", "shortcut")


@dataclass
class Registered:
    """Listener ids by kind, as the app registers them."""

    ids: dict[str, set[str]] = field(default_factory=lambda: {kind: set() for kind in KINDS})

    def _listen(self, kind: str) -> Callable[[Any], Callable[[Callable[..., Any]], Callable[..., Any]]]:
        def register(constraint: Any) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
            if not isinstance(constraint, str):
                raise TypeError(f"{kind} listener on {constraint!r}: the robustness suite reads string ids only; "
                                "teach tests/robustness/listeners.py the new kind of constraint")
            self.ids[kind].add(constraint)
            return lambda listener: listener
        return register

    def __getattr__(self, name: str) -> Any:
        if name in KINDS:
            return self._listen(name)
        if name in ("use", "middleware", "error"):
            return lambda *args, **kwargs: None  # middleware and the error handler are not listeners
        raise AttributeError(f"the robustness suite's recorder does not know app.{name}(); add it to KINDS")


@cache
def registered() -> dict[str, tuple[str, ...]]:
    recorder = Registered()
    handlers.register_all(recorder)  # type: ignore[arg-type]
    return {kind: tuple(sorted(ids)) for kind, ids in recorder.ids.items()}


@cache
def subcommand_names() -> dict[str, tuple[str, ...]]:
    """{"/coach": ("help", "team add", ...), ...}: what may follow each slash command."""
    names: dict[str, tuple[str, ...]] = {}
    for table in slash_commands():
        words: list[str] = []
        for sub in table:
            words += [sub.name, *sub.aliases]
        names[table.command] = tuple(sorted(set(words)))
    return names


@cache
def shortcut_types() -> dict[str, str]:
    """{callback_id: "message" | "global"} from manifest.yml."""
    manifest = yaml.safe_load(MANIFEST.read_text(encoding="utf-8"))
    shortcuts = manifest.get("features", {}).get("shortcuts", [])
    return {s["callback_id"]: s["type"] for s in shortcuts}

"""`/coach help`: the lines each feature registered with its subcommands (handlers/commands/registry.py)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from handlers.blocks import limits
from handlers.blocks.kit import Block, header, message, section


@dataclass(frozen=True)
class HelpPart:
    """One heading of the help and its lines; an empty title for one topic's help."""

    title: str
    lines: tuple[str, ...]


def help_message(title: str, parts: list[HelpPart]) -> dict[str, Any]:
    """One section per heading, so a long help never passes a section's text limit."""
    blocks: list[Block] = [header(title)]
    for part in parts:
        lines = [f"*{part.title}*", *part.lines] if part.title else list(part.lines)
        blocks.append(section(limits.clip("\n".join(lines), limits.SECTION_TEXT)))
    return message(title, blocks)

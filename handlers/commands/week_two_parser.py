"""Parsing the week-2 commands: `/coach prioritize @rep`, `/coach focus [@rep] [...]`, `/coach contract [@rep]`."""

from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel

from domain.errors import InvalidInput

_LEADING_MENTION = re.compile(r"^\s*<@([UW][A-Z0-9]+)(?:\|[^>]*)?>")


class Prioritize(BaseModel):
    """`/coach prioritize @alex`: rate impact and difficulty of each gap (manager)."""

    kind: Literal["prioritize"] = "prioritize"
    rep_id: str


class Focus(BaseModel):
    """`/coach focus [@alex]` shows; `... discovery, closing` sets; `add closing`; `accept` takes the proposal."""

    kind: Literal["focus"] = "focus"
    rep_id: str | None = None
    action: Literal["show", "set", "add", "accept"] = "show"
    skills: list[str] = []


class Contract(BaseModel):
    """`/coach contract` shows your own; `/coach contract @alex` writes or edits it; `... show` reads it."""

    kind: Literal["contract"] = "contract"
    rep_id: str | None = None
    show: bool = False


WeekTwoCommand = Prioritize | Focus | Contract
HEADS = frozenset({"prioritize", "prioritise", "focus", "contract"})


def _split_rep(rest: str) -> tuple[str | None, str]:
    """The rep mentioned first, and what follows."""
    found = _LEADING_MENTION.match(rest)
    if not found:
        if "<@" in rest or rest.strip().startswith("@"):
            raise InvalidInput("Mention the rep first, picked from the @ autocomplete (the name turns blue): "
                               "`/coach focus @alex`.")
        return None, rest.strip()
    return found.group(1), rest[found.end():].strip()


def _skills(text: str) -> list[str]:
    # Commas let names with spaces through ("objection handling, closing"); ids need none.
    parts = text.split(",") if "," in text else text.split()
    return [p.strip() for p in parts if p.strip()]


def parse_week_two(head: str, rest: str) -> WeekTwoCommand:
    rep_id, tail = _split_rep(rest)
    if head in {"prioritize", "prioritise"}:
        if rep_id is None or tail:
            raise InvalidInput("Say whose gaps to rate: `/coach prioritize @alex`.")
        return Prioritize(rep_id=rep_id)
    if head == "contract":
        if tail and tail.lower() != "show":
            raise InvalidInput("`/coach contract` shows yours; `/coach contract @alex` writes or edits a rep's; "
                               "`/coach contract @alex show` reads it.")
        return Contract(rep_id=rep_id, show=bool(tail))
    words = tail.split(maxsplit=1)
    if not words:
        return Focus(rep_id=rep_id)
    if rep_id is None:
        raise InvalidInput("Name the rep first: `/coach focus @alex discovery, value articulation`.")
    verb = words[0].lower()
    if verb == "accept" and len(words) == 1:
        return Focus(rep_id=rep_id, action="accept")
    if verb == "add":
        skills = _skills(words[1] if len(words) > 1 else "")
        if len(skills) != 1:
            raise InvalidInput("Add one skill at a time: `/coach focus @alex add closing`.")
        return Focus(rep_id=rep_id, action="add", skills=skills)
    return Focus(rep_id=rep_id, action="set", skills=_skills(tail))

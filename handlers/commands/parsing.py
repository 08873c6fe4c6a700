"""Reading people and dates out of a slash command's text, for every feature's parser.

The commands are declared with `should_escape: true`, so Slack sends mentions
as `<@U123|alex>`; plain `@alex` means the person was not picked from Slack's
autocomplete and we cannot know who it is.
"""

from __future__ import annotations

import re
from datetime import date

from domain.errors import InvalidInput

USER_MENTION = re.compile(r"<@([UW][A-Z0-9]+)(?:\|[^>]*)?>")
_LEADING_MENTION = re.compile(r"^\s*<@([UW][A-Z0-9]+)(?:\|[^>]*)?>")
_OTHER_MENTION = re.compile(r"<[#!][^>]*>")
_PLAIN_AT = re.compile(r"(?<![<\w])@[\w.\-]+")
ISO_DATE = re.compile(r"\b[0-9]{4}-[0-9]{2}-[0-9]{2}\b", re.ASCII)


def mentioned_users(text: str) -> list[str]:
    """User ids mentioned in `text`, refusing channels, unlinked names and anything else."""
    others = _OTHER_MENTION.findall(text)
    if others:
        raise InvalidInput(
            f"`{others[0]}` is a channel or group, not a person. "
            "Mention people one by one, e.g. `@alex @sam`."
        )
    stripped = USER_MENTION.sub(" ", text)
    unlinked = _PLAIN_AT.findall(stripped)
    if unlinked:
        raise InvalidInput(
            f"I could not tell who `{unlinked[0]}` is. Pick each person from the @ "
            "autocomplete so Slack links the name (it turns blue)."
        )
    leftovers = stripped.split()
    if leftovers:
        raise InvalidInput(
            f"I did not understand `{' '.join(leftovers)}`. Mention people only, e.g. `@alex @sam`."
        )
    return list(dict.fromkeys(USER_MENTION.findall(text)))


def require_people(text: str, example: str) -> list[str]:
    """At least one person; `example` is what to type instead."""
    people = mentioned_users(text)
    if not people:
        raise InvalidInput(f"Name at least one person, e.g. `{example}`.")
    return people


def at_most_one_person(text: str, command: str) -> str | None:
    """The one rep mentioned, or None for "your own"; `command` is e.g. `/coach score`."""
    people = mentioned_users(text)
    if len(people) > 1:
        raise InvalidInput(f"One rep at a time: `{command} @alex` (or `{command}` for your own).")
    return people[0] if people else None


def leading_person(text: str, example: str) -> tuple[str | None, str]:
    """The person mentioned first, and the text after them; `example` shows the right order."""
    found = _LEADING_MENTION.match(text)
    if not found:
        if "<@" in text or text.strip().startswith("@"):
            raise InvalidInput("Mention the rep first, picked from the @ autocomplete (the name turns blue): "
                               f"`{example}`.")
        return None, text.strip()
    return found.group(1), text[found.end():].strip()


def iso_date(text: str, example: str) -> date:
    """`text` as YYYY-MM-DD (ASCII digits only: `date.fromisoformat` reads other scripts' digits)."""
    try:
        if not ISO_DATE.fullmatch(text):
            raise ValueError(text)
        return date.fromisoformat(text)
    except ValueError:
        raise InvalidInput(f"`{text}` is not a date; use YYYY-MM-DD, e.g. `{example}`.") from None

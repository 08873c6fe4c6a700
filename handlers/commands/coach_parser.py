"""Turn `/coach ...` text into a typed command, or say what to type instead.

The command is declared with `should_escape: true`, so Slack sends mentions
as `<@U123|alex>`; plain `@alex` means the person was not picked from Slack's
autocomplete and we cannot know who it is.
"""

from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel, Field

from domain.errors import InvalidInput

_USER_MENTION = re.compile(r"<@([UW][A-Z0-9]+)(?:\|[^>]*)?>")
_OTHER_MENTION = re.compile(r"<[#!][^>]*>")
_PLAIN_AT = re.compile(r"(?<![<\w])@[\w.\-]+")


class Help(BaseModel):
    kind: Literal["help"] = "help"
    topic: str | None = None


class TeamList(BaseModel):
    kind: Literal["team_list"] = "team_list"


class TeamAdd(BaseModel):
    kind: Literal["team_add"] = "team_add"
    user_ids: list[str] = Field(min_length=1)


class TeamRemove(BaseModel):
    kind: Literal["team_remove"] = "team_remove"
    user_ids: list[str] = Field(min_length=1)


class TeamMove(BaseModel):
    kind: Literal["team_move"] = "team_move"
    rep_id: str
    manager_id: str


class AdminGrant(BaseModel):
    kind: Literal["admin_grant"] = "admin_grant"
    user_ids: list[str] = Field(min_length=1)


class AdminTeams(BaseModel):
    kind: Literal["admin_teams"] = "admin_teams"


CoachCommand = Help | TeamList | TeamAdd | TeamRemove | TeamMove | AdminGrant | AdminTeams


def mentioned_users(text: str) -> list[str]:
    """User ids mentioned in `text`, refusing channels and unlinked names."""
    others = _OTHER_MENTION.findall(text)
    if others:
        raise InvalidInput(
            f"`{others[0]}` is a channel or group, not a person. "
            "Mention people one by one, e.g. `@alex @sam`."
        )
    stripped = _USER_MENTION.sub(" ", text)
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
    return list(dict.fromkeys(_USER_MENTION.findall(text)))


def parse_coach_command(text: str) -> CoachCommand:
    words = text.strip().split(maxsplit=2)
    head = words[0].lower() if words else "help"
    if head in {"help", "?"}:
        return Help(topic=words[1].lower() if len(words) > 1 else None)
    if head == "team":
        return _parse_team(words[1:])
    if head == "admin":
        return _parse_admin(words[1:])
    raise InvalidInput(
        f"`/coach {head}` is not a command I know. Try `/coach help` for the list."
    )


def _parse_team(words: list[str]) -> CoachCommand:
    if not words:
        return TeamList()
    action = words[0].lower()
    rest = " ".join(words[1:])
    if action in {"list", "show"}:
        return TeamList()
    if action == "add":
        return TeamAdd(user_ids=_require_people(rest, "/coach team add @alex @sam"))
    if action == "remove":
        return TeamRemove(user_ids=_require_people(rest, "/coach team remove @alex"))
    if action == "move":
        people = _require_people(re.sub(r"\bto\b", " ", rest), "/coach team move @alex @new-manager")
        if len(people) != 2:
            raise InvalidInput(
                "Name the rep and then their new manager: `/coach team move @alex @jordan`."
            )
        return TeamMove(rep_id=people[0], manager_id=people[1])
    raise InvalidInput(
        f"`/coach team {action}` is not a team command. Use `/coach team`, "
        "`/coach team add @alex`, `/coach team remove @alex` or `/coach team move @alex @jordan`."
    )


def _parse_admin(words: list[str]) -> CoachCommand:
    action = words[0].lower() if words else ""
    if action == "grant":
        return AdminGrant(user_ids=_require_people(" ".join(words[1:]), "/coach admin grant @jordan"))
    if action == "teams":
        return AdminTeams()
    raise InvalidInput("Admin commands: `/coach admin grant @jordan` and `/coach admin teams`.")


def _require_people(text: str, example: str) -> list[str]:
    people = mentioned_users(text)
    if not people:
        raise InvalidInput(f"Name at least one person, e.g. `{example}`.")
    return people

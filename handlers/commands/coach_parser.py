"""Turn `/coach ...` text into a typed command, or say what to type instead.

The command is declared with `should_escape: true`, so Slack sends mentions
as `<@U123|alex>`; plain `@alex` means the person was not picked from Slack's
autocomplete and we cannot know who it is.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Literal

from pydantic import BaseModel, Field

from domain.errors import InvalidInput
from handlers.commands.week_two_parser import HEADS as WEEK_TWO
from handlers.commands.week_two_parser import WeekTwoCommand, parse_week_two

_USER_MENTION = re.compile(r"<@([UW][A-Z0-9]+)(?:\|[^>]*)?>")
_OTHER_MENTION = re.compile(r"<[#!][^>]*>")
_PLAIN_AT = re.compile(r"(?<![<\w])@[\w.\-]+")
_WEEKS = re.compile(r"[0-9]{1,3}", re.ASCII)
_ISO_DATE = re.compile(r"\b[0-9]{4}-[0-9]{2}-[0-9]{2}\b", re.ASCII)


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


class Pause(BaseModel):
    kind: Literal["pause"] = "pause"
    until: str


class Resume(BaseModel):
    kind: Literal["resume"] = "resume"


class Notify(BaseModel):
    """`/coach notify` (list), `/coach notify off week_ahead`; `workspace` for admins."""

    kind: Literal["notify"] = "notify"
    enabled: bool | None = None
    notification: str | None = None
    workspace: bool = False


class AdminCalendar(BaseModel):
    """`/coach admin workweek sun-thu`, `holiday add 2026-12-25`, `quiet 20:00-07:00`, `settings`."""

    kind: Literal["admin_calendar"] = "admin_calendar"
    setting: Literal["workweek", "holiday_add", "holiday_remove", "quiet", "show"]
    value: str = ""


class StartCycle(BaseModel):
    kind: Literal["start_cycle"] = "start_cycle"
    rep_id: str
    starts_on: date | None = None


class CycleCommand(BaseModel):
    """`/coach cycle` (own), `/coach cycle @alex`, `/coach cycle @alex advance|end|extend 2`."""

    kind: Literal["cycle"] = "cycle"
    rep_id: str | None = None
    action: Literal["show", "advance", "extend", "end"] = "show"
    weeks: int = 1


class ScoreCall(BaseModel):
    """`/coach score @alex` (a rep's call) or `/coach score` (your own)."""

    kind: Literal["score"] = "score"
    rep_id: str | None = None


class Assess(BaseModel):
    kind: Literal["assess"] = "assess"


class Profile(BaseModel):
    kind: Literal["profile"] = "profile"
    rep_id: str | None = None


CoachCommand = (
    Help | TeamList | TeamAdd | TeamRemove | TeamMove | AdminGrant | AdminTeams | Pause | Resume | Notify
    | AdminCalendar | StartCycle | CycleCommand | ScoreCall | Assess | Profile | WeekTwoCommand
)


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
    if head == "pause":
        if len(words) < 2:
            raise InvalidInput(
                "Say until when: `/coach pause until 2026-12-01`, `/coach pause 3d` or `/coach pause 2w`."
            )
        return Pause(until=" ".join(words[1:]))
    if head == "resume":
        return Resume()
    if head == "start":
        return _parse_start(" ".join(words[1:]))
    if head == "cycle":
        return _parse_cycle(" ".join(words[1:]))
    if head == "notify":
        return _parse_notify(words[1:], workspace=False)
    if head in {"score", "profile"}:
        people = mentioned_users(" ".join(words[1:]))
        if len(people) > 1:
            raise InvalidInput(f"One rep at a time: `/coach {head} @alex` (or `/coach {head}` for your own).")
        rep_id = people[0] if people else None
        return ScoreCall(rep_id=rep_id) if head == "score" else Profile(rep_id=rep_id)
    if head == "assess":
        return Assess()
    if head in WEEK_TWO:
        return parse_week_two(head, text.strip()[len(words[0]):])
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
    rest = " ".join(words[1:]).strip()
    if action == "grant":
        return AdminGrant(user_ids=_require_people(rest, "/coach admin grant @jordan"))
    if action == "teams":
        return AdminTeams()
    if action == "notify":
        return _parse_notify(rest.split(), workspace=True)
    if action in {"settings", "calendar"}:
        return AdminCalendar(setting="show")
    if action == "workweek" and rest:
        return AdminCalendar(setting="workweek", value=rest)
    if action == "quiet" and rest:
        return AdminCalendar(setting="quiet", value=rest)
    if action == "holiday":
        parts = rest.split()
        if len(parts) == 2 and parts[0].lower() in {"add", "remove"}:
            return AdminCalendar(setting=f"holiday_{parts[0].lower()}", value=parts[1])
        raise InvalidInput(
            "Holidays: `/coach admin holiday add 2026-12-25` or `/coach admin holiday remove 2026-12-25`."
        )
    raise InvalidInput(
        "Admin commands: `/coach admin grant @jordan`, `/coach admin teams`, `/coach admin settings`, "
        "`/coach admin workweek sun-thu`, `/coach admin holiday add 2026-12-25`, "
        "`/coach admin quiet 20:00-07:00` and `/coach admin notify off week_ahead`."
    )


def _parse_start(rest: str) -> StartCycle:
    example = "/coach start @alex 2026-12-07"
    dates = _ISO_DATE.findall(rest)
    people = _require_people(_ISO_DATE.sub(" ", rest), example)
    if len(people) != 1 or len(dates) > 1:
        raise InvalidInput(f"Start one rep's cycle at a time: `{example}` (the date is optional: next Monday).")
    try:
        starts_on = date.fromisoformat(dates[0]) if dates else None
    except ValueError:
        raise InvalidInput(f"`{dates[0]}` is not a date; use YYYY-MM-DD, e.g. `{example}`.") from None
    return StartCycle(rep_id=people[0], starts_on=starts_on)


def _parse_cycle(rest: str) -> CycleCommand:
    words = _USER_MENTION.sub(" ", rest).split()
    people = _USER_MENTION.findall(rest)
    if len(people) > 1:
        raise InvalidInput("One rep at a time: `/coach cycle @alex`.")
    rep_id = people[0] if people else None
    if not words:
        return CycleCommand(rep_id=rep_id)
    action = words[0].lower()
    if rep_id is None or action not in {"advance", "extend", "end"} or len(words) > 2:
        raise InvalidInput(
            "Cycle commands: `/coach cycle` (yours), `/coach cycle @alex`, "
            "`/coach cycle @alex advance`, `/coach cycle @alex extend 2` and `/coach cycle @alex end`."
        )
    weeks = 1
    if len(words) == 2:
        if action != "extend":
            raise InvalidInput("Only `extend` takes a number of weeks: `/coach cycle @alex extend 2`.")
        # ASCII digits, and few: str.isdigit() accepts `²`, which int() refuses, and
        # int() refuses more than 4,300 digits; the cycle checks the 1-4 range.
        if not _WEEKS.fullmatch(words[1]):
            raise InvalidInput("Extend by a whole number of weeks, 1 to 4: `/coach cycle @alex extend 2`.")
        weeks = int(words[1])
    return CycleCommand(rep_id=rep_id, action=action, weeks=weeks)


def _parse_notify(words: list[str], *, workspace: bool) -> Notify:
    if not words:
        return Notify(workspace=workspace)
    switch = words[0].lower()
    if switch in {"on", "off"} and len(words) == 2:
        return Notify(enabled=switch == "on", notification=words[1].lower(), workspace=workspace)
    prefix = "/coach admin notify" if workspace else "/coach notify"
    raise InvalidInput(f"Use `{prefix}` to list notifications, `{prefix} off week_ahead` or `{prefix} on week_ahead`.")


def _require_people(text: str, example: str) -> list[str]:
    people = mentioned_users(text)
    if not people:
        raise InvalidInput(f"Name at least one person, e.g. `{example}`.")
    return people

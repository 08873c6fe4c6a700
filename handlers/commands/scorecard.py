"""`/scorecard`: a rep's weekly scorecard, a rep's for their manager or an admin, a team's, posting and export.

- `/scorecard [last | 2026-W48 | W48]` your own (your calendar's week);
  `/scorecard post [week]` shares it in the channel after a confirmation.
- `/scorecard @rep [week]` one rep's (their manager, an admin);
  `/scorecard team [@manager] [week]` a team's digest (`@manager`: admins).
- `... export` the weekly indicator table as a CSV file in the caller's DM.

Who may see what is decided in `domain.services.scorecard_views`; every
answer is ephemeral, and nothing is written but a posted card's receipt
(`handlers.actions.scorecards`).
"""

from __future__ import annotations

import re
from typing import Any, Literal

from pydantic import BaseModel

from domain.errors import InvalidInput
from domain.model import Role
from domain.services.scorecard_csv import to_csv
from domain.services.scorecard_views import WEEK_FORMS, ExportView, WeekAsk
from handlers.blocks.scorecard_answers import (
    export_answer,
    export_comment,
    own_scorecard_answer,
    post_confirmation,
    rep_scorecard_answer,
    scorecard_help,
    team_scorecard_answer,
)
from handlers.commands.parsing import USER_MENTION, mentioned_users
from handlers.commands.registry import (
    EVERYONE,
    CommandTable,
    HelpSection,
    Invocation,
    Reply,
    SlashCommands,
    Subcommand,
)
from handlers.edge import ids
from handlers.edge.csv_upload import upload_csv

SCORECARDS = HelpSection("Scorecards", 10)
USAGE = ("`/scorecard [last | 2026-W48]`, `/scorecard post [week]`, `/scorecard @rep [week]`, "
         "`/scorecard team [week]`, `/scorecard @rep export` or `/scorecard help`")
_WEEK = re.compile(r"(?:([0-9]{4})-)?w([0-9]{1,2})", re.ASCII | re.IGNORECASE)
_DIGIT = re.compile(r"[0-9]")
Then = Literal["show", "post", "export"]


class ScorecardAsk(BaseModel):
    """`/scorecard`, `/scorecard last`, `/scorecard @alex W48`, `/scorecard post`, `/scorecard @alex export`."""

    kind: Literal["scorecard"] = "scorecard"
    rep_id: str | None = None
    week: WeekAsk = WeekAsk()
    then: Then = "show"


class TeamAsk(BaseModel):
    """`/scorecard team [@manager] [week]` and `/scorecard team [@manager] export`."""

    kind: Literal["team"] = "team"
    manager_id: str | None = None
    week: WeekAsk = WeekAsk()
    export: bool = False


class ScorecardHelp(BaseModel):
    kind: Literal["help"] = "help"


def read_week(word: str) -> WeekAsk:
    """`this`, `last`, `2026-W48`, `W48` (this year); anything else that looks like a week says the forms."""
    lowered = word.lower()
    if lowered == "this":
        return WeekAsk()
    if lowered == "last":
        return WeekAsk(weeks_back=1)
    found = _WEEK.fullmatch(word)
    if found is None:
        raise InvalidInput(f"I could not read `{word[:20]}` as a week. Name a week as {WEEK_FORMS}.")
    number = int(found.group(2))
    if not 1 <= number <= 53:
        raise InvalidInput(f"There is no week {number}: ISO weeks run from 1 to 52 or 53. "
                           f"Name a week as {WEEK_FORMS}.")
    return WeekAsk(number=number, year=int(found.group(1)) if found.group(1) else None)


def _words(rest: str, allowed: tuple[str, ...], command: str) -> tuple[str | None, WeekAsk | None, set[str]]:
    """(the one person mentioned, the week, the keywords among `allowed`) read from the text."""
    people = mentioned_users(" ".join(m.group(0) for m in USER_MENTION.finditer(rest)) + _others(rest))
    if len(people) > 1:
        raise InvalidInput(f"One person at a time: `{command} @alex`.")
    week: WeekAsk | None = None
    keywords: set[str] = set()
    for word in USER_MENTION.sub(" ", rest).split():
        lowered = word.lower()
        if lowered in allowed:
            keywords.add(lowered)
        elif lowered == "week":  # "last week", "this week"
            continue
        elif lowered in ("this", "last") or _DIGIT.search(word):
            if week is not None:
                raise InvalidInput(f"One week at a time, e.g. `{command} 2026-W48`.")
            week = read_week(word)
        else:
            raise InvalidInput(f"`{command}` does not know `{word[:30]}`. Try {USAGE}.")
    return (people[0] if people else None), week, keywords


def _others(rest: str) -> str:
    """The channel mentions and unlinked `@names` of the text, for `mentioned_users` to refuse."""
    leftovers = [w for w in USER_MENTION.sub(" ", rest).split() if w.startswith(("<#", "<!", "@"))]
    return (" " + " ".join(leftovers)) if leftovers else ""


def parse_scorecard(rest: str, then: Then = "show") -> ScorecardAsk:
    rep_id, week, keywords = _words(rest, ("post", "export"), "/scorecard")
    if then == "post":
        keywords.add("post")
    if keywords == {"post", "export"}:
        raise InvalidInput("Either `post` or `export`, not both: `/scorecard post` or `/scorecard @alex export`.")
    if "export" in keywords and week is not None:
        raise InvalidInput("An export covers every week of the coaching cycle so far; leave out the week: "
                           "`/scorecard @alex export`.")
    chosen: Then = "post" if "post" in keywords else "export" if "export" in keywords else "show"
    return ScorecardAsk(rep_id=rep_id, week=week or WeekAsk(), then=chosen)


def parse_team(rest: str) -> TeamAsk:
    if any(word.lower() == "post" for word in rest.split()):
        raise InvalidInput("Team scorecards are never posted in a channel: only a rep posts their own card "
                           "(`/scorecard post`).")
    manager_id, week, keywords = _words(rest, ("export",), "/scorecard team")
    if "export" in keywords and week is not None:
        raise InvalidInput("An export covers every week of the coaching cycles so far; leave out the week: "
                           "`/scorecard team export`.")
    return TeamAsk(manager_id=manager_id, week=week or WeekAsk(), export="export" in keywords)


def run_scorecard(parsed: ScorecardAsk, call: Invocation) -> Reply:
    views = call.svc.scorecards
    if parsed.then == "post":
        return post_confirmation(views.ask_to_post(call.ws, call.caller_id, parsed.rep_id, parsed.week))
    if parsed.then == "export":
        return _exported(views.export(call.ws, call.caller_id, rep_id=parsed.rep_id), call)
    shown = views.rep_card(call.ws, call.caller_id, parsed.rep_id, parsed.week)
    return own_scorecard_answer(shown) if shown.own else rep_scorecard_answer(shown)


def run_team(parsed: TeamAsk, call: Invocation) -> Reply:
    views = call.svc.scorecards
    if parsed.export:
        return _exported(views.export(call.ws, call.caller_id, team=True, manager_id=parsed.manager_id), call)
    return team_scorecard_answer(views.team_card(call.ws, call.caller_id, parsed.manager_id, parsed.week))


def run_help(parsed: ScorecardHelp, call: Invocation) -> Reply:
    member = call.svc.roster.member(call.ws, call.caller_id)
    return scorecard_help(is_manager=member is not None and member.role is Role.MANAGER,
                          is_admin=member is not None and member.is_admin)


def _exported(done: ExportView, call: Invocation) -> Reply:
    uploaded = False
    if done.export.rows:
        uploaded = upload_csv(call.client, call.caller_id, to_csv(done.export.rows), f"{done.file_stem}.csv",
                              f"Weekly indicators of {done.file_stem}", export_comment(done))
    return export_answer(done, uploaded)


SUBCOMMANDS: tuple[Subcommand[Any], ...] = (
    Subcommand(
        name="help", aliases=("?",), usage="help", section=EVERYONE,
        help=("`/scorecard help` the forms for your role",),
        parse=lambda rest: ScorecardHelp(), run=run_help, reads_only=True,
    ),
    Subcommand(
        name="team", usage="team [@manager] [week | export]", section=SCORECARDS,
        help=("`/scorecard team [week]` your team's digest; admins: `/scorecard team @manager`",),
        parse=parse_team, run=run_team, reads_only=True,
    ),
    Subcommand(
        name="post", usage="post [week]", section=SCORECARDS,
        help=("`/scorecard post [week]` share your own scorecard in this channel, after a confirmation",),
        parse=lambda rest: parse_scorecard(rest, "post"), run=run_scorecard, reads_only=True,
    ),
    Subcommand(
        name="", usage="[@rep] [last | 2026-W48 | W48] [export]", section=SCORECARDS,
        help=("`/scorecard [last | 2026-W48]` your scorecard; `/scorecard @rep [week]` one of your reps'",),
        parse=parse_scorecard, run=run_scorecard, reads_only=True,
    ),
)


def register(commands: SlashCommands) -> CommandTable:
    return commands.add(ids.SCORECARD_COMMAND, SUBCOMMANDS, own_help=True)

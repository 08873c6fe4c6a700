"""`/coach results [@rep]` and `/coach admin results [team | @manager] [since YYYY-MM-DD]`: the cycle's results.

A rep types `/coach results` for their own; a manager names one of their
reps; an admin anyone. The page is an ephemeral reply; the chart follows in
the caller's DM (charts on). Admins get a team's lines and totals over the
cycles ended since a date or still running (default: the last 12 weeks).
Who may see what is decided in `domain.services.results`.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any, Literal

from pydantic import BaseModel

from domain.errors import InvalidInput
from handlers.blocks.results import results_message, team_results_message
from handlers.charts.results import has_chart
from handlers.commands.admin import ADMINS
from handlers.commands.parsing import USER_MENTION, mentioned_users
from handlers.commands.registry import HelpSection, Invocation, Reply, Subcommand
from handlers.edge.results_upload import send_results_chart

RESULTS = HelpSection("The cycle's results", 25)
USAGE = "`/coach results` your own, `/coach results @alex` one of your reps'"
ADMIN_USAGE = "`/coach admin results [team | @manager] [since 2026-10-01]`"
_ISO = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", re.ASCII)


class ResultsAsk(BaseModel):
    kind: Literal["results"] = "results"
    rep_id: str | None = None


class TeamResultsAsk(BaseModel):
    kind: Literal["admin_results"] = "admin_results"
    manager_id: str | None = None
    since: date | None = None


def parse_results(rest: str) -> ResultsAsk:
    people = mentioned_users(rest)
    if len(people) > 1 or USER_MENTION.sub(" ", rest).strip():
        raise InvalidInput(f"Name one rep, picked from the @ list: {USAGE}.")
    return ResultsAsk(rep_id=people[0] if people else None)


def parse_team_results(rest: str) -> TeamResultsAsk:
    words = USER_MENTION.sub(" ", rest).split()
    # Only the mentions, and what looks like an unlinked one (`@maya`), which `mentioned_users` refuses.
    people = mentioned_users(" ".join([m.group(0) for m in USER_MENTION.finditer(rest)]
                                      + [w for w in words if w.startswith(("@", "<"))]))
    if len(people) > 1:
        raise InvalidInput(f"One manager at a time: {ADMIN_USAGE}.")
    words = [w.lower() for w in words]
    since: date | None = None
    if "since" in words:
        at = words.index("since")
        day = words[at + 1] if at + 1 < len(words) else ""
        try:
            since = date.fromisoformat(day) if _ISO.fullmatch(day) else None
        except ValueError:
            since = None
        if since is None:
            raise InvalidInput(f"Give the date as YYYY-MM-DD after `since`: {ADMIN_USAGE}.")
        words = words[:at] + words[at + 2:]
    if [w for w in words if w not in ("team", "all")]:
        raise InvalidInput(f"I could not read `{' '.join(words)[:40]}`. Try {ADMIN_USAGE}.")
    return TeamResultsAsk(manager_id=people[0] if people else None, since=since)


def run_results(parsed: ResultsAsk, call: Invocation) -> Reply:
    found = call.svc.results.rep_results(call.ws, call.caller_id, parsed.rep_id)
    # Words first: the chart takes a moment to draw and may not arrive at all.
    drawn = call.svc.charts_enabled and has_chart(found)
    call.respond(response_type="ephemeral", **results_message(found, chart_follows=drawn))
    if drawn:
        send_results_chart(call.client, True, call.caller_id, found)
    return None


def run_team_results(parsed: TeamResultsAsk, call: Invocation) -> Reply:
    return team_results_message(call.svc.results.team_results(call.ws, call.caller_id, parsed.manager_id,
                                                              parsed.since))


SUBCOMMANDS: tuple[Subcommand[Any], ...] = (
    Subcommand(
        name="results", usage="results @alex", section=RESULTS,
        help=((f"{USAGE}: each focus skill's indicators in week 3 against the last two weeks, call scores, "
              "pipeline, commitments, 1:1 hours and the 21-day challenge, with a chart"),),
        parse=parse_results, run=run_results, reads_only=True,
    ),
    Subcommand(
        name="admin results", usage="admin results @jordan since 2026-10-01", section=ADMINS,
        help=(f"{ADMIN_USAGE} every rep's cycle results and the team's totals (admins)",),
        details=(("`/coach admin results` every team's cycles ended in the last 12 weeks or still running; "
                 "`@manager` one manager's; `since 2026-10-01` from that date."),
                 "The same figures as a file: `coachflow results --team T --since 2026-10-01 --format csv`."),
        parse=parse_team_results, run=run_team_results, reads_only=True,
    ),
)

"""`/challenge`: the 21-day challenge (issue 13).

`/challenge` (a rep, for themself) and `/challenge start @rep` (their
manager) open the start form; `/challenge status` shows the figures;
`/challenge done|missed|no-calls [note]` answers the day open now (the
nudge's buttons do the same in one click), `/challenge repair` makes up
yesterday's missed day, `/challenge time 07:45` moves the nudge. `/coach admin challenge working|calendar` chooses
how new challenges count their 21 days.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel

from domain.coaching.challenge import Answer
from domain.errors import InvalidInput
from domain.notifications.challenge_summary import CADENCES
from handlers.blocks.challenge import answered_message, progress_message
from handlers.blocks.mrkdwn import unescape
from handlers.commands.admin import ADMINS
from handlers.commands.parsing import leading_person
from handlers.commands.registry import (
    CommandTable,
    HelpSection,
    Invocation,
    Reply,
    SlashCommands,
    Subcommand,
    always,
)
from handlers.edge import ids
from handlers.edge.sender import deliver
from handlers.views.open_challenge import open_challenge_start

CHALLENGE = HelpSection("21-day challenge", 12)
_ANSWERS = {"done": Answer.DONE, "missed": Answer.MISSED, "no-calls": Answer.NO_CALLS}


class Start(BaseModel):
    kind: Literal["challenge_start"] = "challenge_start"
    rep_id: str | None = None


class Status(BaseModel):
    kind: Literal["challenge_status"] = "challenge_status"


class AnswerDay(BaseModel):
    kind: Literal["challenge_answer"] = "challenge_answer"
    answer: Answer
    note: str = ""


class Repair(BaseModel):
    kind: Literal["challenge_repair"] = "challenge_repair"


class Summary(BaseModel):
    kind: Literal["challenge_summary"] = "challenge_summary"
    cadence: str


class NudgeTime(BaseModel):
    kind: Literal["challenge_time"] = "challenge_time"
    at: str


class DayKindSetting(BaseModel):
    kind: Literal["challenge_days"] = "challenge_days"
    calendar: bool


def _parse_own(rest: str) -> Start:
    if rest.strip():
        word = rest.split(maxsplit=1)[0]
        raise InvalidInput(f"`/challenge {word}` is not a challenge command; `/challenge help` lists them.")
    return Start()


def _parse_start(rest: str) -> Start:
    rep_id, more = leading_person(rest, "/challenge start @alex")
    if rep_id is None or more:
        raise InvalidInput("Say whose: `/challenge start @alex` (a rep you coach), or `/challenge` for yourself.")
    return Start(rep_id=rep_id)


def _answer_parser(word: str) -> Any:
    def parse(rest: str) -> AnswerDay:
        return AnswerDay(answer=_ANSWERS[word], note=unescape(rest).strip())
    return parse


def _parse_days(rest: str) -> DayKindSetting:
    word = rest.strip().lower()
    if word not in {"working", "calendar"}:
        raise InvalidInput("Say how challenges count their 21 days: `/coach admin challenge working` (the default) "
                           "or `/coach admin challenge calendar`.")
    return DayKindSetting(calendar=word == "calendar")


def run_start(parsed: Start, call: Invocation) -> Reply:
    assert call.trigger_id, "Slack sends a trigger_id with every slash command"
    open_challenge_start(call.client, call.svc, call.ws, call.caller_id, parsed.rep_id, call.trigger_id)
    return None


def run_status(parsed: Status, call: Invocation) -> Reply:
    return progress_message(call.svc.challenges.view(call.ws, call.caller_id))


def run_answer(parsed: AnswerDay, call: Invocation) -> Reply:
    done = call.svc.challenges.answer(call.ws, call.caller_id, None, None, parsed.answer, parsed.note)
    deliver(call.client, call.svc, call.ws, done.effects)
    return answered_message(done.result, done.result.open_day)


def run_repair(parsed: Repair, call: Invocation) -> Reply:
    done = call.svc.challenges.repair(call.ws, call.caller_id, None)
    deliver(call.client, call.svc, call.ws, done.effects)
    return answered_message(done.result, None)


def _parse_summary(rest: str) -> Summary:
    word = rest.strip().lower()
    if word not in CADENCES:
        raise InvalidInput("Say how often: `/challenge summary daily` or `/challenge summary weekly` (the default).")
    return Summary(cadence=word)


def run_summary(parsed: Summary, call: Invocation) -> Reply:
    cadence = call.svc.challenges.choose_summary(call.ws, call.caller_id, parsed.cadence)
    when = "every working day at 17:00" if cadence == "daily" else "on the last working day of the week at 17:00"
    return {"text": f"Your reps' challenge summary now comes {when}, your time."}


def run_time(parsed: NudgeTime, call: Invocation) -> Reply:
    done = call.svc.challenges.set_nudge_time(call.ws, call.caller_id, parsed.at)
    deliver(call.client, call.svc, call.ws, done.effects)
    return {"text": f"Your challenge nudge now comes at {done.result.challenge.nudge_at:%H:%M} your time, from the "
                    "next one on. A day already nudged is not nudged again."}


def run_days(parsed: DayKindSetting, call: Invocation) -> Reply:
    settings = call.svc.challenges.set_calendar_days(call.ws, call.caller_id, parsed.calendar)
    kind = "calendar days" if settings.challenge_calendar_days else "working days (holidays and time off skipped)"
    return {"text": f"New 21-day challenges count {kind}. Challenges already running keep theirs."}


SUBCOMMANDS: tuple[Subcommand[Any], ...] = (
    Subcommand(
        name="", usage="", section=CHALLENGE,
        help=("`/challenge` start your 21-day challenge: one behaviour per focus skill, a nudge every morning",),
        parse=_parse_own, run=run_start, reads_only=True, opens_modal=always,
    ),
    Subcommand(
        name="start", usage="start @alex", section=CHALLENGE,
        help=("`/challenge start @alex` start a 21-day challenge for a rep you coach",),
        parse=_parse_start, run=run_start, reads_only=True, opens_modal=always,
    ),
    Subcommand(
        name="status", usage="status", section=CHALLENGE,
        help=("`/challenge status` your streak, longest streak, compliance and days left",),
        parse=lambda rest: Status(), run=run_status, reads_only=True,
    ),
    *(Subcommand(
        name=word, usage=f"{word} 6 probing questions", section=CHALLENGE,
        help=(f"`/challenge {word} [note]` answer today's challenge day ({label})",),
        parse=_answer_parser(word), run=run_answer,
    ) for word, label in (("done", "did it"), ("missed", "missed it"), ("no-calls", "no relevant calls today"))),
    Subcommand(
        name="repair", usage="repair", section=CHALLENGE,
        help=("`/challenge repair` make up yesterday's missed day (once per challenge)",),
        parse=lambda rest: Repair(), run=run_repair,
    ),
    Subcommand(
        name="summary", usage="summary daily", section=CHALLENGE,
        help=("`/challenge summary daily|weekly` managers: how often your reps' challenge summary comes",),
        parse=_parse_summary, run=run_summary,
    ),
    Subcommand(
        name="time", usage="time 07:45", section=CHALLENGE,
        help=("`/challenge time 07:45` when your challenge nudge comes (your time, 06:00-20:00)",),
        parse=lambda rest: NudgeTime(at=rest.strip()), run=run_time,
    ),
)

ADMIN_SUBCOMMANDS: tuple[Subcommand[Any], ...] = (
    Subcommand(
        name="admin challenge", usage="admin challenge calendar", section=ADMINS,
        help=("`/coach admin challenge working|calendar` how 21-day challenges count their days",),
        parse=_parse_days, run=run_days,
    ),
)


def register(commands: SlashCommands) -> CommandTable:
    return commands.add(ids.CHALLENGE_COMMAND, SUBCOMMANDS)

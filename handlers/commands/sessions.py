"""1:1 sessions: `/coach session @rep <when> [weekly|biweekly]`, `reschedule`, `cancel`, `card`; `/coach sessions`.

One subcommand reads every `session` form (like `/coach cycle @alex advance`):
`session` takes text of its own, so `reschedule` and `cancel` are its first
word rather than subcommands of their own. Without a time, booking and
moving open a modal (first, inside the trigger's 3 seconds).
`/coach sessions` also lists the last two weeks' 1:1s with their takeaways (handlers/blocks/takeaways.py).
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel

from domain.errors import InvalidInput
from domain.services.sessions import Typed
from handlers.blocks.kit import message
from handlers.blocks.sessions import session_modal, session_news_message, upcoming_message
from handlers.blocks.takeaways import recent_blocks
from handlers.commands.parsing import USER_MENTION, at_most_one_person
from handlers.commands.registry import HelpSection, Invocation, Reply, Subcommand
from handlers.commands.session_card import CARD_USAGE, SessionCardCommand, parse_card, run_card
from handlers.edge.sender import deliver

SESSIONS = HelpSection("1:1 sessions", 40)
EXAMPLE = "/coach session @alex tomorrow 15:00"
_REPEATS = {"weekly": "weekly", "biweekly": "biweekly", "bi-weekly": "biweekly", "fortnightly": "biweekly"}
_USAGE = (f"`{EXAMPLE}` (add `weekly` or `biweekly` for a series), `/coach session @alex` for a form, "
          "`/coach session reschedule @alex fri 9:30`, `/coach session cancel @alex [all]` and "
          "`/coach session card @alex`")


class SessionCommand(BaseModel):
    kind: Literal["session"] = "session"
    action: Literal["book", "reschedule", "cancel"] = "book"
    rep_id: str
    when: str = ""
    repeat: str = "once"
    whole_series: bool = False


class ListSessions(BaseModel):
    kind: Literal["sessions"] = "sessions"
    rep_id: str | None = None


def _parse(rest: str) -> SessionCommand | SessionCardCommand:
    words = rest.split()
    if words and words[0].lower() == "card":
        return parse_card(rest.split(None, 1)[1] if len(words) > 1 else "")
    action: Literal["book", "reschedule", "cancel"] = "book"
    if words and words[0].lower() in ("reschedule", "move", "cancel"):
        action = "cancel" if words[0].lower() == "cancel" else "reschedule"
        rest = rest.split(None, 1)[1] if len(words) > 1 else ""
    people = USER_MENTION.findall(rest)
    if len(people) != 1 or not USER_MENTION.match(rest.strip()):
        raise InvalidInput(f"Name one rep first, picked from the @ list: {_USAGE}.")
    tail = USER_MENTION.sub(" ", rest, count=1).split()
    if action == "cancel":
        if tail and [w.lower() for w in tail] != ["all"]:
            raise InvalidInput("Cancel the next 1:1 with `/coach session cancel @alex`, or it and the rest of "
                               "its series with `/coach session cancel @alex all`.")
        return SessionCommand(action="cancel", rep_id=people[0], whole_series=bool(tail))
    repeat = "once"
    if tail and tail[-1].lower() in _REPEATS:
        if action == "reschedule":
            raise InvalidInput("A move changes one session only; book a new series with "
                               "`/coach session @alex mon 10:00 weekly`.")
        repeat = _REPEATS[tail.pop().lower()]
    if repeat != "once" and not tail:
        raise InvalidInput(f"Say when the series starts: `{EXAMPLE} weekly`.")
    return SessionCommand(action=action, rep_id=people[0], when=" ".join(tail), repeat=repeat)


def _opens_modal(parsed: SessionCommand | SessionCardCommand) -> bool:
    return isinstance(parsed, SessionCommand) and parsed.action != "cancel" and not parsed.when


def run_session(parsed: SessionCommand | SessionCardCommand, call: Invocation) -> Reply:
    if isinstance(parsed, SessionCardCommand):
        return run_card(parsed, call)
    svc, ws, caller = call.svc, call.ws, call.caller_id
    if _opens_modal(parsed):
        assert call.trigger_id, "Slack sends a trigger_id with every slash command"
        form = (svc.sessions.booking_form(ws, caller, parsed.rep_id) if parsed.action == "book"
                else svc.sessions.next_session_form(ws, caller, parsed.rep_id))
        call.client.views_open(trigger_id=call.trigger_id, view=session_modal(form))
        return None
    if parsed.action == "cancel":
        done = svc.sessions.cancel_and_tell(ws, caller, rep_id=parsed.rep_id, whole_series=parsed.whole_series)
    elif parsed.action == "reschedule":
        done = svc.sessions.move_and_tell(ws, caller, Typed(parsed.when), rep_id=parsed.rep_id)
    else:
        done = svc.sessions.book_and_tell(ws, caller, parsed.rep_id, Typed(parsed.when), repeat=parsed.repeat)
    deliver(call.client, svc, ws, done.effects)
    return session_news_message(done.result, caller)


def run_list(parsed: ListSessions, call: Invocation) -> Reply:
    """The upcoming 1:1s, then the last two weeks' with their takeaways (and the manager's button to record them)."""
    upcoming = upcoming_message(call.svc.sessions.upcoming(call.ws, call.caller_id, parsed.rep_id))
    recent = recent_blocks(call.svc.takeaways.recent(call.ws, call.caller_id, parsed.rep_id))
    return message(upcoming["text"], [*upcoming["blocks"], *recent])


SUBCOMMANDS: tuple[Subcommand[Any], ...] = (
    Subcommand(
        name="session", usage="session @alex tomorrow 15:00", section=SESSIONS,
        help=((f"`{EXAMPLE} [weekly|biweekly]` book a 1:1 (your time; each of you is told theirs); "
               "without a time a form opens"),
              ("`/coach session reschedule @alex fri 9:30` move the next 1:1; "
               "`/coach session cancel @alex [all]` cancel it (with `all`, the rest of its series too)"),
              ("`/coach session card @alex` the session card of your 1:1 with them (under way, next, or the last "
               "7 days); a rep types `/coach session card` for their own")),
        details=(
            _USAGE + ".",
            ("Times are read in your own time zone: `tomorrow 15:00`, `today 16:30`, `fri 9:30` (the next Friday), "
             "`2026-12-02 14:00`, `3pm`, `9:30am`. Sessions last 45 minutes unless the form says otherwise; "
             "a series is booked 8 weeks ahead."),
            "Only a rep's own manager (or an admin) books, moves or cancels their 1:1s; both of you get a DM.",
            (CARD_USAGE + ": the rep's agenda and questions, results against commitments, focus skills and "
             "indicators, deals to role-play and probing questions. It also comes to the manager by DM "
             "5 minutes before each 1:1."),
        ),
        parse=_parse, run=run_session, opens_modal=_opens_modal,
        reads_only=lambda parsed: isinstance(parsed, SessionCardCommand),
    ),
    Subcommand(
        name="sessions", usage="sessions @alex", section=SESSIONS,
        help=(("`/coach sessions [@alex]` your upcoming 1:1s and the last two weeks' with their takeaways "
               "(or those with one rep); the manager records takeaways from there"),),
        parse=lambda rest: ListSessions(rep_id=at_most_one_person(rest, "/coach sessions")),
        run=run_list, reads_only=True,
    ),
)

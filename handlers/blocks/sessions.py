"""1:1 sessions in Slack: the DMs and replies (each reader's own local time), the booking modal, App Home lines."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from domain.coaching.sessions import DAY, DEFAULT_MINUTES, DURATIONS, MINUTES, REPEAT, TIME, CoachingSession, Repeat
from domain.model import Member
from domain.scheduling.calendar import zone
from domain.services.session_notices import News, SessionForm, SessionNews, UpcomingSessions
from handlers.blocks import limits
from handlers.blocks.inputs import VALUE, input_block, metadata, metadata_int, metadata_user, option, select
from handlers.blocks.kit import Block, context, md, mention, message, plain, section
from handlers.blocks.mrkdwn import Mrkdwn
from handlers.edge import ids

REP, SESSION = "rep", "session"  # private_metadata keys
SHOWN = 10  # sessions listed in one reply; a series is 8 weeks
_TIME = re.compile(r"([01][0-9]|2[0-3]):([0-5][0-9])", re.ASCII)


def place(time_zone: str) -> str:
    """`America/New_York` -> `New York`: where someone is, as people say it."""
    return time_zone.rsplit("/", 1)[-1].replace("_", " ")


def local(at: datetime, member: Member) -> datetime:
    return at.astimezone(zone(member.time_zone))


def both_times(at: datetime, viewer_id: str, rep: Member, manager: Member) -> str:
    """`Tue 2 Dec 15:00 for you (New York) · 20:00 for Alex (London)`; the other's day when it differs."""
    me = rep if viewer_id == rep.user_id else manager if viewer_id == manager.user_id else None
    if me is None:  # an admin: both sides, each in their own zone
        return (f"{local(at, manager):%a %-d %b %H:%M} for {manager.name} ({place(manager.time_zone)}) · "
                f"{local(at, rep):%a %-d %b %H:%M} for {rep.name} ({place(rep.time_zone)})")
    other = manager if me is rep else rep
    mine, theirs = local(at, me), local(at, other)
    their_time = f"{theirs:%H:%M}" if theirs.date() == mine.date() else f"{theirs:%a %-d %b %H:%M}"
    if other.time_zone == me.time_zone:
        return f"{mine:%a %-d %b %H:%M} ({place(me.time_zone)}, for both of you)"
    return (f"{mine:%a %-d %b %H:%M} for you ({place(me.time_zone)}) · {their_time} for {other.name} "
            f"({place(other.time_zone)})")


def _with_whom(news: SessionNews, to: str) -> str:
    if to == news.rep.user_id:
        return f"with {news.manager.name}"
    if to == news.manager.user_id:
        return f"with {news.rep.name}"
    return f"between {news.manager.name} and {news.rep.name}"


def session_news_message(news: SessionNews, to: str) -> dict[str, Any]:
    """The DM (and the booker's reply) about a booked, moved or cancelled session, in `to`'s own time."""
    first, whom = news.first, _with_whom(news, to)
    when = both_times(first.starts_at, to, news.rep, news.manager)
    by = "" if news.by_id == to else f" by {_name_of(news, news.by_id)}"
    if news.news is News.BOOKED:
        repeat = "" if first.repeat is Repeat.ONCE else f", {first.repeat.label} ({len(news.sessions)} sessions)"
        head = f":calendar: 1:1 {whom} booked{by}: *{when}*, {first.minutes} min{repeat}."
    elif news.news is News.MOVED:
        before = f" (was {local(news.previous, _reader(news, to)):%a %-d %b %H:%M})" if news.previous else ""
        head = f":arrows_counterclockwise: 1:1 {whom} moved{by}: now *{when}*{before}."
    else:
        count = len(news.sessions)
        rest = f" and the rest of its series ({count} sessions)" if count > 1 else ""
        head = f":x: 1:1 {whom} on {when} cancelled{by}{rest}."
    blocks: list[Block] = [section(head)]
    if news.note and to == news.by_id:
        blocks.append(context(news.note))
    if news.news is News.BOOKED and len(news.sessions) > 1:
        last = news.sessions[-1]
        blocks.append(context(f"Until {local(last.starts_at, _reader(news, to)):%a %-d %b}. "
                              "Each one can be moved or cancelled alone: `/coach session reschedule` / `cancel`."))
    return message(head, blocks)


def _name_of(news: SessionNews, user_id: str) -> str:
    people = {news.rep.user_id: news.rep.name, news.manager.user_id: news.manager.name}
    return people.get(user_id, "an admin")


def _reader(news: SessionNews, to: str) -> Member:
    return news.rep if to == news.rep.user_id else news.manager


def upcoming_message(shown: UpcomingSessions) -> dict[str, Any]:
    """`/coach sessions`: the next ones, each in the viewer's time with the other person's beside it."""
    viewer = shown.viewer
    if not shown.sessions:
        about_rep = shown.rep_id is not None and shown.rep_id != viewer.user_id
        text = f"No upcoming 1:1s with <@{shown.rep_id}>." if about_rep else "No upcoming 1:1s."
        if about_rep:
            text += f" Book one: `/coach session <@{shown.rep_id}> tomorrow 15:00`."
        return message(text, [section(text)])
    lines = []
    for session in shown.sessions[:SHOWN]:
        rep, manager = shown.people.get(session.rep_id), shown.people.get(session.manager_id)
        if rep is None or manager is None:
            continue
        series = " · repeats" if session.series_id is not None else ""
        whom = (manager.name if viewer.user_id == rep.user_id else rep.name if viewer.user_id == manager.user_id
                else f"{manager.name} and {rep.name}")
        lines.append(f"• *{whom}*: {both_times(session.starts_at, viewer.user_id, rep, manager)}, "
                     f"{session.minutes} min{series}")
    more = len(shown.sessions) - SHOWN
    blocks: list[Block] = [section("*Upcoming 1:1s*\n" + "\n".join(lines))]
    if more > 0:
        blocks.append(context(f"…and {more} more."))
    return message("Upcoming 1:1s", blocks)


# -- the booking modal ----------------------------------------------------------------


def session_modal(form: SessionForm) -> dict[str, Any]:
    """Day, time (read in the booker's zone), duration and repeat; with `form.session`, the move form."""
    moving = form.session
    start = moving.starts_at.astimezone(zone(form.time_zone)) if moving else None
    blocks: list[Block] = [
        section(md("1:1 with {rep}", rep=mention(form.rep.user_id))),
        input_block(DAY, "Day", {"type": "datepicker",
                                 "initial_date": (start.date() if start else form.today).isoformat()}),
        input_block(TIME, "Time", {"type": "timepicker", "initial_time": f"{start:%H:%M}" if start else "15:00"},
                    hint=f"Your time ({place(form.time_zone)}); {form.rep.name} is told theirs "
                         f"({place(form.rep.time_zone)})."),
    ]
    if moving is None:
        durations = [option(m, f"{m} min") for m in DURATIONS]
        repeats = [option(r.value, r.label.capitalize()) for r in Repeat]
        blocks += [input_block(MINUTES, "Duration", select(durations, str(DEFAULT_MINUTES))),
                   input_block(REPEAT, "Repeat", select(repeats, Repeat.ONCE.value),
                               hint="A series is booked 8 weeks ahead; each one can be moved or cancelled alone.")]
    opened: dict[str, Any] = {REP: form.rep.user_id}
    if moving is not None and moving.id is not None:
        opened[SESSION] = moving.id
    return {
        "type": "modal",
        "callback_id": ids.SESSION_VIEW,
        "title": plain("Move the 1:1" if moving else "Book a 1:1", limits.VIEW_TITLE),
        "submit": plain("Move" if moving else "Book", limits.VIEW_TITLE),
        "close": plain("Cancel", limits.VIEW_TITLE),
        "private_metadata": json.dumps(opened),
        "blocks": blocks,
    }


@dataclass(frozen=True)
class TypedSession:
    """What the modal held: whom (from the metadata, None if tampered with), the session moved, the fields."""

    rep_id: str | None
    session_id: int | None
    day: date | None
    at: time | None
    minutes: int | None
    repeat: str | None


def _field(values: dict[str, Any], block_id: str) -> dict[str, Any]:
    block = values.get(block_id) if isinstance(values, dict) else None
    found = block.get(VALUE) if isinstance(block, dict) else None
    return found if isinstance(found, dict) else {}


def read_session(view: dict[str, Any]) -> TypedSession:
    state = view.get("state")
    values = state.get("values") if isinstance(state, dict) else {}
    values = values if isinstance(values, dict) else {}
    opened = metadata(view)
    raw_day = _field(values, DAY).get("selected_date")
    try:
        day = date.fromisoformat(raw_day) if isinstance(raw_day, str) and len(raw_day) == 10 else None
    except ValueError:
        day = None
    raw_time = _field(values, TIME).get("selected_time")
    found = _TIME.fullmatch(raw_time) if isinstance(raw_time, str) else None
    at = time(int(found.group(1)), int(found.group(2))) if found else None
    chosen = _field(values, MINUTES).get("selected_option")
    raw_minutes = chosen.get("value") if isinstance(chosen, dict) else None
    minutes = int(raw_minutes) if isinstance(raw_minutes, str) and raw_minutes.isascii() and \
        raw_minutes.isdigit() and len(raw_minutes) <= 4 else None
    picked = _field(values, REPEAT).get("selected_option")
    repeat = picked.get("value") if isinstance(picked, dict) else None
    return TypedSession(metadata_user(opened, REP), metadata_int(opened, SESSION), day, at,
                        minutes if MINUTES in values else DEFAULT_MINUTES,
                        repeat if isinstance(repeat, str) else None)


# -- App Home -------------------------------------------------------------------------


def next_session_line(session: CoachingSession | None, viewer: Member) -> Mrkdwn | None:
    """`Next 1:1 with @Maya: Tue 2 Dec 20:00` for the rep (their own time)."""
    if session is None:
        return None
    return md(":calendar: Next 1:1 with {coach}: *{when}*", coach=mention(session.manager_id),
              when=f"{local(session.starts_at, viewer):%a %-d %b %H:%M}")


def rep_row_session(session: CoachingSession | None, manager: Member) -> str:
    """A rep row's line on the manager's Home, in the manager's own time."""
    if session is None:
        return "No 1:1 booked: `/coach session @name tomorrow 15:00`"
    return f"Next 1:1: {local(session.starts_at, manager):%a %-d %b %H:%M}"

"""The manager's Monday week-ahead note."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from domain.notifications.week_ahead import WeekAheadNote
from handlers.blocks.kit import (
    Block,
    context,
    counted,
    header,
    md,
    mention,
    message,
    section,
    time_zone_label,
)


def week_ahead_message(note: WeekAheadNote, now: datetime) -> dict[str, Any]:
    title = f"Your week ahead: {note.week_of:%-d %b}"
    blocks: list[Block] = [
        header(title),
        section(f"{counted(len(note.reps), 'rep')} on your team this week:"),
    ]
    for rep in note.reps[:40]:
        line = md("{rep} · {zone}", rep=mention(rep.user_id), zone=time_zone_label(rep.time_zone, now))
        if rep.paused_until is not None and rep.is_paused_on(note.week_of):
            line += md("\n:palm_tree: away until {day:%a %-d %b}", day=rep.paused_until)
        blocks.append(section(line))
    if len(note.reps) > 40:
        blocks.append(context(f"…and {len(note.reps) - 40} more: `/coach team` lists everyone."))
    blocks.append(context("Sent Mondays at 08:00 your time."))
    return message(f"{title}: {counted(len(note.reps), 'rep')}", blocks)

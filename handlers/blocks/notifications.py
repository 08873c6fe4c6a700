"""One renderer for every scheduled message's content, by its type."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from domain.services.notifications import RepTasksNote, TeamTasksNote, WeekAheadNote
from handlers.blocks.cycle_tasks import rep_tasks_message, team_tasks_message
from handlers.blocks.week_ahead import week_ahead_message


def renderer(clock: Callable[[], datetime]) -> Callable[[object], dict[str, Any]]:
    def render(content: object) -> dict[str, Any]:
        if isinstance(content, WeekAheadNote):
            return week_ahead_message(content, clock())
        if isinstance(content, RepTasksNote):
            return rep_tasks_message(content)
        if isinstance(content, TeamTasksNote):
            return team_tasks_message(content)
        raise TypeError(f"no message builder for {type(content).__name__}")

    return render

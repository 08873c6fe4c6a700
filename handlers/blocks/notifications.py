"""One renderer for every scheduled message's content, by its type."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from domain.services.notifications import WeekAheadNote
from handlers.blocks.week_ahead import week_ahead_message


def renderer(clock: Callable[[], datetime]) -> Callable[[object], dict[str, Any]]:
    def render(content: object) -> dict[str, Any]:
        if isinstance(content, WeekAheadNote):
            return week_ahead_message(content, clock())
        raise TypeError(f"no message builder for {type(content).__name__}")

    return render

"""Replies to `/coach admin checkin`: when the workspace's monthly maintenance check-ins come."""

from __future__ import annotations

from typing import Any, Literal

from domain.services.checkin_time import CheckinTime
from handlers.blocks.kit import context, message, section

Change = Literal["shown", "set", "reset"]


def checkin_time_message(found: CheckinTime, change: Change) -> dict[str, Any]:
    when = f"*{found.words}*, in each person's own time zone"
    if change == "set":
        line = f":white_check_mark: Maintenance check-ins now come on the {when}."
    elif change == "reset":
        line = f":white_check_mark: Maintenance check-ins are back to the default: the {when}."
    else:
        line = f"Maintenance check-ins come on the {when}{' (the default)' if found.is_default else ''}."
    return message(
        line,
        [section(line),
         context("Change with `/coach admin checkin second wed 09:00` (first to fourth, mon to fri); "
                 "`/coach admin checkin default` goes back to the first Tuesday at 10:00. A month whose "
                 "check-in went out is not asked again; on a holiday it comes the next working day.")],
    )

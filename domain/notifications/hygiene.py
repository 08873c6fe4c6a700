"""Nudge hygiene: why a scheduled message arrived, and whether its recipient may stop it.

Every scheduled message ends with a footer (handlers/blocks/nudge_footer.py)
built from its kind alone, so a kind added later gets it without a line of
its own: one context line ("You get this because you have a 1:1 booked with
your manager · 24 h before it starts"), "Pause a week" and "Stop these" (or,
for a kind that `must_send`, why it cannot be stopped). A kind says why in
`NotificationKind.why`; without one the reason follows from its audience.
"""

from __future__ import annotations

from domain.scheduling.kinds import Audience, Cadence, NotificationKind
from domain.scheduling.slots import DAY_NAMES

# "Pause a week": the same as `/coach pause 1w`.
PAUSE_A_WEEK = "1w"

_BY_AUDIENCE = {
    Audience.MANAGERS: "you coach reps in Coachflow",
    Audience.REPS: "you are on a coaching team in Coachflow",
    Audience.EVERYONE: "you take part in coaching in Coachflow",
}


def reason(kind: NotificationKind) -> str:
    """What makes this person a recipient: the kind's own `why`, else its audience's."""
    return kind.why or _BY_AUDIENCE[kind.audience]


def when(kind: NotificationKind) -> str:
    """When it comes, in words that read after "·": "Fridays 15:00 your time", "24 h before it starts"."""
    if kind.when is not None:
        return kind.when
    match kind.cadence:
        case Cadence.BEFORE_INSTANT:
            return f"{kind.timing} it starts"
        case Cadence.WEEKLY if kind.slot is not None:
            # An admin may move a slot (`/coach admin scorecard`): `/coach notify` shows the workspace's time.
            return f"weekly at your workspace's {kind.slot} time (`/coach notify` shows it)"
        case Cadence.WEEKLY if kind.weekday is not None:
            return f"{DAY_NAMES[kind.weekday]}s {kind.timing}"
        case Cadence.DAILY | Cadence.WORKING_DAY_RUN:
            return f"working days, {kind.timing}"
        case Cadence.MONTHLY:
            return f"monthly, {kind.timing}"
    return kind.timing  # ON_DATE: on the day its anchor names (a deadline, a lesson day)


def why_line(kind: NotificationKind) -> str:
    """The footer's context line: why it came and when such messages come."""
    return f"You get this because {reason(kind)} · {when(kind)}"


def cannot_stop_line(kind: NotificationKind) -> str | None:
    """For a kind that must be sent: what its footer says instead of offering "Stop these"."""
    if kind.must_send is None:
        return None
    return f"These cannot be switched off: {kind.must_send}. \"Pause a week\" still holds them while you are away."

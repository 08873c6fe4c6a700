"""Replies about time off, notifications and the workspace calendar."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from domain.model import Member, WorkspaceSettings
from domain.scheduling.kinds import NotificationKind
from domain.scheduling.slots import DAY_NAMES, timing_for
from domain.services.checkin_time import checkin_time
from domain.services.scorecard_time import scorecard_time
from handlers.blocks.kit import context, header, message, section

_DAY_NAMES = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]


def paused_message(member: Member) -> dict[str, Any]:
    until = member.paused_until
    assert until is not None
    text = (
        f":palm_tree: Paused. Coachflow sends you nothing scheduled until {until:%A %-d %B %Y}. "
        "Back early? `/coach resume`."
    )
    return message(text, [section(text)])


def resumed_message() -> dict[str, Any]:
    text = ":wave: Welcome back: scheduled prompts resume from your next working day."
    return message(text, [section(text)])


def notifications_message(
    kinds: Mapping[str, NotificationKind], member: Member, settings: WorkspaceSettings
) -> dict[str, Any]:
    lines = []
    for kind in kinds.values():
        if kind.name in settings.disabled_kinds:
            state = "off for the whole workspace"
        elif kind.name in member.muted_kinds:
            state = "off for you"
        else:
            state = "on"
        lines.append(f"• *{kind.title}* (`{kind.name}`), {timing_for(kind, settings)}: {state}")
    paused = f"\nYou are paused until {member.paused_until:%-d %B %Y}." if member.paused_until else ""
    return message(
        "Your notifications",
        [header("Your notifications"), section("\n".join(lines) + paused),
         context("Switch one: `/coach notify off week_ahead` or `/coach notify on week_ahead`.")],
    )


def notify_changed_message(kind: NotificationKind, enabled: bool, workspace: bool) -> dict[str, Any]:
    who = "everyone in this workspace" if workspace else "you"
    text = f"*{kind.title}* is now {'on' if enabled else 'off'} for {who}."
    return message(text, [section(text)])


def workdays_text(days: frozenset[int]) -> str:
    """Days in the order the week runs for this workspace: Sun, Mon, ... for Sun-Thu."""
    if not days:
        return "none"
    # The week starts on a working day whose previous day is not one.
    start = next((d for d in sorted(days) if (d - 1) % 7 not in days), min(days))
    return ", ".join(_DAY_NAMES[d] for d in sorted(days, key=lambda d: (d - start) % 7))


def settings_message(settings: WorkspaceSettings, kinds: Mapping[str, NotificationKind], today: date) -> dict[str, Any]:
    upcoming = sorted(d for d in settings.holidays if d >= today)
    holidays = ", ".join(f"{d:%a %-d %b %Y}" for d in upcoming[:20]) or "none"
    quiet = f"{settings.quiet_hours.start:%H:%M}-{settings.quiet_hours.end:%H:%M}" if settings.quiet_hours else "none"
    off = ", ".join(f"`{k}`" for k in sorted(settings.disabled_kinds)) or "none"
    lines = [
        f"*Working days:* {workdays_text(settings.working_days)}",
        f"*Holidays ahead:* {holidays}",
        f"*Quiet hours (each person's local time):* {quiet}",
        f"*Notifications off for everyone:* {off}",
        _scorecard_line(settings),
        _checkin_line(settings),
        _preread_line(settings),
        f"*21-day challenges count:* {'calendar' if settings.challenge_calendar_days else 'working'} days",  # issue 13
    ]
    return message(
        "Workspace calendar",
        [header("Workspace calendar"), section("\n".join(lines)),
         context("Change with `/coach admin workweek sun-thu`, `/coach admin holiday add 2026-12-25`, "
                 "`/coach admin quiet 20:00-07:00`, `/coach admin notify off week_ahead`, "
                 "`/coach admin scorecard thu 16:00`, `/coach admin preread add <question>`, "
                 "`/coach admin challenge calendar`, `/coach admin checkin second wed 09:00`.")],
    )


def _checkin_line(settings: WorkspaceSettings) -> str:
    found = checkin_time(settings)
    return (f"*Maintenance check-ins (each person's local time):* {found.words}"
            + (" (the default)" if found.is_default else ""))


def _preread_line(settings: WorkspaceSettings) -> str:
    asked = len(settings.preread_questions)
    if not asked:
        return "*Enablement pre-read in 1:1 pre-work:* none"
    return (f"*Enablement pre-read in 1:1 pre-work:* {asked} question{'s' if asked > 1 else ''} "
            "(`/coach admin preread` lists them)")


def _scorecard_line(settings: WorkspaceSettings) -> str:
    found = scorecard_time(settings)
    chosen = DAY_NAMES[found.chosen.weekday]
    day = DAY_NAMES[found.goes_on] if found.goes_on is not None else chosen
    notes = [note for note, applies in (("the default", found.is_default),
                                        (f"{chosen} is not a working day", found.moved_by_work_week)) if applies]
    return (f"*Scorecards (each person's local time):* {day}s at {found.chosen.at:%H:%M}"
            + (f" ({'; '.join(notes)})" if notes else ""))

"""Settings: `/coach pause|resume|notify` for oneself, and the workspace's calendar for admins.

`/coach admin settings|workweek|holiday|quiet|notify|scorecard|checkin` sit under the
admin heading of `/coach help` beside `admin grant`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Literal

from pydantic import BaseModel

from domain.errors import InvalidInput
from domain.model import WorkspaceRef
from domain.notifications.registry import KINDS
from domain.scheduling.calendar import zone
from domain.services.preferences import require_kind
from handlers.blocks import preferences as replies
from handlers.blocks.checkin_time import checkin_time_message
from handlers.blocks.scorecard_time import scorecard_time_message
from handlers.commands.admin import ADMINS
from handlers.commands.registry import HelpSection, Invocation, Reply, Subcommand
from handlers.edge.services import Services

TIME_OFF = HelpSection("Time off and notifications", 60)


class Pause(BaseModel):
    kind: Literal["pause"] = "pause"
    until: str


class Resume(BaseModel):
    kind: Literal["resume"] = "resume"


class Notify(BaseModel):
    """`/coach notify` (list), `/coach notify off week_ahead`; `workspace` for admins."""

    kind: Literal["notify"] = "notify"
    enabled: bool | None = None
    notification: str | None = None
    workspace: bool = False


CalendarSetting = Literal["workweek", "holiday_add", "holiday_remove", "quiet", "show"]


class AdminCalendar(BaseModel):
    """`/coach admin workweek sun-thu`, `holiday add 2026-12-25`, `quiet 20:00-07:00`, `settings`."""

    kind: Literal["admin_calendar"] = "admin_calendar"
    setting: CalendarSetting
    value: str = ""


class AdminScorecard(BaseModel):
    """`/coach admin scorecard` (show), `admin scorecard thu 16:00`, `admin scorecard default`."""

    kind: Literal["admin_scorecard"] = "admin_scorecard"
    value: str = ""


def _parse_pause(rest: str) -> Pause:
    if not rest:
        raise InvalidInput("Say until when: `/coach pause until 2026-12-01`, `/coach pause 3d` or `/coach pause 2w`.")
    return Pause(until=" ".join(rest.split()))


def _parse_notify(rest: str, *, workspace: bool) -> Notify:
    words = rest.split()
    if not words:
        return Notify(workspace=workspace)
    switch = words[0].lower()
    if switch in {"on", "off"} and len(words) == 2:
        return Notify(enabled=switch == "on", notification=words[1].lower(), workspace=workspace)
    prefix = "/coach admin notify" if workspace else "/coach notify"
    raise InvalidInput(f"Use `{prefix}` to list notifications, `{prefix} off week_ahead` or `{prefix} on week_ahead`.")


def _calendar_value(setting: CalendarSetting, example: str) -> Callable[[str], AdminCalendar]:
    def parse(rest: str) -> AdminCalendar:
        if not rest:
            raise InvalidInput(f"Say what to set: `{example}`.")
        return AdminCalendar(setting=setting, value=rest)

    return parse


def _parse_holiday(rest: str) -> AdminCalendar:
    parts = rest.split()
    if len(parts) == 2 and parts[0].lower() == "add":
        return AdminCalendar(setting="holiday_add", value=parts[1])
    if len(parts) == 2 and parts[0].lower() == "remove":
        return AdminCalendar(setting="holiday_remove", value=parts[1])
    raise InvalidInput("Holidays: `/coach admin holiday add 2026-12-25` or `/coach admin holiday remove 2026-12-25`.")


def run_pause(parsed: Pause, call: Invocation) -> Reply:
    return replies.paused_message(call.svc.preferences.pause(call.ws, call.caller_id, parsed.until))


def run_resume(parsed: Resume, call: Invocation) -> Reply:
    call.svc.preferences.resume(call.ws, call.caller_id)
    return replies.resumed_message()


def run_notify(parsed: Notify, call: Invocation) -> Reply:
    svc, ws, caller_id, prefs = call.svc, call.ws, call.caller_id, call.svc.preferences
    match parsed:
        case Notify(enabled=None, workspace=False):
            member = svc.roster.member(ws, caller_id)
            assert member is not None  # a reading command enrols a caller Coachflow did not know
            return replies.notifications_message(KINDS, member, prefs.settings(ws))
        case Notify(enabled=None, workspace=True):
            return _show_settings(svc, ws, caller_id)
        case Notify(enabled=enabled, notification=name, workspace=workspace) if enabled is not None and name:
            kind = KINDS[require_kind(name)]
            if workspace:
                prefs.set_kind_enabled(ws, caller_id, kind.name, enabled)
            else:
                prefs.set_muted(ws, caller_id, kind.name, muted=not enabled)
            return replies.notify_changed_message(kind, enabled, workspace)
    raise AssertionError(f"unhandled notify command {parsed!r}")


def run_admin_calendar(parsed: AdminCalendar, call: Invocation) -> Reply:
    svc, ws, caller_id, prefs = call.svc, call.ws, call.caller_id, call.svc.preferences
    match parsed:
        case AdminCalendar(setting="show"):
            return _show_settings(svc, ws, caller_id)
        case AdminCalendar(setting="workweek", value=value):
            prefs.set_work_week(ws, caller_id, value)
        case AdminCalendar(setting="holiday_add", value=value):
            prefs.set_holiday(ws, caller_id, value, present=True)
        case AdminCalendar(setting="holiday_remove", value=value):
            prefs.set_holiday(ws, caller_id, value, present=False)
        case AdminCalendar(setting="quiet", value=value):
            prefs.set_quiet_hours(ws, caller_id, value)
    return _show_settings(svc, ws, caller_id)


def run_admin_scorecard(parsed: AdminScorecard, call: Invocation) -> Reply:
    prefs = call.svc.preferences
    if not parsed.value:
        return scorecard_time_message(prefs.scorecard_time(call.ws), "shown")
    found = prefs.set_scorecard_time(call.ws, call.caller_id, parsed.value)
    return scorecard_time_message(found, "reset" if parsed.value.strip().lower() == "default" else "set")


class AdminCheckin(BaseModel):
    """`/coach admin checkin` (show), `admin checkin second wed 09:00`, `admin checkin default`."""

    kind: Literal["admin_checkin"] = "admin_checkin"
    value: str = ""


def run_admin_checkin(parsed: AdminCheckin, call: Invocation) -> Reply:
    prefs = call.svc.preferences
    if not parsed.value:
        return checkin_time_message(prefs.checkin_time(call.ws), "shown")
    found = prefs.set_checkin_time(call.ws, call.caller_id, parsed.value)
    return checkin_time_message(found, "reset" if parsed.value.strip().lower() == "default" else "set")


def _show_settings(svc: Services, ws: WorkspaceRef, caller_id: str) -> dict[str, Any]:
    member = svc.roster.member(ws, caller_id)
    tz = zone(member.time_zone if member else "UTC")
    return replies.settings_message(svc.preferences.settings(ws), KINDS, svc.clock().astimezone(tz).date())


def _lists(parsed: Notify) -> bool:
    return parsed.enabled is None


SUBCOMMANDS: tuple[Subcommand[Any], ...] = (
    Subcommand(
        name="pause", usage="pause 2w", section=TIME_OFF,
        help=("`/coach pause until 2026-12-01` or `/coach pause 2w` nothing scheduled while you are away",),
        parse=_parse_pause, run=run_pause,
    ),
    Subcommand(
        name="resume", usage="resume", section=TIME_OFF,
        help=("`/coach resume` back early",),
        parse=lambda rest: Resume(), run=run_resume,
    ),
    Subcommand(
        name="notify", usage="notify off week_ahead", section=TIME_OFF,
        help=("`/coach notify` your notifications; `/coach notify off week_ahead` switch one off",),
        parse=lambda rest: _parse_notify(rest, workspace=False), run=run_notify, reads_only=_lists,
    ),
    Subcommand(
        name="admin settings", aliases=("admin calendar",), usage="admin settings", section=ADMINS,
        help=("`/coach admin settings` working days, holidays, quiet hours",),
        parse=lambda rest: AdminCalendar(setting="show"), run=run_admin_calendar, reads_only=True,
    ),
    Subcommand(
        name="admin workweek", usage="admin workweek sun-thu", section=ADMINS,
        help=("`/coach admin workweek sun-thu` the working days",),
        parse=_calendar_value("workweek", "/coach admin workweek sun-thu"), run=run_admin_calendar,
    ),
    Subcommand(
        name="admin holiday", usage="admin holiday add 2026-12-25", section=ADMINS,
        help=("`/coach admin holiday add 2026-12-25` (or `remove`) a day off for everyone",),
        parse=_parse_holiday, run=run_admin_calendar,
    ),
    Subcommand(
        name="admin quiet", usage="admin quiet 20:00-07:00", section=ADMINS,
        help=("`/coach admin quiet 20:00-07:00` hours when nothing scheduled is sent",),
        parse=_calendar_value("quiet", "/coach admin quiet 20:00-07:00"), run=run_admin_calendar,
    ),
    Subcommand(
        name="admin notify", usage="admin notify off week_ahead", section=ADMINS,
        help=("`/coach admin notify off week_ahead` switch a notification off for everyone",),
        parse=lambda rest: _parse_notify(rest, workspace=True), run=run_notify, reads_only=_lists,
    ),
    Subcommand(
        name="admin scorecard", usage="admin scorecard thu 16:00", section=ADMINS,
        help=("`/coach admin scorecard thu 16:00` when scorecards come, each person's local time",),
        details=("`/coach admin scorecard` shows when scorecards and the managers' team digest come.",
                 ("`/coach admin scorecard thu 16:00` moves them (admins only); "
                  "`/coach admin scorecard default` goes back to Fridays 15:00."),
                 "A day outside the work week (or a holiday) sends them on the working day before it."),
        parse=lambda rest: AdminScorecard(value=" ".join(rest.split())), run=run_admin_scorecard,
        reads_only=lambda parsed: not parsed.value,
    ),
    Subcommand(
        name="admin checkin", usage="admin checkin second wed 09:00", section=ADMINS,
        help=("`/coach admin checkin second wed 09:00` when monthly maintenance check-ins come",),
        details=("`/coach admin checkin` shows when maintenance check-ins come.",
                 ("`/coach admin checkin first|second|third|fourth mon..fri HH:MM` moves them (admins only); "
                  "`/coach admin checkin default` goes back to the first Tuesday at 10:00."),
                 "Each person gets it at that time in their own zone; a month already asked is not asked again."),
        parse=lambda rest: AdminCheckin(value=" ".join(rest.split())), run=run_admin_checkin,
        reads_only=lambda parsed: not parsed.value,
    ),
)

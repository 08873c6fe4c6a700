"""`/coach pause|resume|notify` and the admin calendar commands."""

from __future__ import annotations

from typing import Any

from domain.model import WorkspaceRef
from domain.notifications.registry import KINDS
from domain.scheduling.calendar import zone
from domain.services.preferences import require_kind
from handlers.blocks import preferences as replies
from handlers.commands.coach_parser import AdminCalendar, Notify, Pause, Resume
from handlers.edge.services import Services


def run_settings(parsed: Pause | Resume | Notify | AdminCalendar, svc: Services, ws: WorkspaceRef, caller_id: str) -> dict[str, Any]:
    prefs = svc.preferences
    match parsed:
        case Pause(until=until):
            return replies.paused_message(prefs.pause(ws, caller_id, until))
        case Resume():
            prefs.resume(ws, caller_id)
            return replies.resumed_message()
        case Notify(enabled=None, workspace=False):
            member = svc.roster.member(ws, caller_id)
            assert member is not None  # enrolled before any command runs
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


def _show_settings(svc: Services, ws: WorkspaceRef, caller_id: str) -> dict[str, Any]:
    member = svc.roster.member(ws, caller_id)
    tz = zone(member.time_zone if member else "UTC")
    return replies.settings_message(svc.preferences.settings(ws), KINDS, svc.clock().astimezone(tz).date())

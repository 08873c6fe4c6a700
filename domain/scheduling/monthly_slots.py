"""Monthly slots: the n-th weekday and local time a workspace chooses for a monthly kind.

The maintenance check-in comes on the first Tuesday of the month at 10:00
unless an admin moves it (`/coach admin checkin second wed 09:00`); it
still comes at that local time in each person's own zone. A monthly kind
with a `slot` keys its ledger by the month (its first day), not by the day
it falls on: moving the slot inside a month whose check-in went out never
sends that month twice, and one not yet sent comes on the new day. Pure.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, time
from functools import lru_cache

from domain.model import MonthlyTime, WorkspaceSettings
from domain.scheduling.kinds import Cadence, NotificationKind
from domain.scheduling.monthly import nth_weekday

CHECKIN_SLOT = "checkin"
CHECKIN_DEFAULT = MonthlyTime(CHECKIN_SLOT, 1, 1, time(10, 0))  # the first Tuesday, 10:00 local


def is_month_slotted(kind: NotificationKind) -> bool:
    return kind.slot is not None and kind.cadence is Cadence.MONTHLY


def on_monthly_schedule(kind: NotificationKind, settings: WorkspaceSettings) -> NotificationKind:
    """`kind` on the n-th weekday and at the local time the workspace chose for its slot, if it chose one."""
    if not is_month_slotted(kind) or kind.slot is None:
        return kind
    chosen = settings.monthly_time(kind.slot)
    if chosen is None or (chosen.week_of_month, chosen.weekday, chosen.at) == (
            kind.week_of_month, kind.weekday, kind.local_time):
        return kind
    return _moved(kind, chosen.week_of_month, chosen.weekday, chosen.at)


@lru_cache(maxsize=256)
def _moved(kind: NotificationKind, week_of_month: int, weekday: int, at: time) -> NotificationKind:
    # Cached: a tick asks for every person, and `replace` validates the kind again each time.
    return replace(kind, week_of_month=week_of_month, weekday=weekday, local_time=at)


def month_period(kind: NotificationKind, period: date) -> str | None:
    """The ledger period of a slotted monthly kind's occurrence: its month's first day; None for others."""
    return period.replace(day=1).isoformat() if is_month_slotted(kind) else None


def monthly_day(kind: NotificationKind, settings: WorkspaceSettings, month: date) -> date:
    """The day `kind` falls on in `month` in this workspace (before working days move it)."""
    effective = on_monthly_schedule(kind, settings)
    return nth_weekday(month.year, month.month, effective.weekday or 0, effective.week_of_month or 1)

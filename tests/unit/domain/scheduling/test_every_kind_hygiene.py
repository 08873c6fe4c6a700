"""Every registered kind, whatever its cadence, sends nothing during time off, nothing on a holiday (kinds
that follow working days; a before-instant kind follows the appointment its recipient booked), and nothing
to a deactivated person: built from the registry, so a kind added later is held to the same."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from domain.model import Member, WorkspaceRef, WorkspaceSettings
from domain.notifications.registry import KINDS
from domain.scheduling.anchored import anchored_occurrences
from domain.scheduling.anchors import Anchor, Appointment, Deadline, Run
from domain.scheduling.calendar import Occurrence, occurrences_between
from domain.scheduling.kinds import Cadence, NotificationKind
from domain.services.scheduling import receives

WS = WorkspaceRef("T1")
NEW_YORK = ZoneInfo("America/New_York")
FIRST, LAST = date(2026, 11, 30), date(2026, 12, 27)
DAYS = [FIRST + timedelta(days=n) for n in range((LAST - FIRST).days + 1)]
HOLIDAYS = frozenset({date(2026, 12, 8), date(2026, 12, 9), date(2026, 12, 10), date(2026, 12, 11),
                      date(2026, 12, 14), date(2026, 12, 18)})
BACK = date(2026, 12, 21)  # time off until then


def _alex(**changes: object) -> Member:
    return replace(Member(WS, "UA", "Alex", "America/New_York", manager_id="UMGR"), **changes)  # type: ignore[arg-type]


def _anchors(kind: NotificationKind) -> list[Anchor]:
    match kind.cadence:
        case Cadence.BEFORE_INSTANT:
            return [Appointment(f"s{n}", datetime.combine(day, time(15), NEW_YORK).astimezone(UTC))
                    for n, day in enumerate(DAYS)]
        case Cadence.ON_DATE:
            return [Deadline(f"d{n}", day) for n, day in enumerate(DAYS)]
        case Cadence.WORKING_DAY_RUN:
            return [Run("c1", FIRST, LAST)]
    return []


def _occurrences(kind: NotificationKind, member: Member, settings: WorkspaceSettings) -> list[Occurrence]:
    if kind.cadence.anchored:
        return anchored_occurrences(kind, member, settings, _anchors(kind))
    start = datetime.combine(FIRST, time(0), NEW_YORK).astimezone(UTC)
    end = datetime.combine(LAST, time(23, 59), NEW_YORK).astimezone(UTC)
    return occurrences_between(kind, member, settings, start, end)


@pytest.mark.parametrize("name", list(KINDS))
def test_nothing_during_time_off_whatever_the_cadence(name: str) -> None:
    kind = KINDS[name]
    assert _occurrences(kind, _alex(), WorkspaceSettings()), f"{name}: the month has occurrences to hold back"
    held = _occurrences(kind, _alex(paused_until=BACK), WorkspaceSettings())
    assert all(o.local_date >= BACK for o in held), name


@pytest.mark.parametrize("name", [n for n, k in KINDS.items()
                                  if k.respects_working_days and k.cadence is not Cadence.BEFORE_INSTANT])
def test_nothing_on_a_holiday_for_kinds_that_follow_working_days(name: str) -> None:
    found = _occurrences(KINDS[name], _alex(), WorkspaceSettings(holidays=HOLIDAYS))
    assert found and not [o for o in found if o.local_date in HOLIDAYS], name


@pytest.mark.parametrize("name", list(KINDS))
def test_a_deactivated_person_is_addressed_by_no_kind(name: str) -> None:
    kind = KINDS[name]
    assert not receives(kind, _alex(deactivated=True), is_manager=True)

"""What the maintenance check-in use cases hand to the Slack edge: the form, and the DMs they send."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from domain.coaching.cycle import CoachingCycle
from domain.coaching.maintenance import Backslide
from domain.coaching.maintenance_checkins import IndicatorReading, MaintenanceCheckin
from domain.effects import Notice
from domain.model import Member
from domain.services.cycles import CycleView


@dataclass(frozen=True)
class CheckinForm:
    """The rep's check-in modal: this month's snapshot beside last month's check-in, prefilled when editing."""

    rep: Member
    cycle: CoachingCycle
    month: date
    skills: tuple[str, ...]  # the focus skills to rate, in focus order
    readings: tuple[IndicatorReading, ...]  # the last weeks' indicators, as they would be stored now
    last: MaintenanceCheckin | None  # the latest check-in of an earlier month in this cycle
    current: MaintenanceCheckin | None  # this month's, when the rep already checked in


@dataclass(frozen=True)
class CheckinSaved(Notice):
    """To the rep: their check-in is stored (or replaced: `edited`); their manager was told."""

    checkin: MaintenanceCheckin
    edited: bool


@dataclass(frozen=True)
class CheckinForManager(Notice):
    """To the rep's manager: the ratings, what is slipping, the snapshot against last month, and the flags
    (each with a "Start a new cycle on <skill>" button)."""

    rep: Member
    checkin: MaintenanceCheckin
    last: MaintenanceCheckin | None
    flags: tuple[Backslide, ...]
    edited: bool


@dataclass(frozen=True)
class CycleRestarted(Notice):
    """To the manager (and an admin who clicked): a new cycle on `skill` starts for the rep on `view.current`."""

    rep: Member
    skill: str
    view: CycleView
    by: str  # who clicked

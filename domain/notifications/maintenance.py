"""The first Tuesday of the month, 10:00 local: a rep in maintenance is asked for their monthly check-in.

Or the n-th weekday and time the workspace's admin chose (`/coach admin
checkin second wed 09:00`, the "checkin" slot: domain.scheduling.monthly_slots);
the ledger keys the month, so moving it never sends a month twice.

A rep is in maintenance while their coaching cycle is active and past week 8
(`Stage.MAINTAIN`); the DM carries an "Open check-in" button for that
cycle. Silent for everyone else, and once the manager ends the cycle
(`/coach cycle @rep end`) or a new one starts (it is not past week 8). A
cycle run by someone who no longer manages the rep is not theirs to ask about.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from domain.coaching.cycle import CoachingCycle
from domain.coaching.maintenance_checkins import in_maintenance, month_of
from domain.model import Member, WorkspaceRef, WorkspaceSettings
from domain.notifications.kind import Occasion, ScheduledKind
from domain.ports import UnitOfWork
from domain.scheduling.kinds import Audience, Cadence, Staleness
from domain.scheduling.monthly import nth_weekday_words
from domain.scheduling.monthly_slots import CHECKIN_DEFAULT, CHECKIN_SLOT, monthly_day, on_monthly_schedule


@dataclass(frozen=True)
class MaintenanceCheckinNote:
    """To a rep in maintenance: this month's check-in is open."""

    workspace: WorkspaceRef
    rep: Member
    cycle: CoachingCycle
    month: date  # the first day of the month
    when: str = "The first Tuesday of each month at 10:00"  # the workspace's slot, in words


def maintenance_checkin_notes(
    uow: UnitOfWork, ws: WorkspaceRef, occasions: Sequence[Occasion]
) -> dict[Occasion, MaintenanceCheckinNote]:
    """Three queries for any number of reps: them, their active cycles and the workspace's settings.

    The occasion's period is the month; whether the rep is in maintenance is
    read on the day the workspace's check-in falls on that month.
    """
    workspace = uow.workspaces.get(ws)
    settings = workspace.settings if workspace is not None else WorkspaceSettings()
    slot = on_monthly_schedule(MAINTENANCE_CHECKIN, settings)
    words = nth_weekday_words(slot.week_of_month or 1, slot.weekday or 0)
    day = words[0].lower() + words[1:]  # "second Wednesday"
    when = f"The {day} of each month at {slot.wall_time:%H:%M}"
    rep_ids = [o.recipient_id for o in occasions]
    reps = uow.members.get_many(ws, rep_ids)
    cycles = uow.cycles.active_for_reps(ws, rep_ids)
    notes: dict[Occasion, MaintenanceCheckinNote] = {}
    for occasion in occasions:
        rep, cycle = reps.get(occasion.recipient_id), cycles.get(occasion.recipient_id)
        if (rep is None or cycle is None or cycle.manager_id != rep.manager_id
                or not in_maintenance(cycle, monthly_day(MAINTENANCE_CHECKIN, settings, month_of(occasion.on)))):
            continue
        notes[occasion] = MaintenanceCheckinNote(ws, rep, cycle, month_of(occasion.on), when)
    return notes


MAINTENANCE_CHECKIN = ScheduledKind(
    name="maintenance_checkin",
    title="Monthly maintenance check-in after a cycle (reps)",
    audience=Audience.REPS,
    cadence=Cadence.MONTHLY,
    weekday=CHECKIN_DEFAULT.weekday,
    week_of_month=CHECKIN_DEFAULT.week_of_month,
    local_time=CHECKIN_DEFAULT.at,
    slot=CHECKIN_SLOT,  # `/coach admin checkin second wed 09:00` moves it for the workspace
    stale=Staleness(days_after=7),  # a week late is still this month's check-in
    why="your coaching cycle is over and you are in monthly maintenance",
    gather=maintenance_checkin_notes,
)

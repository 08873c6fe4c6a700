"""The manager's debrief digest: one DM for a burst of their reps' debriefs, never one per debrief.

A manager's reps' debriefs that no digest has covered yet form the current
*burst*. Its digest goes out `QUIET` after the newest of them, at the first
moment in the manager's working hours (a working day that is neither a
holiday nor their time off, outside the workspace's quiet hours): a rep
who logs five debriefs in a row gives one digest of five lines, and a
debrief logged while the digest waits (overnight, over a weekend) joins it.

The burst is an anchored kind's anchor (`Appointment(DIGEST_REF, moment)`):
a new debrief moves the moment, so the ledger key changes and a row queued
for the old moment is skipped when drained (its anchor no longer covers
it). What is covered is read from the ledger: everything created up to
`QUIET` before the moment of the manager's last SENT digest. A digest that
went stale after downtime, or failed, covers nothing, so its debriefs come
with the next one; none reaches back more than `DIGEST_SPAN` before the
newest debrief of its burst.

The debrief use case calls `domain.services.debrief_prompts.digest_after_debrief`
inside its unit of work, which refreshes the manager's schedules.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta

from domain.coaching.debriefs import Debrief
from domain.model import Member, WorkspaceRef, WorkspaceSettings
from domain.notifications.kind import Occasion, ScheduledKind
from domain.ports import UnitOfWork
from domain.scheduling.anchors import Anchor, Appointment
from domain.scheduling.calendar import is_working_day, outside_quiet_hours, resolve_local, zone
from domain.scheduling.kinds import Audience, Cadence, Staleness

QUIET = timedelta(minutes=5)  # no new debrief from the manager's reps for this long: the digest goes
DIGEST_SPAN = timedelta(days=14)  # a digest never reaches further back than this before its newest debrief
STALE_AFTER = timedelta(days=2)  # after downtime, a digest this late is skipped; its debriefs go with the next
# A manager away longer than this gets no digest of what came before they are back (App Home has it):
# the digest is read from DIGEST_SPAN back, and never waits so long that its newest debrief falls out.
MAX_WAIT = DIGEST_SPAN - timedelta(days=2)
WORKDAY_START = time(8, 0)  # a digest waiting for a working day comes then, or when quiet hours end
DIGEST_REF = "debriefs"  # the anchor's ref; its moment tells a manager's digests apart
KIND_NAME = "debrief_digest"


@dataclass(frozen=True)
class DigestLine:
    rep: Member
    debrief: Debrief


@dataclass(frozen=True)
class DebriefDigestNote:
    """Every debrief of the manager's reps since their last digest, oldest first."""

    workspace: WorkspaceRef
    manager: Member
    lines: tuple[DigestLine, ...]


@dataclass(frozen=True)
class Burst:
    """A manager's debriefs not yet covered by a digest, and when their digest goes."""

    manager: Member
    lines: tuple[DigestLine, ...]  # oldest first
    at: datetime  # UTC, on the minute

    @property
    def anchor(self) -> Appointment:
        return Appointment(DIGEST_REF, self.at)


def _ceil_minute(at: datetime) -> datetime:
    whole = at.astimezone(UTC).replace(second=0, microsecond=0)
    return whole if whole == at else whole + timedelta(minutes=1)


def _day_starts(settings: WorkspaceSettings) -> time:
    quiet = settings.quiet_hours
    return quiet.end if quiet is not None and quiet.contains(time(0)) else WORKDAY_START


def digest_moment(newest: datetime, manager: Member, settings: WorkspaceSettings) -> datetime | None:
    """The first minute, `QUIET` or more after `newest`, in the manager's working hours (their own zone).

    A day off, a holiday or the manager's time off moves it to the next day
    the manager works, when quiet hours end (`WORKDAY_START` without quiet
    hours); quiet hours move it to their end. DST-safe (`resolve_local`).
    None when the manager's next working moment is more than `MAX_WAIT` away
    (a long time off, no working week at all).
    """
    tz = zone(manager.time_zone)
    at = _ceil_minute(newest + QUIET)
    while at - newest <= MAX_WAIT:
        local = at.astimezone(tz)
        day = local.date()
        if manager.is_paused_on(day) or not is_working_day(day, settings):
            following = manager.paused_until if manager.is_paused_on(day) else None
            next_day = max(following or day, day + timedelta(days=1))
            at = resolve_local(next_day, _day_starts(settings), tz)
            continue
        if settings.quiet_hours is not None and settings.quiet_hours.contains(local.time()):
            moved, wall = outside_quiet_hours(day, local.time(), settings.quiet_hours)
            at = resolve_local(moved, wall, tz)
            continue
        return at
    return None


def bursts(uow: UnitOfWork, ws: WorkspaceRef, manager_ids: Sequence[str], after: datetime) -> dict[str, Burst]:
    """Each manager's current burst, if any: five queries for any number of managers.

    `after`: anchors over by then are not needed (a planner's or drain's
    window); debriefs are read from `DIGEST_SPAN` before it at the earliest.
    """
    wanted = list(dict.fromkeys(manager_ids))
    if not wanted:
        return {}
    workspace = uow.workspaces.get(ws)
    settings = workspace.settings if workspace is not None else WorkspaceSettings()
    managers = uow.members.get_many(ws, wanted)
    teams = uow.members.reps_of_many(ws, list(managers))
    reps = {rep.user_id: rep for team in teams.values() for rep in team}
    if not reps:
        return {}
    # Covered: everything up to QUIET before the moment of the last digest that went out.
    covered = {m: due - QUIET for m, due in uow.deliveries.last_sent(ws, KIND_NAME, list(managers)).items()}
    floor = after - DIGEST_SPAN
    since = min(max(covered.get(m, floor), floor) for m in managers)
    recent = uow.debriefs.created_since(ws, list(reps), since)
    found: dict[str, Burst] = {}
    for manager_id, manager in managers.items():
        burst = _burst(manager, teams.get(manager_id, []), recent, covered.get(manager_id), settings)
        if burst is not None:
            found[manager_id] = burst
    return found


def _burst(manager: Member, team: Sequence[Member], recent: Sequence[Debrief], covered: datetime | None,
           settings: WorkspaceSettings) -> Burst | None:
    own = {rep.user_id: rep for rep in team}
    mine = sorted((d for d in recent if d.rep_id in own and d.created_at is not None
                   and (covered is None or d.created_at > covered)),
                  key=lambda d: (d.created_at, d.id or 0))
    if not mine:
        return None
    newest = mine[-1].created_at
    assert newest is not None  # filtered above
    lines = tuple(DigestLine(own[d.rep_id], d) for d in mine if d.created_at and d.created_at >= newest - DIGEST_SPAN)
    at = digest_moment(newest, manager, settings)
    return Burst(manager, lines, at) if at is not None else None


class DebriefBursts:
    """The digest's `AnchorSource`: each manager's current burst, as one appointment."""

    def upcoming(self, uow: UnitOfWork, ws: WorkspaceRef, recipient_ids: Sequence[str], after: datetime
                 ) -> Mapping[str, Sequence[Anchor]]:
        return {manager_id: [burst.anchor] for manager_id, burst in bursts(uow, ws, recipient_ids, after).items()}


def debrief_digests(uow: UnitOfWork, ws: WorkspaceRef, occasions: Sequence[Occasion]
                    ) -> dict[Occasion, DebriefDigestNote]:
    """Five queries for any number of managers: the burst each occasion still stands for."""
    if not occasions:
        return {}
    after = min((o.at for o in occasions if o.at is not None), default=None)
    if after is None:
        return {}
    current = bursts(uow, ws, [o.recipient_id for o in occasions], after - timedelta(days=1))
    notes: dict[Occasion, DebriefDigestNote] = {}
    for occasion in occasions:
        burst = current.get(occasion.recipient_id)
        # A debrief logged since the row was queued moved the burst: that row has nothing to say.
        if burst is not None and burst.anchor.period == occasion.period:
            notes[occasion] = DebriefDigestNote(ws, burst.manager, burst.lines)
    return notes


DEBRIEF_DIGEST = ScheduledKind(
    name=KIND_NAME,
    title="Digest of your reps' debriefs (managers)",
    why="reps you coach debriefed calls",
    audience=Audience.MANAGERS,
    cadence=Cadence.BEFORE_INSTANT,
    before=timedelta(0),  # the burst's moment is already in the manager's working hours
    stale=Staleness(before_instant=-STALE_AFTER),  # a negative lead: stale two days after the moment
    source=DebriefBursts(),
    gather=debrief_digests,
    when=f"{int(QUIET.total_seconds() // 60)} min after your reps' last debrief, in your working hours",
)


"""The rep's pre-work for a 1:1, through the scheduling engine (issue 12).

Two BEFORE_INSTANT kinds over each rep's upcoming sessions, in elapsed time
(24 h before is 24 real hours, whatever a clock change in either zone):
- `session_prework`: 24 h before the session, the DM whose button opens the
  pre-work modal. A session booked less than 24 h ahead has its occurrence
  already due when booked: booking refreshes the rep's schedule, and the
  next tick sends it at once (the engine's catch-up), while it is not stale;
- `session_prework_reminder`: 2 h before, once, only when the rep has not
  written pre-work yet (the gatherer leaves the others out).
Both go stale when the session starts. A moved session is a new period; a
cancelled one is no anchor any more, so a row queued for it is skipped.
Only the rep gets them: a manager's own sessions with their manager are
theirs as a rep, so the source lists each recipient's sessions as the rep.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from domain.coaching.prework import Prework
from domain.coaching.sessions import CoachingSession
from domain.model import Member, WorkspaceRef
from domain.notifications.kind import Occasion, ScheduledKind
from domain.notifications.sessions import SessionAppointments
from domain.ports import UnitOfWork
from domain.scheduling.kinds import Audience, Cadence, Staleness

PREWORK_LEAD = timedelta(hours=24)
REMINDER_LEAD = timedelta(hours=2)
_BEFORE = timedelta(minutes=1)  # sessions starting after this much before the earliest row's


@dataclass(frozen=True)
class PreworkNote:
    workspace: WorkspaceRef
    rep: Member
    manager_id: str
    session: CoachingSession
    prework: Prework | None  # what the rep wrote already (the first DM can come after an early edit)
    reminder: bool = False


def session_id_of(occasion: Occasion) -> int | None:
    ref = occasion.ref or ""
    digits = ref[1:]
    return int(digits) if ref.startswith("s") and digits.isascii() and digits.isdigit() and len(digits) < 10 else None


Gather = Callable[[UnitOfWork, WorkspaceRef, Sequence[Occasion]], dict[Occasion, PreworkNote]]


def _gatherer(reminder: bool) -> Gather:
    def gather(uow: UnitOfWork, ws: WorkspaceRef, occasions: Sequence[Occasion]) -> dict[Occasion, PreworkNote]:
        """Three queries for any number of rows. Left out: a session cancelled, moved, gone or someone else's;
        for the reminder, one whose pre-work is in."""
        wanted = {o: session_id_of(o) for o in occasions}
        ids = [i for i in wanted.values() if i is not None]
        instants = [at for o in occasions if (at := o.at) is not None]
        upcoming = uow.sessions.upcoming_for(ws, [o.recipient_id for o in occasions],
                                             min(instants, default=datetime.max.replace(tzinfo=UTC)) - _BEFORE)
        sessions = {s.id: s for found in upcoming.values() for s in found if s.id is not None}
        written = uow.prework.for_sessions(ws, ids)
        reps = uow.members.get_many(ws, [o.recipient_id for o in occasions])
        notes: dict[Occasion, PreworkNote] = {}
        for occasion, session_id in wanted.items():
            session = sessions.get(session_id) if session_id is not None else None
            rep = reps.get(occasion.recipient_id)
            if (session is None or rep is None or not session.is_scheduled or session.rep_id != rep.user_id
                    or session.starts_at != occasion.at):
                continue
            prework = written.get(session.id or 0)
            if reminder and prework is not None:
                continue
            notes[occasion] = PreworkNote(ws, rep, session.manager_id, session, prework, reminder)
        return notes

    return gather


SESSION_PREWORK = ScheduledKind(
    name="session_prework",
    title="1:1 pre-work, 24 h before the session (reps)",
    why="you have a 1:1 booked with your manager",
    audience=Audience.REPS,
    cadence=Cadence.BEFORE_INSTANT,
    before=PREWORK_LEAD,
    stale=Staleness(before_instant=timedelta(0)),  # no use once the session has started
    source=SessionAppointments(side="rep"),
    gather=_gatherer(reminder=False),
)

SESSION_PREWORK_REMINDER = ScheduledKind(
    name="session_prework_reminder",
    title="1:1 pre-work reminder 2 h before, if still missing (reps)",
    why="your pre-work for your next 1:1 is still missing",
    audience=Audience.REPS,
    cadence=Cadence.BEFORE_INSTANT,
    before=REMINDER_LEAD,
    stale=Staleness(before_instant=timedelta(0)),
    source=SessionAppointments(side="rep"),
    gather=_gatherer(reminder=True),
)

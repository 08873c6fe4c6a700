"""The follow-up of an action plan's commitments, through the scheduling engine (issue 12).

Two ON_DATE kinds over each owner's open actions, in the owner's own calendar:
- `commitment_reminder`: 09:00 on the working day before the deadline (the
  anchor is the day before; a day off moves it back to the last working day);
- `commitment_due`: 16:00 on the deadline day, with Done / Partly / Not done.
  Late afternoon rather than the morning: at 09:00 the work is usually still
  to do that day, so the honest answer would be "not yet"; by 16:00 the owner
  can say how it went and still act on a "partly" before the day ends.
Once answered, moved or dropped, an action is no anchor for the old day: a row
already queued is skipped when drained (the gatherer leaves it out).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from domain.coaching.commitments import Commitment, CommitmentStatus
from domain.model import Member, WorkspaceRef
from domain.notifications.kind import Occasion, ScheduledKind
from domain.ports import UnitOfWork
from domain.scheduling.anchors import Anchor, Deadline
from domain.scheduling.kinds import END_OF_DAY, Audience, Cadence

DayOf = Callable[[Commitment], date]


def _day_before(commitment: Commitment) -> date:
    return commitment.deadline - timedelta(days=1)


def _deadline(commitment: Commitment) -> date:
    return commitment.deadline


@dataclass(frozen=True)
class CommitmentNote:
    workspace: WorkspaceRef
    owner: Member
    commitment: Commitment


@dataclass(frozen=True)
class OpenCommitments:
    """The `AnchorSource`: each owner's open actions, one query per batch; `day_of` is the anchor's day."""

    day_of: DayOf

    def upcoming(
        self, uow: UnitOfWork, ws: WorkspaceRef, recipient_ids: Sequence[str], after: datetime
    ) -> Mapping[str, Sequence[Anchor]]:
        found = uow.commitments.owned_by(ws, recipient_ids, (CommitmentStatus.OPEN,))
        anchors = {owner: [a for a in (Deadline(c.ref, self.day_of(c)) for c in items) if a.is_upcoming(after)]
                   for owner, items in found.items()}
        return {owner: mine for owner, mine in anchors.items() if mine}


def commitment_id(occasion: Occasion) -> int | None:
    ref = occasion.ref or ""
    digits = ref[1:]
    return int(digits) if ref.startswith("c") and digits.isascii() and digits.isdigit() and len(digits) < 10 else None


Gather = Callable[[UnitOfWork, WorkspaceRef, Sequence[Occasion]], dict[Occasion, CommitmentNote]]


def _gatherer(day_of: DayOf) -> Gather:
    def gather(uow: UnitOfWork, ws: WorkspaceRef, occasions: Sequence[Occasion]) -> dict[Occasion, CommitmentNote]:
        """Two queries for any number of rows. Left out: answered, dropped, gone, handed to someone else, or
        due on another day now."""
        wanted = {o: commitment_id(o) for o in occasions}
        found = uow.commitments.get_many(ws, [c for c in wanted.values() if c is not None])
        owners = uow.members.get_many(ws, [o.recipient_id for o in occasions])
        notes: dict[Occasion, CommitmentNote] = {}
        for occasion, wanted_id in wanted.items():
            commitment = found.get(wanted_id) if wanted_id is not None else None
            owner = owners.get(occasion.recipient_id)
            if (commitment is None or owner is None or not commitment.is_open
                    or commitment.owner_id != owner.user_id or day_of(commitment) != occasion.on):
                continue
            notes[occasion] = CommitmentNote(ws, owner, commitment)
        return notes

    return gather


COMMITMENT_REMINDER = ScheduledKind(
    name="commitment_reminder",
    title="Commitment reminder the working day before its deadline",
    why="you own an action from a coaching plan, due next working day",
    audience=Audience.EVERYONE,  # a delegated owner may be on no coaching team
    cadence=Cadence.ON_DATE,
    local_time=time(9, 0),
    stale=END_OF_DAY,
    source=OpenCommitments(_day_before),
    gather=_gatherer(_day_before),
)

COMMITMENT_DUE = ScheduledKind(
    name="commitment_due",
    title="Commitment follow-up on its deadline: done, partly or not done",
    why="you own an action from a coaching plan, due today",
    audience=Audience.EVERYONE,
    cadence=Cadence.ON_DATE,
    local_time=time(16, 0),
    stale=END_OF_DAY,
    source=OpenCommitments(_deadline),
    gather=_gatherer(_deadline),
)

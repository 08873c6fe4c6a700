"""The morning a homework is due (09:00 the rep's time): what it asks, with the Hand in button.

An ON_DATE kind: each rep's open homework is a `Deadline` (`OpenHomework`
lists them). A due date on a day off is announced on the last working day
before it; time off and `/coach notify off homework_due` silence it. Once
handed in, the homework is no anchor any more: the reminder is not planned,
and one already queued is skipped when drained (the gatherer leaves it out).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, time

from domain.coaching.homework import Homework, HomeworkStatus
from domain.model import Member, WorkspaceRef
from domain.notifications.kind import Occasion, ScheduledKind
from domain.ports import UnitOfWork
from domain.scheduling.anchors import Anchor, Deadline
from domain.scheduling.kinds import END_OF_DAY, Audience, Cadence


@dataclass(frozen=True)
class HomeworkDueNote:
    workspace: WorkspaceRef
    rep: Member
    homework: Homework


class OpenHomework:
    """The `AnchorSource` of the reminder: each rep's homework not handed in yet, one query per batch."""

    def upcoming(
        self, uow: UnitOfWork, ws: WorkspaceRef, recipient_ids: Sequence[str], after: datetime
    ) -> Mapping[str, Sequence[Anchor]]:
        found = uow.homework.for_reps(ws, recipient_ids, (HomeworkStatus.ASSIGNED,))
        anchors = {rep_id: [a for a in (Deadline(h.ref, h.due_on) for h in items) if a.is_upcoming(after)]
                   for rep_id, items in found.items()}
        return {rep_id: mine for rep_id, mine in anchors.items() if mine}


def _homework_id(occasion: Occasion) -> int | None:
    ref = occasion.ref or ""
    digits = ref[1:]
    return int(digits) if ref.startswith("h") and digits.isascii() and digits.isdigit() and len(digits) < 10 else None


def homework_due_notes(
    uow: UnitOfWork, ws: WorkspaceRef, occasions: Sequence[Occasion]
) -> dict[Occasion, HomeworkDueNote]:
    """Two queries for any number of rows: the homework and their reps.

    Left out (skipped, "nothing to send any more"): homework handed in since
    it was queued, gone, given to someone else, or due on another day now.
    """
    wanted = {o: _homework_id(o) for o in occasions}
    homework = uow.homework.get_many(ws, [h for h in wanted.values() if h is not None])
    reps = uow.members.get_many(ws, [o.recipient_id for o in occasions])
    notes: dict[Occasion, HomeworkDueNote] = {}
    for occasion, homework_id in wanted.items():
        found = homework.get(homework_id) if homework_id is not None else None
        rep = reps.get(occasion.recipient_id)
        if (found is None or rep is None or not found.is_open or found.rep_id != rep.user_id
                or found.due_on != occasion.on):
            continue
        notes[occasion] = HomeworkDueNote(ws, rep, found)
    return notes


OPEN_HOMEWORK = OpenHomework()

HOMEWORK_DUE = ScheduledKind(
    name="homework_due",
    title="Homework reminder on its due date (reps)",
    why="you have coaching homework due and not handed in",
    audience=Audience.REPS,
    cadence=Cadence.ON_DATE,
    local_time=time(9, 0),
    stale=END_OF_DAY,
    source=OPEN_HOMEWORK,
    gather=homework_due_notes,
)

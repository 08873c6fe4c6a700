"""Every rep's homework at a glance, for many reps in one query (App Home: the rep's own, a manager's team).

`load_homework` reads the unfinished homework (assigned, or handed in and
waiting for feedback) of any number of reps in one query, whatever their
number; "late" is read in each rep's own calendar.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from domain.coaching.homework import Homework, HomeworkStatus
from domain.model import Member, WorkspaceRef
from domain.ports import UnitOfWork
from domain.scheduling.calendar import zone

UNFINISHED = (HomeworkStatus.ASSIGNED, HomeworkStatus.HANDED_IN)


@dataclass(frozen=True)
class RepHomework:
    """One rep's unfinished homework, earliest due first."""

    rep_id: str
    open: tuple[Homework, ...] = ()  # assigned, due today or later
    late: tuple[Homework, ...] = ()  # assigned, past its due date
    awaiting_feedback: tuple[Homework, ...] = ()  # handed in, not answered yet

    @property
    def count(self) -> int:
        return len(self.open) + len(self.late) + len(self.awaiting_feedback)


def load_homework(uow: UnitOfWork, ws: WorkspaceRef, reps: Iterable[Member], now: datetime) -> dict[str, RepHomework]:
    """By rep id, for every rep given (one with nothing unfinished gets an empty `RepHomework`); one query."""
    people = {rep.user_id: rep for rep in reps}
    found = uow.homework.for_reps(ws, people, UNFINISHED) if people else {}
    return {rep_id: summarise(rep, found.get(rep_id, []), now) for rep_id, rep in people.items()}


def summarise(rep: Member, homework: Iterable[Homework], now: datetime) -> RepHomework:
    today = now.astimezone(zone(rep.time_zone)).date()
    items = sorted(homework, key=lambda h: (h.due_on, h.id or 0))
    return RepHomework(
        rep.user_id,
        open=tuple(h for h in items if h.is_open and not h.overdue_on(today)),
        late=tuple(h for h in items if h.overdue_on(today)),
        awaiting_feedback=tuple(h for h in items if h.status is HomeworkStatus.HANDED_IN),
    )

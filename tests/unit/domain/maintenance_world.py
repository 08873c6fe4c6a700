"""A rep in maintenance and their debriefs month by month, shared by the maintenance service and job tests.

Lena (London) and Chen (Singapore) started their cycles on Monday 7 September 2026, so from November they
are past week 8: in maintenance. Both focus on discovery and closing. Their questions asked per discovery call
fall from 6 (November) to 5 (December) to 4 (January): worse two months running by the February check-in.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta

from domain.coaching.calls import CallAnswers, CallRef, CallType
from domain.coaching.cycle import CoachingCycle
from domain.coaching.debriefs import Debrief
from domain.model import Member, Role, Workspace, WorkspaceRef
from domain.ports import UnitOfWorkFactory

WS, OTHER = WorkspaceRef("T1"), WorkspaceRef("T2")
QUESTIONS = "discovery_questions_asked"
STARTED = date(2026, 9, 7)
ANSWERS = CallAnswers("Asked about budget", "Let them talk", "Quantify the pain")
# The first Tuesdays, 10:00 in London (UTC in winter).
DECEMBER, JANUARY, FEBRUARY = (datetime(2026, 12, 1, 10, tzinfo=UTC), datetime(2027, 1, 5, 10, tzinfo=UTC),
                               datetime(2027, 2, 2, 10, tzinfo=UTC))
# The four full weeks before each of them, and the questions asked on each working day.
MONTHS = ((date(2026, 11, 2), 6), (date(2026, 12, 7), 5), (date(2027, 1, 4), 4))


def workspace(uow_factory: UnitOfWorkFactory) -> dict[str, int]:
    """The people, and each rep's cycle id."""
    cycles: dict[str, int] = {}
    with uow_factory() as uow:
        uow.workspaces.add(Workspace(WS))
        uow.workspaces.add(Workspace(OTHER))
        uow.members.add(Member(WS, "UADMIN", "Ada", "Europe/London", is_admin=True))
        uow.members.add(Member(WS, "UMGR", "Maya", "America/New_York", role=Role.MANAGER))
        uow.members.add(Member(WS, "UMGR2", "Omar", "America/Chicago", role=Role.MANAGER))
        uow.members.add(Member(WS, "UL", "Lena", "Europe/London", manager_id="UMGR"))
        uow.members.add(Member(WS, "UC", "Chen", "Asia/Singapore", manager_id="UMGR"))
        uow.members.add(Member(WS, "UO", "Otto", "Europe/Berlin", manager_id="UMGR2"))
        uow.members.add(Member(OTHER, "UL", "Lena elsewhere", "Europe/London", manager_id="UMGR"))
        for rep_id, manager_id in (("UL", "UMGR"), ("UC", "UMGR"), ("UO", "UMGR2")):
            cycle = uow.cycles.add(CoachingCycle(WS, rep_id, manager_id, STARTED))
            cycles[rep_id] = cycle.id or 0
            uow.priorities.set_focus(WS, cycle.id or 0, ["discovery", "closing"])
        uow.commit()
    return cycles


def working_days(monday: date, weeks: int = 4) -> Iterable[date]:
    return (monday + timedelta(days=n) for n in range(7 * weeks) if (monday + timedelta(days=n)).weekday() < 5)


def debriefs(uow_factory: UnitOfWorkFactory, rep_id: str = "UL", months: Iterable[tuple[date, float]] = MONTHS) -> None:
    with uow_factory() as uow:
        for monday, questions in months:
            for n, day in enumerate(working_days(monday)):
                uow.debriefs.add(Debrief(WS, rep_id, CallRef(f"Call {n}"), CallType.DISCOVERY, day, ANSWERS,
                                         {QUESTIONS: questions}, skills=("discovery",)))
        uow.commit()

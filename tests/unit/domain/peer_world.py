"""A workspace for peer-learning tests: two teams with focus skills, and debriefs over two weeks.

Maya (UMGR) manages Alex (UA), Bea (UB) and Dan (UD); Omar (UMGR2) manages Chen (UC).
Everyone's focus is discovery; `debriefs` gives a rep a week of calls with a
number of discovery questions each and their own "what went well".
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date, timedelta

from domain.catalog import load_catalog
from domain.coaching.calls import CallAnswers, CallRef, CallType
from domain.coaching.cycle import CoachingCycle
from domain.coaching.debriefs import Debrief
from domain.model import Member, Role, Workspace, WorkspaceRef, WorkspaceSettings
from domain.ports import UnitOfWorkFactory

WS = WorkspaceRef("T1")
CATALOG = load_catalog()
QUESTIONS = "discovery_questions_asked"
THIS_MONDAY, LAST_MONDAY = date(2026, 12, 7), date(2026, 11, 30)  # Friday 11 Dec is in 2026-W50
WEEK = "2026-W50"
CHANNEL = "CCOACH"
TEAMS = {"UMGR": ("UA", "UB", "UD"), "UMGR2": ("UC",)}


def workspace(uow_factory: UnitOfWorkFactory, *, channel: str | None = CHANNEL) -> None:
    with uow_factory() as uow:
        uow.workspaces.add(Workspace(WS, settings=WorkspaceSettings(coaching_channel=channel)))
        uow.members.add(Member(WS, "UADMIN", "Ada", "Europe/London", is_admin=True))
        for manager_id, reps in TEAMS.items():
            uow.members.add(Member(WS, manager_id, manager_id, "America/New_York", role=Role.MANAGER))
            for rep_id in reps:
                uow.members.add(Member(WS, rep_id, rep_id, "America/New_York", manager_id=manager_id))
                cycle = uow.cycles.add(CoachingCycle(WS, rep_id, manager_id, date(2026, 11, 16)))
                assert cycle.id is not None
                uow.priorities.set_focus(WS, cycle.id, ["discovery"])
        uow.commit()


def debriefs(uow_factory: UnitOfWorkFactory, rep_id: str, monday: date, questions: Sequence[float],
             went_well: str = "Asked about budget early", ws: WorkspaceRef = WS) -> None:
    with uow_factory() as uow:
        for n, value in enumerate(questions):
            answers = CallAnswers(f"{went_well} ({n + 1})", "Let them talk longer", "Quantify the pain")
            uow.debriefs.add(Debrief(ws, rep_id, CallRef(f"Call {n}"), CallType.DISCOVERY,
                                     monday + timedelta(days=n % 5), answers, {QUESTIONS: value},
                                     skills=("discovery",)))
        uow.commit()


def two_weeks(uow_factory: UnitOfWorkFactory, rep_id: str, last: Sequence[float], this: Sequence[float],
              went_well: str = "Asked about budget early", ws: WorkspaceRef = WS) -> None:
    debriefs(uow_factory, rep_id, LAST_MONDAY, last, went_well, ws)
    debriefs(uow_factory, rep_id, THIS_MONDAY, this, went_well, ws)


def mute(uow_factory: UnitOfWorkFactory, rep_id: str, kind: str) -> None:
    with uow_factory() as uow:
        member = uow.members.get(WS, rep_id)
        assert member is not None
        uow.members.update(replace(member, muted_kinds=member.muted_kinds | {kind}))
        uow.commit()

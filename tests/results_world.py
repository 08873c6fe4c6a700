"""A finished 8-week cycle with real figures, for the cycle's results tests and benchmark (any unit of work).

Maya (UMGR, New York) coaches the reps; each rep's cycle began on Monday
5 Oct 2026 (week 3: 19 Oct, week 8 ends Sun 29 Nov) with discovery as the
focus skill and a signed contract of half an hour a week. Each rep has:
- debriefs: three in week 3 (3, 4 and 2 questions; impact quantified once),
  three in each of weeks 7 and 8 (6, 7, 8 questions; impact twice);
- Maya's call scores: two calls in week 1 (discovery quality 2 and 3), two
  in week 7 (4 and 5), and one self-score the figures leave out;
- four deals: one lost before the cycle, one won during it, two open;
- three actions: two done on time, one not done;
- six weekly 45-minute 1:1s in weeks 3-8, and one cancelled.
NOW is Wednesday 2 Dec 2026, in week 9 (maintenance).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal

from domain.coaching.calls import CallAnswers, CallRef, CallType
from domain.coaching.commitments import Change, ChangeKind, Commitment, CommitmentStatus
from domain.coaching.contract import CoachingContract, SuccessMetric
from domain.coaching.cycle import CoachingCycle
from domain.coaching.debriefs import Debrief
from domain.coaching.scoring import CallScore
from domain.coaching.sessions import CoachingSession
from domain.model import Member, Role, Workspace, WorkspaceRef
from domain.pipeline.model import DealStatus, Opportunity, Stage
from domain.ports import UnitOfWork

WS = WorkspaceRef("TRES")
START = date(2026, 10, 5)
NOW = datetime(2026, 12, 2, 15, tzinfo=UTC)
MANAGER = "UMGR"
QUESTIONS, IMPACT = "discovery_questions_asked", "business_impact_quantified"
ANSWERS = CallAnswers("Asked about the cost of delay", "Let them talk", "Quantify the pain")


def add_people(uow: UnitOfWork, reps: int, prefix: str = "UR") -> list[str]:
    """The workspace, Maya, an admin (UADMIN), another manager (UOTHER) and `reps` reps of Maya's."""
    uow.workspaces.add(Workspace(WS))
    uow.members.add(Member(WS, MANAGER, "Maya", "America/New_York", role=Role.MANAGER))
    uow.members.add(Member(WS, "UOTHER", "Omar", "America/Chicago", role=Role.MANAGER))
    uow.members.add(Member(WS, "UADMIN", "Ada", "Europe/London", is_admin=True))
    ids = [f"{prefix}{n:03d}" for n in range(reps)]
    for n, rep in enumerate(ids):
        uow.members.add(Member(WS, rep, f"Rep {n:03d}", "America/New_York", manager_id=MANAGER))
    return ids


def add_cycle(uow: UnitOfWork, rep: str, start: date = START, manager: str = MANAGER,
              ws: WorkspaceRef = WS) -> CoachingCycle:
    """The rep's cycle from `start` (a Monday) and everything the results read, dated from it."""

    def day(days: int) -> date:
        return start + timedelta(days=days)

    def at(days: int, hour: int = 15) -> datetime:
        return datetime.combine(day(days), time(hour), tzinfo=UTC)

    cycle = uow.cycles.add(CoachingCycle(ws, rep, manager, start))
    assert cycle.id is not None
    uow.priorities.set_focus(ws, cycle.id, ["discovery"])
    uow.contracts.save(CoachingContract(ws, rep, manager, [SuccessMetric("discovery", QUESTIONS, "6 per call")],
                                        0.5, "Debrief every call", "A 1:1 every week", rep_signed_at=at(9),
                                        manager_signed_at=at(9), cycle_id=cycle.id))
    for week, asked, impact in ((2, (3, 4, 2), (True, False, False)), (6, (6, 7, 8), (True, True, False)),
                                (7, (6, 7, 8), (True, False, True))):
        for n, (questions, quantified) in enumerate(zip(asked, impact, strict=True)):
            uow.debriefs.add(Debrief(ws, rep, CallRef(f"Acme {n}"), CallType.DISCOVERY, day(7 * week + n),
                                     ANSWERS, {QUESTIONS: questions, IMPACT: quantified}, ("discovery",),
                                     cycle.id))
    for days, quality in ((1, 2), (2, 3), (43, 4), (45, 5)):
        uow.call_scores.add(CallScore(ws, rep, manager, f"Call {day(days)}", day(days),
                                      {"discovery_quality": quality, "value_connection": 3}))
    uow.call_scores.add(CallScore(ws, rep, rep, "My own", day(42), {"discovery_quality": 1}))
    uow.pipeline.upsert(ws, [
        Opportunity(ws, f"{rep}-L", rep, "Lost before", Decimal(40_000), Stage.QUALIFYING, DealStatus.LOST,
                    day(-63), day(-21), stage_entered={Stage.PROSPECTING: day(-63), Stage.QUALIFYING: day(-42)}),
        Opportunity(ws, f"{rep}-W", rep, "Won during", Decimal(60_000), Stage.CLOSING, DealStatus.WON,
                    day(-28), day(46), stage_entered={Stage.PROSPECTING: day(-28), Stage.QUALIFYING: day(-14),
                                                      Stage.PRESENTING: day(14), Stage.CLOSING: day(28)}),
        Opportunity(ws, f"{rep}-O1", rep, "Open one", Decimal(30_000), Stage.PRESENTING, DealStatus.OPEN,
                    day(-34), stage_entered={Stage.PROSPECTING: day(-34), Stage.QUALIFYING: day(-20),
                                             Stage.PRESENTING: day(21)}),
        Opportunity(ws, f"{rep}-O2", rep, "Open two", Decimal(50_000), Stage.QUALIFYING, DealStatus.OPEN,
                    day(7), stage_entered={Stage.PROSPECTING: day(7), Stage.QUALIFYING: day(15)}),
    ])
    created = (Change(ChangeKind.CREATED, manager, at(15, 0)),)
    for n, (deadline, status, answered) in enumerate(((25, CommitmentStatus.DONE, 24),
                                                      (39, CommitmentStatus.DONE, 39),
                                                      (46, CommitmentStatus.NOT_DONE, 47))):
        uow.commitments.add(Commitment(ws, rep, manager, rep, f"Action {n}", day(deadline), f"p{n}", status=status,
                                       answered_on=day(answered), history=created))
    for week in range(2, 8):
        uow.sessions.add(CoachingSession(ws, rep, manager, at(7 * week + 1)))
    uow.sessions.add(CoachingSession(ws, rep, manager, at(18)).cancelled_by(manager, at(17, 0)))
    return cycle


def finished_start(today: date) -> date:
    """The Monday nine weeks before `today`'s week: a cycle from it is over, its results due."""
    return today - timedelta(days=today.weekday(), weeks=9)


def populate(uow: UnitOfWork, reps: int, prefix: str = "UR", start: date = START) -> list[str]:
    ids = add_people(uow, reps, prefix)
    for rep in ids:
        add_cycle(uow, rep, start)
    return ids

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

from datetime import UTC, date, datetime, timedelta
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
WEEK3, WEEK7, WEEK8 = START + timedelta(weeks=2), START + timedelta(weeks=6), START + timedelta(weeks=7)


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


def add_cycle(uow: UnitOfWork, rep: str) -> CoachingCycle:
    """The rep's finished cycle and everything the results read."""
    cycle = uow.cycles.add(CoachingCycle(WS, rep, MANAGER, START))
    assert cycle.id is not None
    uow.priorities.set_focus(WS, cycle.id, ["discovery"])
    signed = datetime(2026, 10, 14, 15, tzinfo=UTC)
    uow.contracts.save(CoachingContract(WS, rep, MANAGER, [SuccessMetric("discovery", QUESTIONS, "6 per call")],
                                        0.5, "Debrief every call", "A 1:1 every week", rep_signed_at=signed,
                                        manager_signed_at=signed, cycle_id=cycle.id))
    for monday, asked, impact in ((WEEK3, (3, 4, 2), (True, False, False)),
                                  (WEEK7, (6, 7, 8), (True, True, False)), (WEEK8, (6, 7, 8), (True, False, True))):
        for n, (questions, quantified) in enumerate(zip(asked, impact, strict=True)):
            uow.debriefs.add(Debrief(WS, rep, CallRef(f"Acme {n}"), CallType.DISCOVERY, monday + timedelta(days=n),
                                     ANSWERS, {QUESTIONS: questions, IMPACT: quantified}, ("discovery",),
                                     cycle.id))
    for day, quality in ((START + timedelta(days=1), 2), (START + timedelta(days=2), 3),
                         (WEEK7 + timedelta(days=1), 4), (WEEK7 + timedelta(days=3), 5)):
        uow.call_scores.add(CallScore(WS, rep, MANAGER, f"Call {day}", day,
                                      {"discovery_quality": quality, "value_connection": 3}))
    uow.call_scores.add(CallScore(WS, rep, rep, "My own", WEEK7, {"discovery_quality": 1}))
    uow.pipeline.upsert(WS, [
        Opportunity(WS, f"{rep}-L", rep, "Lost before", Decimal(40_000), Stage.QUALIFYING, DealStatus.LOST,
                    date(2026, 8, 3), date(2026, 9, 14),
                    stage_entered={Stage.PROSPECTING: date(2026, 8, 3), Stage.QUALIFYING: date(2026, 8, 24)}),
        Opportunity(WS, f"{rep}-W", rep, "Won during", Decimal(60_000), Stage.CLOSING, DealStatus.WON,
                    date(2026, 9, 7), date(2026, 11, 20),
                    stage_entered={Stage.PROSPECTING: date(2026, 9, 7), Stage.QUALIFYING: date(2026, 9, 21),
                                   Stage.PRESENTING: date(2026, 10, 19), Stage.CLOSING: date(2026, 11, 2)}),
        Opportunity(WS, f"{rep}-O1", rep, "Open one", Decimal(30_000), Stage.PRESENTING, DealStatus.OPEN,
                    date(2026, 9, 1), stage_entered={Stage.PROSPECTING: date(2026, 9, 1),
                                                     Stage.QUALIFYING: date(2026, 9, 15),
                                                     Stage.PRESENTING: date(2026, 10, 26)}),
        Opportunity(WS, f"{rep}-O2", rep, "Open two", Decimal(50_000), Stage.QUALIFYING, DealStatus.OPEN,
                    date(2026, 10, 12), stage_entered={Stage.PROSPECTING: date(2026, 10, 12),
                                                       Stage.QUALIFYING: date(2026, 10, 20)}),
    ])
    created = (Change(ChangeKind.CREATED, MANAGER, datetime(2026, 10, 20, tzinfo=UTC)),)
    for n, (deadline, status, answered) in enumerate((
            (date(2026, 10, 30), CommitmentStatus.DONE, date(2026, 10, 29)),
            (date(2026, 11, 13), CommitmentStatus.DONE, date(2026, 11, 13)),
            (date(2026, 11, 20), CommitmentStatus.NOT_DONE, date(2026, 11, 21)))):
        uow.commitments.add(Commitment(WS, rep, MANAGER, rep, f"Action {n}", deadline, f"p{n}", status=status,
                                       answered_on=answered, history=created))
    for week in range(2, 8):
        uow.sessions.add(CoachingSession(WS, rep, MANAGER, datetime.combine(
            START + timedelta(weeks=week, days=1), datetime.min.time(), tzinfo=UTC) + timedelta(hours=15)))
    uow.sessions.add(CoachingSession(WS, rep, MANAGER, datetime(2026, 10, 23, 15, tzinfo=UTC)).cancelled_by(
        MANAGER, datetime(2026, 10, 22, tzinfo=UTC)))
    return cycle


def populate(uow: UnitOfWork, reps: int, prefix: str = "UR") -> list[str]:
    ids = add_people(uow, reps, prefix)
    for rep in ids:
        add_cycle(uow, rep)
    return ids
